
export type PricePointsView = { floor: string, target: string, anchor: string, };
