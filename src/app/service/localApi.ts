// The local API of `navette serve`: the operations of `api/` bound to the service's parts. The
// server mounts this list behind its token, origin and size checks (docs/local-api.md).
// Mounting one more operation = one line in `operations` below.
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
import type { ServiceEventBus } from './serviceEvents.js';

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
    eventStreamOperation(EVENTS, {
      source: parts.events,
      ...(tuning.heartbeatMs === undefined ? {} : { heartbeatMs: tuning.heartbeatMs }),
    }),
  ];
  return {
    operations,
    tokens: new ApiTokenRepository(parts.db),
    version: parts.version,
    ...(tuning.allowedOrigins === undefined ? {} : { allowedOrigins: tuning.allowedOrigins }),
    ...(tuning.maxBodyBytes === undefined ? {} : { maxBodyBytes: tuning.maxBodyBytes }),
    ...(tuning.validateResponses === undefined
      ? {}
      : { validateResponses: tuning.validateResponses }),
  };
}
