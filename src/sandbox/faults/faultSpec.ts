// The `--faults` specification of the DMP test server: what goes wrong, on which call. Grammar
// (comma-separated rules, plus an optional `seed:N`):
//
//   rule     = [service "/"] kind [":" argument] ["@" when]
//   service  = patients | habilitations | registry | repository
//   kind     = latency (argument: "200ms", "1s" or a range "100-500ms")
//            | http (argument: a 5xx status, default 503) | http500 | http502 | http503 | http504
//            | reset (the TCP connection is destroyed without an answer)
//            | timeout (no answer at all; the connection stays open until the client gives up)
//   when     = N (the N-th matching call, from 1) | N% (a share of matching calls) | "*" (all)
//
// Example: `latency:50-200ms, registry/http503@2, reset@10%, seed:42`. Rules without `@` apply to
// every call. Shares are drawn from a seeded generator, so a run is reproducible.
import { NavetteError } from '../../domain/errors/NavetteError.js';

export const SERVICES = ['patients', 'habilitations', 'registry', 'repository'] as const;
export type DmpService = (typeof SERVICES)[number];

export type FaultKind =
  | { readonly kind: 'latency'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'timeout' };

export type FaultWhen =
  | { readonly on: 'all' }
  | { readonly on: 'nth'; readonly n: number }
  | { readonly on: 'share'; readonly percent: number };

export interface FaultRule {
  readonly service?: DmpService;
  readonly fault: FaultKind;
  readonly when: FaultWhen;
}

export interface FaultSpec {
  readonly rules: readonly FaultRule[];
  readonly seed: number;
}

export class FaultSpecError extends NavetteError {
  override readonly name = 'FaultSpecError';
}

const DEFAULT_SEED = 1;

function bad(rule: string, why: string): FaultSpecError {
  return new FaultSpecError(
    'SANDBOX_FAULT_SPEC_INVALID',
    `Règle de panne « ${rule} » invalide : ${why}. Exemple : latency:50-200ms,registry/http503@2,reset@10%,seed:42`,
    { rule },
  );
}

function parseDuration(rule: string, text: string): number {
  const m = /^(\d+)(ms|s)?$/.exec(text.trim());
  if (!m) throw bad(rule, `durée « ${text} » attendue en ms ou s`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

function parseLatency(rule: string, arg: string | undefined): FaultKind {
  if (arg === undefined) throw bad(rule, 'la latence demande une durée (latency:200ms)');
  const unit = /(ms|s)$/.exec(arg)?.[1] ?? 'ms';
  const [lo, hi] = arg.split('-');
  const minMs = parseDuration(rule, lo?.endsWith(unit) === true ? lo : `${lo ?? ''}${unit}`);
  const maxMs = hi === undefined ? minMs : parseDuration(rule, hi);
  if (maxMs < minMs) throw bad(rule, 'la borne haute est plus petite que la borne basse');
  return { kind: 'latency', minMs, maxMs };
}

function parseKind(rule: string, kind: string, arg: string | undefined): FaultKind {
  const httpShort = /^http(5\d\d)$/.exec(kind);
  if (httpShort) return { kind: 'http', status: Number(httpShort[1]) };
  switch (kind) {
    case 'latency':
      return parseLatency(rule, arg);
    case 'http': {
      const status = arg === undefined ? 503 : Number(arg);
      if (!Number.isInteger(status) || status < 500 || status > 599) {
        throw bad(rule, 'le statut HTTP doit être un 5xx');
      }
      return { kind: 'http', status };
    }
    case 'reset':
      return { kind: 'reset' };
    case 'timeout':
      return { kind: 'timeout' };
    default:
      throw bad(rule, `type « ${kind} » inconnu (latency, http, http503, reset, timeout)`);
  }
}

function parseWhen(rule: string, text: string | undefined): FaultWhen {
  if (text === undefined || text === '*') return { on: 'all' };
  const share = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (share) {
    const percent = Number(share[1]);
    if (percent > 100) throw bad(rule, 'une part ne peut dépasser 100 %');
    return { on: 'share', percent };
  }
  if (/^[1-9]\d*$/.test(text)) return { on: 'nth', n: Number(text) };
  throw bad(rule, `« @${text} » : attendu un numéro d'appel (@3), une part (@10%) ou @*`);
}

export function parseFaultSpec(text: string): FaultSpec {
  const rules: FaultRule[] = [];
  let seed = DEFAULT_SEED;
  for (const raw of text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '')) {
    const seedMatch = /^seed:(\d+)$/.exec(raw);
    if (seedMatch) {
      seed = Number(seedMatch[1]);
      continue;
    }
    const [head, when, extra] = raw.split('@');
    if (head === undefined || extra !== undefined) throw bad(raw, 'un seul « @ » par règle');
    const slash = head.indexOf('/');
    const serviceText = slash < 0 ? undefined : head.slice(0, slash);
    const body = slash < 0 ? head : head.slice(slash + 1);
    if (serviceText !== undefined && !(SERVICES as readonly string[]).includes(serviceText)) {
      throw bad(raw, `service « ${serviceText} » inconnu (${SERVICES.join(', ')})`);
    }
    const colon = body.indexOf(':');
    const kind = colon < 0 ? body : body.slice(0, colon);
    const arg = colon < 0 ? undefined : body.slice(colon + 1);
    rules.push({
      ...(serviceText === undefined ? {} : { service: serviceText as DmpService }),
      fault: parseKind(raw, kind, arg),
      when: parseWhen(raw, when),
    });
  }
  return { rules, seed };
}
