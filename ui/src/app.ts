// Shared UI state and services: the app info, the toast, navigation, error display.
import { api, type AppError, type AppInfo } from "./api";
import { h, clear } from "./dom";
import { setCurrency } from "./format";

export const state: { info: AppInfo | null } = { info: null };

export async function refreshInfo(): Promise<AppInfo> {
  const info = await api.summary();
  state.info = info;
  setCurrency(info.symbol, info.base_currency);
  document.documentElement.style.setProperty("--accent", info.accent);
  const foot = document.getElementById("sidebar-foot");
  if (foot) foot.textContent = `${info.post_count} ${info.post_count === 1 ? "post" : "posts"} · ${info.base_currency}`;
  return info;
}

export type ScreenName = "overview" | "posts" | "deals" | "import" | "insights" | "propose" | "ratecard" | "settings";
let navigateImpl: (s: ScreenName, opts?: Record<string, unknown>) => void = () => {};
export function setNavigate(fn: typeof navigateImpl): void {
  navigateImpl = fn;
}
export function navigate(s: ScreenName, opts?: Record<string, unknown>): void {
  navigateImpl(s, opts);
}

/// What a mounted screen is given: a signal aborted when the user leaves it, and two
/// guards for its calls into the core. `keep(p)` settles like `p` while the screen is
/// shown and never once it is left (a late answer from a screen you left is dropped,
/// not drawn into a detached page or focused); `latest()` makes a guard for one
/// repeated request (a debounced preview): only the answer to its latest call settles.
export type ScreenContext = {
  signal: AbortSignal;
  keep: <T>(p: Promise<T>) => Promise<T>;
  latest: () => Latest;
};
/// The guard of one repeated request: `guard(p)` settles only for the latest call, and
/// `drop()` drops the one in flight too (a cancelled file).
export type Latest = (<T>(p: Promise<T>) => Promise<T>) & { drop: () => void };

/// A context for one mount of a screen; `abort()` is called when it is left.
export function screenContext(): { ctx: ScreenContext; abort: () => void } {
  const ctl = new AbortController();
  const signal = ctl.signal;
  const hold = <T>(p: Promise<T>, current: () => boolean): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      p.then(
        (v) => { if (current()) resolve(v); },
        (e) => { if (current()) reject(e); },
      );
    });
  const keep = <T>(p: Promise<T>) => hold(p, () => !signal.aborted);
  const latest = (): Latest => {
    let seq = 0;
    const guard = <T>(p: Promise<T>) => {
      const mine = ++seq;
      return hold(p, () => !signal.aborted && mine === seq);
    };
    return Object.assign(guard, { drop: () => void ++seq });
  };
  return { ctx: { signal, keep, latest }, abort: () => ctl.abort() };
}

/// A context that is never aborted (for code that runs outside any screen).
export const NO_SCREEN: ScreenContext = screenContext().ctx;

let toastTimer: number | undefined;
let toastAction: (() => void) | null = null;
let toastMs = 6000;
/// A short message at the bottom, with an optional action (Undo): a real button,
/// reached with Tab, and run by Ctrl/Cmd+Z while the toast is shown. The toast stays
/// while the pointer or the keyboard focus is on it.
export function toast(message: string, action?: { label: string; run: () => void }, ms = 6000): void {
  const host = document.getElementById("toast")!;
  clear(host);
  const box = h("div", { class: "toast-box", attrs: { role: "status" } }, h("span", "toast-text", message));
  toastAction = null;
  if (action) {
    const run = () => { hideToast(); action.run(); };
    toastAction = run;
    box.append(
      h("button", {
        class: "toast-action",
        attrs: { type: "button", "data-action": "undo", "aria-keyshortcuts": "Control+Z Meta+Z", title: `${action.label} (Ctrl+Z)` },
        on: { click: run },
      }, action.label),
    );
  }
  host.append(box);
  host.classList.toggle("interactive", action !== undefined);
  host.classList.add("show");
  toastMs = ms;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(hideToast, ms);
}
export function hideToast(): void {
  const host = document.getElementById("toast");
  if (!host) return;
  toastAction = null;
  window.clearTimeout(toastTimer);
  // A focused Undo that disappears would drop the focus to <body>: give it to the screen.
  if (host.contains(document.activeElement)) document.querySelector<HTMLElement>("main h1")?.focus();
  host.classList.remove("show", "interactive");
}
/// Runs the shown toast's action (Ctrl/Cmd+Z); false when there is none.
export function runToastAction(): boolean {
  if (!toastAction) return false;
  toastAction();
  return true;
}
/// Keeps the toast up while it is hovered or focused, and hides it a while after.
export function holdToast(host: HTMLElement): void {
  const pause = () => window.clearTimeout(toastTimer);
  const resume = () => {
    if (!host.classList.contains("show")) return;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(hideToast, Math.min(toastMs, 4000));
  };
  host.addEventListener("mouseenter", pause);
  host.addEventListener("focusin", pause);
  host.addEventListener("mouseleave", resume);
  host.addEventListener("focusout", (e) => { if (!host.contains(e.relatedTarget as Node | null)) resume(); });
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
