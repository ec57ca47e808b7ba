// The operations of the contract, as HTTP routes. The local server mounts them and front ends call
// them; the schemas validate what crosses the boundary. `auth: 'none'` is for routes that carry
// nothing sensitive; every `/api/*` route added later is `auth: 'token'`.
import type { z } from 'zod';
import { HealthReportSchema } from './health.js';

export interface OperationDefinition<Response extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly auth: 'none' | 'token';
  readonly response: Response;
}

export const HEALTH = {
  method: 'GET',
  path: '/health',
  auth: 'none',
  response: HealthReportSchema,
} as const satisfies OperationDefinition<typeof HealthReportSchema>;

/** Prefix of every token-protected route. */
export const API_PREFIX = '/api/';
