
export type PlatformView = { slug: string, name: string, };
