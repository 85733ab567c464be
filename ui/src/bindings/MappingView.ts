
export type MappingView = { header: string, column: string, };
