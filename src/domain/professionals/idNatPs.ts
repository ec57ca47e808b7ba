// idNat_PS: the national identifier of a health professional used by the DMP (VIHF NameID,
// XDS authorPerson, CDA author id under root 1.2.250.1.71.4.2.1). Built as prefix + number
// (ANS MOS `Professionnel.idNat_PS`; PDSM `PSIdNat.fsh`; CDA-CISIS.md):
//   0 + ADELI (9)                       e.g. 0751234567
//   1 + cabinet ADELI id / internal id
//   3 + FINESS / internal id
//   4 + SIREN / internal id
//   5 + SIRET / internal id
//   6 + cabinet RPPS id / internal id
//   8 + RPPS (11)                       e.g. 899900063480 (test card "MAX LIBRE")
// The "/internal id" forms identify staff known only to a structure (hospital staff without a
// national number). Check digits are enforced in 'strict' mode (the default, for what users
// type and what we send); readers of foreign documents pass 'lenient' and get the verdict in
// `checkDigitValid`, because official CDA examples carry RPPS numbers with wrong keys.
import { professionalIdError } from './ProfessionalIdError.js';
import {
  finessCheckDigitValid,
  isAdeliFormat,
  isFinessFormat,
  isRppsFormat,
  isSirenFormat,
  isSiretFormat,
  isValidRpps,
  isValidSiren,
  isValidSiret,
} from './registryNumbers.js';

/** OID of idNat_PS values (ANS "identifiant national des professionnels"). */
export const PS_NATIONAL_ID_OID = '1.2.250.1.71.4.2.1';

export type IdNatPsKind =
  | 'ADELI'
  | 'CABINET_ADELI_INTERNAL'
  | 'FINESS_INTERNAL'
  | 'SIREN_INTERNAL'
  | 'SIRET_INTERNAL'
  | 'CABINET_RPPS_INTERNAL'
  | 'RPPS';

export const ID_NAT_PS_PREFIX: Readonly<Record<IdNatPsKind, string>> = {
  ADELI: '0',
  CABINET_ADELI_INTERNAL: '1',
  FINESS_INTERNAL: '3',
  SIREN_INTERNAL: '4',
  SIRET_INTERNAL: '5',
  CABINET_RPPS_INTERNAL: '6',
  RPPS: '8',
};

export const ID_NAT_PS_LABELS: Readonly<Record<IdNatPsKind, string>> = {
  ADELI: 'N° ADELI',
  CABINET_ADELI_INTERNAL: 'Identifiant cabinet ADELI / identifiant interne',
  FINESS_INTERNAL: 'FINESS / identifiant interne',
  SIREN_INTERNAL: 'SIREN / identifiant interne',
  SIRET_INTERNAL: 'SIRET / identifiant interne',
  CABINET_RPPS_INTERNAL: 'Identifiant cabinet RPPS / identifiant interne',
  RPPS: 'N° RPPS',
};

export type CheckDigitPolicy = 'strict' | 'lenient';

export interface IdNatPs {
  /** The full identifier, prefix included. */
  readonly value: string;
  readonly kind: IdNatPsKind;
  /** RPPS, ADELI, or the structure number before the slash. */
  readonly number: string;
  /** The part after the slash, for the "/internal id" kinds. */
  readonly internalId?: string;
  /** Registry key verdict; null when no key rule applies (ADELI, cabinet ids, lettered FINESS). */
  readonly checkDigitValid: boolean | null;
}

const KIND_BY_PREFIX: ReadonlyMap<string, IdNatPsKind> = new Map(
  (Object.entries(ID_NAT_PS_PREFIX) as [IdNatPsKind, string][]).map(([k, p]) => [p, k]),
);

const INTERNAL = /^[0-9A-Za-z._-]{1,64}$/;

function formatError(kind: IdNatPsKind, expected: string): never {
  throw professionalIdError(
    'PS_ID_FORMAT',
    `Identifiant national de professionnel mal formé (${ID_NAT_PS_LABELS[kind]}) : ${expected}. ` +
      "Vérifiez l'identifiant figurant sur la carte CPS ou dans l'annuaire santé.",
    { kind },
  );
}

function checkNumber(kind: IdNatPsKind, number: string): boolean | null {
  switch (kind) {
    case 'RPPS':
      if (!isRppsFormat(number))
        formatError(kind, 'le préfixe 8 doit être suivi des 11 chiffres du RPPS');
      return isValidRpps(number);
    case 'ADELI':
      if (!isAdeliFormat(number))
        formatError(kind, 'le préfixe 0 doit être suivi des 9 caractères du n° ADELI');
      return null;
    case 'FINESS_INTERNAL':
      if (!isFinessFormat(number)) formatError(kind, 'le FINESS doit comporter 9 caractères');
      return finessCheckDigitValid(number);
    case 'SIREN_INTERNAL':
      if (!isSirenFormat(number)) formatError(kind, 'le SIREN doit comporter 9 chiffres');
      return isValidSiren(number);
    case 'SIRET_INTERNAL':
      if (!isSiretFormat(number)) formatError(kind, 'le SIRET doit comporter 14 chiffres');
      return isValidSiret(number);
    case 'CABINET_ADELI_INTERNAL':
    case 'CABINET_RPPS_INTERNAL':
      if (!/^[0-9A-Z]{1,32}$/.test(number))
        formatError(kind, "l'identifiant de cabinet doit être alphanumérique");
      return null;
  }
}

/** Parses and checks an idNat_PS. Throws `ProfessionalIdError` (PS_ID_*). */
export function parseIdNatPs(
  input: string,
  options: { readonly checkDigits?: CheckDigitPolicy } = {},
): IdNatPs {
  const value = input.trim();
  if (value.length === 0) {
    throw professionalIdError(
      'PS_ID_EMPTY',
      "L'identifiant national du professionnel de santé est vide.",
    );
  }
  const kind = KIND_BY_PREFIX.get(value.charAt(0));
  if (kind === undefined) {
    throw professionalIdError(
      'PS_ID_PREFIX_UNKNOWN',
      `L'identifiant national du professionnel commence par « ${value.charAt(0)} », préfixe inconnu. ` +
        'Attendu : 8 suivi du RPPS, 0 suivi du n° ADELI, ou 1, 3, 4, 5, 6 suivi de « structure/identifiant interne ».',
      { prefix: value.charAt(0) },
    );
  }
  const rest = value.slice(1);
  const internal = kind !== 'RPPS' && kind !== 'ADELI';
  let number = rest;
  let internalId: string | undefined;
  if (internal) {
    const slash = rest.indexOf('/');
    if (slash <= 0) formatError(kind, 'la forme attendue est « structure/identifiant interne »');
    number = rest.slice(0, slash);
    internalId = rest.slice(slash + 1);
    if (!INTERNAL.test(internalId))
      formatError(
        kind,
        "l'identifiant interne après « / » est vide ou contient des caractères non admis",
      );
  }
  const checkDigitValid = checkNumber(kind, number);
  if (checkDigitValid === false && (options.checkDigits ?? 'strict') === 'strict') {
    throw professionalIdError(
      'PS_ID_CHECK_DIGIT',
      `La clé de contrôle du ${kind === 'RPPS' ? 'n° RPPS' : ID_NAT_PS_LABELS[kind]} est fausse : un chiffre a probablement été mal saisi.`,
      { kind },
    );
  }
  return {
    value,
    kind,
    number,
    ...(internalId !== undefined ? { internalId } : {}),
    checkDigitValid,
  };
}

export function isValidIdNatPs(input: string): boolean {
  try {
    parseIdNatPs(input);
    return true;
  } catch {
    return false;
  }
}

/** Builds and checks (strictly) an idNat_PS: `formatIdNatPs('RPPS', '99900063480')` → '899900063480'. */
export function formatIdNatPs(kind: IdNatPsKind, number: string, internalId?: string): string {
  const suffix = internalId === undefined ? '' : `/${internalId}`;
  return parseIdNatPs(`${ID_NAT_PS_PREFIX[kind]}${number}${suffix}`).value;
}
