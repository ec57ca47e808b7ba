// The card's readiness as the tray needs it, read from the health report until the service
// reports it as such: the sending gate puts the outbox component in 'degraded' with one of two
// fixed sentences (src/app/sending/cardGate.ts). Comparing with those constants, not with
// free text, keeps the two sides in step; a structured field in the report would be better.
import type { HealthReport } from '../../api/health.js';
import { CARD_ABSENT_REASON, PIN_NEEDED_REASON } from '../../app/sending/cardGate.js';
import type { CardReadiness } from '../tray/trayModel.js';

const OUTBOX_COMPONENT = 'outbox';

/** 'pin-needed' or 'card-absent' when the sending waits for the card; undefined otherwise. */
export function cardReadinessOf(report: HealthReport | undefined): CardReadiness | undefined {
  const outbox = report?.components[OUTBOX_COMPONENT];
  if (outbox?.state !== 'degraded') return undefined;
  if (outbox.message === PIN_NEEDED_REASON) return 'pin-needed';
  if (outbox.message === CARD_ABSENT_REASON) return 'card-absent';
  return undefined;
}
