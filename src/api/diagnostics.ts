// The `navette doctor` checks, run by the service for « Réglages » (without the PIN: the card's
// PIN is asked by the CLI only; the window shows the card checks that need no PIN).
import { z } from 'zod';
import type { OperationDefinition } from './operations.js';

export const DIAGNOSTIC_STATUSES = ['ok', 'warn', 'fail', 'skip'] as const;

export const DiagnosticCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(DIAGNOSTIC_STATUSES),
  verdict: z.string(),
  fix: z.string().nullable(),
  code: z.string().nullable(),
});
export type DiagnosticCheck = z.infer<typeof DiagnosticCheckSchema>;

export const DiagnosticsReportSchema = z.object({
  ok: z.boolean(),
  authMode: z.string(),
  endpoint: z.string(),
  checks: z.array(DiagnosticCheckSchema),
  /** ISO instant the checks ended. */
  ranAt: z.iso.datetime(),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReportSchema>;

export const DIAGNOSTICS_RUN = {
  method: 'POST',
  path: '/api/diagnostics',
  auth: 'token',
  id: 'runDiagnostics',
  summary: 'Lance les vérifications de « navette doctor » (sans le code porteur)',
  body: z.strictObject({}),
  response: DiagnosticsReportSchema,
} as const satisfies OperationDefinition<typeof DiagnosticsReportSchema>;
