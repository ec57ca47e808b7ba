// The audit journal for the Journal screen: the entries (keyed patient references, never an INS),
// filtered by date, a CSV export, and the verification of the hash chain with its French verdict.
import { z } from 'zod';
import type { OperationDefinition } from './operations.js';

const instant = z.iso.datetime({ offset: true });

export const JournalEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  structure: z.string().nullable(),
  /** Keyed hash of the patient's INS (not reversible without the installation's key). */
  patientRef: z.string().nullable(),
  transaction: z.string(),
  accessMode: z.string().nullable(),
  result: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** Date filters are ISO instants (`from` inclusive, `to` inclusive). */
export const JournalQuerySchema = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type JournalQuery = z.input<typeof JournalQuerySchema>;

export const JournalListSchema = z.object({ entries: z.array(JournalEntrySchema) });
export type JournalList = z.infer<typeof JournalListSchema>;

export const JournalVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  firstBadId: z.number().int().optional(),
  problem: z.enum(['modified', 'deleted', 'reordered']).optional(),
  /** French: what was found and what to do. */
  message: z.string(),
});
export type JournalVerification = z.infer<typeof JournalVerificationSchema>;

export const JournalCsvSchema = z.object({
  /** File name to offer, e.g. `journal-navette-2026-11-29.csv`. */
  fileName: z.string(),
  /** UTF-8 with BOM, CRLF, comma-separated (src/app/journal/journalReport.ts). */
  csv: z.string(),
});
export type JournalCsv = z.infer<typeof JournalCsvSchema>;

export const JOURNAL_LIST = {
  method: 'GET',
  path: '/api/journal',
  auth: 'token',
  id: 'listJournal',
  summary: "Entrées du journal d'audit (filtres de dates)",
  query: JournalQuerySchema,
  response: JournalListSchema,
} as const satisfies OperationDefinition<typeof JournalListSchema>;

export const JOURNAL_VERIFY = {
  method: 'GET',
  path: '/api/journal/verification',
  auth: 'token',
  id: 'verifyJournal',
  summary: "Vérifie la chaîne d'empreintes du journal d'audit",
  response: JournalVerificationSchema,
} as const satisfies OperationDefinition<typeof JournalVerificationSchema>;

export const JOURNAL_CSV = {
  method: 'GET',
  path: '/api/journal/csv',
  auth: 'token',
  id: 'exportJournalCsv',
  summary: "Export CSV du journal d'audit (mêmes filtres)",
  query: JournalQuerySchema,
  response: JournalCsvSchema,
} as const satisfies OperationDefinition<typeof JournalCsvSchema>;
