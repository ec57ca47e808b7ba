// The four INS roots (assigning authorities of the matricule INS). Sources: CI-SIS SM-SCH INS
// rule, FR Core INS slices, CDA-CISIS.md. The OID, not the number, tells a real NIR from a test
// one: the official DMP samples use fictitious matricules under the test root .4.10.
import { insError } from './InsError.js';

/** What kind of matricule an INS carries, decided by its OID. */
export type InsKind = 'NIR' | 'NIA' | 'NIR_TEST' | 'NIR_DEMO';

export const INS_OIDS = {
  NIR: '1.2.250.1.213.1.4.8',
  NIA: '1.2.250.1.213.1.4.9',
  NIR_TEST: '1.2.250.1.213.1.4.10',
  NIR_DEMO: '1.2.250.1.213.1.4.11',
} as const satisfies Record<InsKind, string>;

export type InsOid = (typeof INS_OIDS)[InsKind];

/** Other patient-id roots seen in DMP responses that are NOT an INS (kept for recognition). */
export const INS_C_OID = '1.2.250.1.213.1.4.2';

/** French labels (shown in the UI next to the identifier). */
export const INS_KIND_LABELS: Readonly<Record<InsKind, string>> = {
  NIR: 'INS-NIR',
  NIA: 'INS-NIA',
  NIR_TEST: 'INS-NIR de test',
  NIR_DEMO: 'INS-NIR de démonstration',
};

const KIND_BY_OID: ReadonlyMap<string, InsKind> = new Map(
  (Object.entries(INS_OIDS) as [InsKind, string][]).map(([kind, oid]) => [oid, kind]),
);

/** The INS kind of an OID, or undefined when the OID is not one of the four INS roots. */
export function insKindOfOid(oid: string): InsKind | undefined {
  return KIND_BY_OID.get(oid.trim());
}

export function isInsOid(oid: string): oid is InsOid {
  return KIND_BY_OID.has(oid);
}

/** Like `insKindOfOid` but throws `INS_OID_UNKNOWN`. */
export function requireInsKind(oid: string): InsKind {
  const kind = insKindOfOid(oid);
  if (kind === undefined) {
    throw insError(
      'INS_OID_UNKNOWN',
      `L'OID « ${oid.slice(0, 64)} » n'est pas une autorité d'affectation INS. ` +
        'Attendu : 1.2.250.1.213.1.4.8 (NIR), .4.9 (NIA), .4.10 (NIR de test) ou .4.11 (NIR de démonstration).',
      { oid: oid.slice(0, 64) },
    );
  }
  return kind;
}

export function oidOfInsKind(kind: InsKind): InsOid {
  return INS_OIDS[kind];
}

/** True for the kinds that must never be sent to the production DMP. */
export function isFictitiousInsKind(kind: InsKind): boolean {
  return kind === 'NIR_TEST' || kind === 'NIR_DEMO';
}
