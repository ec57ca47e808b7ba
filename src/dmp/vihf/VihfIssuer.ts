// Signed VIHFs, reused per (patient, access mode) for a validity window. A card signature takes
// 100–500 ms and runs one at a time (ARCHITECTURE.md), so a batch of documents for one patient, or
// a consultation (TD0.2, TD3.1, several TD3.2), must not sign once per call: the first call signs,
// the next ones in the window reuse the same assertion. Calls that arrive while the signature is
// being made wait for it instead of signing again.
//
// The window is `ttlMs` (default 5 minutes). When the assertion carries Conditions (only with
// `writeConditions`: the official samples have none), the entry also ends a margin before its
// NotOnOrAfter, so an assertion is never sent about to expire. A refused VIHF is dropped at once
// (`invalidate`) so the next call signs a fresh one. The cache lives in memory only: it holds
// patient identifiers and is never written anywhere.
import type { Ins } from '../../domain/ins/ins.js';
import { insKey } from '../../domain/ins/ins.js';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import { buildSignedVihf } from '../../protocol/saml/index.js';
import { vihfInputOf, type DmpAccess, type VihfContext } from './VihfContext.js';

export const DEFAULT_VIHF_TTL_MS = 5 * 60_000;
/** An entry stops being used this long before the assertion's NotOnOrAfter (clock skew, transit). */
export const VIHF_EXPIRY_MARGIN_MS = 30_000;
/** NotBefore is set this far in the past, for a DMP whose clock is slightly behind ours. */
export const VIHF_NOT_BEFORE_SKEW_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 1000;

export interface VihfIssuerOptions {
  readonly context: VihfContext;
  readonly signer: XmlSigner;
  readonly algorithm?: SignatureAlgorithm;
  /** How long one signed VIHF serves the same patient and access mode (default 5 min). */
  readonly ttlMs?: number;
  /** Write Conditions NotBefore/NotOnOrAfter (UNCONFIRMED whether the DMP wants them; off). */
  readonly writeConditions?: boolean;
  /** Bound on the entries kept (expired ones are dropped first). */
  readonly maxEntries?: number;
  readonly now?: () => Date;
}

export interface VihfStats {
  /** VIHFs signed (each is one signature by the card or the structure's key). */
  readonly signatures: number;
  /** Calls served by an assertion already signed (or being signed). */
  readonly reused: number;
}

interface Entry {
  readonly xml: Promise<string>;
  /** Epoch ms after which the entry is not used; Infinity while the signature is in progress. */
  expiresAt: number;
}

export class VihfIssuer {
  readonly context: VihfContext;
  private readonly signer: XmlSigner;
  private readonly algorithm: SignatureAlgorithm;
  private readonly ttlMs: number;
  private readonly writeConditions: boolean;
  private readonly maxEntries: number;
  private readonly now: () => Date;
  private readonly entries = new Map<string, Entry>();
  private signatures = 0;
  private reused = 0;

  constructor(options: VihfIssuerOptions) {
    this.context = options.context;
    this.signer = options.signer;
    this.algorithm = options.algorithm ?? 'rsa-sha256';
    this.ttlMs = options.ttlMs ?? DEFAULT_VIHF_TTL_MS;
    this.writeConditions = options.writeConditions ?? false;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? (() => new Date());
    if (!(this.ttlMs >= 0)) throw new RangeError('ttlMs must be a non-negative number');
  }

  /** The signed VIHF for this patient (none for calls not about a patient) and access mode. */
  vihfFor(patient: Ins | undefined, access: DmpAccess): Promise<string> {
    const key = keyOf(patient, access);
    const nowMs = this.now().getTime();
    const cached = this.entries.get(key);
    if (cached !== undefined && nowMs < cached.expiresAt) {
      this.reused += 1;
      return cached.xml;
    }
    if (cached !== undefined) this.entries.delete(key);
    this.makeRoom(nowMs);
    const entry: Entry = { xml: this.sign(patient, access, nowMs), expiresAt: Infinity };
    this.entries.set(key, entry);
    this.signatures += 1;
    entry.xml.then(
      () => {
        entry.expiresAt = this.expiryOf(nowMs);
      },
      () => {
        // A failed signature (PIN, card removed…) is not cached: the next call tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.xml;
  }

  /** Drops the cached VIHF of this patient and access mode (the DMP refused it). */
  invalidate(patient: Ins | undefined, access: DmpAccess): void {
    this.entries.delete(keyOf(patient, access));
  }

  /** Drops every cached VIHF (card removed or changed, user logged out). */
  clear(): void {
    this.entries.clear();
  }

  stats(): VihfStats {
    return { signatures: this.signatures, reused: this.reused };
  }

  private async sign(patient: Ins | undefined, access: DmpAccess, nowMs: number): Promise<string> {
    const issueInstant = new Date(nowMs);
    const validity = this.writeConditions
      ? {
          notBefore: new Date(nowMs - VIHF_NOT_BEFORE_SKEW_MS),
          notOnOrAfter: new Date(nowMs + this.ttlMs + VIHF_EXPIRY_MARGIN_MS),
        }
      : undefined;
    const input = vihfInputOf(this.context, patient, access, {
      issueInstant,
      ...(validity === undefined ? {} : { validity }),
    });
    return buildSignedVihf(input, this.signer, { algorithm: this.algorithm });
  }

  private expiryOf(signedAtMs: number): number {
    // With Conditions, NotOnOrAfter = signedAt + ttl + margin: the entry ends `margin` before it.
    return signedAtMs + this.ttlMs;
  }

  private makeRoom(nowMs: number): void {
    if (this.entries.size < this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (nowMs >= entry.expiresAt) this.entries.delete(key);
    }
    // Still full: drop the oldest insertions (Map keeps insertion order).
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

function keyOf(patient: Ins | undefined, access: DmpAccess): string {
  return `${patient === undefined ? '-' : insKey(patient)}\u0000${access.mode}\u0000${access.reason ?? ''}`;
}
