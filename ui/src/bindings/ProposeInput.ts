import type { DeliverableInput } from "./DeliverableInput";

export type ProposeInput = { deliverables: Array<DeliverableInput>, date: string, brand: string, usage_rights: string, exclusivity: string, whitelisting: string, rush: boolean, offer: string, };
