// The HL7 v2 CX form of an INS used by the DMP (XDS patientId, VIHF resource-id):
//   <matricule>^^^&<INS OID>&ISO^NH
// CX.1 id, CX.2/CX.3 empty (no check digit), CX.4 assigning authority (namespace & OID & ISO),
// CX.5 identifier type NH. The official samples sometimes append CX.7 (effective date):
//   207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH^^20100907
// so components after CX.5 are accepted when they have that shape, and kept.
import { createIns, type Ins } from './ins.js';
import { insError } from './InsError.js';

export interface InsCx {
  readonly ins: Ins;
  /** CX.7, an HL7 DTM (YYYYMMDD[HHMM[SS]]), when present. */
  readonly effectiveDate?: string;
  /** CX.8, when present. */
  readonly expirationDate?: string;
}

const DTM = /^[0-9]{8}(?:[0-9]{4}(?:[0-9]{2})?)?$/;

function malformed(reason: string, details: Readonly<Record<string, unknown>> = {}): never {
  throw insError(
    'INS_CX_MALFORMED',
    `Identifiant patient au format HL7 CX mal formé : ${reason}. Forme attendue : ` +
      '« matricule^^^&OID&ISO^NH » (par exemple 123456789012345^^^&1.2.250.1.213.1.4.8&ISO^NH).',
    details,
  );
}

/**
 * Parses `<matricule>^^^&<oid>&ISO^NH[^^<effective date>[^<expiration date>]]` strictly.
 * Throws `InsError`: INS_CX_MALFORMED, INS_CX_TYPE, INS_OID_UNKNOWN or any matricule code.
 */
export function parseInsCx(cx: string): InsCx {
  const text = cx.trim();
  if (text.length === 0) malformed('la valeur est vide');
  const parts = text.split('^');
  if (parts.length < 5)
    malformed(`${parts.length} composant(s) au lieu d'au moins 5`, { components: parts.length });
  if (parts.length > 10)
    malformed(`${parts.length} composants au lieu de 10 au plus`, { components: parts.length });
  const [
    id = '',
    cx2 = '',
    cx3 = '',
    authority = '',
    type = '',
    cx6 = '',
    cx7 = '',
    cx8 = '',
    ...rest
  ] = parts;
  if (id.length === 0) malformed("l'identifiant (1er composant) est vide");
  if (cx2 !== '' || cx3 !== '') malformed('les 2e et 3e composants doivent être vides');
  const sub = authority.split('&');
  if (sub.length !== 3)
    malformed("l'autorité d'affectation (4e composant) doit avoir la forme &OID&ISO");
  const [, oid = '', oidType = ''] = sub;
  if (oid.length === 0) malformed("l'OID de l'autorité d'affectation est absent");
  if (oidType !== 'ISO')
    malformed(`le type d'OID doit être ISO (trouvé « ${oidType.slice(0, 16)} »)`);
  if (type !== 'NH') {
    throw insError(
      'INS_CX_TYPE',
      `Le type d'identifiant (5e composant) doit être NH pour un INS (trouvé « ${type.slice(0, 16)} »). ` +
        "Un identifiant local (PI) ne peut pas servir d'identifiant DMP.",
      { type: type.slice(0, 16) },
    );
  }
  if (cx6 !== '') malformed('le 6e composant (établissement) doit être vide');
  if (cx7 !== '' && !DTM.test(cx7))
    malformed('la date de début de validité (7e composant) doit être une date HL7');
  if (cx8 !== '' && !DTM.test(cx8))
    malformed('la date de fin de validité (8e composant) doit être une date HL7');
  if (rest.some((r) => r !== '')) malformed('les composants après le 8e doivent être vides');
  const ins = createIns(id, oid);
  return {
    ins,
    ...(cx7 !== '' ? { effectiveDate: cx7 } : {}),
    ...(cx8 !== '' ? { expirationDate: cx8 } : {}),
  };
}

/** Just the INS of a CX value. */
export function insFromCx(cx: string): Ins {
  return parseInsCx(cx).ins;
}

/** Formats `<matricule>^^^&<oid>&ISO^NH`, optionally with CX.7 (effective date). */
export function formatInsCx(ins: Ins, options: { readonly effectiveDate?: string } = {}): string {
  const base = `${ins.matricule}^^^&${ins.oid}&ISO^NH`;
  if (options.effectiveDate === undefined) return base;
  if (!DTM.test(options.effectiveDate))
    malformed('la date de début de validité doit être une date HL7');
  return `${base}^^${options.effectiveDate}`;
}
