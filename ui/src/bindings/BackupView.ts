
export type BackupView = { name: string, kind: string, created: string, bytes: number, };
