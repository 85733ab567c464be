// The window: a left sidebar of screens, the current screen, a toast. Keyboard:
// Ctrl/Cmd+N logs a post, Ctrl/Cmd+1…7 switch screens, Tab reaches every control.
import "@fontsource-variable/inter";
import "./style.css";
import { api } from "./api";
import { navigate, refreshInfo, setNavigate, type ScreenName } from "./app";
import { h, clear } from "./dom";
import * as overview from "./screens/overview";
import * as posts from "./screens/posts";
import * as importer from "./screens/import";
import * as insights from "./screens/insights";
import * as propose from "./screens/propose";
import * as ratecard from "./screens/ratecard";
import * as settings from "./screens/settings";

type Screen = { render: (root: HTMLElement, opts?: Record<string, unknown>) => Promise<void> | void };
const screens: [ScreenName, string, Screen][] = [
  ["overview", "Overview", overview],
  ["posts", "Posts", posts],
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
let generation = 0;
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
  const gen = ++generation;
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
    await screen.render(root, opts);
  } catch (e) {
    if (gen === generation) root.append(h("p", "form-error", (e as { message?: string }).message ?? String(e)));
  }
}
setNavigate((s, opts) => void show(s, opts));

document.addEventListener("keydown", (e) => {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return;
  if (e.key.toLowerCase() === "n") {
    e.preventDefault();
    navigate("posts", { log: true });
  } else if (/^[1-7]$/.test(e.key)) {
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
