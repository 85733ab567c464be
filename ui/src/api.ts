// Typed calls into the app's Rust commands. The types are generated from the Rust
// ones by ts-rs (src-tauri, `cargo test -p mille-app`), never written by hand.
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { AppInfo } from "./bindings/AppInfo";
import type { BackupView } from "./bindings/BackupView";
import type { ImportDone } from "./bindings/ImportDone";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportChoices } from "./bindings/ImportChoices";
import type { ExportPreview } from "./bindings/ExportPreview";
import type { OverviewView } from "./bindings/OverviewView";
import type { PostInput } from "./bindings/PostInput";
import type { PostView } from "./bindings/PostView";
import type { PostsPageQuery } from "./bindings/PostsPageQuery";
import type { PostsPageView } from "./bindings/PostsPageView";
import type { TrashPageQuery } from "./bindings/TrashPageQuery";
import type { ProfileView } from "./bindings/ProfileView";
import type { ProposalView } from "./bindings/ProposalView";
import type { ProposeInput } from "./bindings/ProposeInput";
import type { ReportQuery } from "./bindings/ReportQuery";
import type { ReportView } from "./bindings/ReportView";
import type { Saved } from "./bindings/Saved";
import type { SettingView } from "./bindings/SettingView";
import type { RatecardView } from "./bindings/RatecardView";
import type { RatecardInput } from "./bindings/RatecardInput";
import type { PackageEdit } from "./bindings/PackageEdit";
import type { PackageLineEdit } from "./bindings/PackageLineEdit";
import type { PackagesView } from "./bindings/PackagesView";
import type { BookingInput } from "./bindings/BookingInput";
import type { DealInput } from "./bindings/DealInput";
import type { DealRowView } from "./bindings/DealRowView";
import type { DealPanelView } from "./bindings/DealPanelView";
import type { DealsBoardView } from "./bindings/DealsBoardView";
import type { DealsMoneyView } from "./bindings/DealsMoneyView";
import type { OfferCheckView } from "./bindings/OfferCheckView";
import type { OfferInput } from "./bindings/OfferInput";
import type { AcceptedView } from "./bindings/AcceptedView";
import type { DealsReportView } from "./bindings/DealsReportView";
import type { DeliveredView } from "./bindings/DeliveredView";

export type { AppError, AppInfo, BackupView, ImportChoices, ImportPreview, ExportPreview, OverviewView, PostInput, PostView, PostsPageQuery, PostsPageView, ProfileView };
export type { ProposalView, ProposeInput, ReportQuery, ReportView, SettingView, RatecardView, RatecardInput, TrashPageQuery };
export type { PackageEdit, PackageLineEdit, PackagesView };
export type { BookingInput, DealInput, DealRowView, DealPanelView, DealsBoardView, DealsMoneyView, OfferCheckView, OfferInput };
export type { AcceptedView, DealsReportView, DeliveredView };

/// Every failure arrives as {kind, message}; anything else is wrapped as one.
export function asError(e: unknown): AppError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) return e as AppError;
  return { kind: "internal", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asError(e);
  }
}

export const api = {
  summary: () => call<AppInfo>("summary"),
  markReady: () => call<number>("mark_ready"),
  postsById: (ids: number[]) => call<PostView[]>("posts_by_id", { ids }),
  postsPage: (query: PostsPageQuery) => call<PostsPageView>("posts_page", { query }),
  getPost: (id: number) => call<PostView>("get_post", { id }),
  listTrash: (query: TrashPageQuery) => call<PostsPageView>("list_trash", { query }),
  addPost: (input: PostInput, deal: number | null = null) => call<PostView>("add_post", { input, deal }),
  updatePost: (id: number, input: PostInput) => call<PostView>("update_post", { id, input }),
  deletePost: (id: number) => call<null>("delete_post", { id }),
  restorePost: (id: number) => call<PostView>("restore_post", { id }),
  overview: () => call<OverviewView>("overview"),
  report: (query: ReportQuery) => call<ReportView>("report", { query }),
  loadSample: () => call<ImportDone>("load_sample"),
  pickImportFile: () => call<string | null>("pick_import_file"),
  importPreview: (choices: ImportChoices) => call<ImportPreview>("import_preview", { choices }),
  importCommit: (choices: ImportChoices, keepGoing: boolean) => call<ImportDone | null>("import_commit", { choices, keepGoing }),
  exportCsv: () => call<Saved | null>("export_csv"),
  propose: (input: ProposeInput) => call<ProposalView>("propose", { input }),
  getProfile: () => call<ProfileView>("get_profile"),
  setProfile: (profile: ProfileView) => call<ProfileView>("set_profile", { profile }),
  getSettings: () => call<SettingView[]>("get_settings"),
  setSetting: (key: string, value: string) => call<SettingView[]>("set_setting", { key, value }),
  listBackups: () => call<BackupView[]>("list_backups"),
  createBackup: () => call<BackupView>("create_backup"),
  restoreBackup: (name: string) => call<BackupView>("restore_backup", { name }),
  ratecardDefaults: () => call<RatecardInput>("ratecard_defaults"),
  ratecardPreview: (input: RatecardInput) => call<RatecardView>("ratecard_preview", { input }),
  ratecardExport: (input: RatecardInput) => call<Saved | null>("ratecard_export", { input }),
  ratecardPackages: () => call<PackagesView>("ratecard_packages"),
  ratecardSavePackages: (packages: PackageEdit[]) => call<PackagesView>("ratecard_save_packages", { packages }),
  ratecardResetPackages: () => call<PackagesView>("ratecard_reset_packages"),
  ratecardAddPackage: (input: ProposeInput, name: string) => call<PackagesView>("ratecard_add_package", { input, name }),
  proposalExport: (input: ProposeInput, pricePoint: string, performance: boolean) =>
    call<Saved | null>("proposal_export", { input, pricePoint, performance }),
  chooseLogo: () => call<string | null>("choose_logo"),
  removeLogo: () => call<null>("remove_logo"),
  dealsBoard: (whole = "", overdue = false) => call<DealsBoardView>("deals_board", { whole, overdue }),
  dealsMoney: () => call<DealsMoneyView>("deals_money"),
  dealShow: (id: number) => call<DealPanelView>("deal_show", { id }),
  dealAdd: (input: DealInput) => call<DealPanelView>("deal_add", { input }),
  dealStage: (id: number, stage: string, date = "") => call<DealPanelView>("deal_stage", { id, stage, date }),
  dealCheckOffer: (id: number, amount: string) => call<OfferCheckView>("deal_check_offer", { id, amount }),
  dealOffer: (id: number, input: OfferInput) => call<DealPanelView>("deal_offer", { id, input }),
  dealBook: (id: number, input: BookingInput) => call<DealPanelView>("deal_book", { id, input }),
  dealLogPosts: (id: number, date = "") => call<DealPanelView>("deal_log_posts", { id, date }),
  dealInvoice: (id: number, date = "") => call<DealPanelView>("deal_invoice", { id, date }),
  dealPay: (id: number, amount: string, date = "") => call<DealPanelView>("deal_pay", { id, amount, date }),
  dealInvoicePdf: (id: number, date = "") => call<Saved | null>("deal_invoice_pdf", { id, date }),
  dealRecapPdf: (id: number) => call<Saved | null>("deal_recap_pdf", { id }),
  dealSaveProposal: (input: ProposeInput, pricePoint: string) => call<DealPanelView>("deal_save_proposal", { input, pricePoint }),
  proposalWarnings: (brand: string, date: string) => call<string[]>("proposal_warnings", { brand, date }),
  openDeals: (brand: string) => call<DealRowView[]>("open_deals", { brand }),
  dealsReport: () => call<DealsReportView>("deals_report"),
  dealsAccepted: () => call<AcceptedView[]>("deals_accepted"),
};
