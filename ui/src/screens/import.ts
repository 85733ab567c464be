// Import: choose a file in the native dialog, then a mapping screen: every column of
// the file with a menu (a Mille column, or Ignore) and how it is read; changing a
// menu re-reads the file at once (only the latest answer is drawn). A date column
// that reads both ways asks once ("3/4/2025 — 3 April 2025 or March 4, 2025?").
// Nothing is written until "Import N posts" (or "… and save the M rows with
// errors…"). A platform export shows the posts it updates, old → new. Also Export CSV
// through the native save dialog.
import { api, type ImportChoices, type ImportPreview, type ExportPreview } from "../api";
import { navigate, refreshInfo, spinner, toast, type ScreenContext } from "../app";
import { button, clear, h } from "../dom";
import { count, plural } from "../format";

/// How the menus name Mille's columns.
const LABELS: Record<string, string> = { fx_rate: "fx rate", paid_on: "paid on", url: "link (url)" };

export async function render(root: HTMLElement, _opts: unknown, ctx: ScreenContext): Promise<void> {
  const status = h("p", { class: "form-error", attrs: { role: "alert", "data-testid": "import-status" } });
  const result = h("div", { class: "import-result", attrs: { "data-testid": "import-result" } });
  const choose = button("Choose a file…", () => void pick(), "primary", { "data-action": "choose-file" });
  const exportBtn = button("Export CSV…", async () => {
    exportBtn.disabled = true;
    try {
      const saved = await ctx.keep(api.exportCsv());
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
      h("p", "muted", "CSV (comma, semicolon or tab), Excel (.xlsx, .xls) or OpenDocument (.ods), or a YouTube Studio, Meta Business Suite or TikTok Studio export to fill in the numbers of posts you logged. Mille reads it first and shows what it found; nothing is added until you say so."),
      h("div", "form-actions", choose),
      status,
    ),
    result,
  );

  // The choices for the chosen file: null maps = not read yet (the remembered mapping).
  let maps: Map<string, string> | null = null;
  let dateOrder: string | null = null;
  const preview = ctx.latest();

  function choices(): ImportChoices {
    return { maps: maps ? [...maps.entries()] : null, date_order: dateOrder };
  }

  async function pick(): Promise<void> {
    status.textContent = "";
    try {
      const name = await ctx.keep(api.pickImportFile());
      if (!name) return;
      maps = null;
      dateOrder = null;
      clear(result);
      result.append(spinner(`Reading ${name}…`));
      await reread();
    } catch (e) {
      clear(result);
      status.textContent = (e as { message: string }).message;
    }
  }

  /// Reads the file again with the current choices; an answer that a later request
  /// overtook (or that comes after the screen was left) is dropped.
  async function reread(): Promise<void> {
    result.classList.add("busy");
    try {
      const p = await preview(api.importPreview(choices()));
      status.textContent = "";
      if (maps === null) maps = new Map(p.maps);
      clear(result);
      result.append(p.export ? exportView(p.file_name, p.export) : trackerView(p));
    } catch (e) {
      clear(result);
      status.textContent = (e as { message: string }).message;
    } finally {
      result.classList.remove("busy");
    }
  }

  function cancel(): void {
    preview.drop();
    result.classList.remove("busy");
    maps = null;
    dateOrder = null;
    clear(result);
    status.textContent = "";
  }

  function columnsCard(p: ImportPreview): HTMLElement {
    const rows = p.columns.map((c) => {
      const menu = h(
        "select",
        { attrs: { "data-testid": "map-select", "data-header": c.header, "aria-label": `Read "${c.header || "(no header)"}" as` } },
        h("option", { attrs: { value: "" } }, "Ignore"),
        ...p.column_names.map((n) => h("option", { attrs: { value: n } }, LABELS[n] ?? n)),
      );
      menu.value = c.column ?? "";
      menu.addEventListener("change", () => {
        maps ??= new Map();
        maps.set(c.header, menu.value);
        void reread();
      });
      return h(
        "tr",
        { class: c.column ? "" : "ignored", attrs: { "data-testid": "map-row", "data-header": c.header } },
        h("td", "col-header", c.header || h("span", "muted", "(no header)")),
        h("td", "col-menu", menu),
        h("td", "col-note muted", c.note ?? (c.column && maps?.get(c.header) ? "your choice" : "")),
      );
    });
    return h(
      "section",
      { class: "card", attrs: { "data-testid": "import-columns" } },
      h("div", "form-title", `${p.file_name}: ${plural(p.columns.length, "column")}`),
      h("p", "muted small", "Each column of the file and the Mille column it fills. Change a menu and the preview below reads the file again; Mille remembers your choice for files with these headers."),
      h("table", "posts compact mapping-table",
        h("thead", {}, h("tr", {}, h("th", {}, "In the file"), h("th", {}, "Read as"), h("th", {}, ""))),
        h("tbody", {}, ...rows),
      ),
      dateChosen(p),
    );
  }

  function dateChosen(p: ImportPreview): HTMLElement | null {
    {
      if (p.date_question || !dateOrder || !p.date_order) return null;
      const other = dateOrder === "dmy" ? "mdy" : "dmy";
      return h(
        "p",
        { class: "muted small date-chosen", attrs: { "data-testid": "date-chosen" } },
        dateOrder === "dmy" ? "Dates are read day first. " : "Dates are read month first. ",
        button(other === "dmy" ? "Read them day first" : "Read them month first", () => {
          dateOrder = other;
          void reread();
        }, "link", { "data-action": "date-flip" }),
      );
    }
  }

  function questionCard(p: ImportPreview): HTMLElement | null {
    const q = p.date_question;
    if (!q) return null;
    const answer = (order: string) => () => {
      dateOrder = order;
      void reread();
    };
    return h(
      "section",
      { class: "card question", attrs: { "data-testid": "date-question" } },
      h("div", "form-title", `${q.value} — ${q.day_first} or ${q.month_first}?`),
      h("p", "muted small", `Every date in the column “${q.column}” can be read day first or month first. Which way does the file write them?`),
      h(
        "div",
        "form-actions",
        button(q.day_first, answer("dmy"), "secondary", { "data-action": "date-dmy" }),
        button(q.month_first, answer("mdy"), "secondary", { "data-action": "date-mdy" }),
      ),
    );
  }

  function errorList(p: ImportPreview): HTMLElement[] {
    const list = h("ol", { class: "errors", attrs: { "data-testid": "import-errors" } });
    for (const e of p.errors) {
      list.append(h("li", {}, h("span", "err-line", `Line ${e.line}`), h("span", "err-col", e.column), h("span", "err-msg", e.message), e.value ? h("code", "err-val", e.value) : null));
    }
    return [list, p.total_errors > p.errors.length ? h("p", "muted", `… and ${count(p.total_errors - p.errors.length)} more`) : h("span")];
  }

  function summaryCard(p: ImportPreview): HTMLElement | null {
    if (p.date_question) return null;
    if (p.refused) {
      return h(
        "section",
        { class: "card bad", attrs: { "data-testid": "import-refused" } },
        h("div", "form-title", `Nothing can be imported yet: ${plural(p.total_errors, "error")}`),
        h("p", "muted", "Choose the columns above, or fix the file and choose it again."),
        ...errorList(p),
        h("div", "form-actions", button("Cancel", cancel, "ghost", { "data-action": "import-cancel" })),
      );
    }
    const table = h("table", "posts compact",
      h("thead", {}, h("tr", {}, h("th", "num", "Line"), h("th", {}, "Date"), h("th", {}, "Brand"), h("th", {}, "Deliverable"), h("th", "num", "Fee"), h("th", "num", "Impressions"))),
      h("tbody", {}, ...p.first_rows.map((r) => h("tr", {}, h("td", "num muted", String(r.line)), h("td", {}, r.date), h("td", "brand-cell", r.brand), h("td", {}, `${r.platform} ${r.format}`), h("td", "num", `${r.fee} ${r.currency}`), h("td", "num", count(r.impressions))))),
    );
    const label = p.rejected
      ? `Import ${plural(p.would_add, "post")} and save the ${plural(p.rejected, "row")} with errors…`
      : p.would_add ? `Import ${plural(p.would_add, "post")}` : "Nothing new to import";
    const go = button(label, async () => {
      go.disabled = true;
      go.textContent = "Importing…";
      try {
        const done = await ctx.keep(api.importCommit(choices(), p.rejected > 0));
        if (!done) {
          go.disabled = false;
          go.textContent = label;
          status.textContent = "Nothing was imported: the rows with errors need a place to be saved first.";
          return;
        }
        await refreshInfo();
        const saved = done.rejected_path ? ` ${plural(done.rejected, "row")} with errors saved to ${done.rejected_path}.` : "";
        toast(`Added ${plural(done.added, "post")}${done.deals ? `, ${plural(done.deals, "deal")}` : ""}${done.duplicates ? `, ${plural(done.duplicates, "duplicate")} skipped` : ""}.${saved}`);
        navigate("posts");
      } catch (e) {
        go.disabled = false;
        go.textContent = label;
        status.textContent = (e as { message: string }).message;
      }
    }, "primary", { "data-action": p.rejected ? "import-commit-rejected" : "import-commit" });
    go.disabled = p.would_add === 0 && p.deals === 0;
    return h(
      "section",
      { class: `card ${p.rejected ? "mid" : "good"}`, attrs: { "data-testid": "import-ok" } },
      h("div", "form-title", `${plural(p.would_add, "new post")}${p.deals ? `, ${plural(p.deals, "deal")}` : ""}${p.duplicates ? `, ${plural(p.duplicates, "duplicate")} already in your history` : ""}`),
      p.rejected ? h("p", "muted", `${plural(p.rejected, "row")} with errors would be left out and saved to a file of their own, with what is wrong in each:`) : null,
      ...(p.rejected ? errorList(p) : []),
      ...p.warnings.map((w) => h("p", "warning", w)),
      p.converted.length
        ? h("ul", { class: "conversions small muted", attrs: { "data-testid": "conversions" } },
          ...p.converted.slice(0, 12).map((c) => h("li", {}, `Line ${c.line}: ${c.currency} at the ECB rate of ${c.date}, ${c.rate}`)),
          p.converted.length > 12 ? h("li", {}, `… and ${count(p.converted.length - 12)} more`) : null)
        : null,
      table,
      h("div", "form-actions", go, button("Cancel", cancel, "ghost", { "data-action": "import-cancel" })),
    );
  }

  function trackerView(p: ImportPreview): HTMLElement {
    return h("div", "mapping-screen", columnsCard(p), questionCard(p), summaryCard(p));
  }

  function exportView(fileName: string, x: ExportPreview): HTMLElement {
    const n = x.updated.length;
    const fields = x.fields.length ? ` (${x.fields.join(", ")})` : "";
    const posts = x.updated.map((u) =>
      h(
        "li",
        { attrs: { "data-testid": "export-post", "data-id": u.post_id } },
        h("div", "export-post-head", h("span", "strong brand-cell", u.brand), h("span", "muted", ` · ${u.date}`)),
        h("div", "changes", ...u.changes.map((c) => h("span", "change", `${c.field} ${c.old === null ? "—" : count(c.old)} → ${count(c.new)}`)), u.url ? h("span", "change", `link → ${u.url}`) : null),
      ),
    );
    const go = button(n ? `Update ${plural(n, "post")}` : "Nothing to update", async () => {
      go.disabled = true;
      go.textContent = "Updating…";
      try {
        const done = await ctx.keep(api.importCommit(choices(), false));
        await refreshInfo();
        toast(`Updated ${plural(done?.updated ?? 0, "post")} from the ${x.name} export.`);
        navigate("posts");
      } catch (e) {
        go.disabled = false;
        go.textContent = `Update ${plural(n, "post")}`;
        status.textContent = (e as { message: string }).message;
      }
    }, "primary", { "data-action": "export-commit" });
    go.disabled = n === 0;
    return h(
      "section",
      { class: "card good", attrs: { "data-testid": "export-preview" } },
      h("div", "form-title", `${x.name} export: ${plural(n, "post")} updated${fields}`),
      h("p", "muted", `${fileName}. ${x.unmatched.length === 1 ? "1 row matches" : `${count(x.unmatched.length)} rows match`} no logged post; those are never added as posts.`),
      n ? h("ul", "export-posts", ...posts) : h("p", "muted", "Every logged post already has these numbers."),
      x.unmatched.length
        ? h("details", "more", h("summary", {}, `Rows that match no logged post (${count(x.unmatched.length)})`),
          h("ul", "small muted", ...x.unmatched.slice(0, 50).map((r) => h("li", {}, `Line ${r.line}: ${r.title}${r.date ? ` (${r.date})` : ""}`))))
        : null,
      h("div", "form-actions", go, button("Cancel", cancel, "ghost", { "data-action": "import-cancel" })),
    );
  }
}
