// Building DOM nodes without innerHTML: data only ever goes into textContent and attributes.
export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Readonly<Record<string, string | boolean>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return node;
}

let counter = 0;
/** A fresh id for label/aria wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Says `message` in the page's polite live region (the shell's, else one created here). */
export function announce(doc: Document, message: string): void {
  let region = doc.getElementById('annonces') ?? doc.getElementById('annonces-patient');
  if (region === null) {
    region = el(doc, 'div', {
      id: 'annonces-patient',
      class: 'visually-hidden',
      role: 'status',
      'aria-live': 'polite',
    });
    doc.body.append(region);
  }
  region.textContent = '';
  // A new text node after clearing, so screen readers announce a repeated message too.
  region.textContent = message;
}

/** Loads the screens' stylesheet once (a same-origin <link>: allowed by `style-src 'self'`). */
export function ensureStylesheet(doc: Document): void {
  if (doc.getElementById('style-patient') !== null) return;
  doc.head.append(
    el(doc, 'link', { id: 'style-patient', rel: 'stylesheet', href: './patient/patient.css' }),
  );
}
