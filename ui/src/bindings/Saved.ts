
export type Saved = { path: string, bytes: number, };
