
export type PostInput = { date: string, brand: string, platform: string, format: string, fee: string, currency: string, fx_rate: string, impressions: string, reach: string, views: string, likes: string, comments: string, shares: string, saves: string, clicks: string, campaign: string, url: string, notes: string, };
