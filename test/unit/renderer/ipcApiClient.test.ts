// The desktop transport against a fake bridge (what the preload exposes): a call goes to
// `bridge.call` with the operation id and input unchanged, the envelope's value comes back, a
// failure envelope becomes an ApiCallError with the service's French message, and events come
// from `onServiceEvent` until unsubscribed.
import { describe, expect, it } from 'vitest';
import type { BridgeResult, NavetteBridge } from '../../../src/api/bridge.js';
import type { ServiceEvent } from '../../../src/api/events.js';
import { ApiCallError } from '../../../src/renderer/client/ApiClient.js';
import { IpcApiClient } from '../../../src/renderer/client/IpcApiClient.js';

function fakeBridge(answer: (id: string, input: unknown) => BridgeResult<unknown>): {
  bridge: NavetteBridge;
  calls: [string, unknown][];
  push: (event: ServiceEvent) => void;
} {
  const calls: [string, unknown][] = [];
  const listeners = new Set<(event: ServiceEvent) => void>();
  const bridge: NavetteBridge = {
    health: () => Promise.reject(new Error('not used')),
    onDeepLink: () => () => undefined,
    onServiceEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    call: ((id: string, input: unknown) => {
      calls.push([id, input]);
      return Promise.resolve(answer(id, input));
    }) as NonNullable<NavetteBridge['call']>,
  };
  return { bridge, calls, push: (e) => listeners.forEach((l) => l(e)) };
}

describe('IpcApiClient', () => {
  it('passes the operation id and input to the bridge and returns the value', async () => {
    const fake = fakeBridge(() => ({ ok: true, value: { accepted: ['a.xml'] } }));
    const client = new IpcApiClient(fake.bridge);
    expect(client.transport).toBe('ipc');
    const body = { files: [{ name: 'a.xml', contentBase64: 'PGEvPg==' }] };
    await expect(client.call('dropOutboxFiles', { body })).resolves.toEqual({
      accepted: ['a.xml'],
    });
    expect(fake.calls).toEqual([['dropOutboxFiles', { body }]]);
  });

  it('turns a failure envelope into an ApiCallError with the French message', async () => {
    const fake = fakeBridge(() => ({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND', message: "Le lot n° 9 n'existe pas." },
    }));
    const error = await new IpcApiClient(fake.bridge)
      .call('getBatch', { params: { batchId: 9 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'BATCH_NOT_FOUND', message: "Le lot n° 9 n'existe pas." });
  });

  it('says in French that the desktop app lacks the operation when main has no `call`', async () => {
    const { bridge } = fakeBridge(() => ({ ok: true, value: null }));
    const { call: _unused, ...withoutCall } = bridge;
    const error = await new IpcApiClient(withoutCall)
      .call('getStatus', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_AVAILABLE' });
    expect((error as Error).message).toMatch(/mettez Navette à jour/);
  });

  it('delivers the service events until unsubscribed, and reports itself connected', () => {
    const fake = fakeBridge(() => ({ ok: true, value: null }));
    const seen: ServiceEvent[] = [];
    const states: boolean[] = [];
    const stop = new IpcApiClient(fake.bridge).events(
      (e) => seen.push(e),
      (c) => states.push(c),
    );
    const event: ServiceEvent = {
      type: 'outbox-item',
      itemId: 1,
      batchId: null,
      change: 'sent',
    };
    fake.push(event);
    stop();
    fake.push(event);
    expect(seen).toEqual([event]);
    expect(states).toEqual([true]);
  });
});
