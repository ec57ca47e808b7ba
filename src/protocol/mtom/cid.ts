// Content-ID ⇄ `cid:` URL (RFC 2392). A Content-ID header is `<addr-spec>`; the `cid:` URL is
// the addr-spec with characters outside the URL alphabet %-encoded. The DMP (Apache CXF) encodes
// ':' too: `cid:…-2@urn%3Aihe%3Aiti%3Axds-b%3A2007` in the official TD3.2 response. We encode
// like it (encodeURIComponent, keeping '@') and decode anything.
import { randomUUID } from 'node:crypto';

/** `cid:` URL for a Content-ID (given with or without angle brackets). */
export function cidHref(contentId: string): string {
  return `cid:${encodeURIComponent(stripAngles(contentId)).replace(/%40/g, '@')}`;
}

/** The Content-ID (without angle brackets) a `cid:` URL designates; undefined if not a cid URL. */
export function contentIdFromHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (!/^cid:/i.test(trimmed)) return undefined;
  return percentDecode(trimmed.slice(4));
}

/** Removes the angle brackets of a Content-ID header value (`<a@b>` → `a@b`). */
export function stripAngles(contentId: string): string {
  const t = contentId.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1).trim() : t;
}

/** A fresh Content-ID (no angle brackets): a random UUID in Navette's domain. */
export function newContentId(): string {
  return `${randomUUID()}@navette.local`;
}

// decodeURIComponent throws on a stray '%': decode valid UTF-8 %-sequences, keep the rest.
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (seq) => {
      try {
        return decodeURIComponent(seq);
      } catch {
        return seq;
      }
    });
  }
}
