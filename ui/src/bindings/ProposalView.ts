import type { AddOnView } from "./AddOnView";
import type { LineView } from "./LineView";
import type { OfferView } from "./OfferView";
import type { PerformanceView } from "./PerformanceView";
import type { PricePointsView } from "./PricePointsView";

export type ProposalView = { date: string, as_of: string, season: string, season_factor: string, season_posts: number, audience_growth: string, cpm_growth: string, currency: string, lines: Array<LineView>, addons: Array<AddOnView>, bundle_discount_percent: string, total: PricePointsView, performance: PerformanceView, offer: OfferView | null, };
