// Deals: every deal grouped by stage with the stage's count and total, overdue ones
// marked red with their days, and the money side (booked, owed, overdue) on top; a
// deal opens in a panel beside the board (screens/deal-panel.ts) with everything about
// it and its actions. The whole board is one call into the core (`deals_board`), never
// one per deal; every figure is the core's.
import { api, type DealRowView, type DealPanelView, type DealsBoardView } from "../api";
import { clearErrors, emptyState, navigate, showError, state, toast, type ScreenContext } from "../app";
import { button, clear, field, h, input, select } from "../dom";
import { count, money, plural, shortDate } from "../format";
import { dealPanel, stageLabel } from "./deal-panel";

/// The stage shown whole (every row), the deal open in the panel, and whether only the
/// overdue deals are shown (Overview's "Owed to you" opens the screen so; any other way
/// in shows every deal).
const view: { whole: string; open: number | null; overdue: boolean } = { whole: "", open: null, overdue: false };

export async function render(root: HTMLElement, opts: Record<string, unknown> | undefined, ctx: ScreenContext): Promise<void> {
  if (typeof opts?.open === "number") view.open = opts.open;
  view.overdue = opts?.overdue === true;
  const newBtn = button("New deal", () => openNew(), "primary", { "data-action": "new-deal" });
  root.append(h("header", "screen-head", h("h1", {}, "Deals"), h("div", "head-actions", newBtn)));
  const money_ = h("div", { class: "deal-money", attrs: { "data-testid": "deals-money" } });
  const board = h("div", { class: "deal-board", attrs: { "data-testid": "deal-board" } });
  const filters = h("div", { class: "chips deal-filters", attrs: { role: "group", "aria-label": "Show" } });
  const side = h("div", { class: "deal-side", attrs: { "aria-live": "polite" } });
  const layout = h("div", "deals-layout", h("div", "deal-main", money_, filters, board), side);
  root.append(layout);
  const boards = ctx.latest();
  const panels = ctx.latest();

  const started = performance.now();
  let board_: DealsBoardView = await ctx.keep(api.dealsBoard(view.whole, view.overdue));
  drawBoard();
  root.dataset.loadMs = String(Math.round(performance.now() - started));
  if (view.open !== null) await open(view.open);

  async function reload(): Promise<void> {
    board_ = await boards(api.dealsBoard(view.whole, view.overdue));
    drawBoard();
  }

  /// Only the overdue deals, or every deal again.
  function showOverdue(on: boolean): void {
    view.overdue = on;
    view.whole = "";
    void reload();
  }

  function drawBoard(): void {
    clear(money_);
    clear(board);
    clear(filters);
    const m = board_.money;
    const late = h("button", {
      class: view.overdue ? "chip on" : "chip",
      attrs: { type: "button", "aria-pressed": String(view.overdue), "data-action": "filter-overdue" },
      on: { click: () => showOverdue(!view.overdue) },
    }, `Overdue only · ${count(m.overdue.count)}`);
    filters.append(late);
    if (view.overdue) filters.append(button("Show all deals", () => showOverdue(false), "link", { "data-action": "clear-filter" }));
    money_.append(
      tile("Booked", m.booked.amount, `${plural(m.booked.count, "deal")} not invoiced yet`, "booked"),
      tile("Owed to you", m.owed.amount, `${plural(m.owed.count, "invoice")} unpaid`, "owed"),
      tile("Overdue", m.overdue.amount, plural(m.overdue.count, "invoice"), "overdue", m.overdue.count > 0),
    );
    const any = board_.columns.some((c) => c.total.count > 0);
    if (!any && view.overdue) {
      board.append(emptyState("Nothing overdue", "Every invoice is paid or not yet due.", button("Show all deals", () => showOverdue(false), "secondary")));
      return;
    }
    if (!any) {
      board.append(emptyState(
        "No deals yet",
        "A deal follows a brand from the first email to the money in the bank. Start one here, or price a request in Propose and save it as a deal.",
        button("New deal", () => openNew(), "primary"),
        button("Draft a proposal", () => navigate("propose"), "secondary"),
      ));
      return;
    }
    for (const c of board_.columns) {
      if (c.total.count === 0) continue;
      const list = h("ul", "deal-list");
      for (const r of c.rows) list.append(h("li", {}, rowButton(r)));
      board.append(h("section", { class: "deal-stage", attrs: { "data-stage": c.stage } },
        h("div", "deal-stage-head",
          h("h2", {}, stageLabel(c.stage)),
          h("span", "muted small", plural(c.total.count, "deal")),
          h("span", { class: "deal-stage-total", attrs: { "data-testid": `total-${c.stage}` } }, money(c.total.amount, true))),
        list,
        c.more > 0 ? button(`Show all ${plural(c.total.count, "deal")}`, () => { view.whole = c.stage; void reload(); }, "link", { "data-action": "show-all" }) : null));
    }
  }

  function tile(label: string, amount: string, sub: string, id: string, alarm = false): HTMLElement {
    return h("div", { class: alarm ? "tile alarm" : "tile", attrs: { "data-testid": `money-${id}` } },
      h("div", "tile-label", label), h("div", "tile-figure", money(amount)), h("div", "tile-sub", sub));
  }

  function rowButton(r: DealRowView): HTMLElement {
    const late = r.overdue_days !== null;
    return h("button", {
      class: `deal-row${view.open === r.id ? " on" : ""}${late ? " overdue" : ""}`,
      attrs: { type: "button", "data-id": r.id, "aria-current": view.open === r.id ? "true" : null },
      on: { click: () => void open(r.id) },
    },
    h("span", "deal-row-main", h("span", "deal-brand", r.brand), h("span", "deal-row-sub", [r.title, r.due ? `due ${shortDate(r.due)}` : ""].filter(Boolean).join(" · "))),
    h("span", "deal-row-side",
      h("span", "deal-value", r.outstanding ? money(r.outstanding) : money(r.value, true)),
      late ? h("span", { class: "overdue-tag", attrs: { "data-testid": "overdue" } }, `${plural(r.overdue_days!, "day")} overdue`) : r.outstanding ? h("span", "deal-row-sub", "outstanding") : null));
  }

  function mark(): void {
    board.querySelectorAll<HTMLElement>(".deal-row").forEach((b) => {
      const on = Number(b.dataset.id) === view.open;
      b.classList.toggle("on", on);
      if (on) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    });
  }

  async function open(id: number): Promise<void> {
    view.open = id;
    mark();
    try {
      show(await panels(api.dealShow(id)));
    } catch (e) {
      view.open = null;
      mark();
      clear(side);
      toast((e as { message: string }).message);
    }
  }

  function show(d: DealPanelView): void {
    view.open = d.id;
    mark();
    clear(side);
    side.append(dealPanel(d, ctx, {
      changed: (next) => { show(next); void reload(); },
      close: () => { view.open = null; mark(); clear(side); board.querySelector<HTMLElement>(".deal-row")?.focus(); },
    }));
  }

  function openNew(): void {
    view.open = null;
    mark();
    clear(side);
    side.append(newDealForm(ctx, (d) => { show(d); void reload(); }, () => clear(side)));
    side.querySelector<HTMLInputElement>('input[name="brand"]')?.focus();
  }
}

/// New deal: brand, title and the deliverables (platform, format, quantity, due).
function newDealForm(ctx: ScreenContext, done: (d: DealPanelView) => void, cancel: () => void): HTMLElement {
  const info = state.info!;
  const f = h("form", { class: "card deal-new", attrs: { novalidate: true, "data-testid": "new-deal" } });
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const brand = input("brand", "", { list: "brand-list-d", placeholder: "Who is asking" });
  const title = input("title", "", { placeholder: "e.g. Spring launch" });
  const platform = select("line0-platform", info.platforms.map((x) => [x.slug, x.name]), info.last_platform);
  const format = input("line0-format", info.last_format, { list: "format-list-d", "aria-label": "Format" });
  const qty = input("line0-quantity", "1", { inputmode: "numeric", class: "qty", "aria-label": "Quantity" });
  const due = input("line0-due", "", { placeholder: "YYYY-MM-DD", "aria-label": "Due" });
  platform.setAttribute("aria-label", "Platform");
  f.append(
    h("div", "form-title", "New deal"),
    h("div", "grid2 even", field("Brand", brand, "brand"), field("Title", title, "title")),
    h("div", { class: "field", attrs: { "data-field": "line0" } },
      h("label", {}, "Deliverable"),
      h("div", "line-inputs", qty, h("span", "times", "×"), platform, format, due),
      h("div", { class: "error", attrs: { "data-error-for": "line0" } })),
    h("datalist", { attrs: { id: "brand-list-d" } }, ...info.brands.map((b) => h("option", { attrs: { value: b } }))),
    h("datalist", { attrs: { id: "format-list-d" } }, ...info.formats.map((x) => h("option", { attrs: { value: x.name } }))),
    err,
    h("div", "form-actions",
      h("button", { class: "primary", attrs: { type: "submit", "data-action": "save-deal" } }, "Add deal"),
      button("Cancel", cancel, "ghost")),
  );
  f.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(f);
    try {
      const d = await ctx.keep(api.dealAdd({
        brand: brand.value, title: title.value,
        deliverables: [{ platform: platform.value, format: format.value, quantity: qty.value, due: due.value }],
      }));
      toast(`Added a deal with ${d.brand}.`);
      done(d);
    } catch (x) {
      showError(f, x as never, err);
    }
  });
  return f;
}
