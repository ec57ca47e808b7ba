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

export const ServiceEventSchema = z.discriminatedUnion('type', [ComponentChangedEventSchema]);
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;
