// Who is calling, as the DMP test server establishes it from the verified VIHF (and the TLS
// client certificate). Handlers decide on this, never on raw XML.
import type { AccessMode, AuthenticationMode } from '../../domain/access/accessModes.js';
import type { CardKind, Requester } from '../rights/actor.js';

export interface Caller {
  /** VIHF Subject/NameID: the professional's national id (or the structure's automate id). */
  readonly psId: string;
  /** VIHF Identifiant_Structure. */
  readonly structureId: string;
  readonly authenticationMode: AuthenticationMode;
  /** Card type in direct mode (from the signing certificate). */
  readonly card?: CardKind;
  readonly profession?: string;
  readonly specialty?: string;
  readonly accessMode: AccessMode;
  /** Bris de glace reason, when given. */
  readonly accessReason?: string;
  /** The patient of the call (VIHF resource-id), for patient-scoped transactions. */
  readonly patientIns?: string;
  readonly patientInsOid?: string;
  /** VIHF subject-id (user's name), for traces. */
  readonly subjectName?: string;
}

export function requesterOf(c: Caller): Requester {
  return {
    authenticationMode: c.authenticationMode,
    accessMode: c.accessMode,
    ...(c.card === undefined ? {} : { card: c.card }),
    ...(c.profession === undefined ? {} : { profession: c.profession }),
    ...(c.specialty === undefined ? {} : { specialty: c.specialty }),
  };
}
