import type { PricePointsView } from "./PricePointsView";

export type LineView = { platform: string, format: string, quantity: number, projected_impressions: number, projection: string, confidence: string, evidence_posts: number, evidence_from: string | null, evidence_to: string | null, cpm: PricePointsView, price: PricePointsView, working: string, };
