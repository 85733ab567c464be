// Insights: the report of metrics.md with a dimension picker, a date range and filters;
// thin groups marked with their n; excluded posts and why; a group opens its posts. The
// groups come 50 at a time, sorted by the column clicked, in the core (`report`: grouped
// by brand there can be thousands; the table never gets them all).
// Below it, what the deals teach (`mille deals report`): how quotes land and how
// brands pay, every figure the core's.
import { api, type DealsReportView, type PostView, type ReportView } from "../api";
import { emptyState, navigate, showError, spinner, state, type ScreenContext } from "../app";
import { percentileStrip, quoteMarks } from "../charts";
import { button, clear, field, h, input, select } from "../dom";
import { count, money, ordinal, plural, rate, shortDate } from "../format";
import { lastPage, pagers } from "../pager";

const DIMS = ["platform", "format", "season", "brand", "quarter", "month", "year"];
let by: string[] = ["platform", "format"];
const filters = { from: "", to: "", platform: "", format: "", brand: "" };
const PAGE = 50;
/// The groups table's order and page survive screen switches; "key" is the report's own
/// order (by the dimensions' values, as `mille report` lists them).
const table = { sort: "key", descending: false, offset: 0 };
/// The figure columns a click sorts by (the names of the report's JSON), and their heads.
const FIGURES: [string | null, string][] = [
  ["posts", "Posts"], ["measured_posts", "Measured"], ["fee", "Fee"], ["cpm", "CPM"], ["cpm_median", "Median"],
  [null, "Middle half"], ["ctr", "CTR"], ["engagement_rate", "Eng."],
];

export async function render(root: HTMLElement, _opts: unknown, ctx: ScreenContext): Promise<void> {
  const out = h("div", { attrs: { "data-testid": "report" } });
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const chips = h("div", { class: "chips", attrs: { role: "group", "aria-label": "Group by" } });
  const drawChips = () => {
    clear(chips);
    for (const d of DIMS) {
      const on = by.includes(d);
      chips.append(button(on ? `${by.indexOf(d) + 1} · ${d}` : d, () => {
        by = on ? by.filter((x) => x !== d) : [...by, d];
        // A column that is gone sorts no more: back to the report's order.
        if (on && table.sort === d) Object.assign(table, { sort: "key", descending: false });
        drawChips();
        void run();
      }, on ? "chip on" : "chip", { "aria-pressed": String(on), "data-dim": d }));
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
  const teach = h("section", { class: "block deals-teach", attrs: { "data-testid": "deals-teach", "aria-live": "polite" } });
  root.append(h("header", "screen-head", h("h1", {}, "Insights")), form, out, teach);
  // What the deals teach does not follow the filters: asked once.
  ctx.keep(api.dealsReport()).then(
    (r) => teach.replaceChildren(...dealsTeach(r)),
    (e) => teach.replaceChildren(h("p", { class: "form-error", attrs: { role: "alert" } }, (e as { message: string }).message)),
  );

  /// Asks for the report; new dimensions or filters start from the first page, a sort
  /// or a page turn (`keepPage`) keeps them.
  async function run(keepPage = false): Promise<void> {
    Object.assign(filters, { from: from.value, to: to.value, platform: platform.value, format: format.value, brand: brand.value });
    if (!keepPage) table.offset = 0;
    err.textContent = "";
    form.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
    form.querySelectorAll("[data-error-for]").forEach((e) => (e.textContent = ""));
    const ask = () => api.report({ by, ...filters, ...table, limit: PAGE });
    try {
      let r = await latest(ask());
      if (r.groups_total > 0 && r.groups.length === 0 && table.offset > 0) {
        table.offset = lastPage(r.groups_total, PAGE);
        r = await latest(ask());
      }
      // The excluded posts are named by their first few (never the whole history).
      const named = await latest(api.postsById(excludedShown(r)));
      clear(out);
      out.append(reportView(r, new Map(named.map((p) => [Number(p.id), p])), turn, ctx));
    } catch (e) {
      showError(form, e as never, err);
    }
  }
  /// A click on a column head sorts by it (again: the other way), from the first page;
  /// names read first-to-last, figures highest first.
  const turn: Turn = {
    sort: (k) => {
      if (table.sort === k) table.descending = !table.descending;
      else Object.assign(table, { sort: k, descending: !DIMS.includes(k) && k !== "key" });
      table.offset = 0;
      void run(true).then(() => out.querySelector<HTMLElement>(`[data-sort="${k}"]`)?.focus());
    },
    go: (step) => {
      table.offset = Math.max(0, table.offset + step * PAGE);
      void run(true).then(() => out.querySelector<HTMLElement>("table.report")?.scrollIntoView({ block: "start" }));
    },
  };
  out.append(spinner("Computing…"));
  await run();
}

type Turn = { sort: (column: string) => void; go: (step: -1 | 1) => void };

/// A sortable column head: a button that says the order it is in.
function sortHead(column: string, label: string, num: boolean, turn: Turn): HTMLElement {
  const on = table.sort === column;
  return h("th", { class: num ? "num" : "", attrs: { "aria-sort": on ? (table.descending ? "descending" : "ascending") : "none" } },
    h("button", { class: "th-sort", attrs: { type: "button", "data-sort": column, title: `Sort by ${label.toLowerCase()}` }, on: { click: () => turn.sort(column) } },
      label, h("span", { class: "sort-mark", attrs: { "aria-hidden": "true" } }, on ? (table.descending ? " ↓" : " ↑") : "")));
}

/// How many of a group's posts open under it.
const GROUP_POSTS = 100;

/// The excluded posts named under "Left out of CPM": the first few of each reason.
function excludedShown(r: ReportView): number[] {
  return r.excluded.flatMap((x) => x.first.map(Number));
}

function reportView(r: ReportView, posts: Map<number, PostView>, turn: Turn, ctx: ScreenContext): HTMLElement {
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
      // Its first posts, asked for when it opens.
      const list = h("ul", "group-posts");
      const more = g.post_ids.length > GROUP_POSTS ? h("p", "muted", `and ${g.post_ids.length - GROUP_POSTS} more`) : null;
      tr.after(h("tr", "group-detail", h("td", { attrs: { colspan: String(cols.length + 9) } }, list, more)));
      ctx.keep(api.postsById(g.post_ids.slice(0, GROUP_POSTS).map(Number))).then(
        (items) => list.replaceChildren(...items.map((p) => h("li", {}, h("span", "muted", shortDate(p.date)), " ", h("strong", {}, p.brand), ` · ${p.platform_name} ${p.format_name} · ${money(p.fee_base)} · ${p.cpm ? `CPM ${money(p.cpm)}` : "no CPM"}`))),
        (e) => list.replaceChildren(h("li", "form-error", (e as { message: string }).message)),
      );
    };
    tr.addEventListener("click", toggle);
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") toggle(); });
    body.append(tr);
  }
  const total = h("tr", "total", h("td", { attrs: { colspan: String(Math.max(r.by.length, 1)) } }, "Total"), ...statCells(r.total));
  // The first dimension's head sorts by the whole key (the report's own order).
  const heads = r.by.length ? r.by.map((d, i) => sortHead(i === 0 && table.sort !== d ? "key" : d, d, false, turn)) : [h("th", {}, "all posts")];
  const grid = h("table", "posts report",
    h("thead", {}, h("tr", {}, ...heads, ...FIGURES.map(([k, label]) => (k ? sortHead(k, label, true, turn) : h("th", "num", label))), h("th", {}, ""))),
    body, h("tfoot", {}, total));
  const pager = pagers("groups", PAGE, turn.go, "groups");
  pager.fill({ first: r.first, last: r.last, total: r.groups_total });
  const el = h("div", {},
    h("div", "table-tools", h("p", "muted", "CPM is impression-weighted (total fees ÷ total impressions × 1,000). Click a group to see its posts."), pager.top),
    grid, pager.bottom);
  if (r.excluded.length) {
    const list = h("ul", "excluded");
    for (const x of r.excluded) {
      const names = x.first.map((id) => posts.get(Number(id))).filter(Boolean).map((p) => `${p!.brand} (${shortDate(p!.date)})`).join(", ");
      list.append(h("li", {}, h("strong", {}, `${count(x.posts)} ${x.reason}`), h("span", "muted", ` · ${names}${x.posts > x.first.length ? ", …" : ""}`)));
    }
    const all = r.excluded.reduce((n, x) => n + x.posts, 0);
    el.append(h("section", "block", h("h2", {}, `Left out of CPM: ${count(all)} ${all === 1 ? "post" : "posts"}`), list));
  }
  return el;
}

/// "How quotes land" and "How brands pay"; one sentence when there is no deal yet.
function dealsTeach(r: DealsReportView): HTMLElement[] {
  const head = h("h2", {}, "What your deals teach");
  if (!r.pipeline.stages.some((s) => s.n > 0)) {
    return [head, emptyState("No deals yet", "Save a proposal as a deal in Propose: once brands answer and pay, how your quotes land and how fast each brand pays shows here.", button("Draft a proposal", () => navigate("propose"), "secondary"))];
  }
  return [head, h("div", "teach-grid", quotesLand(r.quotes_land), brandsPay(r.brands_pay))];
}

function quotesLand(q: DealsReportView["quotes_land"]): HTMLElement {
  const el = h("section", { class: "chart-block", attrs: { "data-testid": "quotes-land", "aria-labelledby": "quotes-land-h" } }, h("h3", { attrs: { id: "quotes-land-h" } }, "How quotes land"));
  if (q.n === 0) {
    el.append(h("p", "muted", "No quote has been decided yet: once a deal quoted from a proposal is booked, declined or lost, it shows here."));
    return el;
  }
  const m = q.median_percentile;
  const shares = q.by_price_point.filter((p) => p.n > 0);
  const said = shares.map((p) => `${p.won} of ${plural(p.n, "quote")} at ${p.price_point}`).join(", ");
  el.append(h("p", { class: "teach-sentence", attrs: { "data-testid": "quotes-sentence" } },
    `Brands accepted ${said}`, m.value !== null ? `; they settle at your ${ordinal(Number(m.value))} percentile.` : ".",
    q.thin ? h("span", "thin-tag", `thin · n = ${q.n}`) : null));
  el.append(quoteMarks(shares.map((p) => ({
    label: `At ${p.price_point}`, won: p.won, n: p.n, thin: p.thin,
    tip: `${p.won} of ${plural(p.n, "quote")} at ${p.price_point} accepted${p.thin ? " (thin)" : ""}`,
  })), "Quotes won by the price point quoted"));
  const won = q.deals.filter((d) => d.percentile !== null);
  if (won.length) {
    el.append(h("div", "sub-title", "Where the agreed fee fell within your quote"));
    el.append(percentileStrip(won.map((d) => ({ value: d.percentile!, tip: `${d.brand} · ${ordinal(d.percentile!)} percentile · quoted at ${d.price_point}` })),
      m.value !== null ? Number(m.value) : null, m.value !== null ? `median ${ordinal(Number(m.value))}` : "", "Agreed fees by percentile of the quote", m.thin));
    el.append(h("p", "muted small", `Median of ${plural(m.n, "won deal")}.`, m.thin ? h("span", "thin-tag", `thin · n = ${m.n}`) : null));
  }
  return el;
}

function brandsPay(brands: DealsReportView["brands_pay"]): HTMLElement {
  const el = h("section", { class: "chart-block", attrs: { "data-testid": "brands-pay", "aria-labelledby": "brands-pay-h" } }, h("h3", { attrs: { id: "brands-pay-h" } }, "How brands pay"));
  if (!brands.length) {
    el.append(h("p", "muted", "No invoice sent yet: once a brand is invoiced, how many days it takes to pay shows here."));
    return el;
  }
  const body = h("tbody");
  for (const b of brands) {
    const days = b.median_days === null ? h("span", "muted", "not paid yet") : plural(Number(b.median_days), "day");
    body.append(h("tr", { class: b.thin ? "thin" : "", attrs: { "data-brand": b.brand } },
      h("td", "brand-cell", b.brand),
      h("td", "num strong", days),
      h("td", "num", count(b.n)),
      h("td", {}, b.thin ? h("span", "thin-tag", `thin · n = ${b.n}`) : ""),
      h("td", "num", b.overdue ? h("span", "overdue-tag", `${count(b.overdue)} overdue`) : h("span", "muted", "—"))));
  }
  el.append(h("p", "muted small", "Median days from invoice to full payment, over each brand's paid deals."),
    h("table", "posts report brands-pay",
      h("thead", {}, h("tr", {}, h("th", {}, "Brand"), h("th", "num", "Median to pay"), h("th", "num", "Paid deals"), h("th", {}, ""), h("th", "num", "Overdue"))),
      body));
  return el;
}
