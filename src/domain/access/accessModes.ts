// Access modes (VIHF purposeofuse, TRE_R248 "mode accès VIHF 2.0") and authentication modes
// (VIHF Authentification_mode), with the combinations the DMP accepts as data.
//
// Source: PDT-INF-526 v1.8 (functional rights matrix, reference/dmp/docs), columns
//   direct CPS/CPF: PS non médecin (normal, régulation, bris de glace), médecin non MT (normal,
//   régulation, bris de glace), médecin du travail ("sans objet": normal only), médecin
//   traitant (normal, bris de glace); direct CPE, non PS: normal; indirect, structure
//   certificate: normal, régulation.
// AIR (indirect renforcée): its matrix PDT-INF-606 could not be extracted (DMP-INTERFACE §3);
// only `normal` is allowed here until confirmed. UNCONFIRMED, see ACCESS_MODES_UNCONFIRMED.
import { NavetteError } from '../errors/NavetteError.js';

export type AccessMode = 'normal' | 'bris_de_glace' | 'centre_15';

export const ACCESS_MODES: readonly AccessMode[] = ['normal', 'bris_de_glace', 'centre_15'];

/** Code system of the purposeofuse CE (TRE_R248). */
export const ACCESS_MODE_CODE_SYSTEM = '1.2.250.1.213.1.1.4.248';
export const ACCESS_MODE_CODE_SYSTEM_NAME = 'mode acces VIHF 2.0';

export const ACCESS_MODE_LABELS: Readonly<Record<AccessMode, string>> = {
  normal: 'Accès normal',
  bris_de_glace: 'Accès en mode bris de glace',
  centre_15: 'Accès en mode centre de régulation (centre 15)',
};

export type AuthenticationMode = 'DIRECTE' | 'INDIRECTE' | 'INDIRECTE_RENFORCEE';

export const AUTHENTICATION_MODES: readonly AuthenticationMode[] = [
  'DIRECTE',
  'INDIRECTE',
  'INDIRECTE_RENFORCEE',
];

export const AUTHENTICATION_MODE_LABELS: Readonly<Record<AuthenticationMode, string>> = {
  DIRECTE: 'Authentification directe (carte CPS, CPF ou CPE)',
  INDIRECTE: 'Authentification indirecte (certificat de la structure)',
  INDIRECTE_RENFORCEE: 'Authentification indirecte renforcée (AIR)',
};

/** What proves the identity in TLS and signs the VIHF. */
export type Credential = 'CPS' | 'CPF' | 'CPE' | 'STRUCTURE_CERTIFICATE';

export const CREDENTIALS_BY_AUTHENTICATION_MODE: Readonly<
  Record<AuthenticationMode, readonly Credential[]>
> = {
  DIRECTE: ['CPS', 'CPF', 'CPE'],
  INDIRECTE: ['STRUCTURE_CERTIFICATE'],
  INDIRECTE_RENFORCEE: ['STRUCTURE_CERTIFICATE'],
};

/** The user's role as the rights matrix sees it. MEDECIN_TRAITANT is known after TD0.2 (STATUT_MT). */
export type ActorProfile =
  'PS_NON_MEDECIN' | 'MEDECIN' | 'MEDECIN_TRAITANT' | 'MEDECIN_DU_TRAVAIL' | 'NON_PS';

export interface AccessContext {
  readonly authenticationMode: AuthenticationMode;
  readonly credential: Credential;
  /** Required in direct mode; ignored in indirect modes (the matrix has one column "tous"). */
  readonly profile?: ActorProfile;
}

const DIRECT_BY_PROFILE: Readonly<Record<ActorProfile, readonly AccessMode[]>> = {
  PS_NON_MEDECIN: ['normal', 'centre_15', 'bris_de_glace'],
  MEDECIN: ['normal', 'centre_15', 'bris_de_glace'],
  MEDECIN_DU_TRAVAIL: ['normal'],
  MEDECIN_TRAITANT: ['normal', 'bris_de_glace'],
  NON_PS: ['normal'],
};

/** Combinations kept out of the table above until a source confirms them. */
export const ACCESS_MODES_UNCONFIRMED: Readonly<
  Partial<Record<AuthenticationMode, readonly AccessMode[]>>
> = {
  INDIRECTE_RENFORCEE: ['centre_15', 'bris_de_glace'],
};

/** The access modes the DMP accepts for this context (empty when the context itself is invalid). */
export function allowedAccessModes(context: AccessContext): readonly AccessMode[] {
  if (!CREDENTIALS_BY_AUTHENTICATION_MODE[context.authenticationMode].includes(context.credential))
    return [];
  switch (context.authenticationMode) {
    case 'INDIRECTE':
      return ['normal', 'centre_15'];
    case 'INDIRECTE_RENFORCEE':
      return ['normal'];
    case 'DIRECTE': {
      // A CPE holder is never a PS (matrix column "CPE – non PS").
      const profile = context.credential === 'CPE' ? 'NON_PS' : context.profile;
      if (profile === undefined) return [];
      if (context.credential !== 'CPE' && profile === 'NON_PS') return [];
      return DIRECT_BY_PROFILE[profile];
    }
  }
}

export function isAccessModeAllowed(context: AccessContext, mode: AccessMode): boolean {
  return allowedAccessModes(context).includes(mode);
}

export class AccessModeError extends NavetteError {
  override readonly name = 'AccessModeError';
}

/** Throws ACCESS_MODE_NOT_ALLOWED (or AUTH_MODE_CREDENTIAL_MISMATCH) with a French explanation. */
export function assertAccessModeAllowed(context: AccessContext, mode: AccessMode): void {
  if (
    !CREDENTIALS_BY_AUTHENTICATION_MODE[context.authenticationMode].includes(context.credential)
  ) {
    throw new AccessModeError(
      'AUTH_MODE_CREDENTIAL_MISMATCH',
      `${AUTHENTICATION_MODE_LABELS[context.authenticationMode]} : la connexion avec ${
        context.credential === 'STRUCTURE_CERTIFICATE'
          ? 'le certificat de la structure'
          : `une carte ${context.credential}`
      } n'est pas possible dans ce mode. Vérifiez le paramétrage de l'authentification.`,
      { authenticationMode: context.authenticationMode, credential: context.credential },
    );
  }
  if (!isAccessModeAllowed(context, mode)) {
    throw new AccessModeError(
      'ACCESS_MODE_NOT_ALLOWED',
      `${ACCESS_MODE_LABELS[mode]} : ce mode n'est pas autorisé pour votre profil et votre mode d'authentification ` +
        `(${AUTHENTICATION_MODE_LABELS[context.authenticationMode]}). Utilisez l'accès normal.`,
      { authenticationMode: context.authenticationMode, credential: context.credential, mode },
    );
  }
}

export function isAccessMode(value: string): value is AccessMode {
  return (ACCESS_MODES as readonly string[]).includes(value);
}

export function isAuthenticationMode(value: string): value is AuthenticationMode {
  return (AUTHENTICATION_MODES as readonly string[]).includes(value);
}
