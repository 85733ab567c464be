// Simple SVG charts: bars for earnings, a line for the CPM trend. Labelled axes, no
// chart junk; each mark has a <title> (the native tooltip) with its figures.
import { s } from "./dom";

export type Point = { label: string; value: number; tip: string; thin?: boolean };

const W = 560;
const H = 200;
const PAD = { l: 56, r: 12, t: 12, b: 28 };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function frame(points: Point[], max: number, fmt: (v: number) => string): { svg: SVGElement; x: (i: number) => number; y: (v: number) => number; bw: number } {
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img" });
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const bw = iw / Math.max(points.length, 1);
  const x = (i: number) => PAD.l + bw * i + bw / 2;
  const y = (v: number) => PAD.t + ih - (v / max) * ih;
  for (const t of [0, 0.5, 1]) {
    const v = max * t;
    svg.append(s("line", { x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v), class: "grid" }));
    svg.append(s("text", { x: PAD.l - 8, y: y(v) + 4, class: "axis", "text-anchor": "end" }, fmt(v)));
  }
  const every = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    if (i % every === 0 || i === points.length - 1) svg.append(s("text", { x: x(i), y: H - 8, class: "axis", "text-anchor": "middle" }, p.label));
  });
  return { svg, x, y, bw };
}

export function bars(points: Point[], fmt: (v: number) => string, title: string): SVGElement {
  const max = niceMax(Math.max(...points.map((p) => p.value), 0));
  const { svg, x, y, bw } = frame(points, max, fmt);
  svg.setAttribute("aria-label", title);
  const w = Math.max(Math.min(bw * 0.6, 28), 2);
  points.forEach((p, i) => {
    const top = y(p.value);
    svg.append(s("rect", { x: x(i) - w / 2, y: top, width: w, height: Math.max(y(0) - top, 0), rx: 3, class: p.thin ? "bar thin" : "bar" }, s("title", {}, p.tip)));
  });
  return svg;
}

export function line(points: Point[], fmt: (v: number) => string, title: string): SVGElement {
  const vals = points.map((p) => p.value);
  const max = niceMax(Math.max(...vals, 0) * 1.1);
  const { svg, x, y } = frame(points, max, fmt);
  svg.setAttribute("aria-label", title);
  const measured = points.map((p, i) => [p, i] as const).filter(([p]) => p.value > 0);
  if (measured.length > 1) {
    const d = measured.map(([p, i], k) => `${k ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
    svg.append(s("path", { d, class: "line" }));
  }
  for (const [p, i] of measured) {
    svg.append(s("circle", { cx: x(i), cy: y(p.value), r: 3.5, class: p.thin ? "dot thin" : "dot" }, s("title", {}, p.tip)));
  }
  return svg;
}

/// One price point of "How quotes land": its decided quotes, the won ones filled.
export type ShareRow = { label: string; won: number; n: number; thin: boolean; tip: string };

/// Quotes by price point: a row of marks per point, one mark a quote, won ones filled
/// ("4 of 5 won"; past ~60 quotes, two segments of the same widths); a thin row (fewer
/// than 3 quotes) greyed. Counts only, no scale.
export function quoteMarks(rows: ShareRow[], title: string): SVGElement {
  const w = 560;
  const rowH = 34;
  const left = 96;
  const right = 96;
  const most = Math.max(...rows.map((r) => r.n), 1);
  const cell = Math.min(18, (w - left - right) / most);
  const gap = cell > 6 ? 3 : 1;
  const svg = s("svg", { viewBox: `0 0 ${w} ${rows.length * rowH + 4}`, class: "chart quote-marks", role: "img", "aria-label": title });
  rows.forEach((r, i) => {
    const y = i * rowH + 8;
    const g = s("g", { class: r.thin ? "mark-row thin" : "mark-row" }, s("title", {}, r.tip));
    g.append(s("text", { x: 0, y: y + 11, class: "mark-label" }, r.label));
    if (cell >= 6) {
      for (let k = 0; k < r.n; k++) {
        g.append(s("rect", { x: left + k * cell, y, width: cell - gap, height: cell - gap, rx: 2, class: k < r.won ? "mark won" : "mark" }));
      }
    } else {
      // Too many quotes for a mark each: the won ones and the rest as two segments, one
      // quote still `cell` wide.
      g.append(s("rect", { x: left, y, width: r.won * cell, height: 14, rx: 2, class: "mark won" }));
      g.append(s("rect", { x: left + r.won * cell, y, width: (r.n - r.won) * cell, height: 14, rx: 2, class: "mark" }));
    }
    g.append(s("text", { x: w, y: y + 11, class: "mark-count", "text-anchor": "end" }, `${r.won} of ${r.n} won`));
    svg.append(g);
  });
  return svg;
}

/// A point on the 0–100 percentile scale.
export type StripPoint = { value: number; tip: string };

/// Where won fees settled within their quotes: a dot per deal on the 0–100 percentile
/// scale (equal ones stacked), the median marked with its label.
export function percentileStrip(points: StripPoint[], median: number | null, medianLabel: string, title: string, thin = false): SVGElement {
  const w = 560;
  const pad = { l: 16, r: 16 };
  const x = (v: number) => pad.l + ((w - pad.l - pad.r) * v) / 100;
  const seen = new Map<number, number>();
  const stacked = points.map((p) => {
    const k = seen.get(p.value) ?? 0;
    seen.set(p.value, k + 1);
    return { ...p, k };
  });
  const tallest = Math.max(0, ...stacked.map((p) => p.k));
  const base = 34 + Math.min(tallest, 6) * 9;
  const h_ = base + 28;
  const svg = s("svg", { viewBox: `0 0 ${w} ${h_}`, class: "chart percentile-strip", role: "img", "aria-label": title });
  svg.append(s("line", { x1: x(0), x2: x(100), y1: base, y2: base, class: "grid" }));
  for (const t of [0, 25, 50, 75, 100]) {
    svg.append(s("line", { x1: x(t), x2: x(t), y1: base - 3, y2: base + 3, class: "grid" }));
    svg.append(s("text", { x: x(t), y: base + 18, class: "axis", "text-anchor": t === 0 ? "start" : t === 100 ? "end" : "middle" }, t === 0 ? "0" : `${t}th`));
  }
  if (median !== null) {
    svg.append(s("line", { x1: x(median), x2: x(median), y1: 14, y2: base, class: thin ? "median thin" : "median" }));
    const anchor = median < 15 ? "start" : median > 85 ? "end" : "middle";
    svg.append(s("text", { x: x(median), y: 10, class: "median-label", "text-anchor": anchor }, medianLabel));
  }
  for (const p of stacked) {
    svg.append(s("circle", { cx: x(p.value), cy: base - 6 - Math.min(p.k, 6) * 9, r: 4, class: thin ? "dot thin" : "dot" }, s("title", {}, p.tip)));
  }
  return svg;
}
