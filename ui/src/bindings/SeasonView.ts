
export type SeasonView = { season: string, factor: string, posts: number, };
