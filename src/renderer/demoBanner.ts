// The demo banner must be on every page. The server writes it into index.html; this makes sure it
// is there whatever loaded the page (the Electron shell loads the same files differently).

export function ensureDemoBanner(doc: Document, demo: boolean, label: string): void {
  const existing = doc.getElementById('demo-banner');
  if (!demo) {
    existing?.remove();
    return;
  }
  if (existing !== null) return;
  const banner = doc.createElement('div');
  banner.id = 'demo-banner';
  banner.className = 'demo-banner';
  banner.setAttribute('role', 'note');
  banner.setAttribute('aria-label', 'Mode démonstration');
  banner.textContent = label;
  doc.body.prepend(banner);
}
