// Who is calling the DMP, as the VIHF says it (DMP-INTERFACE §3–§4): the card holder in direct
// mode, the structure and the user's name in the indirect modes. The composition root fills it
// from the card's certificates or the configuration; the access mode comes with each call.
import type { AccessMode, AuthenticationMode } from '../../domain/access/accessModes.js';
import type { Ins } from '../../domain/ins/ins.js';
import { formatInsCx } from '../../domain/ins/insCx.js';
import type { VihfCode, VihfInput, VihfSoftware } from '../../protocol/saml/index.js';

export interface VihfContext {
  readonly authenticationMode: AuthenticationMode;
  /** Subject/NameID: the card holder's idNat_PS (direct), the structure's or automaton's id. */
  readonly subjectId: string;
  /** subject-id, "NOM Prénom" of the user: required in the indirect modes. */
  readonly subjectName?: string;
  /** Identifiant_Structure. */
  readonly structureId: string;
  /** Secteur_Activite, `code^OID` (TRE_R02), e.g. SA07^1.2.250.1.71.4.2.4. */
  readonly activitySector: string;
  /** Profession Role (TRE_G15), or the AUTOMATE role in indirect mode. */
  readonly profession: VihfCode;
  /** Speciality Role (TRE_R01): required for médecins and pharmaciens. */
  readonly specialty?: VihfCode;
  /** LPS_* attributes. */
  readonly software: VihfSoftware;
  /** Issuer spelling to force (default: the signing certificate's subject). */
  readonly issuer?: string;
}

/** The access mode of one call, with the reason the user gave (required in bris de glace). */
export interface DmpAccess {
  readonly mode: AccessMode;
  readonly reason?: string;
}

export const NORMAL_ACCESS: DmpAccess = Object.freeze({ mode: 'normal' });

/** Accepts `'normal'` as shorthand for `{ mode: 'normal' }`. */
export function toAccess(access: DmpAccess | AccessMode | undefined): DmpAccess {
  if (access === undefined) return NORMAL_ACCESS;
  return typeof access === 'string' ? { mode: access } : access;
}

/** The unsigned VIHF input for one call. */
export function vihfInputOf(
  context: VihfContext,
  patient: Ins | undefined,
  access: DmpAccess,
  extra: { readonly issueInstant: Date; readonly validity?: VihfInput['validity'] },
): VihfInput {
  return {
    issueInstant: extra.issueInstant,
    ...(extra.validity === undefined ? {} : { validity: extra.validity }),
    ...(context.issuer === undefined ? {} : { issuer: context.issuer }),
    subjectId: context.subjectId,
    ...(context.subjectName === undefined ? {} : { subjectName: context.subjectName }),
    authenticationMode: context.authenticationMode,
    structureId: context.structureId,
    activitySector: context.activitySector,
    profession: context.profession,
    ...(context.specialty === undefined ? {} : { specialty: context.specialty }),
    accessMode: access.mode,
    ...(access.reason === undefined ? {} : { accessReason: access.reason }),
    ...(patient === undefined ? {} : { patientId: formatInsCx(patient) }),
    software: context.software,
  };
}
