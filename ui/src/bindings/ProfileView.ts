import type { HandleView } from "./HandleView";

export type ProfileView = { name: string, handles: Array<HandleView>, base_currency: string, payment_terms: string, accent: string, logo: string | null, };
