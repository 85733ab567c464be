
export type DeliverableInput = { platform: string, format: string, quantity: string, impressions: string, };
