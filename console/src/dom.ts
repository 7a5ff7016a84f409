// The one way the console builds DOM: elements and text nodes. Data never goes through an HTML
// parser (no innerHTML, no insertAdjacentHTML), so a comment's "<script>" or "<img onerror>" is text.

export type Child = Node | string | number | null | undefined | false;
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

/** An element with attributes, listeners (functions under "on…" names) and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`attribute ${name} must be a listener, not text`);
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (typeof value === 'function') {
      throw new Error(`attribute ${name} cannot be a function`);
    } else if (name === 'value' && 'value' in element) {
      (element as HTMLInputElement).value = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces everything inside {@code parent}. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A link that only ever points at http(s): a platform URL from data is checked before it becomes an href. */
export function safeLink(url: string | null | undefined, label: string): HTMLElement {
  if (url && /^https?:\/\//i.test(url)) {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, label);
  }
  return h('span', {}, label);
}
