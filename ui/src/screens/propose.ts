// Propose: deliverable lines, date, brand and add-ons in; floor / target / anchor per
// line and in total, each with its working and confidence; the performance variant;
// Check an offer → verdict, percentile, counter; beside target and anchor, how her
// quotes at each ended ("4 of 5 quotes at target were accepted"). Every figure is the
// core's.
import { api, type AcceptedView, type ProposalView, type ProposeInput } from "../api";
import { clearErrors, emptyState, navigate, showError, state, toast, type ScreenContext } from "../app";
import { button, clear, field, h, input, select } from "../dom";
import { count, deliverableName, money, shortDate } from "../format";

type Line = { platform: string; format: string; quantity: string; impressions: string };
const form: ProposeInput = { deliverables: [], date: "", brand: "", usage_rights: "", exclusivity: "", whitelisting: "", rush: false, offer: "" };

function inTwoWeeks(): string {
  const d = new Date(Date.now() + 14 * 86400000);
  return d.toISOString().slice(0, 10);
}

export async function render(root: HTMLElement, _opts: unknown, ctx: ScreenContext): Promise<void> {
  const info = state.info!;
  root.append(h("header", "screen-head", h("h1", {}, "Propose")));
  if (info.post_count === 0) {
    root.append(emptyState("Nothing to price from yet", "Proposals come from your own history: log or import a few posts with their fees and impressions first.", button("Log a post", () => navigate("posts", { log: true }), "primary")));
    return;
  }
  if (form.deliverables.length === 0) form.deliverables.push({ platform: info.last_platform, format: info.last_format, quantity: "1", impressions: "" });
  if (!form.date) form.date = inTwoWeeks();
  const result = h("div", { class: "proposal", attrs: { "data-testid": "proposal" } });
  // Exclusivity clashes of this brand on this live date (the core's), beside the date.
  const warns = h("div", { class: "propose-warnings", attrs: { "data-testid": "propose-warnings", "aria-live": "polite" } });
  const warned = ctx.latest();
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const lines = h("div", "lines");
  const f = h("form", { class: "card propose-form", attrs: { novalidate: true } });

  const drawLines = () => {
    clear(lines);
    form.deliverables.forEach((l: Line, i) => {
      const p = select(`line${i}-platform`, info.platforms.map((x) => [x.slug, x.name]), l.platform);
      const fm = input(`line${i}-format`, l.format, { list: "format-list-p", "aria-label": `Line ${i + 1} format` });
      const q = input(`line${i}-quantity`, l.quantity, { inputmode: "numeric", "aria-label": `Line ${i + 1} quantity`, class: "qty" });
      const im = input(`line${i}-impressions`, l.impressions, { inputmode: "numeric", placeholder: "projected by Mille", "aria-label": `Line ${i + 1} impressions` });
      p.setAttribute("aria-label", `Line ${i + 1} platform`);
      const sync = () => { l.platform = p.value; l.format = fm.value; l.quantity = q.value; l.impressions = im.value; };
      for (const el of [p, fm, q, im]) el.addEventListener("input", sync);
      p.addEventListener("change", sync);
      lines.append(
        h("div", { class: "line-row field", attrs: { "data-field": `line${i}` } },
          h("div", "line-inputs", q, h("span", "times", "×"), p, fm, im,
            form.deliverables.length > 1 ? button("Remove", () => { form.deliverables.splice(i, 1); drawLines(); schedule(); }, "link", { "aria-label": `Remove line ${i + 1}` }) : null),
          h("div", { class: "error", attrs: { "data-error-for": `line${i}` } })));
    });
  };
  drawLines();
  const bind = <T extends HTMLInputElement | HTMLSelectElement>(el: T, key: keyof ProposeInput) => {
    el.addEventListener("input", () => ((form as Record<string, unknown>)[key] = el.value));
    el.addEventListener("change", () => ((form as Record<string, unknown>)[key] = el.value));
    return el;
  };
  const rush = h("input", { attrs: { type: "checkbox", name: "rush" } });
  rush.checked = form.rush;
  rush.addEventListener("change", () => { form.rush = rush.checked; schedule(); });
  const offer = bind(input("offer", form.offer, { inputmode: "decimal", placeholder: `e.g. 1500 (${info.base_currency})` }), "offer");
  f.append(
    h("div", "form-title", "What is the brand asking for?"),
    lines,
    h("datalist", { attrs: { id: "format-list-p" } }, ...info.formats.map((x) => h("option", { attrs: { value: x.name } }))),
    h("div", "form-actions tight", button("Add a deliverable", () => { form.deliverables.push({ platform: info.last_platform, format: info.last_format, quantity: "1", impressions: "" }); drawLines(); schedule(); }, "ghost", { "data-action": "add-line" })),
    h("div", "grid4",
      field("Live date", bind(input("date", form.date, { placeholder: "YYYY-MM-DD" }), "date"), "date"),
      field("Brand", bind(input("brand", form.brand, { list: "brand-list-p" }), "brand"), "brand"),
      field("Usage rights", bind(select("usage_rights", [["", "None"], ["30", "30 days"], ["90", "90 days"], ["perpetual", "Perpetual"]], form.usage_rights), "usage_rights"), "usage_rights"),
      field("Exclusivity (days)", bind(input("exclusivity", form.exclusivity, { inputmode: "numeric", placeholder: "0" }), "exclusivity"), "exclusivity")),
    warns,
    h("div", "grid4",
      field("Whitelisting (days)", bind(input("whitelisting", form.whitelisting, { inputmode: "numeric", placeholder: "0" }), "whitelisting"), "whitelisting"),
      h("label", "check", rush, " Rush delivery"),
      h("div"), h("div")),
    h("datalist", { attrs: { id: "brand-list-p" } }, ...info.brands.map((b) => h("option", { attrs: { value: b } }))),
    h("div", "offer-row", field("Check an offer", offer, "offer", "What the brand offers for the whole request."), button("Check", () => void run(), "secondary", { "data-action": "check-offer" })),
    err,
  );
  let timer: number | undefined;
  const schedule = () => { window.clearTimeout(timer); timer = window.setTimeout(() => void run(), 300); };
  f.addEventListener("input", schedule);
  f.addEventListener("submit", (e) => { e.preventDefault(); void run(); });
  root.append(h("div", "propose-layout", h("div", "propose-side", f, sendCard()), result));

  // Typing re-prices shortly after: only the latest answer is drawn. Her history of
  // quotes does not change while she types: asked once.
  const priced = ctx.latest();
  const history = api.dealsAccepted().catch(() => [] as AcceptedView[]);
  ctx.signal.addEventListener("abort", () => window.clearTimeout(timer));
  async function run(): Promise<void> {
    try {
      const [p, said] = await priced(Promise.all([api.propose(form), history]));
      clearErrors(f);
      clear(result);
      result.append(proposalView(p, said));
      void warned(api.proposalWarnings(form.brand, form.date)).then((ws) => {
        warns.replaceChildren(...ws.map((w) => h("p", { class: "deal-warning", attrs: { "data-testid": "propose-warning" } }, w)));
      }, () => clear(warns));
    } catch (e) {
      clearErrors(f);
      showError(f, e as never, err);
    }
  }
  await run();
}

/// "Export proposal PDF" (the quote at target or anchor, never the floor) and "Add to
/// rate card" (this request becomes a package on the card).
function sendCard(): HTMLElement {
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const point = select("price_point", [["target", "at target"], ["anchor", "at anchor"]], "target");
  const perf = h("input", { attrs: { type: "checkbox", name: "quote_performance" } });
  const name = input("package_name", "", { placeholder: "e.g. Launch bundle" });
  const card = h("form", { class: "card send-card", attrs: { novalidate: true } });
  const exportBtn = button("Export proposal PDF…", async () => {
    clearErrors(card);
    exportBtn.disabled = true;
    try {
      const saved = await api.proposalExport(form, point.value, perf.checked);
      if (saved) toast(`Saved the proposal to ${saved.path}.`);
    } catch (e) {
      showError(card, e as never, err);
    } finally {
      exportBtn.disabled = false;
    }
  }, "secondary", { "data-action": "export-proposal" });
  const dealBtn = button("Save as deal", async () => {
    clearErrors(card);
    dealBtn.disabled = true;
    try {
      const d = await api.dealSaveProposal(form, point.value);
      toast(`Saved as a deal with ${d.brand} at ${point.value}.`);
      navigate("deals", { open: d.id });
    } catch (e) {
      // A missing brand is said next to the Brand field of the form above.
      showError(card.closest<HTMLElement>(".propose-side") ?? card, e as never, err);
    } finally {
      dealBtn.disabled = false;
    }
  }, "secondary", { "data-action": "save-as-deal" });
  const addBtn = button("Add to rate card", async () => {
    clearErrors(card);
    try {
      const v = await api.ratecardAddPackage(form, name.value);
      toast(`Added \u201c${name.value.trim()}\u201d to your rate card (${v.packages.length} packages).`);
      name.value = "";
    } catch (e) {
      showError(card, e as never, err);
    }
  }, "secondary", { "data-action": "add-to-ratecard" });
  card.addEventListener("submit", (e) => e.preventDefault());
  card.append(
    h("div", "form-title", "Send it"),
    h("div", "send-row", field("Quote", point, "price_point", "The floor is never on it."), h("label", "check", perf, " With the performance option"), exportBtn),
    h("div", "send-row", h("p", "muted small grow", "Keep this request and its prices as a deal with the brand, to check their offers against it."), dealBtn),
    h("div", "send-row", field("Package name", name, "package_name", "This request, as a package on your rate card."), addBtn),
    err,
  );
  return card;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;
const conf = (c: string) => h("span", `conf conf-${c}`, `${c} confidence`);

/// What her history says of quotes at `point`; nothing without any.
function pointHistory(said: AcceptedView[], point: string): HTMLElement | null {
  const a = said.find((x) => x.price_point === point);
  if (!a) return null;
  return h("div", { class: a.thin ? "point-history thin" : "point-history", attrs: { "data-testid": `history-${point}` } },
    a.text, a.thin ? h("span", "thin-tag", `thin · n = ${a.n}`) : null);
}

function proposalView(p: ProposalView, said: AcceptedView[]): HTMLElement {
  const el = h("div");
  const t = p.total;
  el.append(
    h("section", "card total",
      h("div", "eyebrow", `Total · live ${shortDate(p.date)} · ${p.season} ×${p.season_factor}`),
      h("div", "points",
        h("div", "point", h("div", "point-label", "Floor"), h("div", { class: "point-value", attrs: { "data-testid": "total-floor" } }, money(t.floor, true)), h("div", "point-sub", "walk away below")),
        h("div", "point main", h("div", "point-label", "Target"), h("div", { class: "point-value", attrs: { "data-testid": "total-target" } }, money(t.target, true)), h("div", "point-sub", "ask for this"), pointHistory(said, "target")),
        h("div", "point", h("div", "point-label", "Anchor"), h("div", { class: "point-value", attrs: { "data-testid": "total-anchor" } }, money(t.anchor, true)), h("div", "point-sub", "open with this"), pointHistory(said, "anchor"))),
      Number(p.bundle_discount_percent) > 0 ? h("p", "muted", `Bundle discount ${p.bundle_discount_percent} % included.`) : null,
      p.addons.length ? h("p", "muted", "Add-ons: " + p.addons.map((a) => `${a.name}${a.days !== null ? ` ${a.days}${typeof a.days === "number" ? " d" : ""}` : ""} +${a.percent} %`).join(" · ")) : null),
  );
  if (p.offer) {
    const o = p.offer;
    const cls = o.verdict === "below floor" ? "bad" : o.verdict === "at or above target" ? "good" : "mid";
    el.append(h("section", { class: `card offer ${cls}`, attrs: { "data-testid": "offer" } },
      h("div", "offer-verdict", `${money(o.amount, true)} is ${o.verdict}`),
      h("p", {}, `That is a CPM of ${money(o.cpm)}, at the ${ordinal(o.percentile)} percentile of your recent deals for these deliverables.`),
      o.counter ? h("p", { class: "counter", attrs: { "data-testid": "counter" } }, `Counter with ${money(o.counter, true)}.`) : h("p", "muted", "Take it: it meets your target.")));
  }
  for (const l of p.lines) {
    el.append(h("section", "card line",
      h("div", "line-head", h("strong", {}, `${l.quantity} × ${deliverableName(p.names, l.platform, l.format)}`), conf(l.confidence)),
      h("div", "line-points", h("span", {}, `Floor ${money(l.price.floor, true)}`), h("span", "strong", `Target ${money(l.price.target, true)}`), h("span", {}, `Anchor ${money(l.price.anchor, true)}`)),
      h("p", "working", l.working),
      h("p", "muted small", `${count(l.projected_impressions)} impressions projected (${l.projection}) · ${l.evidence_posts} posts of evidence${l.evidence_from ? `, ${shortDate(l.evidence_from)} – ${shortDate(l.evidence_to!)}` : ""}`)));
  }
  const perf = p.performance;
  if (perf.base) {
    el.append(h("section", "card perf",
      h("div", "form-title", "Performance-based option"),
      h("p", {}, `${money(perf.base, true)} base for ${count(perf.guaranteed_impressions)} guaranteed impressions, then ${money(perf.bonus_cpm)} per 1,000 above, capped at ${money(perf.cap, true)} (keep the cap to yourself).`)));
  }
  return el;
}
