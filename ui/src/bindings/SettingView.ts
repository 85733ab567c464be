
export type SettingView = { key: string, value: string, default: string, source: string, };
