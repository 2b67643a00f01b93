// A tiny element builder: text is always set as text, never parsed as HTML, so names from
// imported data cannot inject markup.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export function fmt(n: number): string {
  return n.toLocaleString('zh-CN');
}

// A table with a header row; cells are text or nodes. Every column needs a header (a blank
// one tells a screen reader and a reader of a printout nothing). The table sits in its own
// scroll box so that a wide table scrolls inside the page instead of widening it on a phone.
export function table(headers: string[], rows: (string | Node)[][], testid: string): HTMLElement {
  return scrollBox(el('table', { 'data-testid': testid },
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c)))))));
}

// Wraps a table (or anything wider than a phone) so it scrolls horizontally by itself.
export function scrollBox(content: HTMLElement): HTMLElement {
  return el('div', { class: 'table-scroll' }, content);
}

// Text that comes from the database (names, imported descriptions, codes): marked so that the
// browser test's "no English sentence in the Chinese interface" rule leaves it alone.
export function dataText(text: string, tag: 'span' | 'code' = 'span'): HTMLElement {
  return el(tag, { 'data-data': '' }, text);
}

// For the few places that must hand ECharts an HTML string (tooltips): names become text.
export function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
