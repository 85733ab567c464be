
export type AppError = { kind: string, message: string, };
