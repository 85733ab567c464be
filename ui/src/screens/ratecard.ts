// Rate card: a live preview of the brand-facing card (rendered by the core's rate card
// engine), Export PDF through the native save dialog, and the packages editor
// (Essential / Standard / Premium prefilled from the most used formats until the
// creator saves her own). When this build has no rate card engine, the screen says so
// instead of showing anything made up.
import { api, type PackageEdit, type PackagesView, type RatecardInput } from "../api";
import { clearErrors, emptyState, navigate, showError, spinner, state, toast, type ScreenContext } from "../app";
import { firstRunCard } from "../firstrun";
import { button, clear, field, h, input, select } from "../dom";
import { shortDate } from "../format";

const opts: RatecardInput = { date: "", how_i_price: false, performance: false };

export async function render(root: HTMLElement, _opts: unknown, ctx: ScreenContext): Promise<void> {
  root.append(h("header", "screen-head", h("h1", {}, "Rate card")));
  if (!state.info?.ratecard) {
    root.append(emptyState("Not available yet", "The rate card engine is not part of this build yet. Your prices are ready in Propose in the meantime."));
    return;
  }
  if (state.info.post_count === 0) {
    root.append(emptyState("Nothing to put on a card yet", "A rate card lists prices from your own history: log or import posts first.", button("Import a spreadsheet", () => navigate("import"), "primary")));
    return;
  }
  const preview = h("div", { class: "card-preview", attrs: { "data-testid": "ratecard-preview" } });
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const date = input("date", opts.date, { placeholder: `today (${state.info.today})` });
  const how = h("input", { attrs: { type: "checkbox", name: "how_i_price" } });
  how.checked = opts.how_i_price;
  const perf = h("input", { attrs: { type: "checkbox", name: "performance" } });
  perf.checked = opts.performance;
  const exportBtn = button("Export PDF…", async () => {
    exportBtn.disabled = true;
    exportBtn.textContent = "Exporting…";
    err.textContent = "";
    try {
      const saved = await ctx.keep(api.ratecardExport(opts));
      if (saved) toast(`Saved the rate card to ${saved.path}.`);
    } catch (e) {
      err.textContent = (e as { message: string }).message;
    } finally {
      exportBtn.disabled = false;
      exportBtn.textContent = "Export PDF…";
    }
  }, "primary", { "data-action": "export-pdf" });
  const meta = h("p", "muted");
  const form = h("form", "card ratecard-form",
    h("div", "form-title", "Card"),
    field("Date", date, "date", "Prices use this date's season."),
    h("label", "check", how, " Add the \u201cHow I price\u201d page"),
    h("label", "check", perf, " Offer the performance-based option"),
    meta, err,
    h("div", "form-actions", exportBtn),
  );
  let timer: number | undefined;
  ctx.signal.addEventListener("abort", () => window.clearTimeout(timer));
  // The preview is typeset again shortly after each change: only the latest is shown.
  const typeset = ctx.latest();
  const refresh = async () => {
    opts.date = date.value;
    opts.how_i_price = how.checked;
    opts.performance = perf.checked;
    err.textContent = "";
    try {
      const v = await typeset(api.ratecardPreview(opts));
      const img = h("img", { attrs: { alt: "Preview of the rate card's first page", src: v.png_data_url } });
      preview.replaceChildren(img);
      meta.textContent = `${v.pages === 1 ? "One page" : `${v.pages} pages`} · valid until ${shortDate(v.valid_until)}${v.packages.length ? ` · ${v.packages.join(", ")}` : ""}`;
    } catch (e) {
      err.textContent = (e as { message: string }).message;
    }
  };
  form.addEventListener("input", () => { window.clearTimeout(timer); timer = window.setTimeout(() => void refresh(), 300); });
  form.addEventListener("submit", (e) => e.preventDefault());
  preview.append(spinner("Typesetting…"));
  const editor = h("form", { class: "card packages-editor", attrs: { novalidate: true, "data-testid": "packages-editor" } });
  // A card without a name would go out with no name line: ask for it first.
  const profile = await ctx.keep(api.getProfile());
  if (!profile.name.trim()) {
    const card = firstRunCard(profile, ctx, () => { card.remove(); void refresh(); }, "Your rate card needs your name");
    root.append(card);
  }
  root.append(h("div", "ratecard-layout", h("div", "ratecard-side", form, editor), preview));
  await Promise.all([refresh(), packagesEditor(editor, refresh)]);
}

const MAX_PACKAGES = 6;

/// The packages editor: every package's name, lines and add-ons as typed text; saved
/// all at once (the core checks them, nothing is saved when one is wrong).
async function packagesEditor(root: HTMLFormElement, onSaved: () => Promise<void>): Promise<void> {
  const info = state.info!;
  let view: PackagesView;
  try {
    view = await api.ratecardPackages();
  } catch (e) {
    root.append(h("p", { class: "form-error", attrs: { role: "alert" } }, (e as { message: string }).message));
    return;
  }
  let draft: PackageEdit[] = structuredClone(view.packages);
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const status = h("p", "muted small");
  const list = h("div", "package-list");
  const saveBtn = button("Save packages", () => void save(), "primary", { "data-action": "save-packages" });
  const resetBtn = button("Reset to defaults", () => void reset(), "ghost", { "data-action": "reset-packages" });
  const addBtn = button("Add a package", () => {
    draft.push({ name: "", recommended: false, lines: [{ platform: info.last_platform, format: info.last_format, quantity: "1" }], usage_rights: "", exclusivity: "", whitelisting: "", rush: false });
    draw();
    list.querySelector<HTMLInputElement>(`[name="package${draft.length - 1}-name"]`)?.focus();
  }, "ghost", { "data-action": "add-package" });

  const draw = () => {
    clear(list);
    status.textContent = view.custom
      ? "Your own packages."
      : "Prefilled from your most used formats of the last 12 months. Edit and save to make them yours.";
    resetBtn.hidden = !view.custom;
    addBtn.disabled = draft.length >= MAX_PACKAGES;
    if (draft.length === 0) list.append(h("p", "muted", "No package: the card shows your per-deliverable rates only."));
    draft.forEach((pkg, i) => {
      const name = input(`package${i}-name`, pkg.name, { "aria-label": `Package ${i + 1} name`, placeholder: "Package name" });
      name.addEventListener("input", () => (pkg.name = name.value));
      const rec = h("input", { attrs: { type: "checkbox", name: `package${i}-recommended` } });
      rec.checked = pkg.recommended;
      rec.addEventListener("change", () => {
        draft.forEach((p) => (p.recommended = false));
        pkg.recommended = rec.checked;
        draw();
      });
      const lines = h("div", "package-lines");
      pkg.lines.forEach((l, j) => {
        const q = input(`package${i}-line${j}-quantity`, l.quantity, { inputmode: "numeric", class: "qty", "aria-label": `Package ${i + 1} line ${j + 1} quantity` });
        const p = select(`package${i}-line${j}-platform`, info.platforms.map((x) => [x.slug, x.name]), l.platform);
        p.setAttribute("aria-label", `Package ${i + 1} line ${j + 1} platform`);
        const fm = input(`package${i}-line${j}-format`, l.format, { list: "format-list-r", "aria-label": `Package ${i + 1} line ${j + 1} format` });
        const sync = () => { l.quantity = q.value; l.platform = p.value; l.format = fm.value; };
        for (const el of [q, p, fm]) { el.addEventListener("input", sync); el.addEventListener("change", sync); }
        lines.append(h("div", "line-inputs", q, h("span", "times", "×"), p, fm,
          pkg.lines.length > 1 ? button("Remove", () => { pkg.lines.splice(j, 1); draw(); }, "link", { "aria-label": `Remove line ${j + 1} of package ${i + 1}` }) : null));
      });
      const usage = select(`package${i}-usage`, [["", "No usage rights"], ["30", "Usage 30 days"], ["90", "Usage 90 days"], ["perpetual", "Usage perpetual"]], pkg.usage_rights);
      if (usage.value !== pkg.usage_rights) usage.append(h("option", { attrs: { value: pkg.usage_rights } }, `Usage ${pkg.usage_rights} days`)), (usage.value = pkg.usage_rights);
      usage.setAttribute("aria-label", `Package ${i + 1} usage rights`);
      usage.addEventListener("change", () => (pkg.usage_rights = usage.value));
      const excl = input(`package${i}-exclusivity`, pkg.exclusivity, { inputmode: "numeric", placeholder: "0", class: "days", "aria-label": `Package ${i + 1} exclusivity days` });
      excl.addEventListener("input", () => (pkg.exclusivity = excl.value));
      const white = input(`package${i}-whitelisting`, pkg.whitelisting, { inputmode: "numeric", placeholder: "0", class: "days", "aria-label": `Package ${i + 1} whitelisting days` });
      white.addEventListener("input", () => (pkg.whitelisting = white.value));
      const rush = h("input", { attrs: { type: "checkbox", name: `package${i}-rush` } });
      rush.checked = pkg.rush;
      rush.addEventListener("change", () => (pkg.rush = rush.checked));
      list.append(h("fieldset", { class: "package field", attrs: { "data-field": `package${i}` } },
        h("div", "package-head", name, h("label", "check", rec, " Recommended"),
          button("Remove package", () => { draft.splice(i, 1); draw(); }, "link", { "aria-label": `Remove package ${i + 1}` })),
        lines,
        h("div", "form-actions tight", button("Add a deliverable", () => { pkg.lines.push({ platform: info.last_platform, format: info.last_format, quantity: "1" }); draw(); }, "link")),
        h("div", "package-addons", usage,
          h("label", "inline", "Exclusivity ", excl, " d"),
          h("label", "inline", "Whitelisting ", white, " d"),
          h("label", "check", rush, " Rush")),
        h("div", { class: "error", attrs: { role: "alert", "data-error-for": `package${i}` } })));
    });
  };

  async function save(): Promise<void> {
    clearErrors(root);
    saveBtn.disabled = true;
    try {
      view = await api.ratecardSavePackages(draft);
      draft = structuredClone(view.packages);
      draw();
      toast("Saved the packages.");
      await onSaved();
    } catch (e) {
      showError(root, e as never, err);
    } finally {
      saveBtn.disabled = false;
    }
  }
  async function reset(): Promise<void> {
    clearErrors(root);
    try {
      view = await api.ratecardResetPackages();
      draft = structuredClone(view.packages);
      draw();
      toast("Back to the default packages.");
      await onSaved();
    } catch (e) {
      showError(root, e as never, err);
    }
  }

  root.addEventListener("submit", (e) => { e.preventDefault(); void save(); });
  root.append(
    h("div", "form-title", "Packages"),
    status,
    list,
    h("datalist", { attrs: { id: "format-list-r" } }, ...info.formats.map((x) => h("option", { attrs: { value: x.name } }))),
    err,
    h("div", "form-actions", addBtn, resetBtn, saveBtn),
  );
  draw();
}
