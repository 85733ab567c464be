
export type RatecardView = { png_data_url: string, pages: number, valid_until: string, packages: Array<string>, };
