// The INS as Navette carries it: a validated matricule together with its assigning authority.
// An INS without its OID is ambiguous (a test matricule looks exactly like a real NIR), so the
// two always travel together.
import { requireInsKind, oidOfInsKind, type InsKind, type InsOid } from './insOids.js';
import { parseMatricule, type MatriculeParts } from './matricule.js';

export interface Ins {
  /** The normalised 15-character matricule (13 + key). */
  readonly matricule: string;
  readonly oid: InsOid;
  readonly kind: InsKind;
}

/** Validates the matricule and the OID; throws `InsError`. */
export function createIns(matricule: string, oid: string): Ins {
  const kind = requireInsKind(oid);
  const parts = parseMatricule(matricule);
  return { matricule: parts.value, oid: oidOfInsKind(kind), kind };
}

/** Same as `createIns` with the kind instead of the OID. */
export function insOfKind(matricule: string, kind: InsKind): Ins {
  return createIns(matricule, oidOfInsKind(kind));
}

/** The decoded parts (sex, birth month, place…) of an INS's matricule. */
export function insParts(ins: Ins): MatriculeParts {
  return parseMatricule(ins.matricule);
}

export function sameIns(a: Ins, b: Ins): boolean {
  return a.matricule === b.matricule && a.oid === b.oid;
}

/** A stable key for maps and SQL (`<oid>|<matricule>`); it IS a patient identifier: never log it. */
export function insKey(ins: Ins): string {
  return `${ins.oid}|${ins.matricule}`;
}
