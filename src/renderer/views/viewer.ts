// The document viewer. A PDF is shown from a blob: URL in a frame (the browser's PDF reader); the
// ANS stylesheet's HTML rendering of a CDA is UNTRUSTED (it carries text written by any software
// that sent the document) and is shown in `<iframe sandbox srcdoc>` with no token at all: no
// scripts, an opaque origin (no access to this page, its storage or the API token), no forms, no
// popups, no top navigation. Other formats are offered for download only.
import type { DocumentDisplay } from '../../api/consult.js';
import { el } from '../patient/dom.js';

export interface ViewerHandle {
  /** Frees the blob: URL; call before showing another document or leaving the screen. */
  dispose(): void;
}

/** Bytes from the API's base64 (atob is the only decoder the DOM offers). */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Replaces `container`'s content with the document. */
export function renderViewer(
  doc: Document,
  container: HTMLElement,
  display: DocumentDisplay,
  fallbackTitle: string,
): ViewerHandle {
  const title = display.title ?? fallbackTitle;
  const urls: string[] = [];
  const blobUrl = (bytes: Uint8Array<ArrayBuffer>, type: string): string => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    urls.push(url);
    return url;
  };
  let body: HTMLElement;
  if (display.kind === 'pdf') {
    const url = blobUrl(bytesOfBase64(display.base64), 'application/pdf');
    body = el(
      doc,
      'div',
      { class: 'visionneuse-cadre' },
      el(doc, 'iframe', { src: url, title: `Document PDF : ${title}`, class: 'visionneuse-pdf' }),
      el(
        doc,
        'p',
        {},
        el(doc, 'a', { href: url, download: `${safeName(title)}.pdf` }, 'Télécharger le PDF'),
      ),
    );
  } else if (display.kind === 'html') {
    const frame = el(doc, 'iframe', {
      title: `Document : ${title}`,
      class: 'visionneuse-html',
      // Empty sandbox = every restriction. Never add allow-scripts or allow-same-origin here.
      sandbox: '',
      referrerpolicy: 'no-referrer',
    });
    frame.srcdoc = display.html;
    body = el(doc, 'div', { class: 'visionneuse-cadre' }, frame);
  } else {
    const url = blobUrl(bytesOfBase64(display.base64), display.mimeType);
    body = el(
      doc,
      'div',
      { class: 'visionneuse-cadre' },
      el(
        doc,
        'p',
        {},
        `Ce document (${display.mimeType}) ne peut pas être affiché dans Navette. `,
        el(doc, 'a', { href: url, download: safeName(title) }, 'Télécharger le document'),
      ),
    );
  }
  container.replaceChildren(
    el(doc, 'h3', { tabindex: '-1', class: 'visionneuse-titre' }, title),
    body,
  );
  return {
    dispose() {
      for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    },
  };
}

/** A file name from a title: no path separators or reserved characters. */
export function safeName(title: string): string {
  const cleaned = [...title]
    .map((c) => (c.charCodeAt(0) < 0x20 || '/\\:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .trim();
  return cleaned === '' ? 'document' : cleaned.slice(0, 100);
}
