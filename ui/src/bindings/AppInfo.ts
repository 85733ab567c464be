import type { PlatformView } from "./PlatformView";

export type AppInfo = { version: string, db_path: string, base_currency: string, symbol: string, accent: string, post_count: number, platforms: Array<PlatformView>, formats: Array<string>, brands: Array<string>, last_platform: string, last_format: string, today: string, ratecard: boolean, };
