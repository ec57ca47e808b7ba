// The local API contract: the OpenAPI document generated from the operations, and the outbox
// states of the API kept equal to the store's.
import { describe, expect, it } from 'vitest';
import {
  API_OUTBOX_STATES,
  BEARER_SCHEME,
  EVENTS,
  HEALTH,
  OPENAPI,
  OUTBOX_LIST,
  OutboxQuerySchema,
  STATUS,
  ServiceEventSchema,
  openApiDocument,
} from '../../../src/api/index.js';
import { OUTBOX_STATES } from '../../../src/store/outbox/outboxStates.js';

describe('outbox contract', () => {
  it('has the same states as the store', () => {
    expect([...API_OUTBOX_STATES]).toEqual([...OUTBOX_STATES]);
  });

  it('parses query strings with defaults and bounds', () => {
    expect(OutboxQuerySchema.parse({})).toEqual({ limit: 100, offset: 0 });
    expect(OutboxQuerySchema.parse({ state: 'sent', limit: '5', batch: '2' })).toEqual({
      state: 'sent',
      limit: 5,
      offset: 0,
      batch: 2,
    });
    expect(OutboxQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(OutboxQuerySchema.safeParse({ limit: '1001' }).success).toBe(false);
    expect(OutboxQuerySchema.safeParse({ tri: 'x' }).success).toBe(false);
  });
});

describe('events contract', () => {
  it('accepts outbox item events beside component changes', () => {
    expect(
      ServiceEventSchema.parse({ type: 'outbox-item', itemId: 1, batchId: null, change: 'sent' }),
    ).toMatchObject({ type: 'outbox-item' });
    expect(
      ServiceEventSchema.safeParse({ type: 'outbox-item', itemId: 1, batchId: null, change: 'x' })
        .success,
    ).toBe(false);
  });
});

describe('openApiDocument', () => {
  const doc = openApiDocument([HEALTH, STATUS, OUTBOX_LIST, EVENTS, OPENAPI], {
    version: '1.0.0',
  }) as {
    openapi: string;
    security: unknown[];
    components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };

  it('is OpenAPI 3.1 with one bearer scheme and every operation', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes[BEARER_SCHEME]).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(Object.keys(doc.paths)).toEqual([
      '/health',
      '/api/status',
      '/api/outbox',
      '/api/events',
      '/api/openapi.json',
    ]);
    expect(doc.paths['/health']?.['get']?.['security']).toEqual([]);
    expect(doc.paths['/api/status']?.['get']?.['security']).toEqual([{ [BEARER_SCHEME]: [] }]);
    expect(doc.paths['/api/status']?.['get']?.['operationId']).toBe('getStatus');
    // Round-trips as JSON (no functions, no undefined, no cycles).
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });

  it('describes query parameters with their requiredness and the event stream media type', () => {
    const params = doc.paths['/api/outbox']?.['get']?.['parameters'] as {
      name: string;
      required: boolean;
    }[];
    expect(params.map((p) => [p.name, p.required])).toEqual([
      ['state', false],
      ['batch', false],
      ['limit', false],
      ['offset', false],
    ]);
    const events = doc.paths['/api/events']?.['get']?.['responses'] as Record<
      string,
      { content: Record<string, unknown> }
    >;
    expect(Object.keys(events['200']?.content ?? {})).toEqual(['text/event-stream']);
  });
});
