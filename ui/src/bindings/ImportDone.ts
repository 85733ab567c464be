
export type ImportDone = { added: number, duplicates: number, };
