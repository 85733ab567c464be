
export type StatsView = { posts: number, measured_posts: number, fee: string, impressions: number, cpm: string | null, cpm_median: string | null, cpm_p25: string | null, cpm_p75: string | null, cpm_min: string | null, cpm_max: string | null, ctr: string | null, engagement_rate: string | null, cpe: string | null, cpc: string | null, cpv: string | null, thin: boolean, };
