// Overview: the headline achieved CPM of the last 12 months, CPM by platform/format,
// season factors, CPM trend and earnings by quarter, and posts still waiting for their
// impressions. First run: the card asking for her name and handles (while the profile
// has none), then an empty state with the three ways in.
import { api, type DealsMoneyView, type OverviewView } from "../api";
import { emptyState, navigate, refreshInfo, spinner, toast, type ScreenContext } from "../app";
import { firstRunCard } from "../firstrun";
import { bars, line } from "../charts";
import { button, h } from "../dom";
import { count, money, num, plural, shortDate } from "../format";

export async function render(root: HTMLElement, _opts: unknown, ctx: ScreenContext): Promise<void> {
  root.append(spinner("Loading your history…"));
  const [ov, profile, owed] = await ctx.keep(Promise.all([api.overview(), api.getProfile(), api.dealsMoney()]));
  const el = view(ov, owed);
  if (!profile.name.trim()) {
    const card = firstRunCard(profile, ctx, () => {
      card.remove();
      el.querySelector<HTMLElement>("h1")?.focus();
    });
    el.querySelector("header")!.after(card);
  }
  root.replaceChildren(el);
}

function sampleButton(): HTMLButtonElement {
  const b = button("Try with sample data", async () => {
    b.disabled = true;
    b.textContent = "Adding 160 sample posts…";
    try {
      const done = await api.loadSample();
      await refreshInfo();
      toast(`Added ${plural(Number(done.added), "sample post")}.`);
      navigate("overview");
    } catch (e) {
      b.disabled = false;
      b.textContent = "Try with sample data";
      toast((e as { message: string }).message);
    }
  }, "secondary", { "data-action": "sample" });
  return b;
}

/// "Owed to you" (with the overdue part) and "Booked": the deals' money, the core's.
function dealsMoney(m: DealsMoneyView): HTMLElement {
  const late = m.overdue.count > 0;
  return h("section", "block",
    h("div", "tiles money-tiles",
      // Owed opens the Deals screen on what is overdue (every deal when nothing is).
      h("button", { class: "tile tile-button", attrs: { type: "button", "data-testid": "owed" }, on: { click: () => navigate("deals", late ? { overdue: true } : {}) } },
        h("div", "tile-label", "Owed to you"),
        h("div", { class: "tile-figure", attrs: { "data-testid": "owed-amount" } }, money(m.owed.amount)),
        h("div", "tile-sub", m.owed.count ? plural(m.owed.count, "unpaid invoice") : "nothing unpaid",
          late ? h("span", { class: "overdue-tag", attrs: { "data-testid": "owed-overdue" } }, ` · ${m.overdue.count} overdue: ${money(m.overdue.amount)}`) : m.owed.count ? " · none overdue" : "")),
      h("button", { class: "tile tile-button", attrs: { type: "button", "data-testid": "booked" }, on: { click: () => navigate("deals") } },
        h("div", "tile-label", "Booked"),
        h("div", { class: "tile-figure", attrs: { "data-testid": "booked-amount" } }, money(m.booked.amount)),
        h("div", "tile-sub", `${plural(m.booked.count, "deal")} not invoiced yet`))));
}

function view(ov: OverviewView, owed: DealsMoneyView): HTMLElement {
  const el = h("div", "overview");
  el.append(h("header", "screen-head", h("h1", {}, "Overview")));
  if (ov.total_posts === 0) {
    el.append(
      emptyState(
        "Your rates start with your history",
        "Log the sponsored posts you have done, with what each paid and how many impressions it got. Mille turns them into your achieved CPM and prices the next deal from it.",
        button("Log your first post", () => navigate("posts", { log: true }), "primary"),
        button("Import a spreadsheet", () => navigate("import"), "secondary"),
        sampleButton(),
      ),
    );
    return el;
  }
  const hd = ov.headline;
  el.append(
    h(
      "section",
      { class: "headline", attrs: { "data-testid": "headline" } },
      h("div", "eyebrow", `Achieved CPM · ${shortDate(ov.from)} – ${shortDate(ov.to)}`),
      h("div", { class: hd.thin ? "figure thin" : "figure", attrs: { "data-testid": "headline-cpm" } }, money(hd.cpm)),
      h(
        "div",
        "figure-sub",
        h("span", { attrs: { "data-testid": "headline-n" } }, `n = ${hd.measured_posts}`),
        ` measured of ${plural(hd.posts, "post")} · ${money(hd.fee)} earned`,
        hd.cpm_p25 && hd.cpm_p75 ? ` · middle half ${money(hd.cpm_p25)}–${money(hd.cpm_p75)}` : "",
        hd.thin ? h("span", "thin-tag", "thin: fewer than 3 measured posts") : null,
      ),
    ),
  );
  el.append(dealsMoney(owed));
  if (ov.needs_impressions.length) {
    const list = h("ul", "nudge-list");
    for (const p of ov.needs_impressions.slice(0, 5)) {
      list.append(
        h(
          "li",
          {},
          h("span", "nudge-brand", p.brand),
          h("span", "muted", ` · ${p.platform_name} ${p.format_name} · ${shortDate(p.date)}`),
          button("Add impressions", () => navigate("posts", { edit: Number(p.id) }), "link"),
        ),
      );
    }
    el.append(
      h(
        "section",
        { class: "nudge", attrs: { "data-testid": "nudge" } },
        h("div", "nudge-title", `${plural(ov.needs_impressions.length, "post")} still ${ov.needs_impressions.length === 1 ? "needs its" : "need their"} impressions`),
        h("p", "muted", "Without impressions a post has no CPM, so it cannot inform your prices yet."),
        list,
      ),
    );
  }
  // Small multiples by platform/format.
  const grid = h("div", "tiles");
  for (const g of ov.segments) {
    const label = `${g.names.platform} ${g.names.format}`;
    grid.append(
      h(
        "div",
        { class: g.stats.thin ? "tile thin" : "tile", attrs: { "data-testid": "segment" } },
        h("div", "tile-label", label),
        h("div", "tile-figure", money(g.stats.cpm)),
        h("div", "tile-sub", `n = ${g.stats.measured_posts}`, g.stats.cpm_p25 && g.stats.cpm_p75 && !g.stats.thin ? ` · ${money(g.stats.cpm_p25)}–${money(g.stats.cpm_p75)}` : "", g.stats.thin ? " · thin" : ""),
      ),
    );
  }
  el.append(h("section", "block", h("h2", {}, "CPM by platform and format"), h("p", "muted", "Last 12 months. Greyed: fewer than 3 measured posts."), grid));
  // Season factors.
  const seasons = h("div", "seasons");
  for (const s of ov.seasons) {
    const f = num(s.factor);
    const dir = f > 1.005 ? "run" : f < 0.995 ? "run" : "run";
    seasons.append(
      h(
        "div",
        { class: s.posts < 3 ? "season thin" : "season", attrs: { "data-testid": "season" } },
        h("div", "season-q", s.season),
        h("div", "season-f", `${s.factor}×`),
        h("div", "season-t", s.posts ? `${s.season} deals ${dir} ${s.factor}× your typical, ${plural(Number(s.posts), "post")}` : `No ${s.season} deals measured yet`),
      ),
    );
  }
  el.append(h("section", "block", h("h2", {}, "Season"), seasons));
  // Quarters: CPM trend and earnings.
  const qs = ov.quarters.slice(-12);
  const cpmPts = qs.map((g) => ({
    label: g.names.quarter ?? "",
    value: num(g.stats.cpm),
    thin: g.stats.thin,
    tip: `${g.names.quarter}: CPM ${money(g.stats.cpm)}, n = ${g.stats.measured_posts}`,
  }));
  const earnPts = qs.map((g) => ({
    label: g.names.quarter ?? "",
    value: num(g.stats.fee),
    tip: `${g.names.quarter}: ${money(g.stats.fee)} from ${plural(g.stats.posts, "post")}`,
  }));
  const whole = (v: number) => money(String(Math.round(v)), true);
  const cents = (v: number) => money(v.toFixed(2));
  el.append(
    h(
      "div",
      "charts",
      h("section", "block chart-block", h("h2", {}, "CPM trend by quarter"), line(cpmPts, cents, "CPM by quarter")),
      h("section", "block chart-block", h("h2", {}, "Earnings by quarter"), bars(earnPts, whole, "Earnings by quarter")),
    ),
  );
  el.append(h("p", "muted foot", `${plural(ov.total_posts, "post")} in your history · impressions counted: ${count(hd.impressions)} in the last 12 months`));
  return el;
}
