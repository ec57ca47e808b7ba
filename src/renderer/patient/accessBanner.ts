// The banner of a session in bris de glace or centre 15: on every screen, above the content, until
// the user ends the mode. Installed once; it re-reads the mode on every navigation and storage
// change, so whichever view changed the mode, every screen shows it.
import { accessBannerText, changeAccess, readAccess, ACCESS_BANNER_ID } from './accessMode.js';
import { announce, el, ensureStylesheet } from './dom.js';

export function renderAccessBanner(doc: Document, storage: Storage): void {
  const state = readAccess(storage);
  const text = accessBannerText(state);
  const existing = doc.getElementById(ACCESS_BANNER_ID);
  if (text === null) {
    existing?.remove();
    return;
  }
  const end = el(doc, 'button', { type: 'button', class: 'bandeau-acces-fin' }, 'Terminer ce mode');
  end.addEventListener('click', () => {
    changeAccess(storage, 'normal', '', new Date());
    renderAccessBanner(doc, storage);
    doc.dispatchEvent(new CustomEvent('navette:mode-acces'));
    announce(doc, 'Retour au mode d’accès normal.');
  });
  const banner = el(
    doc,
    'div',
    { id: ACCESS_BANNER_ID, class: `bandeau-acces bandeau-${state.mode}`, role: 'alert' },
    el(doc, 'span', {}, text),
    end,
  );
  if (existing === null) {
    // After the demo banner and the skip link: first thing read after them.
    const header = doc.querySelector('header');
    if (header?.parentNode) header.parentNode.insertBefore(banner, header);
    else doc.body.prepend(banner);
  } else {
    existing.replaceWith(banner);
  }
}

let installed = false;

/** Keeps the banner current on every screen of this window (idempotent). */
export function installAccessBanner(doc: Document, storage: Storage): void {
  ensureStylesheet(doc);
  renderAccessBanner(doc, storage);
  if (installed) return;
  installed = true;
  const view = doc.defaultView;
  view?.addEventListener('hashchange', () => renderAccessBanner(doc, storage));
  view?.addEventListener('storage', () => renderAccessBanner(doc, storage));
  doc.addEventListener('navette:mode-acces', () => renderAccessBanner(doc, storage));
}
