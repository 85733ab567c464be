// Rate card: a live preview of the brand-facing card (rendered by the core's rate card
// engine) and Export PDF through the native save dialog. When this build has no rate
// card engine, the screen says so instead of showing anything made up.
import { api, type RatecardInput } from "../api";
import { emptyState, navigate, spinner, state, toast } from "../app";
import { button, field, h, input } from "../dom";
import { shortDate } from "../format";

const opts: RatecardInput = { date: "", how_i_price: false, performance: false };

export async function render(root: HTMLElement): Promise<void> {
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
      const saved = await api.ratecardExport(opts);
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
  const refresh = async () => {
    opts.date = date.value;
    opts.how_i_price = how.checked;
    opts.performance = perf.checked;
    err.textContent = "";
    try {
      const v = await api.ratecardPreview(opts);
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
  root.append(h("div", "ratecard-layout", form, preview));
  await refresh();
}
