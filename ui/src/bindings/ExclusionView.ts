
export type ExclusionView = { id: number, reason: string, };
