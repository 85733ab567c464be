// The pager of a table the core pages (Posts, the Trash, the Insights groups): the
// place of the page shown ("1–50 of 12,345") with Previous and Next, above the table
// and again below it. The core says where the page is (first, last, total); the pager
// only turns it.
import { button, h } from "./dom";
import { count } from "./format";

/// Where a page is among all the rows: 1-based places (both 0 on an empty page).
export type Place = { first: number; last: number; total: number };
export type Pagers = { top: HTMLElement; bottom: HTMLElement; fill: (page: Place) => void };

/// `name` names the ranges' test ids (`<name>-range`, `<name>-range-bottom`); `go(-1)`
/// and `go(1)` turn one page back or on; `noun` follows the count ("of 1,234 groups").
export function pagers(name: string, size: number, go: (step: -1 | 1) => void, noun = ""): Pagers {
  const made = (["top", "bottom"] as const).map((at) => {
    const range = h("span", { class: "muted pager-range", attrs: { "data-testid": at === "top" ? `${name}-range` : `${name}-range-bottom` } });
    const prev = button("Previous", () => go(-1), "secondary", { "data-action": "prev-page", "aria-label": "Previous page" });
    const next = button("Next", () => go(1), "secondary", { "data-action": "next-page", "aria-label": "Next page" });
    const buttons = h("div", "pager-buttons", prev, next);
    const el = h("nav", { class: `pager pager-${at}`, attrs: { "aria-label": at === "top" ? "Pages" : "Pages (bottom)" } }, range, buttons);
    return { el, range, prev, next, buttons };
  });
  made[0].range.setAttribute("aria-live", "polite");
  const fill = (page: Place) => {
    const none = page.total === 0;
    for (const p of made) {
      p.el.hidden = none;
      p.range.textContent = `${count(page.first)}–${count(page.last)} of ${count(page.total)}${noun ? ` ${noun}` : ""}`;
      p.prev.disabled = page.first <= 1;
      p.next.disabled = page.last >= page.total;
      // One page needs no buttons, only its count; and no second pager below.
      p.buttons.hidden = page.total <= size;
    }
    made[1].el.hidden = none || page.total <= size;
  };
  return { top: made[0].el, bottom: made[1].el, fill };
}

/// The offset of the last page that has rows, for a page asked past the end (its rows
/// deleted or filtered away).
export const lastPage = (total: number, size: number): number => Math.max(0, Math.floor((total - 1) / size) * size);
