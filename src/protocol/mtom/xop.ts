// XOP (XML-binary Optimized Packaging): `<xop:Include href="cid:…"/>` in the envelope stands for
// the bytes of the attachment with that Content-ID.
import type { Buffer } from 'node:buffer';
import { XOP_NS } from '../soap/namespaces.js';
import { attributeValue, scanXml, type ScannedElement } from '../soap/xmlScanner.js';
import { MtomError } from './MtomError.js';
import { cidHref, contentIdFromHref, stripAngles } from './cid.js';

/** The `xop:Include` element standing for the attachment with this Content-ID. */
export function xopIncludeXml(contentId: string): string {
  return `<xop:Include xmlns:xop="${XOP_NS}" href="${cidHref(contentId)}"/>`;
}

export interface XopReference {
  /** The href as written. */
  readonly href: string;
  /** The Content-ID it designates (decoded, no angle brackets). */
  readonly contentId: string;
  /** Local name of the element holding the Include (e.g. `Document`). */
  readonly parentLocalName: string | undefined;
  /** `id` attribute of that parent, when present (ITI-41 `<Document id="…">`). */
  readonly parentId: string | undefined;
}

/** Every `xop:Include` of an XML text, in document order (namespace-checked). */
export function findXopIncludes(xml: string): XopReference[] {
  const refs: XopReference[] = [];
  const walk = (el: ScannedElement, parent: ScannedElement | undefined): void => {
    if (el.namespace === XOP_NS && el.localName === 'Include') {
      const href = attributeValue(el, undefined, 'href') ?? '';
      const contentId = contentIdFromHref(href);
      if (contentId === undefined) {
        throw new MtomError('MTOM_XOP_UNRESOLVED', `Référence XOP invalide : « ${href} » n'est pas une adresse cid:.`, { href });
      }
      refs.push({
        href,
        contentId,
        parentLocalName: parent?.localName,
        parentId: parent ? attributeValue(parent, undefined, 'id') : undefined,
      });
    }
    for (const c of el.children) walk(c, el);
  };
  walk(scanXml(xml), undefined);
  return refs;
}

export interface AttachmentLike {
  readonly contentId: string | undefined;
  readonly data: Buffer;
}

/**
 * Resolves every `xop:Include` of `rootXml` against the attachments: returns the document bytes
 * per Content-ID, in document order. Throws MTOM_XOP_UNRESOLVED if an Include has no attachment.
 */
export function resolveXopIncludes(rootXml: string, attachments: Iterable<AttachmentLike>): Map<string, Buffer> {
  const byId = new Map<string, Buffer>();
  for (const a of attachments) if (a.contentId !== undefined) byId.set(stripAngles(a.contentId), a.data);
  const resolved = new Map<string, Buffer>();
  for (const ref of findXopIncludes(rootXml)) {
    const data = byId.get(ref.contentId);
    if (data === undefined) {
      throw new MtomError('MTOM_XOP_UNRESOLVED', 'Le message fait référence à un document absent de ses pièces jointes.', {
        contentId: ref.contentId,
      });
    }
    resolved.set(ref.contentId, data);
  }
  return resolved;
}
