// The window: a left sidebar of screens, the current screen, a toast. Keyboard:
// Ctrl/Cmd+N logs a post, Ctrl/Cmd+1…8 switch screens, Ctrl/Cmd+Z runs the toast's
// Undo while it is shown, Tab reaches every control.
//
// The screen registry: each screen is mounted into a fresh root with a ScreenContext
// (app.ts) whose signal is aborted when another screen replaces it, so the answers
// still in flight for the screen you left are dropped. Once a screen is drawn, the
// focus moves to its heading (an h1 with tabindex=-1) unless the screen put it
// somewhere itself (the Log form's first field).
import "@fontsource-variable/inter";
import "./style.css";
import { api } from "./api";
import { holdToast, navigate, refreshInfo, runToastAction, screenContext, setNavigate, type ScreenContext, type ScreenName } from "./app";
import { h, clear } from "./dom";
import * as overview from "./screens/overview";
import * as posts from "./screens/posts";
import * as deals from "./screens/deals";
import * as importer from "./screens/import";
import * as insights from "./screens/insights";
import * as propose from "./screens/propose";
import * as ratecard from "./screens/ratecard";
import * as settings from "./screens/settings";

type Screen = { render: (root: HTMLElement, opts: Record<string, unknown> | undefined, ctx: ScreenContext) => Promise<void> | void };
const screens: [ScreenName, string, Screen][] = [
  ["overview", "Overview", overview],
  ["posts", "Posts", posts],
  ["deals", "Deals", deals],
  ["import", "Import", importer],
  ["insights", "Insights", insights],
  ["propose", "Propose", propose],
  ["ratecard", "Rate card", ratecard],
  ["settings", "Settings", settings],
];

const nav = h("nav", { class: "nav", attrs: { "aria-label": "Screens" } });
const main = h("main", { class: "main", attrs: { id: "main", tabindex: "-1" } });
const shell = h(
  "div",
  "shell",
  h("aside", "sidebar", h("div", "brand", h("span", "brand-mark", "M"), h("span", "brand-name", "Mille")), nav, h("div", { class: "sidebar-foot", attrs: { id: "sidebar-foot" } })),
  main,
  h("div", { class: "toast", attrs: { id: "toast", "aria-live": "polite" } }),
);
document.getElementById("app")!.append(shell);

let current: ScreenName = "overview";
let leave: () => void = () => {};
holdToast(document.getElementById("toast")!);
for (const [name, label] of screens) {
  const i = screens.findIndex((s) => s[0] === name) + 1;
  nav.append(
    h(
      "button",
      { class: "nav-item", attrs: { type: "button", "data-screen": name, title: `${label} (Ctrl+${i})` }, on: { click: () => navigate(name) } },
      h("span", "nav-label", label),
      h("kbd", "nav-key", String(i)),
    ),
  );
}

async function show(name: ScreenName, opts?: Record<string, unknown>): Promise<void> {
  current = name;
  leave();
  const { ctx, abort } = screenContext();
  leave = abort;
  localStorage.setItem("mille.screen", name);
  nav.querySelectorAll<HTMLElement>(".nav-item").forEach((b) => {
    const on = b.dataset.screen === name;
    b.classList.toggle("active", on);
    if (on) b.setAttribute("aria-current", "page");
    else b.removeAttribute("aria-current");
  });
  const screen = screens.find((s) => s[0] === name)![2];
  const root = h("div", { class: "screen", attrs: { "data-screen": name } });
  clear(main);
  main.append(root);
  try {
    await ctx.keep(Promise.resolve(screen.render(root, opts, ctx)));
  } catch (e) {
    if (!ctx.signal.aborted) root.append(h("p", "form-error", (e as { message?: string }).message ?? String(e)));
  }
  if (ctx.signal.aborted) return;
  const heading = root.querySelector<HTMLElement>("h1");
  if (heading) {
    heading.tabIndex = -1;
    if (!root.contains(document.activeElement)) heading.focus({ preventScroll: true });
  }
}
setNavigate((s, opts) => void show(s, opts));

/// Where Ctrl/Cmd+Z undoes typing rather than the last delete.
function editable(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

document.addEventListener("keydown", (e) => {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return;
  if (e.key.toLowerCase() === "z" && !e.shiftKey && !editable(e.target)) {
    if (runToastAction()) e.preventDefault();
  } else if (e.key.toLowerCase() === "n") {
    e.preventDefault();
    navigate("posts", { log: true });
  } else if (/^[1-8]$/.test(e.key)) {
    e.preventDefault();
    navigate(screens[Number(e.key) - 1][0]);
  }
});

async function start(): Promise<void> {
  const info = await refreshInfo();
  document.getElementById("sidebar-foot")!.title = info.db_path;
  const saved = localStorage.getItem("mille.screen") as ScreenName | null;
  const first = saved && screens.some((s) => s[0] === saved) ? saved : "overview";
  await show(first);
  requestAnimationFrame(() => {
    void api.markReady().then((ms) => {
      document.body.dataset.readyMs = String(ms);
    });
  });
}
void start();

export function currentScreen(): ScreenName {
  return current;
}
