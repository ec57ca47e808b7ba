// IdNatStruct: the national identifier of a health structure (VIHF Identifiant_Structure, XDS
// authorInstitution, CDA representedOrganization/custodian under root 1.2.250.1.71.4.2.2).
// Prefix + number (PDSM `StructIdNat.fsh`, CDA-CISIS.md):
//   0 + cabinet ADELI id
//   1 + FINESS (9)                      e.g. 1750803447
//   2 + SIREN (9)
//   3 + SIRET (14)
//   4 + RPPS (11) + rang                e.g. 499900063480001 (test structure "CABINET DR LIBRE")
// Same check-digit policy as idNat_PS: strict by default, lenient for readers.
import { professionalIdError } from './ProfessionalIdError.js';
import type { CheckDigitPolicy } from './idNatPs.js';
import {
  finessCheckDigitValid,
  isFinessFormat,
  isRppsFormat,
  isSirenFormat,
  isSiretFormat,
  isValidRpps,
  isValidSiren,
  isValidSiret,
} from './registryNumbers.js';

/** OID of IdNatStruct values. */
export const STRUCTURE_NATIONAL_ID_OID = '1.2.250.1.71.4.2.2';

export type StructureIdKind = 'CABINET_ADELI' | 'FINESS' | 'SIREN' | 'SIRET' | 'RPPS_RANG';

export const STRUCTURE_ID_PREFIX: Readonly<Record<StructureIdKind, string>> = {
  CABINET_ADELI: '0',
  FINESS: '1',
  SIREN: '2',
  SIRET: '3',
  RPPS_RANG: '4',
};

export const STRUCTURE_ID_LABELS: Readonly<Record<StructureIdKind, string>> = {
  CABINET_ADELI: 'Identifiant cabinet ADELI',
  FINESS: 'N° FINESS',
  SIREN: 'N° SIREN',
  SIRET: 'N° SIRET',
  RPPS_RANG: 'N° RPPS-rang',
};

export interface StructureId {
  readonly value: string;
  readonly kind: StructureIdKind;
  /** The registry number after the prefix (for RPPS_RANG: RPPS + rang). */
  readonly number: string;
  /** For RPPS_RANG: the RPPS of the professional who owns the cabinet. */
  readonly rpps?: string;
  /** For RPPS_RANG: the activity rank. */
  readonly rang?: string;
  readonly checkDigitValid: boolean | null;
}

const KIND_BY_PREFIX: ReadonlyMap<string, StructureIdKind> = new Map(
  (Object.entries(STRUCTURE_ID_PREFIX) as [StructureIdKind, string][]).map(([k, p]) => [p, k]),
);

function formatError(kind: StructureIdKind, expected: string): never {
  throw professionalIdError(
    'STRUCTURE_ID_FORMAT',
    `Identifiant national de structure mal formé (${STRUCTURE_ID_LABELS[kind]}) : ${expected}. ` +
      "Vérifiez le paramétrage de la structure (identifiant lu sur la carte CPS ou attribué par l'ARS).",
    { kind },
  );
}

/** Parses and checks an IdNatStruct. Throws `ProfessionalIdError` (STRUCTURE_ID_*). */
export function parseStructureId(
  input: string,
  options: { readonly checkDigits?: CheckDigitPolicy } = {},
): StructureId {
  const value = input.trim();
  if (value.length === 0) {
    throw professionalIdError(
      'STRUCTURE_ID_EMPTY',
      "L'identifiant national de la structure est vide.",
    );
  }
  const kind = KIND_BY_PREFIX.get(value.charAt(0));
  if (kind === undefined) {
    throw professionalIdError(
      'STRUCTURE_ID_PREFIX_UNKNOWN',
      `L'identifiant national de structure commence par « ${value.charAt(0)} », préfixe inconnu. ` +
        "Attendu : 1 suivi du FINESS, 2 du SIREN, 3 du SIRET, 4 du RPPS-rang ou 0 de l'identifiant cabinet ADELI.",
      { prefix: value.charAt(0) },
    );
  }
  const number = value.slice(1);
  let checkDigitValid: boolean | null;
  let extra: { rpps: string; rang: string } | undefined;
  switch (kind) {
    case 'FINESS':
      if (!isFinessFormat(number))
        formatError(kind, 'le préfixe 1 doit être suivi des 9 caractères du FINESS');
      checkDigitValid = finessCheckDigitValid(number);
      break;
    case 'SIREN':
      if (!isSirenFormat(number))
        formatError(kind, 'le préfixe 2 doit être suivi des 9 chiffres du SIREN');
      checkDigitValid = isValidSiren(number);
      break;
    case 'SIRET':
      if (!isSiretFormat(number))
        formatError(kind, 'le préfixe 3 doit être suivi des 14 chiffres du SIRET');
      checkDigitValid = isValidSiret(number);
      break;
    case 'RPPS_RANG': {
      const rpps = number.slice(0, 11);
      const rang = number.slice(11);
      if (!isRppsFormat(rpps) || !/^[0-9]{1,5}$/.test(rang)) {
        formatError(
          kind,
          'le préfixe 4 doit être suivi des 11 chiffres du RPPS puis du rang (chiffres)',
        );
      }
      extra = { rpps, rang };
      checkDigitValid = isValidRpps(rpps);
      break;
    }
    case 'CABINET_ADELI':
      if (!/^[0-9A-Z]{9,16}$/.test(number))
        formatError(kind, "le préfixe 0 doit être suivi de l'identifiant cabinet ADELI");
      checkDigitValid = null;
      break;
  }
  if (checkDigitValid === false && (options.checkDigits ?? 'strict') === 'strict') {
    throw professionalIdError(
      'STRUCTURE_ID_CHECK_DIGIT',
      `La clé de contrôle du ${STRUCTURE_ID_LABELS[kind]} est fausse : un chiffre a probablement été mal saisi.`,
      { kind },
    );
  }
  return { value, kind, number, ...(extra ?? {}), checkDigitValid };
}

export function isValidStructureId(input: string): boolean {
  try {
    parseStructureId(input);
    return true;
  } catch {
    return false;
  }
}

/** Builds and checks (strictly) an IdNatStruct: `formatStructureId('FINESS', '750803447')` → '1750803447'. */
export function formatStructureId(kind: StructureIdKind, number: string): string {
  return parseStructureId(`${STRUCTURE_ID_PREFIX[kind]}${number}`).value;
}
