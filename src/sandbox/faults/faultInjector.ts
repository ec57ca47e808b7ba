// Decides, call by call, which faults of a FaultSpec apply. Each rule counts the calls it matches
// (so `registry/http503@2` is the second registry call, whatever happened elsewhere) and draws
// its shares from one generator seeded by the spec: the same run of calls gets the same faults.
import type { DmpService, FaultKind, FaultSpec } from './faultSpec.js';

/** mulberry32: tiny, fast, good enough for reproducible test traffic. Not for security. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface AppliedFaults {
  /** Delay before answering, in ms (sum of matching latency rules). */
  readonly delayMs: number;
  /** The failure to produce instead of the answer, if any (the first matching one wins). */
  readonly failure?: Exclude<FaultKind, { kind: 'latency' }>;
}

export class FaultInjector {
  private readonly counts: number[];
  private readonly random: () => number;

  constructor(private readonly spec: FaultSpec) {
    this.counts = spec.rules.map(() => 0);
    this.random = mulberry32(spec.seed);
  }

  /** Call once per incoming request. */
  next(service: DmpService): AppliedFaults {
    let delayMs = 0;
    let failure: AppliedFaults['failure'];
    this.spec.rules.forEach((rule, i) => {
      if (rule.service !== undefined && rule.service !== service) return;
      const count = (this.counts[i] ?? 0) + 1;
      this.counts[i] = count;
      // Draw for every share rule on every matching call, hit or not, so that the sequence does
      // not depend on which other rules fired.
      const draw = rule.when.on === 'share' ? this.random() : 0;
      const hit =
        rule.when.on === 'all' ||
        (rule.when.on === 'nth' && rule.when.n === count) ||
        (rule.when.on === 'share' && draw * 100 < rule.when.percent);
      if (!hit) return;
      if (rule.fault.kind === 'latency') {
        const { minMs, maxMs } = rule.fault;
        delayMs += minMs + Math.round(this.random() * (maxMs - minMs));
      } else {
        failure ??= rule.fault;
      }
    });
    return failure === undefined ? { delayMs } : { delayMs, failure };
  }
}
