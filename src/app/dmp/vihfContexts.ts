// The VIHF context of each authentication mode (DMP-INTERFACE §3–§4), from what Navette knows:
// the card's certificates in direct mode (holder's idNat_PS, profession TRE_G15, speciality
// TRE_R01), the configuration for the structure. Three values have no setting yet and take the
// defaults below; docs/dmp-client.md lists them.
import { hostname } from 'node:os';
import type { HolderIdentity } from '../../card/index.js';
import type { VihfContext } from '../../dmp/index.js';
import {
  AUTOMATON_ROLE_CODE_SYSTEM,
  PROFESSION_CODE_SYSTEM,
  SPECIALTY_CODE_SYSTEM,
  type VihfSoftware,
} from '../../protocol/saml/index.js';
import type { NavetteConfig } from '../config/index.js';
import { dmpSetupErrors } from './DmpSetupError.js';

/**
 * Secteur_Activite when none is given: SA07 "cabinet individuel" (TRE_R02), the setting of the
 * official direct samples. UNCONFIRMED for a health centre (a setting is needed).
 */
export const DEFAULT_ACTIVITY_SECTOR = 'SA07^1.2.250.1.71.4.2.4';

/**
 * LPS_ID_HOMOLOGATION_DMP until Navette is homologated: the DMP's test platforms want the number
 * CNAM/GIE-SV gives; this placeholder says plainly there is none.
 */
export const UNHOMOLOGATED = 'NAVETTE-NON-HOMOLOGUE';

/** subject-id and NameID of indirect calls made without a named user (an automaton). */
export const AUTOMATON_NAME = 'NAVETTE AUTOMATE';

export interface VihfDefaults {
  readonly activitySector?: string;
  readonly software?: Partial<VihfSoftware>;
}

export function navetteSoftware(
  version: string,
  overrides: Partial<VihfSoftware> = {},
): VihfSoftware {
  return {
    instanceId: overrides.instanceId ?? hostname(),
    name: overrides.name ?? 'Navette',
    version: overrides.version ?? version,
    homologationNumber: overrides.homologationNumber ?? UNHOMOLOGATED,
  };
}

function structureIdOf(config: NavetteConfig): string {
  const id = config.structure.id;
  if (id === undefined) throw dmpSetupErrors.structureIdMissing();
  return id;
}

/** Direct mode: the card holder speaks for themself, in the configured structure. */
export function directVihfContext(
  holder: HolderIdentity | null,
  cardLabel: string,
  config: NavetteConfig,
  software: VihfSoftware,
  defaults: VihfDefaults = {},
): VihfContext {
  if (holder === null) throw dmpSetupErrors.holderUnknown(cardLabel);
  const specialty = holder.specialties[0];
  return {
    authenticationMode: 'DIRECTE',
    subjectId: holder.nationalId,
    structureId: structureIdOf(config),
    activitySector: defaults.activitySector ?? DEFAULT_ACTIVITY_SECTOR,
    // A CPE holder has no profession code; the role then says "not a PS" (UNCONFIRMED value:
    // no official CPE sample; the sandbox decides on the card type of the certificate).
    profession: { code: holder.professionCode ?? 'NON_PS', codeSystem: PROFESSION_CODE_SYSTEM },
    ...(specialty === undefined
      ? {}
      : { specialty: { code: specialty, codeSystem: SPECIALTY_CODE_SYSTEM } }),
    software,
  };
}

/** Indirect mode: the structure's certificate speaks for a user (or an automaton) of the structure. */
export function indirectVihfContext(
  config: NavetteConfig,
  software: VihfSoftware,
  user: { readonly name?: string } = {},
  defaults: VihfDefaults = {},
): VihfContext {
  const structureId = structureIdOf(config);
  return {
    authenticationMode: 'INDIRECTE',
    subjectId: structureId,
    subjectName: user.name ?? AUTOMATON_NAME,
    structureId,
    activitySector: defaults.activitySector ?? DEFAULT_ACTIVITY_SECTOR,
    profession: { code: 'AUTOMATE', codeSystem: AUTOMATON_ROLE_CODE_SYSTEM },
    software,
  };
}
