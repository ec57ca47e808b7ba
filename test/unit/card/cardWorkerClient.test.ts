// The worker client's own logic over a fake worker process: one request at a time, typed errors
// for a crash and a hang, restart with growing delays, module initialised again, resets told.
import { describe, expect, it } from 'vitest';
import { CardWorkerClient, isPkcs11CallError } from '../../../src/card/index.js';
import { CKR } from '../../../src/card/pkcs11/pkcs11Constants.js';
import { fakeWorkerFleet, type FakeWorkerBehaviour } from '../../fakes/card/FakeWorkerProcess.js';

const MODULE = {
  path: '/fake.so',
  libraryDescription: 'f',
  manufacturer: 'm',
  libraryVersion: '1',
  cryptokiVersion: '2.40',
};

/** Answers everything; `special` decides for some requests. */
function behaviour(
  special: (
    op: string,
    generation: number,
    count: number,
  ) => ReturnType<FakeWorkerBehaviour> | undefined,
): FakeWorkerBehaviour {
  let count = 0;
  return (request, generation) => {
    count += 1;
    const decided = special(request.op, generation, count);
    if (decided !== undefined) return decided;
    if (request.op === 'initialize') return { result: MODULE };
    if (request.op === 'listSlots') return { result: [] };
    return { result: null };
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
}

function client(
  fleet: ReturnType<typeof fakeWorkerFleet>,
  extra: Partial<ConstructorParameters<typeof CardWorkerClient>[0]> = {},
) {
  return new CardWorkerClient({
    modulePath: '/fake.so',
    workerPath: '/nowhere/main.js',
    spawn: fleet.spawn,
    backoff: { initialMs: 5, factor: 2, maxMs: 1000, resetAfterMs: 60_000 },
    ...extra,
  });
}

describe('CardWorkerClient', () => {
  it('initialises the module before the first operation, and only once', async () => {
    const fleet = fakeWorkerFleet(behaviour(() => undefined));
    const c = client(fleet, { env: { SOFTHSM2_CONF: '/tmp/x.conf' } });
    await Promise.all([c.listSlots(), c.listSlots(), c.initialize()]);
    const ops = fleet.processes[0]?.received.map((r) => r.op);
    expect(ops).toEqual(['initialize', 'listSlots', 'listSlots']);
    expect(fleet.processes[0]?.env['SOFTHSM2_CONF']).toBe('/tmp/x.conf');
    expect(fleet.processes[0]?.env['NAVETTE_CARD_WORKER_DEBUG']).toBeUndefined();
    await c.close();
  });

  it('sends one request at a time, in order', async () => {
    const fleet = fakeWorkerFleet(behaviour(() => undefined));
    const c = client(fleet);
    await c.initialize();
    const worker = fleet.processes[0];
    if (!worker) throw new Error('no worker');
    await Promise.all([c.getTokenInfo('a'), c.getTokenInfo('b'), c.getTokenInfo('c')]);
    expect(worker.maxOutstanding).toBe(1);
    const slots = worker.received.map((r) => (r.params as { slotId?: string }).slotId ?? r.op);
    expect(slots).toEqual(['initialize', 'a', 'b', 'c']);
    await c.close();
  });

  it('turns PKCS#11 failures back into Pkcs11CallError', async () => {
    const fleet = fakeWorkerFleet(
      behaviour((op) =>
        op === 'login'
          ? { error: { kind: 'pkcs11', fn: 'C_Login', ckr: CKR.PIN_INCORRECT } }
          : undefined,
      ),
    );
    const c = client(fleet);
    const error = await rejection(c.login('s', '1234'));
    expect(isPkcs11CallError(error, CKR.PIN_INCORRECT)).toBe(true);
    await c.close();
  });

  it('fails the request in flight when the worker dies, restarts it and initialises the module again', async () => {
    const fleet = fakeWorkerFleet(
      behaviour((op, generation) => (op === 'sign' && generation === 0 ? 'crash' : undefined)),
    );
    const c = client(fleet);
    const resets: string[] = [];
    c.onDidReset((reason) => resets.push(reason));
    await c.initialize();
    const crashing = rejection(
      c.sign({ slotId: 's', keyIdHex: '0110', mechanism: 0x40, data: new Uint8Array([1]) }),
    );
    const queued = c.listSlots(); // behind the signature: goes to the new worker
    expect(await crashing).toMatchObject({
      code: 'CARD_WORKER_CRASHED',
      details: { operation: 'sign', exitCode: 70 },
    });
    await expect(queued).resolves.toEqual([]);
    expect(resets).toEqual(['exit:70']);
    expect(c.restarts).toBe(1);
    expect(fleet.processes).toHaveLength(2);
    expect(fleet.processes[1]?.received.map((r) => r.op)).toEqual(['initialize', 'listSlots']);
    await c.close();
  });

  it('kills a hung worker after the timeout and carries on with a new one', async () => {
    const fleet = fakeWorkerFleet(
      behaviour((op, generation) =>
        op === 'getTokenInfo' && generation === 0 ? 'hang' : undefined,
      ),
    );
    const c = client(fleet, { timeoutsMs: { getTokenInfo: 50 } });
    const started = Date.now();
    const error = await rejection(c.getTokenInfo('s'));
    expect(error).toMatchObject({
      code: 'CARD_WORKER_TIMEOUT',
      details: { operation: 'getTokenInfo', timeoutMs: 50 },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(fleet.processes[0]?.killed).toBe(true);
    await expect(c.getTokenInfo('s')).resolves.toBeNull();
    expect(fleet.processes).toHaveLength(2);
    await c.close();
  });

  it('waits longer before each restart when the worker keeps dying', async () => {
    const fleet = fakeWorkerFleet(behaviour((op) => (op === 'listSlots' ? 'crash' : undefined)));
    const c = client(fleet, {
      backoff: { initialMs: 40, factor: 2, maxMs: 1000, resetAfterMs: 60_000 },
    });
    await c.initialize();
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      await rejection(c.listSlots());
      times.push(Date.now() - started);
    }
    // 1st call: worker already up; 2nd waits ≥ 40 ms for the restart; 3rd ≥ 80 ms.
    expect(times[1]).toBeGreaterThanOrEqual(35);
    expect(times[2]).toBeGreaterThanOrEqual(75);
    expect(c.restarts).toBe(3);
    await c.close();
  });

  it('rejects what is pending when closed, and everything after', async () => {
    const fleet = fakeWorkerFleet(behaviour((op) => (op === 'getTokenInfo' ? 'hang' : undefined)));
    const c = client(fleet);
    await c.initialize();
    const hanging = c.getTokenInfo('s');
    const queued = c.listSlots();
    await c.close();
    await expect(hanging).rejects.toMatchObject({ code: 'CARD_WORKER_CLOSED' });
    await expect(queued).rejects.toMatchObject({ code: 'CARD_WORKER_CLOSED' });
    await expect(c.listSlots()).rejects.toMatchObject({ code: 'CARD_WORKER_CLOSED' });
    expect(fleet.processes[0]?.killed).toBe(true);
  });

  it('fails the waiting requests when the worker dies before it listens', async () => {
    const fleet = fakeWorkerFleet(
      behaviour(() => undefined),
      (generation) => generation === 0,
    );
    const c = client(fleet);
    expect(await rejection(c.listSlots())).toMatchObject({
      code: 'CARD_WORKER_CRASHED',
      details: { operation: 'start', exitCode: 1, stderr: 'fake stderr' },
    });
    await expect(c.listSlots()).resolves.toEqual([]); // the next attempt starts a new worker
    await c.close();
  });

  it('says the worker program is missing instead of restarting it forever', async () => {
    const c = new CardWorkerClient({ modulePath: '/fake.so', workerPath: '/nonexistent/main.js' });
    const error = await rejection(c.listSlots());
    expect(error).toMatchObject({
      code: 'CARD_WORKER_MISSING',
      details: { path: '/nonexistent/main.js' },
    });
    expect((error as Error).message).toContain('npm run build');
    expect(c.pid).toBeUndefined();
    await c.close();
  });

  it('passes the debug switch to the worker only when asked', async () => {
    const fleet = fakeWorkerFleet(behaviour(() => undefined));
    const c = client(fleet, { enableDebugOperations: true });
    await c.initialize();
    expect(fleet.processes[0]?.env['NAVETTE_CARD_WORKER_DEBUG']).toBe('1');
    await c.close();
  });
});
