
export type RatecardInput = { date: string, how_i_price: boolean, performance: boolean, };
