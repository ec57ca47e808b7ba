// What one attempt of the DMP document sender tells the outbox: every error of an attempt mapped to
// the DocumentSender port's outcome (refused: the same document would fail again; failed: try
// again later, after a lookup when the lot may have reached the DMP).
import { isCardError } from '../../card/index.js';
import {
  DmpFaultError,
  DmpRejectionError,
  DmpResponseError,
  SUBMISSION_FIXES,
} from '../../dmp/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { InsError } from '../../domain/ins/InsError.js';
import type { SendOutcome } from '../../domain/ports/DocumentSender.js';
import { isTransportError } from '../../domain/ports/HttpsTransport.js';
import { LotSignatureError } from '../../protocol/dsig/index.js';
import { RegistryResponseError, XdsError } from '../../protocol/xds/index.js';

export type Stage = 'before-submit' | 'submit';

export const REFUSE_FIX =
  'Corrigez le document dans le logiciel qui l’a produit, puis déposez-le à nouveau.';

export function refused(reason: string, fix: string, code?: string): SendOutcome {
  return { kind: 'refused', reason, fix, ...(code === undefined ? {} : { code }) };
}

export function failed(reason: string, mayHaveReachedServer: boolean, code?: string): SendOutcome {
  return { kind: 'failed', reason, mayHaveReachedServer, ...(code === undefined ? {} : { code }) };
}

export const CLOSED: SendOutcome = refused(
  'Le DMP de ce patient est fermé : il n’accepte plus de document.',
  'Vérifiez l’identité du patient. Seul le patient peut faire rouvrir son DMP (Mon Espace Santé) ; le document pourra alors être déposé à nouveau.',
  'DMP_CLOSED',
);

/** The port's outcome for an error at one stage of an attempt. */
export function outcomeOfError(error: unknown, stage: Stage): SendOutcome {
  const submitting = stage === 'submit';
  if (error instanceof RegistryResponseError) {
    // The registry answered Failure: nothing of this lot was registered.
    return error.retryable
      ? failed(error.message, false, error.code)
      : refused(error.message, SUBMISSION_FIXES[error.code] ?? REFUSE_FIX, error.code);
  }
  if (error instanceof DmpFaultError) {
    if (error.fault.dmpErrorCode === 'DMPClosed') return CLOSED;
    // A Receiver fault may come after the DMP started registering: reconcile before resending.
    if (error.retryable) return failed(error.message, submitting, error.code);
    return refused(
      error.message,
      SUBMISSION_FIXES[error.code] ??
        'Lisez le motif donné par le DMP, corrigez, puis relancez l’envoi.',
      error.code,
    );
  }
  if (error instanceof DmpRejectionError) return refused(error.message, REFUSE_FIX, error.code);
  if (error instanceof DmpResponseError) {
    // An unreadable answer to the lot says nothing of what the DMP did with it.
    if (submitting || error.retryable) return failed(error.message, submitting, error.code);
    return refused(error.message, 'Contactez l’assistance de Navette.', error.code);
  }
  if (isTransportError(error)) {
    return failed(error.message, submitting && error.mayHaveReachedServer, error.code);
  }
  // Our own checks of the lot (metadata, ids, signature input): the same document fails again.
  if (
    error instanceof XdsError ||
    error instanceof InsError ||
    (error instanceof LotSignatureError && error.code === 'LOT_SIGNATURE_INPUT_INVALID')
  ) {
    return refused(error.message, REFUSE_FIX, error.code);
  }
  // The card or another signer problem (PIN, card removed) stops the attempt before the POST.
  return failed(
    isNavetteError(error) ? error.message : 'Erreur inattendue pendant l’envoi au DMP.',
    submitting && !isCardError(error),
    isNavetteError(error) ? error.code : 'SEND_UNEXPECTED',
  );
}
