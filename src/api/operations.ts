// The operations of the contract, as HTTP routes. The local server mounts them and front ends call
// them; the schemas validate what crosses the boundary. `auth: 'none'` is for routes that carry
// nothing sensitive; every `/api/*` route is `auth: 'token'`. How to add one: docs/local-api.md.
import type { z } from 'zod';
import { HealthReportSchema } from './health.js';

export interface OperationDefinition<Response extends z.ZodType = z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly auth: 'none' | 'token';
  /** The JSON answer; for an event stream, the `data` of one event. */
  readonly response: Response;
  /** Stable name (OpenAPI `operationId`), camelCase. */
  readonly id?: string;
  /** French, one line: what the operation does (OpenAPI `summary`). */
  readonly summary?: string;
  /** Query parameters: an object schema whose fields receive the raw strings (coerce numbers). */
  readonly query?: z.ZodObject;
  /** The JSON request body (POST, PUT), sent with `Content-Type: application/json`. */
  readonly body?: z.ZodType;
  /** 'json' (default) or 'event-stream' (Server-Sent Events). */
  readonly kind?: 'json' | 'event-stream';
}

export const HEALTH = {
  method: 'GET',
  path: '/health',
  auth: 'none',
  id: 'health',
  summary:
    'État du service (ouvert sans jeton : ne contient ni donnée patient, ni chemin, ni secret)',
  response: HealthReportSchema,
} as const satisfies OperationDefinition<typeof HealthReportSchema>;

/** Prefix of every token-protected route. */
export const API_PREFIX = '/api/';
