// Document visibility as the DMP carries it: several XDS confidentialityCode values
// (DMP-INTERFACE §7.3; JDV_J08 / JDV_J58 value sets, reference/cda/jeuxDeValeurs):
//   N (2.16.840.1.113883.5.25) always, plus any of the TRE_A07 (1.2.250.1.213.1.1.4.13) codes
//   MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX.
// R and V exist in the value set but their DMP use is UNCONFIRMED: read and kept, never produced.
// DmpConnect exposes the same thing as bit flags (Normal 1, PatientHidden 2, HPHidden 4,
// GuardianHidden 8); `visibilityToFlags` gives that view for integrators used to it.
import { NavetteError } from '../errors/NavetteError.js';

export const HL7_CONFIDENTIALITY_SYSTEM = '2.16.840.1.113883.5.25';
export const DMP_VISIBILITY_SYSTEM = '1.2.250.1.213.1.1.4.13';

export interface ConfidentialityCode {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

export interface DocumentVisibility {
  /** MASQUE_PS: hidden from other professionals (the author, the MT and the patient still see it). */
  readonly hiddenFromProfessionals: boolean;
  /** INVISIBLE_PATIENT: not visible to the patient (e.g. until an announcement consultation). */
  readonly hiddenFromPatient: boolean;
  /** INVISIBLE_REPRESENTANTS_LEGAUX: not visible to a minor's legal representatives. */
  readonly hiddenFromLegalRepresentatives: boolean;
}

export const NORMAL_VISIBILITY: DocumentVisibility = {
  hiddenFromProfessionals: false,
  hiddenFromPatient: false,
  hiddenFromLegalRepresentatives: false,
};

export const CONFIDENTIALITY_CODES = {
  N: { code: 'N', codeSystem: HL7_CONFIDENTIALITY_SYSTEM, displayName: 'Normal' },
  R: { code: 'R', codeSystem: HL7_CONFIDENTIALITY_SYSTEM, displayName: 'Restreint' },
  V: { code: 'V', codeSystem: HL7_CONFIDENTIALITY_SYSTEM, displayName: 'Très restreint' },
  MASQUE_PS: {
    code: 'MASQUE_PS',
    codeSystem: DMP_VISIBILITY_SYSTEM,
    displayName: 'Masqué aux professionnels de santé',
  },
  INVISIBLE_PATIENT: {
    code: 'INVISIBLE_PATIENT',
    codeSystem: DMP_VISIBILITY_SYSTEM,
    displayName: 'Non visible par le patient',
  },
  INVISIBLE_REPRESENTANTS_LEGAUX: {
    code: 'INVISIBLE_REPRESENTANTS_LEGAUX',
    codeSystem: DMP_VISIBILITY_SYSTEM,
    displayName: 'Non visible par les représentants légaux du patient',
  },
} as const satisfies Record<string, ConfidentialityCode>;

export class VisibilityError extends NavetteError {
  override readonly name = 'VisibilityError';
}

/** The confidentialityCode list to send: N first, then one code per restriction. */
export function visibilityToConfidentialityCodes(v: DocumentVisibility): ConfidentialityCode[] {
  const codes: ConfidentialityCode[] = [CONFIDENTIALITY_CODES.N];
  if (v.hiddenFromProfessionals) codes.push(CONFIDENTIALITY_CODES.MASQUE_PS);
  if (v.hiddenFromPatient) codes.push(CONFIDENTIALITY_CODES.INVISIBLE_PATIENT);
  if (v.hiddenFromLegalRepresentatives)
    codes.push(CONFIDENTIALITY_CODES.INVISIBLE_REPRESENTANTS_LEGAUX);
  return codes;
}

export interface ReadVisibility {
  readonly visibility: DocumentVisibility;
  /** R / V codes (kept, meaning in the DMP UNCONFIRMED). */
  readonly hl7Levels: readonly string[];
}

/**
 * Reads confidentialityCode values received from the DMP. Unknown codes of the DMP visibility
 * system raise VISIBILITY_CODE_UNKNOWN: silently dropping one could show a hidden document.
 */
export function visibilityFromConfidentialityCodes(
  codes: readonly { readonly code: string; readonly codeSystem?: string }[],
): ReadVisibility {
  let hiddenFromProfessionals = false;
  let hiddenFromPatient = false;
  let hiddenFromLegalRepresentatives = false;
  const hl7Levels: string[] = [];
  for (const { code, codeSystem } of codes) {
    if (codeSystem === undefined || codeSystem === DMP_VISIBILITY_SYSTEM) {
      if (code === 'MASQUE_PS') {
        hiddenFromProfessionals = true;
        continue;
      }
      if (code === 'INVISIBLE_PATIENT') {
        hiddenFromPatient = true;
        continue;
      }
      if (code === 'INVISIBLE_REPRESENTANTS_LEGAUX') {
        hiddenFromLegalRepresentatives = true;
        continue;
      }
    }
    if (codeSystem === undefined || codeSystem === HL7_CONFIDENTIALITY_SYSTEM) {
      if (code === 'N') continue;
      if (code === 'R' || code === 'V') {
        hl7Levels.push(code);
        continue;
      }
    }
    throw new VisibilityError(
      'VISIBILITY_CODE_UNKNOWN',
      `Code de confidentialité inconnu « ${code.slice(0, 40)} » : la visibilité du document ne peut pas être déterminée. ` +
        'Signalez ce code au support.',
      { code: code.slice(0, 40), codeSystem: codeSystem?.slice(0, 64) },
    );
  }
  return {
    visibility: { hiddenFromProfessionals, hiddenFromPatient, hiddenFromLegalRepresentatives },
    hl7Levels,
  };
}

/** DmpConnect-style flags: 1 normal, 2 hidden from patient, 4 hidden from PS, 8 hidden from guardians. */
export function visibilityToFlags(v: DocumentVisibility): number {
  return (
    1 |
    (v.hiddenFromPatient ? 2 : 0) |
    (v.hiddenFromProfessionals ? 4 : 0) |
    (v.hiddenFromLegalRepresentatives ? 8 : 0)
  );
}

export function visibilityFromFlags(flags: number): DocumentVisibility {
  return {
    hiddenFromPatient: (flags & 2) !== 0,
    hiddenFromProfessionals: (flags & 4) !== 0,
    hiddenFromLegalRepresentatives: (flags & 8) !== 0,
  };
}

/** French summary for lists ("Normal", or the restrictions joined). */
export function describeVisibility(v: DocumentVisibility): string {
  const parts: string[] = [];
  if (v.hiddenFromProfessionals) parts.push(CONFIDENTIALITY_CODES.MASQUE_PS.displayName);
  if (v.hiddenFromPatient) parts.push(CONFIDENTIALITY_CODES.INVISIBLE_PATIENT.displayName);
  if (v.hiddenFromLegalRepresentatives)
    parts.push(CONFIDENTIALITY_CODES.INVISIBLE_REPRESENTANTS_LEGAUX.displayName);
  return parts.length === 0 ? 'Normal' : parts.join(' ; ');
}
