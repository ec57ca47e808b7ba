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

export const OutboxRetryRequestSchema = z.strictObject({ itemId: z.number().int().positive() });

/** `POST /api/outbox/retry`: a failed document (out of attempts) goes back in the queue, due now. */
export const OUTBOX_RETRY = {
  method: 'POST',
  path: '/api/outbox/retry',
  auth: 'token',
  id: 'retryOutboxItem',
  summary: "Remet dans la file d'envoi un document en échec",
  body: OutboxRetryRequestSchema,
  response: OutboxItemSummarySchema,
} as const satisfies OperationDefinition<typeof OutboxItemSummarySchema>;

/** Largest file the drop operation takes (its base64 fits in the 1 MB default body limit too). */
export const DROP_MAX_FILE_BYTES = 8 * 1024 * 1024;
export const DROP_MAX_FILES = 20;

export const DroppedFileSchema = z.strictObject({
  /** The file's own name, no folder: `/`, `\\`, `..`, control characters are refused. */
  name: z
    .string()
    .min(1)
    .max(200)
    .refine(
      (n) => !/[/\\]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20),
      'nom de fichier invalide',
    )
    .refine((n) => n !== '.' && n !== '..' && !n.startsWith('.'), 'nom de fichier invalide'),
  /** The bytes, base64. */
  contentBase64: z
    .string()
    .max(Math.ceil(DROP_MAX_FILE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export const OutboxDropRequestSchema = z.strictObject({
  files: z.array(DroppedFileSchema).min(1).max(DROP_MAX_FILES),
});
export type OutboxDropRequest = z.infer<typeof OutboxDropRequestSchema>;

export const OutboxDropResultSchema = z.object({
  /** The names the files got in the watched folder (a taken name gets a suffix). */
  accepted: z.array(z.string()),
});
export type OutboxDropResult = z.infer<typeof OutboxDropResultSchema>;

/**
 * `POST /api/outbox/files`: files dropped on the Envois screen go into the first watched folder,
 * so they take exactly the path of an export (sidecar grace, checks, dedup, sent/ and error/).
 */
export const OUTBOX_DROP = {
  method: 'POST',
  path: '/api/outbox/files',
  auth: 'token',
  id: 'dropOutboxFiles',
  summary: 'Dépose des fichiers dans le premier dossier surveillé pour les envoyer',
  body: OutboxDropRequestSchema,
  response: OutboxDropResultSchema,
} as const satisfies OperationDefinition<typeof OutboxDropResultSchema>;
