// Insights: the report of metrics.md with a dimension picker, a date range and filters;
// thin groups marked with their n; excluded posts and why; a group opens its posts.
import { api, type PostView, type ReportView } from "../api";
import { emptyState, showError, spinner, state, type ScreenContext } from "../app";
import { button, clear, field, h, input, select } from "../dom";
import { count, money, rate, shortDate } from "../format";

const DIMS = ["platform", "format", "season", "brand", "quarter", "month", "year"];
let by: string[] = ["platform", "format"];
const filters = { from: "", to: "", platform: "", format: "", brand: "" };

export async function render(root: HTMLElement, _opts: unknown, ctx: ScreenContext): Promise<void> {
  const out = h("div", { attrs: { "data-testid": "report" } });
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const chips = h("div", { class: "chips", attrs: { role: "group", "aria-label": "Group by" } });
  const drawChips = () => {
    clear(chips);
    for (const d of DIMS) {
      const on = by.includes(d);
      chips.append(button(on ? `${by.indexOf(d) + 1} · ${d}` : d, () => { by = on ? by.filter((x) => x !== d) : [...by, d]; drawChips(); void run(); }, on ? "chip on" : "chip", { "aria-pressed": String(on), "data-dim": d }));
    }
  };
  drawChips();
  const from = input("from", filters.from, { placeholder: "YYYY-MM-DD" });
  const to = input("to", filters.to, { placeholder: "YYYY-MM-DD" });
  const platform = select("platform", [["", "All platforms"], ...(state.info?.platforms.map((p) => [p.slug, p.name] as [string, string]) ?? [])], filters.platform);
  const format = input("format", filters.format, { placeholder: "All formats", list: "format-list-i" });
  const brand = input("brand", filters.brand, { placeholder: "Any brand", list: "brand-list-i" });
  const form = h(
    "form",
    { class: "card filters" },
    h("div", "filter-row", h("span", "filter-label", "Group by"), chips),
    h("div", "grid5", field("From", from, "from"), field("To", to, "to"), field("Platform", platform, "platform"), field("Format", format, "format"), field("Brand", brand, "brand")),
    h("datalist", { attrs: { id: "format-list-i" } }, ...(state.info?.formats ?? []).map((f) => h("option", { attrs: { value: f.name } }))),
    h("datalist", { attrs: { id: "brand-list-i" } }, ...(state.info?.brands ?? []).map((f) => h("option", { attrs: { value: f } }))),
    err,
  );
  let timer: number | undefined;
  form.addEventListener("input", () => { window.clearTimeout(timer); timer = window.setTimeout(() => void run(), 250); });
  ctx.signal.addEventListener("abort", () => window.clearTimeout(timer));
  // Only the latest answer is drawn (a filter typed quickly asks several times).
  const latest = ctx.latest();
  form.addEventListener("submit", (e) => { e.preventDefault(); void run(); });
  root.append(h("header", "screen-head", h("h1", {}, "Insights")), form, out);
  let posts: Map<number, PostView> | null = null;

  async function run(): Promise<void> {
    Object.assign(filters, { from: from.value, to: to.value, platform: platform.value, format: format.value, brand: brand.value });
    err.textContent = "";
    form.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
    form.querySelectorAll("[data-error-for]").forEach((e) => (e.textContent = ""));
    try {
      const [r, list] = await latest(Promise.all([api.report({ by, ...filters }), posts ? Promise.resolve(null) : api.listPosts()]));
      if (list) posts = new Map(list.map((p) => [Number(p.id), p]));
      clear(out);
      out.append(reportView(r, posts!));
    } catch (e) {
      showError(form, e as never, err);
    }
  }
  out.append(spinner("Computing…"));
  await run();
}

function reportView(r: ReportView, posts: Map<number, PostView>): HTMLElement {
  if (r.total.posts === 0) return emptyState("No posts match", "Widen the date range or clear a filter.");
  const body = h("tbody");
  const cols = r.by.length ? r.by : ["all posts"];
  const statCells = (s: ReportView["total"]) => [
    h("td", "num", count(s.posts)),
    h("td", "num", count(s.measured_posts)),
    h("td", "num", money(s.fee)),
    h("td", "num strong", money(s.cpm)),
    h("td", "num", money(s.cpm_median)),
    h("td", "num muted", s.cpm_p25 ? `${money(s.cpm_p25)}–${money(s.cpm_p75)}` : "—"),
    h("td", "num", rate(s.ctr)),
    h("td", "num", rate(s.engagement_rate)),
    h("td", {}, s.thin ? h("span", "thin-tag", `thin · n = ${s.measured_posts}`) : ""),
  ];
  for (const g of r.groups) {
    const tr = h("tr", { class: g.stats.thin ? "group thin" : "group", attrs: { tabindex: "0", "aria-expanded": "false" } },
      ...(r.by.length ? r.by.map((d) => h("td", "brand-cell", g.names[d] ?? g.key[d] ?? "")) : [h("td", {}, "All")]),
      ...statCells(g.stats));
    const toggle = () => {
      const open = tr.getAttribute("aria-expanded") === "true";
      tr.setAttribute("aria-expanded", String(!open));
      if (open) { tr.nextElementSibling?.remove(); return; }
      const items = g.post_ids.map((id) => posts.get(Number(id))).filter((p): p is PostView => !!p);
      const list = h("ul", "group-posts", ...items.slice(0, 100).map((p) => h("li", {}, h("span", "muted", shortDate(p.date)), " ", h("strong", {}, p.brand), ` · ${p.platform_name} ${p.format_name} · ${money(p.fee_base)} · ${p.cpm ? `CPM ${money(p.cpm)}` : "no CPM"}`)));
      tr.after(h("tr", "group-detail", h("td", { attrs: { colspan: String(cols.length + 9) } }, list, items.length > 100 ? h("p", "muted", `and ${items.length - 100} more`) : null)));
    };
    tr.addEventListener("click", toggle);
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") toggle(); });
    body.append(tr);
  }
  const total = h("tr", "total", h("td", { attrs: { colspan: String(Math.max(r.by.length, 1)) } }, "Total"), ...statCells(r.total));
  const table = h("table", "posts report",
    h("thead", {}, h("tr", {}, ...cols.map((c) => h("th", {}, c)), h("th", "num", "Posts"), h("th", "num", "Measured"), h("th", "num", "Fee"), h("th", "num", "CPM"), h("th", "num", "Median"), h("th", "num", "Middle half"), h("th", "num", "CTR"), h("th", "num", "Eng."), h("th", {}, ""))),
    body, h("tfoot", {}, total));
  const el = h("div", {}, h("p", "muted", "CPM is impression-weighted (total fees ÷ total impressions × 1,000). Click a group to see its posts."), table);
  if (r.excluded.length) {
    const reasons = new Map<string, number[]>();
    for (const x of r.excluded) reasons.set(x.reason, [...(reasons.get(x.reason) ?? []), Number(x.id)]);
    const list = h("ul", "excluded");
    for (const [reason, ids] of reasons) {
      const names = ids.slice(0, 6).map((id) => posts.get(id)).filter(Boolean).map((p) => `${p!.brand} (${shortDate(p!.date)})`).join(", ");
      list.append(h("li", {}, h("strong", {}, `${ids.length} ${reason}`), h("span", "muted", ` · ${names}${ids.length > 6 ? ", …" : ""}`)));
    }
    el.append(h("section", "block", h("h2", {}, `Left out of CPM: ${r.excluded.length} posts`), list));
  }
  return el;
}
