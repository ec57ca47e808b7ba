// The DMP session the service's import uses: the sending path's when it opened one (one card
// identity per process: the OpenSSL engine is loaded once), otherwise the consultation's through
// `openShared` (the service wires it so), or — used alone, without that — its own, opened on first
// need with the same rules as the sending path (NAVETTE_PIN / NAVETTE_CARD in direct mode, the
// structure password in indirect mode, the virtual card in demo mode). A failed opening is tried
// again at most once a minute, and never after the card refused the PIN: retrying a wrong PIN
// from a background task would lock the card.
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { Environment } from '../card/cardEnvironment.js';
import type { NavetteConfig } from '../config/index.js';
import {
  STRUCTURE_P12_PASSWORD_VARIABLE,
  openDmpSession,
  type DmpSession,
  type DmpSessionOptions,
} from '../dmp/index.js';
import { SERVICE_CARD_VARIABLE, SERVICE_PIN_VARIABLE } from '../sending/startSending.js';
import type { ImportConnection } from './ImportService.js';

const RETRY_AFTER_MS = 60_000;
const PIN_ERRORS = new Set(['CARD_PIN_INCORRECT', 'CARD_PIN_LOCKED', 'CARD_PIN_REQUIRED']);

export interface ImportSessionOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  /** The sending path's session, when it has one (not closed here). */
  readonly shared?: () => DmpSession | undefined;
  /** False while the shared session's card is away or locked (the sending path's card gate). */
  readonly sharedReady?: () => boolean;
  readonly demoCard?: { readonly p12: string; readonly password: string };
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
  /**
   * Opens the service's one other session (the consultation's); when given, the
   * import never opens a session of its own, so one card is logged in once per process (the
   * OpenSSL engine is loaded once, and every failed opening may cost a PIN try). The opener
   * keeps the session and its rules (a PIN the card refused is never tried again); `shared`
   * must then return it once open.
   */
  readonly openShared?: () => Promise<unknown>;
  readonly log?: Logger;
  readonly now?: () => number;
}

export function connectionOf(session: DmpSession): ImportConnection {
  return {
    client: session.client,
    actor: session.identity.context.subjectId,
    structure: session.identity.context.structureId,
  };
}

export class ImportSessionSource {
  private own: DmpSession | undefined;
  private opening: Promise<void> | undefined;
  private failedAt: number | undefined;
  private givenUp = false;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly opts: ImportSessionOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The session to use now, or undefined (none, or its card is away). */
  current(): ImportConnection | undefined {
    const shared = this.opts.shared?.();
    if (shared !== undefined) {
      return this.opts.sharedReady?.() === false ? undefined : connectionOf(shared);
    }
    return this.own === undefined ? undefined : connectionOf(this.own);
  }

  /** Opens the import's own session when there is none and it may be tried now. */
  ensure(): Promise<void> {
    if (this.opts.shared?.() !== undefined || this.own !== undefined || this.closed) {
      return Promise.resolve();
    }
    if (this.givenUp || !this.possible()) return Promise.resolve();
    if (this.failedAt !== undefined && this.now() - this.failedAt < RETRY_AFTER_MS) {
      return Promise.resolve();
    }
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening;
    await this.own?.close();
    this.own = undefined;
  }

  private possible(): boolean {
    const { config, env } = this.opts;
    if (this.opts.demoCard !== undefined) return true;
    if (config.dmp.authMode === 'indirect')
      return env[STRUCTURE_P12_PASSWORD_VARIABLE] !== undefined;
    const pin = env[SERVICE_PIN_VARIABLE];
    return pin !== undefined && pin !== '';
  }

  private async open(): Promise<void> {
    if (this.opts.openShared !== undefined) {
      try {
        await this.opts.openShared();
        this.failedAt = undefined;
      } catch (error) {
        this.failedAt = this.now();
        this.opts.log?.warn('no DMP session for the import', {
          code: isNavetteError(error) ? error.code : 'UNEXPECTED',
        });
      }
      return;
    }
    const { config, env } = this.opts;
    const cardLabel = env[SERVICE_CARD_VARIABLE];
    try {
      const session = await (this.opts.openSession ?? openDmpSession)({
        config,
        env,
        pin: () => Promise.resolve(env[SERVICE_PIN_VARIABLE] ?? ''),
        ...(cardLabel === undefined || cardLabel === '' ? {} : { cardLabel }),
        ...(this.opts.demoCard === undefined ? {} : { demoCard: this.opts.demoCard }),
        ...(this.opts.log === undefined ? {} : { logger: this.opts.log }),
      });
      if (this.closed) {
        await session.close();
        return;
      }
      this.own = session;
      this.failedAt = undefined;
    } catch (error) {
      this.failedAt = this.now();
      const code = isNavetteError(error) ? error.code : 'UNEXPECTED';
      if (PIN_ERRORS.has(code)) this.givenUp = true;
      this.opts.log?.warn('no DMP session for the import', { code });
    }
  }
}
