import type { GroupView } from "./GroupView";
import type { PostView } from "./PostView";
import type { SeasonView } from "./SeasonView";
import type { StatsView } from "./StatsView";

export type OverviewView = { base_currency: string, total_posts: number, from: string, to: string, headline: StatsView, segments: Array<GroupView>, seasons: Array<SeasonView>, quarters: Array<GroupView>, needs_impressions: Array<PostView>, };
