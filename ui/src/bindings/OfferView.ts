
export type OfferView = { amount: string, cpm: string | null, percentile: number, verdict: string, counter: string | null, };
