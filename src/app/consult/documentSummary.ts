// A DMP document (TD3.1) as the API, the desktop window and the CLI list it (DocumentSummary of
// src/api/consult.ts). `mine` tells who may manage it (TD3.3: own documents only); `imported`
// comes from the ImportRegistry, never from the DMP.
import type { DocumentSummary } from '../../api/consult.js';
import type { DmpDocument, DocumentLink } from '../../dmp/index.js';
import type { XdsCode } from '../../protocol/xds/index.js';

export interface SummaryContext {
  /** The caller's idNat_PS (the card holder), or the structure id in indirect mode. */
  readonly callerId: string;
  readonly isImported: (uniqueId: string) => boolean;
}

function codeOf(code: XdsCode): DocumentSummary['typeCode'] {
  return { code: code.code, codeSystem: code.codingScheme, displayName: code.displayName ?? null };
}

/** A replacement link by uniqueId when the DMP gave it, by entryUUID otherwise. */
function linkId(link: DocumentLink | undefined): string | null {
  if (link === undefined) return null;
  return link.uniqueId ?? link.entryUuid;
}

/** idNat_PS are compared without their type prefix spelling differences (case, spaces). */
function sameActor(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().toUpperCase() === b.trim().toUpperCase();
}

export function documentSummaryOf(doc: DmpDocument, ctx: SummaryContext): DocumentSummary {
  return {
    uniqueId: doc.uniqueId,
    entryUUID: doc.entryUuid,
    title: doc.title ?? null,
    typeCode: codeOf(doc.typeCode),
    classCode: codeOf(doc.classCode),
    creationTime: doc.creationTime ?? null,
    serviceStartTime: doc.serviceStartTime ?? null,
    serviceStopTime: doc.serviceStopTime ?? null,
    author:
      doc.author === undefined
        ? null
        : {
            id: doc.author.id ?? null,
            name: doc.author.name ?? null,
            specialty: doc.author.specialty?.label ?? doc.author.specialty?.code ?? null,
          },
    status: doc.status,
    visibility: { ...doc.visibility },
    alerts: doc.alerts.map((a) => ({ code: a.code, message: a.message })),
    lot: doc.lot?.uniqueId ?? doc.lot?.entryUuid ?? null,
    replaces: linkId(doc.replaces),
    replacedBy: linkId(doc.replacedBy),
    mimeType: doc.mimeType,
    size: doc.size ?? null,
    mine: doc.authors.some((a) => sameActor(a.id, ctx.callerId)),
    imported: ctx.isImported(doc.uniqueId),
  };
}
