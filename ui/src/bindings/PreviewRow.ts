
export type PreviewRow = { line: number, date: string, brand: string, platform: string, format: string, fee: string, currency: string, impressions: number | null, };
