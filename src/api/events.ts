// Events the service pushes to its front ends (tray, web UI, `navette` commands that follow).
// Placeholder for issue 2: only component changes exist; later issues add outbox, card and
// watcher events here, one schema each, under the same `type` discriminator.
import { z } from 'zod';
import { ComponentStatusSchema } from './health.js';

export const ComponentChangedEventSchema = z.object({
  type: z.literal('component-changed'),
  component: z.string(),
  status: ComponentStatusSchema,
});

/** An outbox document moved on (issue 6): what happened to it, by id (fetch it from the outbox). */
export const OutboxItemEventSchema = z.object({
  type: z.literal('outbox-item'),
  itemId: z.number().int(),
  batchId: z.number().int().nullable(),
  change: z.enum(['sending', 'sent', 'refused', 'retry', 'failed']),
});

export const ServiceEventSchema = z.discriminatedUnion('type', [
  ComponentChangedEventSchema,
  OutboxItemEventSchema,
]);
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;
