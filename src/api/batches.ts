// Batches for secretaries (issue 5): many documents checked together before anything is sent
// (pre-flight), then sent through the outbox with progress events, and a report (CSV, printable
// HTML) where a refused document can be fixed and sent again. The operations below are not
// mounted yet: the local server (src/server) will mount them (docs/sending.md, "Batches").
import { z } from 'zod';
import type { OperationDefinition } from './operations.js';

const instant = z.iso.datetime();

/**
 * - `ready`: passed the pre-flight, not sent yet;
 * - `blocked`: the pre-flight found why it cannot go (never sent);
 * - `queued`, `sending`, `waiting` (a retry is planned): in the outbox;
 * - `sent`: the DMP registered it (or already had it);
 * - `refused`: the DMP refused it; `failed`: the DMP could not be reached in time.
 */
export const BATCH_ITEM_STATUSES = [
  'ready',
  'blocked',
  'queued',
  'sending',
  'waiting',
  'sent',
  'refused',
  'failed',
] as const;
export const BatchItemStatusSchema = z.enum(BATCH_ITEM_STATUSES);
export type BatchItemStatus = z.infer<typeof BatchItemStatusSchema>;

/** A reason in French: what is wrong and what to do. */
export const BatchReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  fix: z.string().optional(),
});
export type BatchReason = z.infer<typeof BatchReasonSchema>;

export const BatchItemSchema = z.object({
  id: z.number().int().positive(),
  /** Position in the batch, from 1. */
  position: z.number().int().positive(),
  /** The file's name (the full path stays on this computer). */
  fileName: z.string(),
  status: BatchItemStatusSchema,
  uniqueId: z.string().nullable(),
  title: z.string().nullable(),
  /** The patient's DMP status from TD0.2 (ACTIF, FERME, INEXISTANT, INCONNU), when asked. */
  dmpStatus: z.string().nullable(),
  /** French: who may see the document in the DMP. */
  visibility: z.string().nullable(),
  /** Why it is blocked, refused or failed; warnings for a ready document. Empty when none. */
  reasons: z.array(BatchReasonSchema),
  /** The DMP's id of the registered document. */
  entryUuid: z.string().nullable(),
  /** The outbox row of its last send (null before sending). */
  outboxItemId: z.number().int().nullable(),
  updatedAt: instant,
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

const count = z.number().int().nonnegative();

/** Documents per status, and their total. */
export const BatchCountsSchema = z.object({
  total: count,
  ready: count,
  blocked: count,
  queued: count,
  sending: count,
  waiting: count,
  sent: count,
  refused: count,
  failed: count,
});
export type BatchCounts = z.infer<typeof BatchCountsSchema>;

export const BatchSchema = z.object({
  id: z.number().int().positive(),
  label: z.string(),
  createdAt: instant,
  /** `preflight`: checked, not sent; `sending`; `done`: every document has its outcome. */
  state: z.enum(['preflight', 'sending', 'done']),
  counts: BatchCountsSchema,
  items: z.array(BatchItemSchema),
});
export type Batch = z.infer<typeof BatchSchema>;

/** Pre-flight: a folder (its files, not its subfolders) or a list of files. */
export const BatchPreflightRequestSchema = z.union([
  z.strictObject({ folder: z.string().min(1), label: z.string().max(200).optional() }),
  z.strictObject({
    files: z.array(z.string().min(1)).min(1).max(5000),
    label: z.string().max(200).optional(),
  }),
]);
export type BatchPreflightRequest = z.infer<typeof BatchPreflightRequestSchema>;

export const BatchIdSchema = z.strictObject({ batchId: z.coerce.number().int().positive() });
export const BatchResendRequestSchema = z.strictObject({
  batchId: z.coerce.number().int().positive(),
  itemId: z.coerce.number().int().positive(),
});
export const BATCH_REPORT_FORMATS = ['csv', 'html'] as const;
export const BatchReportQuerySchema = z.strictObject({
  format: z.enum(BATCH_REPORT_FORMATS),
});

/** Progress of a batch being sent (event-stream `data`). */
export const BatchEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('batch-item'),
    batchId: z.number().int(),
    itemId: z.number().int(),
    status: BatchItemStatusSchema,
    /** French, when refused, failed or waiting. */
    reason: z.string().optional(),
    counts: BatchCountsSchema,
  }),
  z.object({ type: z.literal('batch-done'), batchId: z.number().int(), counts: BatchCountsSchema }),
]);
export type BatchEvent = z.infer<typeof BatchEventSchema>;

export const BATCH_PREFLIGHT = {
  method: 'POST',
  path: '/api/batches',
  auth: 'token',
  id: 'preflightBatch',
  summary: 'Crée un lot et vérifie chaque document sans rien envoyer',
  body: BatchPreflightRequestSchema,
  response: BatchSchema,
} as const satisfies OperationDefinition<typeof BatchSchema>;

export const BATCH_GET = {
  method: 'GET',
  path: '/api/batches/:batchId',
  auth: 'token',
  id: 'getBatch',
  summary: "Un lot et l'état de chacun de ses documents",
  response: BatchSchema,
} as const satisfies OperationDefinition<typeof BatchSchema>;

export const BATCH_SEND = {
  method: 'POST',
  path: '/api/batches/:batchId/send',
  auth: 'token',
  id: 'sendBatch',
  summary: "Envoie les documents prêts d'un lot (une seule fois chacun)",
  response: BatchSchema,
} as const satisfies OperationDefinition<typeof BatchSchema>;

export const BATCH_RESEND_ITEM = {
  method: 'POST',
  path: '/api/batches/:batchId/items/:itemId/resend',
  auth: 'token',
  id: 'resendBatchItem',
  summary: "Vérifie à nouveau un document corrigé d'un lot et l'envoie",
  response: BatchSchema,
} as const satisfies OperationDefinition<typeof BatchSchema>;

export const BATCH_REPORT = {
  method: 'GET',
  path: '/api/batches/:batchId/report',
  auth: 'token',
  id: 'batchReport',
  summary: "Compte rendu d'un lot (CSV ou HTML imprimable)",
  query: BatchReportQuerySchema,
  response: z.string(),
} as const satisfies OperationDefinition<z.ZodString>;

export const BATCH_EVENTS = {
  method: 'GET',
  path: '/api/batches/:batchId/events',
  auth: 'token',
  id: 'batchEvents',
  summary: "Progression de l'envoi d'un lot",
  kind: 'event-stream',
  response: BatchEventSchema,
} as const satisfies OperationDefinition<typeof BatchEventSchema>;
