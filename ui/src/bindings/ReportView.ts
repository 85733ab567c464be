import type { ExclusionView } from "./ExclusionView";
import type { GroupView } from "./GroupView";
import type { StatsView } from "./StatsView";

export type ReportView = { base_currency: string, by: Array<string>, groups: Array<GroupView>, total: StatsView, excluded: Array<ExclusionView>, };
