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
