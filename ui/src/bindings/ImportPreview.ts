import type { MappingView } from "./MappingView";
import type { PreviewRow } from "./PreviewRow";
import type { RowErrorView } from "./RowErrorView";

export type ImportPreview = { file_name: string, errors: Array<RowErrorView>, total_errors: number, rows: number, first_rows: Array<PreviewRow>, mapping: Array<MappingView>, warnings: Array<string>, would_add: number, duplicates: number, };
