// Building the DOM without markup: every piece of text goes in as a text node
// (textContent), so a brand named `<img onerror=…>` is shown as those characters.
// There is no innerHTML anywhere in the UI.

export type Child = Node | string | number | null | undefined | false;
type Props = {
  class?: string;
  text?: string;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
  attrs?: Record<string, string | number | boolean | null | undefined>;
};

function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | string = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  const p: Props = typeof props === "string" ? { class: props } : props;
  if (p.class) el.className = p.class;
  if (p.text !== undefined) el.textContent = p.text;
  for (const [k, v] of Object.entries(p.attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const [k, fn] of Object.entries(p.on ?? {})) el.addEventListener(k, fn as EventListener);
  append(el, children);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
export function s(tag: string, attrs: Record<string, string | number> = {}, ...children: (Child | Child[])[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/// An input with a label above it and room for its error below.
export function field(label: string, input: HTMLElement, name: string, hint?: string): HTMLElement {
  const id = `f-${name}-${Math.random().toString(36).slice(2, 7)}`;
  input.id = id;
  return h(
    "div",
    { class: "field", attrs: { "data-field": name } },
    h("label", { attrs: { for: id } }, label),
    input,
    hint ? h("div", "hint", hint) : null,
    h("div", { class: "error", attrs: { role: "alert", "data-error-for": name } }),
  );
}

export function input(name: string, value = "", attrs: Record<string, string> = {}): HTMLInputElement {
  const el = h("input", { attrs: { name, autocomplete: "off", spellcheck: "false", ...attrs } });
  el.value = value;
  return el;
}

export function select(name: string, options: [string, string][], value: string): HTMLSelectElement {
  const el = h("select", { attrs: { name } }, ...options.map(([v, label]) => h("option", { attrs: { value: v } }, label)));
  el.value = value;
  return el;
}

export function button(label: string, onClick: (e: MouseEvent) => void, cls = "", attrs: Record<string, string> = {}): HTMLButtonElement {
  return h("button", { class: cls, attrs: { type: "button", ...attrs }, on: { click: onClick } }, label);
}
