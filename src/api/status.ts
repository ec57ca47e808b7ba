// `GET /api/status`: the service's state for an authenticated client: the health report plus the
// outbox counts (which say how much patient work is pending, hence behind a token).
import { z } from 'zod';
import { HealthReportSchema } from './health.js';
import { OutboxCountsSchema } from './outbox.js';
import type { OperationDefinition } from './operations.js';

export const ServiceStatusSchema = z.object({
  health: HealthReportSchema,
  /** Rows per state and `total`; null when no outbox is running (no export folder). */
  outbox: OutboxCountsSchema.nullable(),
  /** The name of the token this request used. */
  client: z.string(),
});
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

export const STATUS = {
  method: 'GET',
  path: '/api/status',
  auth: 'token',
  id: 'getStatus',
  summary: "État du service et de la file d'envoi",
  response: ServiceStatusSchema,
} as const satisfies OperationDefinition<typeof ServiceStatusSchema>;
