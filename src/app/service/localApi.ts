// The local API of `navette serve`: the operations of `api/` bound to the service's parts. The
// server mounts this list behind its token, origin and size checks (docs/local-api.md).
// Mounting one more operation = one line in `operations` below.
import {
  AUTHORIZED_PATIENTS,
  DOCUMENT_DISPLAY,
  DOCUMENT_MANAGE,
  PATIENT_AUTHORIZATION,
  PATIENT_DOCUMENTS,
  PATIENT_STATUS,
} from '../../api/consult.js';
import type { HealthReport } from '../../api/health.js';
import { EVENTS } from '../../api/eventStream.js';
import { OUTBOX_LIST, type OutboxItemSummary } from '../../api/outbox.js';
import { STATUS } from '../../api/status.js';
import {
  eventStreamOperation,
  jsonOperation,
  type LocalApiOptions,
  type MountedOperation,
} from '../../server/index.js';
import {
  ApiTokenRepository,
  OutboxRepository,
  type Database,
  type OutboxItem,
} from '../../store/index.js';
import { consultOperation, type ConsultServiceSource } from '../consult/index.js';
import type { ServiceEventBus } from './serviceEvents.js';
import { importOperations, type ImportApiSource } from '../import/index.js';
import { uiOperations, type SendingParts } from './uiOperations.js';
import type { UiSession } from './uiSession.js';
import { anyTokenVerifier } from '../../server/index.js';
import { settingsOperations, type SettingsParts } from '../settings/settingsOperations.js';

/** The service's body limit: one dropped file of 8 MB, base64 (× 4/3), with room for JSON. */
export const SERVICE_MAX_BODY_BYTES = 12 * 1024 * 1024;

/** What `startService` may tune (`ServiceOptions.api`). */
export interface LocalApiTuning {
  /** Proposed config key `api.allowedOrigins`: origins whose pages may call the API. */
  readonly allowedOrigins?: readonly string[];
  /** Largest request body, in bytes (default 1 MB). */
  readonly maxBodyBytes?: number;
  /** Event-stream heartbeat period (default 15 s). */
  readonly heartbeatMs?: number;
  /** Check every answer against its schema (tests). */
  readonly validateResponses?: boolean;
}

export interface LocalApiParts {
  readonly db: Database;
  readonly version: string;
  readonly health: () => HealthReport;
  readonly events: ServiceEventBus;
  readonly tuning?: LocalApiTuning;
  /** The web UI's per-run token (uiSession.ts), accepted beside the database's tokens. */
  readonly uiSession?: UiSession;
  /** Batches, retry, drag and drop: the send path once it runs (undefined before, or none). */
  readonly sending?: () => SendingParts | undefined;
  /** « Réglages »: settings, API tokens, diagnostics (absent: not mounted). */
  readonly settings?: SettingsParts;
  /** The consultation service, once the DMP side is started (docs/consult.md). */
  readonly consult?: ConsultServiceSource;
  /** Import of DMP documents, once the DMP side is started (docs/import.md). */
  readonly imports?: ImportApiSource;
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

/** An outbox row as the API shows it: no folder paths, no payload. */
export function outboxItemSummary(item: OutboxItem): OutboxItemSummary {
  return {
    id: item.id,
    batchId: item.batchId,
    state: item.state,
    uniqueId: item.uniqueId,
    kind: item.kind,
    title: item.title,
    fileName: item.fileName,
    attempts: item.attempts,
    nextAt: iso(item.nextAt),
    errorCode: item.errorCode,
    lastError: item.lastError,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    finishedAt: iso(item.finishedAt),
  };
}

/** The local API options for the HTTP front end. */
export function createLocalApi(parts: LocalApiParts): LocalApiOptions {
  // Read-only here; the sending worker writes through its own repository on the same connection.
  const outbox = new OutboxRepository(parts.db);
  const tuning = parts.tuning ?? {};
  const consult: ConsultServiceSource = parts.consult ?? (() => undefined);
  const operations: MountedOperation[] = [
    jsonOperation(STATUS, ({ client }) => ({
      health: parts.health(),
      outbox: { ...outbox.counts() },
      client: client?.name ?? '',
    })),
    jsonOperation(OUTBOX_LIST, ({ query }) => ({
      items: outbox
        .list({
          limit: query.limit,
          offset: query.offset,
          ...(query.state === undefined ? {} : { states: [query.state] }),
          ...(query.batch === undefined ? {} : { batchId: query.batch }),
        })
        .map(outboxItemSummary),
      counts: { ...outbox.counts() },
    })),
    ...settingsOperations(parts.settings, parts.db),
    ...uiOperations(parts.db, parts.sending ?? (() => undefined)),
    consultOperation(PATIENT_STATUS, consult, (s, r) => s.patientStatus(r.body)),
    consultOperation(PATIENT_AUTHORIZATION, consult, (s, r) => s.setAuthorization(r.body)),
    consultOperation(AUTHORIZED_PATIENTS, consult, (s, r) => s.authorizedPatients(r.query)),
    consultOperation(PATIENT_DOCUMENTS, consult, (s, r) => s.documents(r.body)),
    consultOperation(DOCUMENT_DISPLAY, consult, (s, r) => s.documentDisplay(r.body)),
    consultOperation(DOCUMENT_MANAGE, consult, (s, r) => s.manage(r.body)),
    ...importOperations(parts.imports ?? (() => undefined)),
    eventStreamOperation(EVENTS, {
      source: parts.events,
      ...(tuning.heartbeatMs === undefined ? {} : { heartbeatMs: tuning.heartbeatMs }),
    }),
  ];
  return {
    operations,
    tokens:
      parts.uiSession === undefined
        ? new ApiTokenRepository(parts.db)
        : anyTokenVerifier(parts.uiSession, new ApiTokenRepository(parts.db)),
    version: parts.version,
    ...(tuning.allowedOrigins === undefined ? {} : { allowedOrigins: tuning.allowedOrigins }),
    // Files dropped on the Envois screen arrive base64 in JSON (OUTBOX_DROP: 8 MB a file).
    maxBodyBytes: tuning.maxBodyBytes ?? SERVICE_MAX_BODY_BYTES,
    ...(tuning.validateResponses === undefined
      ? {}
      : { validateResponses: tuning.validateResponses }),
  };
}
