// The bearer tokens of the local HTTP API (migration 0040). `create` returns the token once and
// stores only its hash; `verify` compares a presented token with every live hash in constant
// time. The server calls `verify` on every request, so a token created or revoked by
// `navette api token …` (another process on the same database) takes effect at once.
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../Database.js';
import { immediate } from '../transaction.js';
import { ApiTokenError } from './apiTokenErrors.js';
import {
  generateToken,
  isValidTokenName,
  looksLikeToken,
  tokenHash,
  tokenPrefix,
} from './apiTokenFormat.js';

/** A token as listed: never the token itself. */
export interface ApiTokenInfo {
  readonly id: number;
  readonly name: string;
  /** The first characters of the token (`nvt_` and 8 more), to recognise it. */
  readonly prefix: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** What `create` returns: the only time the token is ever available. */
export interface CreatedApiToken {
  readonly token: string;
  readonly info: ApiTokenInfo;
}

/** The client a valid token identifies. */
export interface ApiClient {
  readonly id: number;
  readonly name: string;
  readonly prefix: string;
}

export interface ApiTokenRepositoryOptions {
  readonly now?: () => Date;
  /**
   * `last_used_at` is written at most this often per token (default 60 s): a write per request
   * would turn every API read into a database write.
   */
  readonly lastUsedResolutionMs?: number;
}

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'id, name, prefix, token_hash, created_at, last_used_at, revoked_at';

function infoOf(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}

export class ApiTokenRepository {
  private readonly now: () => Date;
  private readonly resolutionMs: number;
  private readonly insertRow;
  private readonly liveRows;
  private readonly allRows;
  private readonly liveByName;
  private readonly revokeRow;
  private readonly touchRow;

  constructor(
    private readonly db: Database,
    opts: ApiTokenRepositoryOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.resolutionMs = opts.lastUsedResolutionMs ?? 60_000;
    this.insertRow = db.prepare<[string, string, string, string], TokenRow>(
      `INSERT INTO api_tokens (name, prefix, token_hash, created_at) VALUES (?, ?, ?, ?)
       RETURNING ${COLUMNS}`,
    );
    this.liveRows = db.prepare<[], TokenRow>(
      `SELECT ${COLUMNS} FROM api_tokens WHERE revoked_at IS NULL ORDER BY id`,
    );
    this.allRows = db.prepare<[], TokenRow>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY id`);
    this.liveByName = db.prepare<[string], TokenRow>(
      `SELECT ${COLUMNS} FROM api_tokens WHERE revoked_at IS NULL AND name = ?`,
    );
    this.revokeRow = db.prepare<[string, number]>(
      'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    );
    this.touchRow = db.prepare<[string, number, string]>(
      `UPDATE api_tokens SET last_used_at = ?
       WHERE id = ? AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < ?)`,
    );
  }

  /** Creates a token for the client `name` (unique among live tokens). Returns it once. */
  create(name: string): CreatedApiToken {
    if (!isValidTokenName(name)) throw ApiTokenError.nameInvalid(name);
    const token = generateToken();
    const row = immediate(this.db, () => {
      if (this.liveByName.get(name) !== undefined) throw ApiTokenError.nameTaken(name);
      return this.insertRow.get(
        name,
        tokenPrefix(token),
        tokenHash(token).toString('hex'),
        this.now().toISOString(),
      );
    });
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    return { token, info: infoOf(row) };
  }

  /** Live tokens, or every token ever created with `includeRevoked`. */
  list(opts: { includeRevoked?: boolean } = {}): ApiTokenInfo[] {
    return (opts.includeRevoked === true ? this.allRows : this.liveRows).all().map(infoOf);
  }

  /** Ends the live token named `name`; the server refuses it from its next request on. */
  revoke(name: string): ApiTokenInfo {
    return immediate(this.db, () => {
      const row = this.liveByName.get(name);
      if (row === undefined) throw ApiTokenError.notFound(name);
      const at = this.now().toISOString();
      this.revokeRow.run(at, row.id);
      return infoOf({ ...row, revoked_at: at });
    });
  }

  /**
   * The client `token` belongs to, or undefined. Every live hash is compared, with
   * timingSafeEqual and without stopping at a match, so the answer time says nothing about how
   * close a guess was nor which row matched.
   */
  verify(token: string): ApiClient | undefined {
    if (!looksLikeToken(token)) return undefined;
    const presented = tokenHash(token);
    let match: TokenRow | undefined;
    for (const row of this.liveRows.all()) {
      const stored = Buffer.from(row.token_hash, 'hex');
      if (timingSafeEqual(stored, presented) && match === undefined) match = row;
    }
    if (match === undefined) return undefined;
    this.touch(match.id);
    return { id: match.id, name: match.name, prefix: match.prefix };
  }

  private touch(id: number): void {
    const now = this.now();
    const before = new Date(now.getTime() - this.resolutionMs).toISOString();
    try {
      immediate(this.db, () => this.touchRow.run(now.toISOString(), id, before));
    } catch {
      // Best effort: a busy database must not turn a valid request into an error.
    }
  }
}
