
export type ReportQuery = { by: Array<string>, from: string, to: string, platform: string, format: string, brand: string, };
