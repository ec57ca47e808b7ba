// The operations the screens need beyond status, outbox and events: batches (the Lot wizard), the
// audit journal (the Journal screen), and retrying or dropping documents (the Envois screen).
// The sending parts exist only once the send path has started (after the server listens), so
// they are read through a getter; until then, or without an export folder, the answer says why.
import type { z } from 'zod';
import {
  BATCH_EVENTS,
  BATCH_GET,
  BATCH_PREFLIGHT,
  BATCH_REPORT,
  BATCH_RESEND_ITEM,
  BATCH_SEND,
  BatchIdSchema,
  BatchResendRequestSchema,
  type BatchEvent,
} from '../../api/batches.js';
import { JOURNAL_CSV, JOURNAL_LIST, JOURNAL_VERIFY } from '../../api/journal.js';
import { OUTBOX_DROP, OUTBOX_RETRY } from '../../api/outbox.js';
import { NavetteError } from '../../domain/errors/NavetteError.js';
import { eventStreamOperation, jsonOperation, type MountedOperation } from '../../server/index.js';
import { AuditJournal, OutboxRepository, type Database } from '../../store/index.js';
import type { BatchService } from '../batches/BatchService.js';
import {
  describeVerification,
  journalToCsv,
  type JournalQuery as JournalFilter,
} from '../journal/journalReport.js';
import { dropFiles } from './droppedFiles.js';
// A cycle with localApi.ts, harmless: both only define functions at load.
import { outboxItemSummary } from './localApi.js';

/** What the send path gives the screens once it runs. */
export interface SendingParts {
  readonly batches: BatchService;
  /** The first watched folder (drag and drop goes there). */
  readonly dropFolder: string | undefined;
  /** Wakes the outbox worker (a retried document is due now). */
  wake(): void;
}

class NotSendingError extends NavetteError {
  override readonly name = 'NotSendingError';
  constructor() {
    super(
      'SENDING_NOT_STARTED',
      "L'envoi n'est pas démarré : aucun dossier d'export n'est configuré. Ajoutez un dossier surveillé dans les Réglages puis redémarrez Navette.",
    );
  }
}

class OutboxItemError extends NavetteError {
  override readonly name = 'OutboxItemError';
}

function idParam(params: Readonly<Record<string, string>>): number {
  const parsed = BatchIdSchema.safeParse({ batchId: params['batchId'] });
  if (!parsed.success) {
    throw new NavetteError('INVALID_REQUEST', "Le numéro de lot de l'adresse est invalide.");
  }
  return parsed.data.batchId;
}

function journalQuery(query: z.output<typeof JOURNAL_LIST.query>): JournalFilter {
  return {
    limit: query.limit,
    offset: query.offset,
    ...(query.from === undefined ? {} : { from: new Date(query.from) }),
    ...(query.to === undefined ? {} : { to: new Date(query.to) }),
  };
}

/** Batches, journal, retry and drop, bound to the service's database and send path. */
export function uiOperations(
  db: Database,
  sending: () => SendingParts | undefined,
): MountedOperation[] {
  const need = (): SendingParts => {
    const parts = sending();
    if (parts === undefined) throw new NotSendingError();
    return parts;
  };
  const outbox = new OutboxRepository(db);
  const journal = new AuditJournal(db, () => new Date());
  const batchEvents: MountedOperation = {
    definition: BATCH_EVENTS,
    run: (ctx, mount) => {
      const batchId = Number(ctx.params?.['batchId']);
      const batches = sending()?.batches;
      const source = {
        subscribe: (listener: (event: BatchEvent) => void) =>
          batches === undefined
            ? () => undefined
            : batches.onEvent((event) => {
                if (event.batchId === batchId) listener(event);
              }),
      };
      return eventStreamOperation(BATCH_EVENTS, { source }).run(ctx, mount);
    },
  };
  return [
    jsonOperation(BATCH_PREFLIGHT, ({ body }) => need().batches.preflight(body)),
    jsonOperation(BATCH_GET, ({ params }) => {
      const batchId = idParam(params);
      const batch = need().batches.get(batchId);
      if (batch === undefined) {
        throw new NavetteError('BATCH_NOT_FOUND', `Le lot n° ${batchId} n'existe pas.`);
      }
      return batch;
    }),
    jsonOperation(BATCH_SEND, ({ params }) => need().batches.send(idParam(params))),
    jsonOperation(BATCH_RESEND_ITEM, ({ params }) => {
      const parsed = BatchResendRequestSchema.safeParse(params);
      if (!parsed.success) {
        throw new NavetteError(
          'INVALID_REQUEST',
          "Le lot ou le document de l'adresse est invalide.",
        );
      }
      return need().batches.resend(parsed.data.batchId, parsed.data.itemId);
    }),
    jsonOperation(BATCH_REPORT, ({ params, query }) =>
      need().batches.report(idParam(params), query.format),
    ),
    batchEvents,
    jsonOperation(JOURNAL_LIST, ({ query }) => ({
      entries: journal.list(journalQuery(query)).map((r) => ({ ...r })),
    })),
    jsonOperation(JOURNAL_VERIFY, () => {
      const result = journal.verify();
      return { ...result, message: describeVerification(result) };
    }),
    jsonOperation(JOURNAL_CSV, ({ query }) => ({
      fileName: `journal-navette-${new Date().toISOString().slice(0, 10)}.csv`,
      csv: journalToCsv(journal.list(journalQuery(query))),
    })),
    jsonOperation(OUTBOX_RETRY, ({ body }) => {
      const item = outbox.get(body.itemId);
      if (item === undefined) {
        throw new OutboxItemError(
          'OUTBOX_ITEM_NOT_FOUND',
          `Le document n° ${body.itemId} n'est pas dans la file d'envoi.`,
        );
      }
      if (item.state !== 'failed') {
        throw new OutboxItemError(
          'OUTBOX_NOT_RETRYABLE',
          "Seul un document en échec peut être renvoyé : celui-ci est déjà traité ou en cours d'envoi.",
        );
      }
      const parts = need();
      const requeued = outbox.requeue(item.id);
      parts.wake();
      return outboxItemSummary(requeued);
    }),
    jsonOperation(OUTBOX_DROP, ({ body }) => ({
      accepted: dropFiles(need().dropFolder, body),
    })),
  ];
}
