// TD0.3: the professional declares themself authorised on the patient's DMP (with the patient's
// consent, which the app collects and confirms), removes their authorisation, or — médecin
// traitant only — gives up the MT role (DMP-INTERFACE §6, PDT-INF-526: normal access only).
// The patient is the VIHF resource-id; the body carries the action alone.
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  buildSetAuthorizationRequest,
  parseSetAuthorizationResponse,
  type AuthorizationRole,
  type WebServiceStatus,
} from '../../protocol/habilitations/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import { DmpError, DmpResponseError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';

export type AuthorizationChange = 'add' | 'remove';

export interface SetAuthorizationInput {
  readonly ins: Ins;
  readonly action: AuthorizationChange;
  readonly access: DmpAccess;
  /** Must be the literal `true` for 'add': the patient agreed (the app asked them). */
  readonly patientConsented?: boolean;
  /** 'remove' with MEDECIN_TRAITANT: the médecin traitant gives up the role. */
  readonly role?: AuthorizationRole;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

export interface AuthorizationUpdate {
  readonly action: AuthorizationChange;
  readonly role?: AuthorizationRole;
  /** DMPOk. */
  readonly status: string;
  /** The DMP's own words, e.g. "Autorisation déjà présente aucune action effectuée". */
  readonly context: string | undefined;
  /** The DMP changed nothing (already authorised, nothing to remove), as its context says. */
  readonly unchanged: boolean;
}

// The sandbox's and the official sample's wordings of "nothing done" (UNCONFIRMED list).
const UNCHANGED = /aucune action|aucune autorisation|d[ée]j[àa] pr[ée]sente/i;

function parsed(bodyXml: string): WebServiceStatus {
  try {
    return parseSetAuthorizationResponse(bodyXml);
  } catch (error: unknown) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La réponse du DMP à la mise à jour de l'autorisation est illisible (${isNavetteError(error) ? error.code : 'contenu inattendu'}). ` +
        'Vérifiez votre autorisation (test d’existence) avant de recommencer.',
      { retryable: false, details: { transaction: 'TD0.3' }, cause: error },
    );
  }
}

export async function setAuthorization(
  call: DmpCall,
  input: SetAuthorizationInput,
): Promise<AuthorizationUpdate> {
  if (input.action === 'add' && input.patientConsented !== true) {
    // Checked at run time too: JavaScript callers and casts escape the type.
    throw new DmpError(
      'DMP_CONSENT_REQUIRED',
      'Le patient doit avoir donné son accord avant que vous vous déclariez autorisé sur son DMP. Demandez-lui son accord, puis confirmez-le.',
      { retryable: false, details: { transaction: 'TD0.3' } },
    );
  }
  const reply = await call.invoke({
    operation: 'setAuthorization',
    bodyXml: buildSetAuthorizationRequest({
      action: input.action === 'add' ? 'AJOUT' : 'SUPPRESSION',
      ...(input.role === undefined ? {} : { role: input.role }),
    }),
    patient: input.ins,
    access: input.access,
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  const answer = parsed(reply.envelope.bodyXml);
  if (!answer.ok) {
    throw new DmpError(
      'DMP_AUTHORIZATION_REJECTED',
      `Le DMP n'a pas mis à jour votre autorisation (${answer.status ?? 'statut absent'}${answer.context === undefined ? '' : ` : « ${answer.context.slice(0, 300)} »`}).`,
      {
        retryable: false,
        details: { transaction: 'TD0.3', status: answer.status, context: answer.context },
      },
    );
  }
  return {
    action: input.action,
    ...(input.role === undefined ? {} : { role: input.role }),
    status: answer.status ?? 'DMPOk',
    context: answer.context,
    unchanged: answer.context !== undefined && UNCHANGED.test(answer.context),
  };
}
