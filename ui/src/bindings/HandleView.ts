
export type HandleView = { platform: string, handle: string, audience: string, };
