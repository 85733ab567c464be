// One deal's panel: everything `mille deals show` says (stages with their dates,
// deliverables, the proposal at its quoted price point, offers with their check, the
// agreed fee and add-ons, invoice, payments, paid and outstanding, linked posts and
// what they delivered against the quote, warnings) and its actions: record an offer
// (checked by the core as it is typed), book, log the deliverables, create the
// invoice, record a payment, move the stage.
// Each action answers with the deal as it now stands, drawn in place.
import { api, type DealPanelView, type DeliveredView } from "../api";
import type { Saved } from "../bindings/Saved";
import { clearErrors, refreshInfo, showError, state, toast, type ScreenContext } from "../app";
import { button, field, h, input, select } from "../dom";
import { count, deliverableName, money, ordinal, plural, shortDate } from "../format";

const STAGES = ["inquiry", "negotiating", "booked", "delivered", "invoiced", "paid", "declined", "lost", "cancelled"];

export function stageLabel(stage: string): string {
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}

type Hooks = { changed: (d: DealPanelView) => void; close: () => void };

/// What a check reads like: "between floor and target · 42nd percentile".
function checkText(verdict: string | null, percentile: number | null): string {
  if (!verdict) return "";
  return percentile === null ? verdict : `${verdict} · ${ordinal(percentile)} percentile of your quote`;
}

function verdictClass(verdict: string | null): string {
  return verdict === "below floor" ? "bad" : verdict === "at or above target" ? "good" : verdict ? "mid" : "";
}

/// An action's form: its own error slots, its button disabled while it runs.
function actionForm(cls: string, title: string, body: HTMLElement[], label: string, action: string, run: (f: HTMLFormElement) => Promise<void>): HTMLFormElement {
  const f = h("form", { class: `deal-action ${cls}`, attrs: { novalidate: true } });
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const go = h("button", { class: "secondary", attrs: { type: "submit", "data-action": action } }, label);
  f.append(h("div", "sub-title", title), ...body, err, h("div", "form-actions tight-top", go));
  f.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(f);
    go.disabled = true;
    try {
      await run(f);
    } catch (x) {
      showError(f, x as never, err);
    } finally {
      go.disabled = false;
    }
  });
  return f;
}

export function dealPanel(d: DealPanelView, ctx: ScreenContext, hooks: Hooks): HTMLElement {
  const base = state.info?.base_currency ?? "";
  const el = h("section", { class: "card deal-panel", attrs: { "data-testid": "deal-panel", "data-id": d.id, "aria-label": `Deal with ${d.brand}` } });
  const act: Act = async (p, said) => {
    const next = await ctx.keep(p);
    toast(typeof said === "string" ? said : said(next));
    hooks.changed(next);
  };
  const late = d.overdue_days !== null;
  el.append(
    h("div", "deal-head",
      h("div", {},
        h("div", "deal-name", d.brand),
        h("div", "muted small", [d.title, d.category ? `${d.category}` : "", `deal ${d.id}`].filter(Boolean).join(" · "))),
      h("div", "deal-head-side",
        h("span", { class: `stage-chip stage-${d.stage}`, attrs: { "data-testid": "deal-stage" } }, stageLabel(d.stage)),
        button("Close", hooks.close, "ghost", { "aria-label": "Close the deal" }))),
  );
  for (const w of d.warnings) el.append(h("p", { class: "deal-warning", attrs: { "data-testid": "deal-warning" } }, w));

  // The money at a glance.
  const fee = d.agreed_fee ? money(d.agreed_fee, false, d.currency) : "not agreed yet";
  el.append(h("div", "deal-facts",
    fact("Agreed fee", fee, "agreed"),
    fact("Paid", money(d.paid, false, d.currency), "paid"),
    fact("Outstanding", money(d.outstanding, false, d.currency), "outstanding", late ? `${plural(d.overdue_days!, "day")} overdue` : d.status)));

  // Stages with their dates.
  el.append(h("ol", { class: "deal-stages", attrs: { "aria-label": "Stages" } },
    ...d.stages.map((s) => h("li", {}, h("span", "strong", stageLabel(s.stage)), " ", h("span", "muted", shortDate(s.date))))));

  // Deliverables and the proposal.
  const lines = d.deliverables.map((l) => h("li", {}, `${l.quantity} × ${deliverableName(d.names, l.platform, l.format)}`, l.due ? h("span", "muted", ` · due ${shortDate(l.due)}`) : null));
  el.append(section("Deliverables", lines.length ? h("ul", "plain", ...lines) : h("p", "muted", "None named.")));
  if (d.proposal) {
    const p = d.proposal.proposal;
    const point = d.proposal.price_point;
    el.append(section("Proposal", h("p", { attrs: { "data-testid": "deal-proposal" } },
      h("span", "strong", `${money(point === "anchor" ? p.total.anchor : p.total.target, true, p.currency)} at ${point}`),
      h("span", "muted", ` · floor ${money(p.total.floor, true, p.currency)} · target ${money(p.total.target, true, p.currency)} · anchor ${money(p.total.anchor, true, p.currency)} · live ${shortDate(p.date)}, priced ${shortDate(p.as_of)}`))));
  }

  // Offers, then recording one with its check as it is typed.
  const offers = d.offers.map((o) => h("li", { attrs: { "data-testid": "deal-offer" } },
    h("span", "strong", money(o.amount, false, base)), ` from ${o.from} · ${shortDate(o.date)}`,
    o.verdict ? h("span", `verdict ${verdictClass(o.verdict)}`, ` · ${checkText(o.verdict, o.percentile)}`) : null,
    o.note ? h("span", "muted", ` · ${o.note}`) : null));
  el.append(section("Offers", offers.length ? h("ul", "plain", ...offers) : h("p", "muted", "No offer yet.")));
  if (!d.agreed_fee) el.append(offerForm(d, ctx, act));

  // Booking, or what was agreed.
  if (!d.agreed_fee) el.append(bookForm(d, act));
  else {
    const a = d.add_ons;
    const terms = [
      a.usage_rights !== null ? `usage rights ${typeof a.usage_rights === "number" ? plural(a.usage_rights, "day") : a.usage_rights}` : "",
      a.exclusivity !== null ? `exclusivity ${plural(a.exclusivity, "day")}` : "",
      a.whitelisting !== null ? `whitelisting ${plural(a.whitelisting, "day")}` : "",
      a.rush ? "rush" : "",
      d.fx_rate ? `at ${d.fx_rate} ${base} per ${d.currency}` : "",
    ].filter(Boolean);
    el.append(section("Booked", h("p", {}, h("span", "strong", fee), terms.length ? h("span", "muted", ` · ${terms.join(" · ")}`) : null)));
  }

  // Delivery and money.
  const next = h("div", "deal-buttons");
  if (d.agreed_fee && d.posts.length === 0 && d.deliverables.length) {
    next.append(button("Log the deliverables", () => void run(api.dealLogPosts(d.id).then(async (v) => (await refreshInfo(), v)), "Logged the deliverables as posts."), "secondary", { "data-action": "log-deliverables" }));
  }
  // Create invoice records it and saves its PDF; afterwards the same button saves the
  // same invoice again (same number and dates).
  const papers = (p: Promise<Saved | null>, what: string) =>
    p.then((saved) => {
      said = saved ? `${what} saved to ${saved.path}.` : `${what}: not saved.`;
      return api.dealShow(d.id);
    });
  let said = "";
  if (d.agreed_fee) {
    // Not yet invoiced: the issue date may be typed (empty is today); due date and
    // overdue days count from it.
    const issued = d.invoice ? null : input("invoice_date", "", { placeholder: `issued today (${state.info?.today ?? "YYYY-MM-DD"})`, "aria-label": "Invoice date", class: "date-inline" });
    if (issued) next.append(issued);
    next.append(button(d.invoice ? "Invoice PDF" : "Create invoice", () => void run(papers(api.dealInvoicePdf(d.id, issued?.value ?? ""), `Invoice`), () => said), "secondary", { "data-action": "create-invoice" }));
  }
  if (d.posts.length) {
    next.append(button("Campaign recap", () => void run(papers(api.dealRecapPdf(d.id), "Campaign recap"), () => said), "secondary", { "data-action": "campaign-recap" }));
  }
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const run = async (p: Promise<DealPanelView>, said: Parameters<Act>[1]) => {
    err.textContent = "";
    next.querySelectorAll("button").forEach((b) => (b.disabled = true));
    try {
      await act(p, said);
    } catch (x) {
      err.textContent = (x as { message: string }).message;
      next.querySelectorAll("button").forEach((b) => (b.disabled = false));
    }
  };
  if (d.posts.length) el.append(section("Posts", h("p", { attrs: { "data-testid": "deal-posts" } }, `${plural(d.posts.length, "post")} linked: ${d.posts.map((id) => `#${id}`).join(", ")}`)));
  if (d.delivered) el.append(section("Quoted vs delivered", deliveredView(d.delivered)));
  if (d.invoice) {
    const i = d.invoice;
    el.append(section("Invoice", h("p", { attrs: { "data-testid": "deal-invoice" } }, h("span", "strong", i.number), ` · issued ${shortDate(i.date)} · due ${shortDate(i.due)}`, late ? h("span", "overdue-tag", ` ${plural(d.overdue_days!, "day")} overdue`) : null)));
  }
  if (next.childElementCount) el.append(next, err);
  if (d.payments.length) {
    el.append(section("Payments", h("ul", "plain", ...d.payments.map((p) => h("li", { attrs: { "data-testid": "deal-payment" } }, h("span", "strong", money(p.amount, false, d.currency)), p.date ? ` · ${shortDate(p.date)}` : " · day not known")))));
  }
  if (d.invoice && d.status !== "paid") el.append(payForm(d, act));

  // Move by hand (backwards too).
  const stage = select("stage", STAGES.map((s) => [s, stageLabel(s)]), d.stage);
  el.append(actionForm("stage-form", "Move stage", [field("Stage", stage, "stage")], "Move", "move-stage",
    async () => act(api.dealStage(d.id, stage.value), `Moved to ${stageLabel(stage.value)}.`)));
  return el;
}

/// Projected against delivered impressions (with the core's change, "+15 %") and the
/// quoted against the delivered CPM, in the base currency.
function deliveredView(v: DeliveredView): HTMLElement {
  const dir = v.change?.startsWith("+") ? " up" : v.change?.startsWith("-") ? " down" : "";
  return h("div", { class: "delivered-grid", attrs: { "data-testid": "deal-delivered" } },
    h("span"), h("span", "num muted", "Quoted"), h("span", "num muted", "Delivered"),
    h("span", "muted", "Impressions"),
    h("span", { class: "num", attrs: { "data-testid": "delivered-projected" } }, count(v.projected)),
    h("span", { class: "num", attrs: { "data-testid": "delivered-impressions" } }, count(v.delivered), v.change ? h("span", { class: `change${dir}`, attrs: { "data-testid": "delivered-change" } }, ` ${v.change}`) : null),
    h("span", "muted", "CPM"),
    h("span", { class: "num", attrs: { "data-testid": "delivered-quoted-cpm" } }, money(v.quoted_cpm)),
    h("span", { class: "num strong", attrs: { "data-testid": "delivered-cpm" } }, money(v.delivered_cpm)));
}

function fact(label: string, value: string, id: string, sub?: string): HTMLElement {
  return h("div", "deal-fact", h("div", "tile-label", label), h("div", { class: "deal-fact-value", attrs: { "data-testid": `deal-${id}` } }, value), sub ? h("div", "tile-sub", sub) : null);
}

function section(title: string, body: HTMLElement): HTMLElement {
  return h("div", "deal-section", h("div", "sub-title", title), body);
}

type Act = (p: Promise<DealPanelView>, said: string | ((d: DealPanelView) => string)) => Promise<void>;

function offerForm(d: DealPanelView, ctx: ScreenContext, act: Act): HTMLElement {
  const amount = input("amount", "", { inputmode: "decimal", placeholder: d.default_fee ?? "e.g. 1500" });
  const from = select("from", [["brand", "The brand"], ["creator", "Me (counter)"]], "brand");
  const note = input("note", "", { placeholder: "optional" });
  const check = h("p", { class: "offer-check", attrs: { "data-testid": "offer-check", "aria-live": "polite" } });
  const checked = ctx.latest();
  let timer: number | undefined;
  const live = () => {
    window.clearTimeout(timer);
    if (!d.proposal || from.value !== "brand" || !amount.value.trim()) {
      check.textContent = "";
      check.className = "offer-check";
      return;
    }
    timer = window.setTimeout(async () => {
      try {
        const c = await checked(api.dealCheckOffer(d.id, amount.value));
        check.textContent = checkText(c.verdict, c.percentile);
        check.className = `offer-check ${verdictClass(c.verdict)}`;
      } catch {
        check.textContent = "";
      }
    }, 150);
  };
  amount.addEventListener("input", live);
  from.addEventListener("change", live);
  ctx.signal.addEventListener("abort", () => window.clearTimeout(timer));
  return actionForm("offer-form", "Record an offer", [
    h("div", "grid3", field("Amount", amount, "amount"), field("From", from, "from"), field("Note", note, "notes")), check,
  ], "Record offer", "record-offer", async () => act(api.dealOffer(d.id, { amount: amount.value, from: from.value, note: note.value }), (n) => {
    const o = n.offers[n.offers.length - 1];
    return `Recorded the offer of ${money(o.amount)}${o.verdict ? `: ${o.verdict}` : ""}.`;
  }));
}

function bookForm(d: DealPanelView, act: Act): HTMLElement {
  const base = state.info?.base_currency ?? "";
  const fee = input("fee", "", { inputmode: "decimal", placeholder: d.default_fee ?? "the agreed fee" });
  const currency = input("currency", "", { placeholder: base, "aria-label": "Currency" });
  const fx = input("fx_rate", "", { inputmode: "decimal", placeholder: "only for another currency" });
  const excl = input("exclusivity", "", { inputmode: "numeric", placeholder: "0" });
  const usage = select("usage_rights", [["", "As quoted"], ["30", "30 days"], ["90", "90 days"], ["perpetual", "Perpetual"]], "");
  const white = input("whitelisting", "", { inputmode: "numeric", placeholder: "0" });
  const rush = h("input", { attrs: { type: "checkbox", name: "rush" } });
  const hint = d.default_fee ? `Empty books ${money(d.default_fee)} (${d.offers.length ? "the last offer" : "the quoted total"}).` : undefined;
  return actionForm("book-form", "Book it", [
    h("div", "grid3", field("Agreed fee", fee, "fee", hint), field("Currency", currency, "currency"), field("Exchange rate", fx, "fx_rate")),
    h("div", "grid3", field("Exclusivity (days)", excl, "exclusivity"), field("Usage rights", usage, "usage_rights"), field("Whitelisting (days)", white, "whitelisting")),
    h("label", "check tight", rush, " Rush"),
  ], "Book", "book", async () => act(api.dealBook(d.id, {
    fee: fee.value, currency: currency.value, fx_rate: fx.value, exclusivity: excl.value, usage_rights: usage.value, whitelisting: white.value, rush: rush.checked,
  }), "Booked."));
}

function payForm(d: DealPanelView, act: Act): HTMLElement {
  const amount = input("amount", "", { inputmode: "decimal", placeholder: d.outstanding });
  // The day the money came in (empty is today): how fast a brand pays counts from it.
  const date = input("date", "", { placeholder: `today (${state.info?.today ?? "YYYY-MM-DD"})` });
  return actionForm("pay-form", "Record a payment", [h("div", "grid3",
    field("Amount received", amount, "amount", `${money(d.outstanding, false, d.currency)} outstanding.`),
    field("Received on", date, "date"))],
    "Record payment", "record-payment", async () => act(api.dealPay(d.id, amount.value, date.value), "Payment recorded."));
}
