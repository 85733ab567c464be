// Posts: the table of the history, a page of 50 at a time, filtered and sorted by the
// core (`posts_page`: opening Posts never fetches every post), the Log a post form tuned
// for speed (date defaults to today, brand autocompletes, platform/format remember the
// last used, impressions optional), edit, delete with Undo, and the Trash.
import { api, type PostInput, type PostView, type PostsPageQuery, type PostsPageView } from "../api";
import { clearErrors, emptyState, refreshInfo, showError, spinner, state, toast, type ScreenContext } from "../app";
import { button, clear, field, h, input, select } from "../dom";
import { count, money, shortDate } from "../format";
import { lastPage, pagers } from "../pager";

type SortKey = "date" | "brand" | "platform" | "format" | "fee" | "impressions" | "cpm";
const PAGE = 50;
/// The table's place survives screen switches: sort, direction, filters, page.
const view = { sort: "date" as SortKey, descending: true, offset: 0, platform: "", format: "", brand: "" };
let showTrash = false;
/// The Trash's page (most recently deleted first), from its top each time it is opened.
let trashOffset = 0;
/// What is typed in the Log form survives errors and screen switches until saved.
let draft: PostInput | null = null;

const blank = (): PostInput => ({
  date: state.info?.today ?? "",
  brand: "",
  platform: state.info?.last_platform ?? "instagram",
  format: state.info?.last_format ?? "reel",
  fee: "",
  currency: "",
  fx_rate: "",
  impressions: "",
  reach: "",
  views: "",
  likes: "",
  comments: "",
  shares: "",
  saves: "",
  clicks: "",
  campaign: "",
  url: "",
  notes: "",
});

function toInput(p: PostView): PostInput {
  const n = (v: number | null) => (v === null ? "" : String(v));
  return {
    date: p.date, brand: p.brand, platform: p.platform, format: p.format_name, fee: p.fee,
    currency: p.currency === state.info?.base_currency ? "" : p.currency, fx_rate: p.fx_rate ?? "",
    impressions: n(p.impressions), reach: n(p.reach), views: n(p.views), likes: n(p.likes),
    comments: n(p.comments), shares: n(p.shares), saves: n(p.saves), clicks: n(p.clicks),
    campaign: p.campaign, url: p.url, notes: p.notes,
  };
}

const query = (): PostsPageQuery => ({
  from: "", to: "", platform: view.platform, format: view.format, brand: view.brand,
  sort: view.sort, descending: view.descending, offset: view.offset, limit: PAGE,
});
const filtered = () => !!(view.platform || view.format || view.brand.trim());

export async function render(root: HTMLElement, opts: Record<string, unknown> | undefined, ctx: ScreenContext): Promise<void> {
  const head = h("header", "screen-head", h("h1", {}, showTrash ? "Trash" : "Posts"));
  const actions = h("div", "head-actions");
  head.append(actions);
  const formHost = h("div", { class: "form-host" });
  const tableHost = h("div", "table-host");
  root.append(head, formHost, tableHost);
  tableHost.append(spinner("Loading posts…"));

  const openForm = (editing: PostView | null) => {
    clear(formHost);
    formHost.append(postForm(editing, ctx, async () => {
      clear(formHost);
      await reload();
    }, () => clear(formHost)));
  };

  // One page request at a time counts: a quick second click on Next wins over the first.
  const page = ctx.latest();
  let table: PostsTable | null = null;
  const reload = async (): Promise<void> => {
    if (showTrash) {
      const ask = () => page(api.listTrash({ offset: trashOffset, limit: PAGE }));
      let got = await ask();
      if (got.total > 0 && got.posts.length === 0 && trashOffset > 0) {
        // The last page emptied (its posts restored): show the last page there is.
        trashOffset = lastPage(got.total, PAGE);
        got = await ask();
      }
      clear(tableHost);
      tableHost.append(trashTable(got, ctx, reload));
      return;
    }
    let got = await page(api.postsPage(query()));
    if (got.total > 0 && got.posts.length === 0 && view.offset > 0) {
      // The last page emptied (a delete, a filter): show the last page there is.
      view.offset = lastPage(got.total, PAGE);
      got = await page(api.postsPage(query()));
    }
    if (!table) {
      table = postsTable(openForm, reload, ctx);
      clear(tableHost);
      tableHost.append(table.el);
    }
    table.fill(got);
  };

  if (showTrash) {
    actions.append(button("Back to posts", () => { showTrash = false; void rerender(root, ctx); }, "secondary"));
  } else {
    actions.append(
      button("Trash", () => { showTrash = true; trashOffset = 0; void rerender(root, ctx); }, "ghost", { "data-action": "trash" }),
      button("Log a post", () => openForm(null), "primary", { "data-action": "log", title: "Ctrl+N" }),
    );
  }
  if (opts?.log) showTrash = false;
  await reload();
  if (opts?.log) {
    openForm(null);
  } else if (typeof opts?.edit === "number") {
    try {
      openForm(await ctx.keep(api.getPost(opts.edit)));
    } catch (e) {
      toast((e as { message: string }).message);
    }
  } else if (draft) {
    openForm(null);
  }
}

async function rerender(root: HTMLElement, ctx: ScreenContext): Promise<void> {
  clear(root);
  await render(root, undefined, ctx);
  root.querySelector<HTMLElement>("h1")?.focus();
}

function postForm(editing: PostView | null, ctx: ScreenContext, saved: () => Promise<void>, cancel: () => void): HTMLElement {
  const values: PostInput = editing ? toInput(editing) : draft ?? blank();
  const info = state.info!;
  const inputs: Partial<Record<keyof PostInput, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>> = {};
  const text = (k: keyof PostInput, attrs: Record<string, string> = {}) => {
    const el = input(k, String(values[k]), attrs);
    inputs[k] = el;
    return el;
  };
  const brands = h("datalist", { attrs: { id: "brand-list" } }, ...info.brands.map((b) => h("option", { attrs: { value: b } })));
  const formats = h("datalist", { attrs: { id: "format-list" } }, ...info.formats.map((f) => h("option", { attrs: { value: f.name } })));
  const platform = select("platform", info.platforms.map((p) => [p.slug, p.name]), values.platform);
  inputs.platform = platform;
  const currency = select("currency", [["", info.base_currency], ...["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "JPY", "INR", "BRL", "MXN"].filter((c) => c !== info.base_currency).map((c) => [c, c] as [string, string])], values.currency);
  inputs.currency = currency;
  const fxField = field(`Exchange rate (${info.base_currency} for 1 unit)`, text("fx_rate", { inputmode: "decimal", placeholder: "e.g. 1.08" }), "fx_rate");
  const syncFx = () => fxField.classList.toggle("hidden", currency.value === "" || currency.value === info.base_currency);
  currency.addEventListener("change", syncFx);
  syncFx();
  const notes = h("textarea", { attrs: { name: "notes", rows: "2" } });
  notes.value = values.notes;
  inputs.notes = notes;
  const more = h(
    "details",
    { class: "more" },
    h("summary", {}, "More details"),
    h(
      "div",
      "grid4",
      field("Reach", text("reach", { inputmode: "numeric" }), "reach"),
      field("Views", text("views", { inputmode: "numeric" }), "views"),
      field("Likes", text("likes", { inputmode: "numeric" }), "likes"),
      field("Comments", text("comments", { inputmode: "numeric" }), "comments"),
      field("Shares", text("shares", { inputmode: "numeric" }), "shares"),
      field("Saves", text("saves", { inputmode: "numeric" }), "saves"),
      field("Clicks", text("clicks", { inputmode: "numeric" }), "clicks"),
      field("Campaign", text("campaign"), "campaign"),
    ),
    h("div", "grid2", field("Link to the post", text("url", { placeholder: "https://…" }), "url"), field("Notes", notes, "notes")),
  );
  if (editing && [values.reach, values.views, values.likes, values.comments, values.shares, values.saves, values.clicks, values.campaign, values.url, values.notes].some((v) => v)) more.open = true;
  // A new post may join an open deal of its brand (the core's list, as the brand is typed).
  const dealSel = select("deal", [["", "No deal"]], "");
  const dealField = h("div", { class: "deal-choice hidden", attrs: { "data-testid": "deal-choice" } }, field("Part of a deal", dealSel, "deal", "Its fee then counts toward that deal."));
  const dealsOf = ctx.latest();
  let dealTimer: number | undefined;
  const findDeals = () => {
    window.clearTimeout(dealTimer);
    dealTimer = window.setTimeout(async () => {
      const b = inputs.brand?.value.trim() ?? "";
      const open = b ? await dealsOf(api.openDeals(b)).catch(() => []) : [];
      dealSel.replaceChildren(h("option", { attrs: { value: "" } }, "No deal"),
        ...open.map((d) => h("option", { attrs: { value: d.id } }, [`Deal ${d.id}`, d.stage, d.title].filter(Boolean).join(" · "))));
      dealSel.value = open.length === 1 ? String(open[0].id) : "";
      dealField.classList.toggle("hidden", open.length === 0);
    }, 200);
  };
  ctx.signal.addEventListener("abort", () => window.clearTimeout(dealTimer));
  const formError = h("p", { class: "form-error", attrs: { role: "alert" } });
  const collect = (): PostInput => {
    const out = { ...values };
    for (const [k, el] of Object.entries(inputs)) (out as Record<string, string>)[k] = el!.value;
    return out;
  };
  const save = h("button", { class: "primary", attrs: { type: "submit", "data-action": "save-post" } }, editing ? "Save changes" : "Log post");
  const form = h(
    "form",
    { class: "card post-form", attrs: { "aria-label": editing ? "Edit post" : "Log a post", novalidate: true } },
    h("div", "form-title", editing ? `Edit ${editing.brand}` : "Log a post"),
    h(
      "div",
      "grid4",
      field("Date", text("date", { placeholder: "YYYY-MM-DD" }), "date"),
      field("Brand", text("brand", { list: "brand-list", placeholder: "Who paid" }), "brand"),
      field("Platform", platform, "platform"),
      field("Format", text("format", { list: "format-list" }), "format"),
    ),
    h(
      "div",
      "grid4",
      field("Fee", text("fee", { inputmode: "decimal", placeholder: "e.g. 1250" }), "fee"),
      field("Currency", currency, "currency"),
      fxField,
      field("Impressions", text("impressions", { inputmode: "numeric", placeholder: "add later if unknown" }), "impressions", "Most numbers arrive days after posting."),
    ),
    editing ? null : dealField,
    brands,
    formats,
    more,
    formError,
    h("div", "form-actions", save, button("Cancel", () => { draft = null; cancel(); }, "ghost"), h("span", "muted kbd-hint", "Enter saves · Esc cancels")),
  );
  form.addEventListener("input", (e) => {
    if (!editing) draft = collect();
    if (!editing && e.target === inputs.brand) findDeals();
  });
  if (!editing && values.brand) findDeals();
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      if (!editing) draft = collect();
      cancel();
    }
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    save.disabled = true;
    try {
      const input = collect();
      const p = await ctx.keep(editing ? api.updatePost(Number(editing.id), input) : api.addPost(input, dealSel.value ? Number(dealSel.value) : null));
      if (!editing) draft = null;
      await refreshInfo();
      toast(editing ? `Saved ${p.brand}.` : `Logged ${p.brand} · ${money(p.fee_base)}${p.cpm ? ` · CPM ${money(p.cpm)}` : ""}${dealSel.value ? ` · deal ${dealSel.value}` : ""}.`);
      await saved();
    } catch (err) {
      showError(form, err as never, formError);
    } finally {
      save.disabled = false;
    }
  });
  queueMicrotask(() => (editing ? inputs.impressions : inputs.brand)?.focus());
  return form;
}

type PostsTable = { el: HTMLElement; fill: (page: PostsPageView) => void };

/// The table, its filters and its pager; `fill` draws a page the core returned.
function postsTable(edit: (p: PostView | null) => void, reload: () => Promise<void>, ctx: ScreenContext): PostsTable {
  const info = state.info!;
  const wrap = h("div", { attrs: { "data-testid": "posts-table" } });
  const platform = select("platform", [["", "All platforms"], ...info.platforms.map((p) => [p.slug, p.name] as [string, string])], view.platform);
  platform.setAttribute("aria-label", "Platform");
  const format = select("format", [["", "All formats"], ...info.formats.map((f) => [f.slug, f.name] as [string, string])], view.format);
  format.setAttribute("aria-label", "Format");
  const brand = input("brand", view.brand, { placeholder: "Any brand", type: "search", list: "brand-filter-list", "aria-label": "Brand" });
  const brands = h("datalist", { attrs: { id: "brand-filter-list" } }, ...info.brands.map((b) => h("option", { attrs: { value: b } })));
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const clearFilters = button("Clear filters", () => {
    platform.value = format.value = brand.value = "";
    refilter();
  }, "link", { "data-action": "clear-filters" });
  const refilter = () => {
    Object.assign(view, { platform: platform.value, format: format.value, brand: brand.value, offset: 0 });
    void reload().catch((e) => { err.textContent = (e as { message: string }).message; });
  };
  let timer: number | undefined;
  platform.addEventListener("change", refilter);
  format.addEventListener("change", refilter);
  brand.addEventListener("input", () => { window.clearTimeout(timer); timer = window.setTimeout(refilter, 250); });
  ctx.signal.addEventListener("abort", () => window.clearTimeout(timer));

  const cols: [SortKey, string, boolean][] = [
    ["date", "Date", false], ["brand", "Brand", false], ["platform", "Platform", false], ["format", "Format", false],
    ["fee", `Fee (${info.base_currency})`, true], ["impressions", "Impressions", true], ["cpm", "CPM", true],
  ];
  const headRow = h("tr");
  const body = h("tbody");
  // A new page starts at its top, its first row focused (Tab and arrows go on from there).
  const go = (offset: number) => {
    view.offset = Math.max(0, offset);
    void reload().then(() => {
      wrap.scrollIntoView({ block: "start" });
      body.querySelector<HTMLElement>("tr[data-id]")?.focus({ preventScroll: true });
    });
  };
  // The pager above the table (beside the filters) and below it: "1–50 of 12,345".
  const pager = pagers("posts", PAGE, (step) => go(view.offset + step * PAGE));
  const table = h("table", "posts", h("thead", {}, headRow), body);
  const nothing = h("div");
  const tools = h("div", "table-tools", platform, format, brand, brands, clearFilters, pager.top);
  wrap.append(tools, err, table, nothing, pager.bottom);

  const drawHead = () => {
    clear(headRow);
    for (const [k, label, num] of cols) {
      const on = view.sort === k;
      headRow.append(h("th", { class: num ? "num" : "", attrs: { "aria-sort": on ? (view.descending ? "descending" : "ascending") : "none" } },
        h("button", {
          class: "th-sort",
          attrs: { type: "button", "data-sort": k, title: `Sort by ${label.toLowerCase()}` },
          on: { click: () => {
            if (on) view.descending = !view.descending;
            else { view.sort = k; view.descending = k !== "brand" && k !== "platform" && k !== "format"; }
            view.offset = 0;
            void reload().then(() => headRow.querySelector<HTMLElement>(`[data-sort="${k}"]`)?.focus());
          } },
        }, label, h("span", { class: "sort-mark", attrs: { "aria-hidden": "true" } }, on ? (view.descending ? " ↓" : " ↑") : ""))));
    }
    headRow.append(h("th", { class: "actions-col", attrs: { "aria-label": "Actions" } }));
  };

  const row = (p: PostView): HTMLElement => {
    const other = p.currency !== info.base_currency;
    const del = async () => {
      const at = [...body.querySelectorAll("tr[data-id]")].findIndex((r) => (r as HTMLElement).dataset.id === String(p.id));
      try {
        await api.deletePost(Number(p.id));
        await refreshInfo();
        await reload();
        // The focus goes to the row that took its place (or the heading), not to <body>.
        const rows = body.querySelectorAll<HTMLElement>("tr[data-id]");
        (rows[Math.min(at, rows.length - 1)] ?? document.querySelector<HTMLElement>("main h1"))?.focus();
        toast(`Moved ${p.brand} to the trash.`, {
          label: "Undo",
          run: async () => {
            try {
              await api.restorePost(Number(p.id));
              await refreshInfo();
              toast(`Restored ${p.brand}.`);
              await reload();
              body.querySelector<HTMLElement>(`tr[data-id="${p.id}"]`)?.focus();
            } catch (e) {
              toast((e as { message: string }).message);
            }
          },
        });
      } catch (e) {
        toast((e as { message: string }).message);
      }
    };
    return h(
      "tr",
      { attrs: { tabindex: "0", "data-id": String(p.id) }, on: { keydown: (e) => { if (e.target !== e.currentTarget) return; if (e.key === "Enter") edit(p); if (e.key === "Delete") void del(); }, dblclick: () => edit(p) } },
      h("td", "date", shortDate(p.date)),
      h("td", "brand-cell", p.brand),
      h("td", {}, p.platform_name),
      h("td", {}, p.format_name),
      h("td", "num", money(p.fee_base), other ? h("div", "sub", money(p.fee, false, p.currency)) : null),
      h("td", { class: p.impressions === null ? "num missing" : "num" }, p.impressions === null ? "add" : count(p.impressions)),
      h("td", "num", p.cpm ? money(p.cpm) : "—"),
      h("td", "actions-col", button("Edit", () => edit(p), "link", { "aria-label": `Edit ${p.brand}` }), button("Delete", () => void del(), "link danger", { "data-action": "delete", "aria-label": `Delete ${p.brand}` })),
    );
  };

  const fill = (page: PostsPageView) => {
    err.textContent = "";
    drawHead();
    clear(body);
    clear(nothing);
    for (const p of page.posts) body.append(row(p));
    const none = page.total === 0;
    table.hidden = none;
    clearFilters.hidden = !filtered();
    if (none) {
      nothing.append(filtered()
        ? emptyState("No posts match these filters", "Try another platform, format or brand, or clear the filters.", button("Clear filters", () => clearFilters.click(), "secondary"))
        : emptyState("No posts yet", "Log a sponsored post right after it goes live, or import the spreadsheet you already keep.", button("Log a post", () => edit(null), "primary")));
    }
    // Only the filter row shows when the history is empty: nothing to filter yet.
    tools.hidden = none && !filtered();
    pager.fill(page);
  };
  return { el: wrap, fill };
}

/// A page of the trash with its pager; a restored post leaves it at once.
function trashTable(page: PostsPageView, ctx: ScreenContext, reload: () => Promise<void>): HTMLElement {
  if (page.total === 0) return emptyState("The trash is empty", "Deleted posts wait here until you restore them.");
  const wrap = h("div", { attrs: { "data-testid": "trash-table" } });
  const pager = pagers("trash", PAGE, (step) => {
    trashOffset = Math.max(0, trashOffset + step * PAGE);
    void reload().then(() => document.querySelector<HTMLElement>('[data-testid="trash-table"]')?.scrollIntoView({ block: "start" }));
  });
  const body = h("tbody");
  for (const p of page.posts) {
    body.append(
      h("tr", { attrs: { "data-id": String(p.id) } },
        h("td", "date", shortDate(p.date)), h("td", "brand-cell", p.brand), h("td", {}, `${p.platform_name} ${p.format_name}`), h("td", "num", money(p.fee_base)),
        h("td", "actions-col", button("Restore", async () => {
          try { await ctx.keep(api.restorePost(Number(p.id))); await refreshInfo(); toast(`Restored ${p.brand}.`); await reload(); } catch (e) { toast((e as { message: string }).message); }
        }, "link", { "data-action": "restore", "aria-label": `Restore ${p.brand}` }))));
  }
  const table = h("table", "posts", h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Brand"), h("th", {}, "Deliverable"), h("th", "num", "Fee"), h("th", "actions-col"))), body);
  wrap.append(h("div", "table-tools", pager.top), table, pager.bottom);
  pager.fill(page);
  return wrap;
}
