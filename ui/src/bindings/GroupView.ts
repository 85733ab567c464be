import type { StatsView } from "./StatsView";

export type GroupView = { key: { [key in string]?: string }, stats: StatsView, post_ids: Array<number>, };
