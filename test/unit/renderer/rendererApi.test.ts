// The pure parts of the renderer's API layer: the HTTP route table matches the contract's
// definitions exactly; path filling; the SSE parser across chunk boundaries; the session token
// taken from the fragment and wiped from the address bar.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OperationDefinition } from '../../../src/api/operations.js';
import { fillPath, OPERATION_ROUTES } from '../../../src/renderer/client/routes.js';
import { takeSessionToken, type TokenPlace } from '../../../src/renderer/client/sessionToken.js';
import { SseParser } from '../../../src/renderer/client/sseParser.js';
import { routeOf } from '../../../src/renderer/shell/routeOf.js';
import { REPO_ROOT } from '../../support/paths.js';

/** Every operation definition exported by a module of src/api. */
async function contractDefinitions(): Promise<OperationDefinition[]> {
  const dir = path.join(REPO_ROOT, 'src', 'api');
  const found: OperationDefinition[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value === 'object' && value !== null && 'method' in value && 'id' in value) {
        found.push(value as OperationDefinition);
      }
    }
  }
  return found;
}

describe('renderer route table', () => {
  it('has, for each operation id, the method and path of the contract definition', async () => {
    const definitions = await contractDefinitions();
    for (const [id, route] of Object.entries(OPERATION_ROUTES)) {
      const definition = definitions.find((d) => d.id === id);
      expect(definition, id).toBeDefined();
      expect({ method: definition?.method, path: definition?.path }, id).toEqual(route);
    }
  });

  it('fills :name segments, encoded, and refuses a missing one', () => {
    expect(
      fillPath('/api/batches/:batchId/items/:itemId/resend', { batchId: 3, itemId: 'a/b' }),
    ).toBe('/api/batches/3/items/a%2Fb/resend');
    expect(() => fillPath('/api/batches/:batchId', {})).toThrow(/batchId/);
  });
});

describe('SseParser', () => {
  it('assembles events split across chunks and skips comments and retry lines', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 3000\n: navette\n\nevent: outbox-item\nda')).toEqual([]);
    expect(parser.push('ta: {"a":1}\r\n\r\n: ping\n\nevent: x\ndata: 2\n\n')).toEqual([
      { event: 'outbox-item', data: '{"a":1}' },
      { event: 'x', data: '2' },
    ]);
  });
});

function place(hash: string): TokenPlace & { replaced: string[]; store: Map<string, string> } {
  const store = new Map<string, string>();
  const replaced: string[] = [];
  return {
    store,
    replaced,
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_d, _u, url) => replaced.push(url ?? '') },
    sessionStorage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => store.set(k, v),
    },
  };
}

describe('session token', () => {
  it('is taken from #jeton=…, kept for the tab, and removed from the address', () => {
    const p = place('#jeton=abc_DEF-123');
    expect(takeSessionToken(p)).toBe('abc_DEF-123');
    expect(p.replaced).toEqual(['/#accueil']);
    expect([...p.store.values()]).toEqual(['abc_DEF-123']);
    // A reload (no fragment any more) finds it in sessionStorage.
    const again = { ...place('#envois'), sessionStorage: p.sessionStorage };
    expect(takeSessionToken(again)).toBe('abc_DEF-123');
  });

  it('opens the patient view `navette open` asks for, and nothing else', () => {
    const p = place('#jeton=t0k&vue=%2Fpatient%2F279035121518989%3Foid%3D1.2.250.1.213.1.4.10');
    expect(takeSessionToken(p)).toBe('t0k');
    expect(p.replaced).toEqual(['/#/patient/279035121518989?oid=1.2.250.1.213.1.4.10']);
    const hostile = place('#jeton=t0k&vue=javascript:alert(1)');
    takeSessionToken(hostile);
    expect(hostile.replaced).toEqual(['/#accueil']);
  });

  it('is undefined when the page was opened without it', () => {
    expect(takeSessionToken(place('#accueil'))).toBeUndefined();
  });
});

describe('routeOf', () => {
  it('splits the fragment into a route and its parameter', () => {
    expect(routeOf('#patient/1%202')).toEqual({ route: 'patient', param: '1 2' });
    expect(routeOf('#Envois')).toEqual({ route: 'envois', param: undefined });
    expect(routeOf('')).toEqual({ route: '', param: undefined });
  });
});
