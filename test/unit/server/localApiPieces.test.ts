// The pure pieces of the local API: bearer parsing, content types, query objects, French
// validation messages, SSE framing.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bearerToken,
  checkAgainst,
  hasBody,
  isJsonContentType,
  ownOrigins,
  queryObject,
  sseMessage,
} from '../../../src/server/index.js';

const request = (headers: Record<string, string>): IncomingMessage =>
  ({ headers }) as unknown as IncomingMessage;

describe('bearerToken', () => {
  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer nvt_abc')).toBe('nvt_abc');
    expect(bearerToken('bearer  nvt_abc ')).toBe('nvt_abc');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('nvt_abc')).toBeUndefined();
    expect(bearerToken('Basic nvt_abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
  });
});

describe('bodies', () => {
  it('knows JSON content types and whether a request carries a body', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/json-patch+json')).toBe(false);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(hasBody(request({}))).toBe(false);
    expect(hasBody(request({ 'content-length': '0' }))).toBe(false);
    expect(hasBody(request({ 'content-length': '12' }))).toBe(true);
    expect(hasBody(request({ 'transfer-encoding': 'chunked' }))).toBe(true);
  });
});

describe('queryObject', () => {
  it('keeps one string per name and an array for repeated names', () => {
    expect(queryObject('')).toEqual({});
    expect(queryObject('a=1&b=%C3%A9&a=2&c')).toEqual({ a: ['1', '2'], b: 'é', c: '' });
  });
});

describe('checkAgainst', () => {
  const schema = z.strictObject({
    limit: z.coerce.number().int().max(10),
    nested: z.object({ x: z.string() }).optional(),
  });

  it('passes valid values through the schema', () => {
    expect(checkAgainst(schema, { limit: '3' }, 'query')).toEqual({
      ok: true,
      value: { limit: 3 },
    });
  });

  it('names the field in French', () => {
    expect(checkAgainst(schema, { limit: '30' }, 'query')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Le paramètre « limit » est invalide : .*10.*\.$/),
    });
    const nested = checkAgainst(schema, { limit: 1, nested: { x: 2 } }, 'body');
    expect(nested.ok).toBe(false);
    if (!nested.ok) {
      expect(nested.message).toMatch(
        /^Le champ « nested\.x » du corps de la requête est invalide : /,
      );
      expect(nested.message).toContain('attendu');
    }
    const extra = checkAgainst(schema, { limit: 1, autre: 1 }, 'query');
    expect(!extra.ok && extra.message).toMatch(/« autre »/);
    const whole = checkAgainst(schema, 'texte', 'body');
    expect(!whole.ok && whole.message).toMatch(/^Le corps de la requête est invalide : /);
  });
});

describe('SSE and origins', () => {
  it('frames one event per message on one data line', () => {
    expect(sseMessage('outbox-item', { a: 'x\ny' })).toBe(
      'event: outbox-item\ndata: {"a":"x\\ny"}\n\n',
    );
  });

  it('lists our own origins for a port', () => {
    expect([...ownOrigins(7411)]).toEqual(['http://127.0.0.1:7411', 'http://localhost:7411']);
  });
});
