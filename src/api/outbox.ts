// `GET /api/outbox`: the documents of the outbox (read-only), newest last, without the folders
// they wait in (paths stay on this computer's disk, not in API answers).
import { z } from 'zod';
import type { OperationDefinition } from './operations.js';

/** The states of an outbox row (src/store/outbox/outboxStates.ts; a unit test keeps them equal). */
export const API_OUTBOX_STATES = [
  'queued',
  'sending',
  'retry-wait',
  'sent',
  'refused',
  'failed',
  'duplicate',
] as const;
export const OutboxStateSchema = z.enum(API_OUTBOX_STATES);

const instant = z.iso.datetime();

export const OutboxItemSummarySchema = z.object({
  id: z.number().int(),
  batchId: z.number().int().nullable(),
  state: OutboxStateSchema,
  uniqueId: z.string().nullable(),
  kind: z.string().nullable(),
  title: z.string().nullable(),
  fileName: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAt: instant.nullable(),
  errorCode: z.string().nullable(),
  /** French: why the last attempt failed, or why the document was refused. */
  lastError: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  finishedAt: instant.nullable(),
});
export type OutboxItemSummary = z.infer<typeof OutboxItemSummarySchema>;

export const OutboxCountsSchema = z.record(z.string(), z.number().int().nonnegative());

export const OutboxListSchema = z.object({
  items: z.array(OutboxItemSummarySchema),
  /** Rows per state over the whole outbox, and `total`. */
  counts: OutboxCountsSchema,
});
export type OutboxList = z.infer<typeof OutboxListSchema>;

export const OutboxQuerySchema = z.strictObject({
  state: OutboxStateSchema.optional(),
  batch: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const OUTBOX_LIST = {
  method: 'GET',
  path: '/api/outbox',
  auth: 'token',
  id: 'listOutbox',
  summary: "Documents de la file d'envoi (lecture seule)",
  query: OutboxQuerySchema,
  response: OutboxListSchema,
} as const satisfies OperationDefinition<typeof OutboxListSchema>;
