// Shared UI state and services: the app info, the toast, navigation, error display.
import { api, type AppError, type AppInfo } from "./api";
import { h, clear } from "./dom";
import { setCurrency } from "./format";

export const state: { info: AppInfo | null } = { info: null };

export async function refreshInfo(): Promise<AppInfo> {
  const info = await api.appInfo();
  state.info = info;
  setCurrency(info.symbol, info.base_currency);
  document.documentElement.style.setProperty("--accent", info.accent);
  const foot = document.getElementById("sidebar-foot");
  if (foot) foot.textContent = `${info.post_count} ${info.post_count === 1 ? "post" : "posts"} · ${info.base_currency}`;
  return info;
}

export type ScreenName = "overview" | "posts" | "import" | "insights" | "propose" | "ratecard" | "settings";
let navigateImpl: (s: ScreenName, opts?: Record<string, unknown>) => void = () => {};
export function setNavigate(fn: typeof navigateImpl): void {
  navigateImpl = fn;
}
export function navigate(s: ScreenName, opts?: Record<string, unknown>): void {
  navigateImpl(s, opts);
}

let toastTimer: number | undefined;
/// A short message at the bottom, with an optional action (Undo).
export function toast(message: string, action?: { label: string; run: () => void }, ms = 6000): void {
  const host = document.getElementById("toast")!;
  clear(host);
  const box = h("div", { class: "toast-box", attrs: { role: "status" } }, h("span", "toast-text", message));
  if (action) {
    box.append(
      h("button", { class: "toast-action", attrs: { type: "button", "data-action": "undo" }, on: { click: () => { hideToast(); action.run(); } } }, action.label),
    );
  }
  host.append(box);
  host.classList.toggle("interactive", action !== undefined);
  host.classList.add("show");
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(hideToast, ms);
}
export function hideToast(): void {
  document.getElementById("toast")?.classList.remove("show");
}

/// Shows an error next to its cause: a form's field when kind is `field.<name>`,
/// else the given fallback element.
export function showError(scope: HTMLElement, err: AppError, fallback: HTMLElement): void {
  clearErrors(scope);
  if (err.kind.startsWith("field.")) {
    const name = err.kind.slice(6);
    const slot = scope.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) {
      slot.textContent = err.message;
      slot.closest(".field")?.classList.add("invalid");
      slot.closest(".field")?.querySelector<HTMLElement>("input,select,textarea")?.focus();
      return;
    }
  }
  fallback.textContent = err.message;
}
export function clearErrors(scope: HTMLElement): void {
  scope.querySelectorAll<HTMLElement>("[data-error-for], .form-error").forEach((e) => (e.textContent = ""));
  scope.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
}

export function emptyState(title: string, text: string, ...actions: HTMLElement[]): HTMLElement {
  return h("div", "empty", h("div", "empty-title", title), h("p", "empty-text", text), h("div", "empty-actions", ...actions));
}

export function spinner(label: string): HTMLElement {
  return h("div", { class: "loading", attrs: { role: "status" } }, h("span", "spin"), label);
}
