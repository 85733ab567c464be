
export type PerformanceView = { base: string | null, guaranteed_impressions: number, bonus_cpm: string | null, cap: string, };
