
export type RowErrorView = { line: number, column: string, message: string, value: string, };
