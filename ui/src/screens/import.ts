// Import: choose a campaign file in the native dialog, see a dry run (first rows, the
// column mapping, every error with its line), and only then "Import N posts". Also
// Export CSV through the native save dialog.
import { api, type ImportPreview } from "../api";
import { navigate, refreshInfo, spinner, toast } from "../app";
import { button, clear, h } from "../dom";
import { count, plural } from "../format";

export async function render(root: HTMLElement): Promise<void> {
  const status = h("p", { class: "form-error", attrs: { role: "alert" } });
  const result = h("div", { class: "import-result", attrs: { "data-testid": "import-result" } });
  const choose = button("Choose a file…", () => void pick(), "primary", { "data-action": "choose-file" });
  const exportBtn = button("Export CSV…", async () => {
    exportBtn.disabled = true;
    try {
      const saved = await api.exportCsv();
      if (saved) toast(`Exported to ${saved.path}.`);
    } catch (e) {
      status.textContent = (e as { message: string }).message;
    } finally {
      exportBtn.disabled = false;
    }
  }, "secondary", { "data-action": "export-csv" });
  root.append(
    h("header", "screen-head", h("h1", {}, "Import"), h("div", "head-actions", exportBtn)),
    h(
      "section",
      "card intro",
      h("div", "form-title", "Bring in the spreadsheet you already keep"),
      h("p", "muted", "CSV (comma, semicolon or tab), Excel (.xlsx, .xls) or OpenDocument (.ods). Mille reads it first and shows what it found; nothing is added until you say so, and a file with errors adds nothing."),
      h("div", "form-actions", choose),
      status,
    ),
    result,
  );

  async function pick(): Promise<void> {
    status.textContent = "";
    try {
      const name = await api.pickImportFile();
      if (!name) return;
      clear(result);
      result.append(spinner(`Reading ${name}…`));
      const preview = await api.importPreview();
      clear(result);
      result.append(previewView(preview));
    } catch (e) {
      clear(result);
      status.textContent = (e as { message: string }).message;
    }
  }

  function previewView(p: ImportPreview): HTMLElement {
    const el = h("div");
    if (p.errors.length) {
      const list = h("ol", { class: "errors", attrs: { "data-testid": "import-errors" } });
      for (const e of p.errors) {
        list.append(h("li", {}, h("span", "err-line", `Line ${e.line}`), h("span", "err-col", e.column), h("span", "err-msg", e.message), e.value ? h("code", "err-val", e.value) : null));
      }
      el.append(
        h(
          "section",
          "card bad",
          h("div", "form-title", `${p.file_name} has ${plural(p.total_errors, "error")}: nothing was imported`),
          h("p", "muted", "Fix these in the file and choose it again."),
          list,
          p.total_errors > p.errors.length ? h("p", "muted", `… and ${count(p.total_errors - p.errors.length)} more`) : null,
        ),
      );
      return el;
    }
    const mapping = h("div", "mapping", ...p.mapping.map((m) => h("span", { class: m.header.toLowerCase() === m.column ? "map" : "map renamed" }, m.header.toLowerCase() === m.column ? m.column : `${m.header} → ${m.column}`)));
    const table = h("table", "posts compact",
      h("thead", {}, h("tr", {}, h("th", "num", "Line"), h("th", {}, "Date"), h("th", {}, "Brand"), h("th", {}, "Deliverable"), h("th", "num", "Fee"), h("th", "num", "Impressions"))),
      h("tbody", {}, ...p.first_rows.map((r) => h("tr", {}, h("td", "num muted", String(r.line)), h("td", {}, r.date), h("td", "brand-cell", r.brand), h("td", {}, `${r.platform} ${r.format}`), h("td", "num", `${r.fee} ${r.currency}`), h("td", "num", count(r.impressions))))),
    );
    const go = button(p.would_add ? `Import ${plural(p.would_add, "post")}` : "Nothing new to import", async () => {
      go.disabled = true;
      go.textContent = "Importing…";
      try {
        const done = await api.importCommit();
        await refreshInfo();
        toast(`Added ${plural(done.added, "post")}${done.duplicates ? `, ${plural(done.duplicates, "duplicate")} skipped` : ""}.`);
        navigate("posts");
      } catch (e) {
        go.disabled = false;
        go.textContent = `Import ${plural(p.would_add, "post")}`;
        status.textContent = (e as { message: string }).message;
      }
    }, "primary", { "data-action": "import-commit" });
    go.disabled = p.would_add === 0;
    el.append(
      h(
        "section",
        { class: "card good", attrs: { "data-testid": "import-ok" } },
        h("div", "form-title", `${p.file_name}: ${plural(p.rows, "row")} read`),
        h("p", "muted", `${plural(p.would_add, "new post")}${p.duplicates ? `, ${plural(p.duplicates, "duplicate")} already in your history (skipped)` : ""}. Columns:`),
        mapping,
        ...p.warnings.map((w) => h("p", "warning", w)),
        table,
        h("div", "form-actions", go, button("Choose another file", () => void pick(), "ghost")),
      ),
    );
    return el;
  }
}
