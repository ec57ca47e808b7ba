// `GET /api/events`: the service's events as Server-Sent Events. Each message is
// `event: <type>` + `data: <ServiceEvent JSON>`; a comment line every few seconds keeps proxies
// and clients from timing out; the stream ends when the service stops.
import { ServiceEventSchema } from './events.js';
import type { OperationDefinition } from './operations.js';

export const EVENTS = {
  method: 'GET',
  path: '/api/events',
  auth: 'token',
  id: 'streamEvents',
  summary: 'Flux des événements du service (Server-Sent Events)',
  kind: 'event-stream',
  response: ServiceEventSchema,
} as const satisfies OperationDefinition<typeof ServiceEventSchema>;
