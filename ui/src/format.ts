// Presentation of the core's numbers. Money arrives as decimal strings ("1250.00") and
// is only re-punctuated here (symbol, thousands separators): never turned into a float.

import type { Labels } from "./bindings/Labels";

let symbol = "$";
let code = "USD";
export function setCurrency(sym: string, cur: string): void {
  symbol = sym;
  code = cur;
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/// "1250.00" → "$1,250.00"; with whole = true, "1250.00" → "$1,250" (quoted prices).
export function money(value: string | null | undefined, whole = false, cur?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const neg = value.startsWith("-");
  const [i, f = ""] = (neg ? value.slice(1) : value).split(".");
  let frac = f;
  if (whole && /^0*$/.test(frac)) frac = "";
  const body = group(i) + (frac ? "." + frac : "");
  const c = cur ?? code;
  const pre = c === code ? symbol : "";
  const text = pre ? `${pre}${body}` : `${body} ${c}`;
  return neg ? `−${text}` : text;
}

export function count(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return group(String(n));
}

/// A fraction string ("0.0345") as a rate ("3.5 %").
export function rate(fraction: string | null | undefined): string {
  if (!fraction) return "—";
  return `${(Number(fraction) * 100).toFixed(1)} %`;
}

export function shortDate(iso: string): string {
  const d = new Date(iso + "T00:00:00");
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
}

export function plural(n: number, one: string, many = one + "s"): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function num(value: string | null | undefined): number {
  return value ? Number(value) : 0;
}

/// 42 → "42nd".
export function ordinal(n: number): string {
  return `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;
}

/** "Instagram Reel": a deliverable's platform and format by the names the core sent with it. */
export function deliverableName(names: Labels, platform: string, format: string): string {
  return `${names.platforms[platform] ?? platform} ${names.formats[format] ?? format}`;
}
