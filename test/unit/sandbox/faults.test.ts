import { describe, expect, it } from 'vitest';
import { FaultInjector, parseFaultSpec } from '../../../src/sandbox/faults/index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('fault specification', () => {
  it('parses every kind, service and selector', () => {
    const spec = parseFaultSpec(
      'latency:50-200ms, registry/http503@2, reset@10%, timeout@3, http:502@*, seed:42',
    );
    expect(spec.seed).toBe(42);
    expect(spec.rules).toEqual([
      { fault: { kind: 'latency', minMs: 50, maxMs: 200 }, when: { on: 'all' } },
      { service: 'registry', fault: { kind: 'http', status: 503 }, when: { on: 'nth', n: 2 } },
      { fault: { kind: 'reset' }, when: { on: 'share', percent: 10 } },
      { fault: { kind: 'timeout' }, when: { on: 'nth', n: 3 } },
      { fault: { kind: 'http', status: 502 }, when: { on: 'all' } },
    ]);
    expect(parseFaultSpec('latency:1s').rules[0]?.fault).toEqual({
      kind: 'latency',
      minMs: 1000,
      maxMs: 1000,
    });
  });

  it.each([
    'explode',
    'http:404',
    'latency',
    'latency:fast',
    'latency:500-100ms',
    'reset@0',
    'reset@150%',
    'reset@1@2',
    'pharmacy/reset',
  ])('refuses %s with a French message', (text) => {
    expect(codeOf(() => parseFaultSpec(text))).toBe('SANDBOX_FAULT_SPEC_INVALID');
  });
});

describe('fault injector', () => {
  it('hits the N-th call of the rule’s own service only', () => {
    const inj = new FaultInjector(parseFaultSpec('registry/http503@2'));
    const seen = ['registry', 'repository', 'repository', 'registry', 'registry'].map(
      (s) => inj.next(s as 'registry').failure?.kind,
    );
    expect(seen).toEqual([undefined, undefined, undefined, 'http', undefined]);
  });

  it('draws shares reproducibly from the seed, close to the asked share', () => {
    const run = (seed: number) => {
      const inj = new FaultInjector(parseFaultSpec(`reset@30%,seed:${seed}`));
      return Array.from({ length: 1000 }, () => inj.next('patients').failure !== undefined);
    };
    const a = run(7);
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
    const hits = a.filter(Boolean).length;
    expect(hits).toBeGreaterThan(250);
    expect(hits).toBeLessThan(350);
  });

  it('adds latency within its range and keeps the first failure', () => {
    const inj = new FaultInjector(parseFaultSpec('latency:10-20ms, timeout, http503'));
    for (let i = 0; i < 50; i++) {
      const applied = inj.next('repository');
      expect(applied.delayMs).toBeGreaterThanOrEqual(10);
      expect(applied.delayMs).toBeLessThanOrEqual(20);
      expect(applied.failure).toEqual({ kind: 'timeout' });
    }
  });
});
