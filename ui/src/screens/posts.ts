// Posts: the table of the history (sortable, filterable), the Log a post form tuned for
// speed (date defaults to today, brand autocompletes, platform/format remember the last
// used, impressions optional), edit, delete with Undo, and the Trash.
import { api, type PostInput, type PostView } from "../api";
import { clearErrors, emptyState, refreshInfo, showError, spinner, state, toast } from "../app";
import { button, clear, field, h, input, select } from "../dom";
import { count, money, shortDate } from "../format";

type SortKey = "date" | "brand" | "platform" | "format" | "fee" | "impressions" | "cpm";
let sortKey: SortKey = "date";
let sortDesc = true;
let filterText = "";
let showTrash = false;
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

export async function render(root: HTMLElement, opts?: Record<string, unknown>): Promise<void> {
  const head = h("header", "screen-head", h("h1", {}, showTrash ? "Trash" : "Posts"));
  const actions = h("div", "head-actions");
  head.append(actions);
  const formHost = h("div", { class: "form-host" });
  const tableHost = h("div", "table-host");
  root.append(head, formHost, tableHost);
  tableHost.append(spinner("Loading posts…"));

  const openForm = (editing: PostView | null) => {
    clear(formHost);
    formHost.append(postForm(editing, async () => {
      clear(formHost);
      await reload();
    }, () => clear(formHost)));
  };

  let posts: PostView[] = [];
  const reload = async () => {
    posts = showTrash ? await api.listTrash() : await api.listPosts();
    clear(tableHost);
    tableHost.append(showTrash ? trashTable(posts, reload) : postsTable(posts, openForm, reload));
  };

  if (showTrash) {
    actions.append(button("Back to posts", () => { showTrash = false; void rerender(root); }, "secondary"));
  } else {
    actions.append(
      button("Trash", () => { showTrash = true; void rerender(root); }, "ghost", { "data-action": "trash" }),
      button("Log a post", () => openForm(null), "primary", { "data-action": "log", title: "Ctrl+N" }),
    );
  }
  await reload();
  if (opts?.log) {
    showTrash = false;
    openForm(null);
  } else if (typeof opts?.edit === "number") {
    const p = posts.find((x) => Number(x.id) === opts.edit);
    if (p) openForm(p);
  } else if (draft) {
    openForm(null);
  }
}

async function rerender(root: HTMLElement): Promise<void> {
  clear(root);
  await render(root);
}

function postForm(editing: PostView | null, saved: () => Promise<void>, cancel: () => void): HTMLElement {
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
    brands,
    formats,
    more,
    formError,
    h("div", "form-actions", save, button("Cancel", () => { draft = null; cancel(); }, "ghost"), h("span", "muted kbd-hint", "Enter saves · Esc cancels")),
  );
  form.addEventListener("input", () => {
    if (!editing) draft = collect();
  });
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
      const p = editing ? await api.updatePost(Number(editing.id), input) : await api.addPost(input);
      if (!editing) draft = null;
      await refreshInfo();
      toast(editing ? `Saved ${p.brand}.` : `Logged ${p.brand} · ${money(p.fee_base)}${p.cpm ? ` · CPM ${money(p.cpm)}` : ""}.`);
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

function sortValue(p: PostView, k: SortKey): string | number {
  switch (k) {
    case "fee": return Number(p.fee_base);
    case "impressions": return p.impressions ?? -1;
    case "cpm": return p.cpm ? Number(p.cpm) : -1;
    case "brand": return p.brand.toLowerCase();
    default: return p[k];
  }
}

function postsTable(all: PostView[], edit: (p: PostView) => void, reload: () => Promise<void>): HTMLElement {
  if (all.length === 0) {
    return emptyState("No posts yet", "Log a sponsored post right after it goes live, or import the spreadsheet you already keep.", button("Log a post", () => edit(null as never), "primary"));
  }
  const wrap = h("div");
  const filter = input("filter", filterText, { placeholder: "Filter by brand, platform or format", type: "search", "aria-label": "Filter posts" });
  const body = h("tbody");
  const cols: [SortKey, string, boolean][] = [
    ["date", "Date", false], ["brand", "Brand", false], ["platform", "Platform", false], ["format", "Format", false],
    ["fee", `Fee (${state.info?.base_currency})`, true], ["impressions", "Impressions", true], ["cpm", "CPM", true],
  ];
  const headRow = h("tr");
  const counter = h("span", "muted");
  const fill = () => {
    const q = filterText.trim().toLowerCase();
    const rows = all.filter((p) => !q || p.brand.toLowerCase().includes(q) || p.platform_name.toLowerCase().includes(q) || p.format_name.toLowerCase().includes(q));
    rows.sort((a, b) => {
      const x = sortValue(a, sortKey), y = sortValue(b, sortKey);
      const c = x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id);
      return sortDesc ? -c : c;
    });
    counter.textContent = rows.length === all.length ? `${count(all.length)} posts` : `${count(rows.length)} of ${count(all.length)} posts`;
    clear(headRow);
    for (const [k, label, num] of cols) {
      const th = h("th", { class: num ? "num" : "", attrs: { "aria-sort": sortKey === k ? (sortDesc ? "descending" : "ascending") : null } },
        h("button", { class: "th-sort", attrs: { type: "button" }, on: { click: () => { if (sortKey === k) sortDesc = !sortDesc; else { sortKey = k; sortDesc = k !== "brand" && k !== "platform" && k !== "format"; } fill(); } } },
          label, sortKey === k ? (sortDesc ? " ↓" : " ↑") : ""));
      headRow.append(th);
    }
    headRow.append(h("th", { class: "actions-col", attrs: { "aria-label": "Actions" } }));
    clear(body);
    for (const p of rows.slice(0, 500)) body.append(row(p));
    if (rows.length > 500) body.append(h("tr", {}, h("td", { attrs: { colspan: "8" }, class: "muted" }, `Showing the first 500 of ${count(rows.length)}; filter to narrow down.`)));
  };
  const row = (p: PostView): HTMLElement => {
    const other = p.currency !== state.info?.base_currency;
    const del = async () => {
      try {
        await api.deletePost(Number(p.id));
        await refreshInfo();
        await reload();
        toast(`Moved ${p.brand} to the trash.`, {
          label: "Undo",
          run: async () => {
            await api.restorePost(Number(p.id));
            await refreshInfo();
            await reload();
            toast(`Restored ${p.brand}.`);
          },
        });
      } catch (e) {
        toast((e as { message: string }).message);
      }
    };
    const tr = h(
      "tr",
      { attrs: { tabindex: "0", "data-id": String(p.id) }, on: { keydown: (e) => { if (e.key === "Enter") edit(p); if (e.key === "Delete") void del(); }, dblclick: () => edit(p) } },
      h("td", "date", shortDate(p.date)),
      h("td", "brand-cell", p.brand),
      h("td", {}, p.platform_name),
      h("td", {}, p.format_name),
      h("td", "num", money(p.fee_base), other ? h("div", "sub", money(p.fee, false, p.currency)) : null),
      h("td", { class: p.impressions === null ? "num missing" : "num" }, p.impressions === null ? "add" : count(p.impressions)),
      h("td", "num", p.cpm ? money(p.cpm) : "—"),
      h("td", "actions-col", button("Edit", () => edit(p), "link", { "aria-label": `Edit ${p.brand}` }), button("Delete", () => void del(), "link danger", { "data-action": "delete", "aria-label": `Delete ${p.brand}` })),
    );
    return tr;
  };
  filter.addEventListener("input", () => { filterText = filter.value; fill(); });
  wrap.append(h("div", "table-tools", filter, counter), h("table", "posts", h("thead", {}, headRow), body));
  fill();
  return wrap;
}

function trashTable(all: PostView[], reload: () => Promise<void>): HTMLElement {
  if (all.length === 0) return emptyState("The trash is empty", "Deleted posts wait here until you restore them.");
  const body = h("tbody");
  for (const p of all) {
    body.append(
      h("tr", { attrs: { "data-id": String(p.id) } },
        h("td", "date", shortDate(p.date)), h("td", "brand-cell", p.brand), h("td", {}, `${p.platform_name} ${p.format_name}`), h("td", "num", money(p.fee_base)),
        h("td", "actions-col", button("Restore", async () => {
          try { await api.restorePost(Number(p.id)); await refreshInfo(); toast(`Restored ${p.brand}.`); await reload(); } catch (e) { toast((e as { message: string }).message); }
        }, "link", { "data-action": "restore" }))));
  }
  return h("table", "posts", h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Brand"), h("th", {}, "Deliverable"), h("th", "num", "Fee"), h("th", "actions-col"))), body);
}
