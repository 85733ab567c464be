import type { AddOnDaysView } from "./AddOnDaysView";

export type AddOnView = { name: string, days: AddOnDaysView | null, percent: string, };
