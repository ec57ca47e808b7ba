// The DMP session of the consultation service in `navette serve`: the sending path's session when
// there is one (the same card, the same VIHF cache), otherwise one opened the way the sending path
// opens it — the demo's virtual card, NAVETTE_PIN with the card, or the structure's certificate
// and its password — at the first consultation, then kept until the service stops. Without a PIN
// or a card the API answers a typed French error (CARD_ABSENT / PIN_REQUIRED, HTTP 503) instead
// of a generic failure, and the next request tries again.
import {
  SERVICE_PIN_REFUSED_REASON,
  isPinRefusal,
  rememberRefusedServicePin,
  servicePinRefused,
} from '../card/servicePin.js';
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
import { ConsultError } from './ConsultError.js';
import type { ConsultSession } from './ConsultService.js';

const CARD_ABSENT_CODES = new Set([
  'CARD_ABSENT',
  'CARD_NOT_FOUND',
  'CARD_REMOVED',
  'CARD_CHANGED',
  'CARD_NO_READER',
]);
const PIN_CODES = new Set([
  'CARD_PIN_REQUIRED',
  'CARD_PIN_INCORRECT',
  'CARD_PIN_LOCKED',
  'CARD_PIN_INVALID',
  'CLI_PIN_UNAVAILABLE',
]);

export const CARD_ABSENT_MESSAGE =
  'Carte CPS absente du lecteur : insérez-la pour consulter le DMP.';
export const PIN_REQUIRED_MESSAGE =
  'Code PIN de la carte nécessaire pour consulter le DMP : déverrouillez la carte dans Navette.';

/** The card and PIN errors as the API's CARD_ABSENT / PIN_REQUIRED; others unchanged. */
export function sessionErrorOf(error: unknown): unknown {
  if (!isNavetteError(error)) return error;
  if (CARD_ABSENT_CODES.has(error.code)) {
    return new ConsultError(
      'CARD_ABSENT',
      CARD_ABSENT_MESSAGE,
      { cause: error.code },
      { cause: error },
    );
  }
  if (PIN_CODES.has(error.code)) {
    const message =
      error.code === 'CARD_PIN_LOCKED' || error.code === 'CARD_PIN_INCORRECT'
        ? error.message
        : PIN_REQUIRED_MESSAGE;
    return new ConsultError('PIN_REQUIRED', message, { cause: error.code }, { cause: error });
  }
  return error;
}

export interface ServiceConsultSessionOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  /** The sending path's session, when it has one. */
  readonly shared?: () => DmpSession | undefined;
  readonly demoCard?: { readonly p12: string; readonly password: string };
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
  readonly log?: Logger;
}

export interface ServiceConsultSession {
  readonly source: () => Promise<ConsultSession>;
  /**
   * The session this module opened, once open (undefined before, after a failure, after close):
   * the import uses it rather than opening a second one on the same card.
   */
  current(): DmpSession | undefined;
  /**
   * Hands the open session over (the sending path, opening late, takes it instead of a second
   * login) and forgets it: from then on the shared one is used. Undefined when none is open.
   */
  release(): DmpSession | undefined;
  /** Closes the session this module opened (not the shared one). */
  close(): Promise<void>;
}

export function serviceConsultSession(opts: ServiceConsultSessionOptions): ServiceConsultSession {
  let own: Promise<DmpSession> | undefined;
  let opened: DmpSession | undefined;
  let closed = false;
  const possible = (): ConsultError | undefined => {
    if (opts.demoCard !== undefined) return undefined;
    if (opts.config.dmp.authMode === 'indirect') {
      return opts.env[STRUCTURE_P12_PASSWORD_VARIABLE] === undefined
        ? new ConsultError(
            'CONSULT_UNAVAILABLE',
            'Le mot de passe du certificat de la structure manque : la consultation du DMP est impossible.',
          )
        : undefined;
    }
    const pin = opts.env[SERVICE_PIN_VARIABLE];
    return pin === undefined || pin === ''
      ? new ConsultError('PIN_REQUIRED', PIN_REQUIRED_MESSAGE)
      : undefined;
  };
  return {
    async source() {
      const shared = opts.shared?.();
      if (shared !== undefined) return shared;
      if (closed) {
        throw new ConsultError('CONSULT_UNAVAILABLE', "Navette est en cours d'arrêt.");
      }
      const refused = possible();
      if (refused !== undefined) throw refused;
      const envPin = opts.env[SERVICE_PIN_VARIABLE];
      if (own === undefined && servicePinRefused(opts.env, envPin)) {
        throw new ConsultError('PIN_REQUIRED', SERVICE_PIN_REFUSED_REASON);
      }
      const cardLabel = opts.env[SERVICE_CARD_VARIABLE];
      own ??= (opts.openSession ?? openDmpSession)({
        config: opts.config,
        env: opts.env,
        pin: () => Promise.resolve(opts.env[SERVICE_PIN_VARIABLE] ?? ''),
        ...(cardLabel === undefined || cardLabel === '' ? {} : { cardLabel }),
        ...(opts.demoCard === undefined ? {} : { demoCard: opts.demoCard }),
        ...(opts.log === undefined ? {} : { logger: opts.log }),
      });
      try {
        opened = await own;
        return opened;
      } catch (error) {
        own = undefined; // the next request tries again (card inserted, PIN given)…
        // …but never with a PIN the card refused: each try costs one, the last locks the card.
        if (envPin !== undefined && isPinRefusal(error))
          rememberRefusedServicePin(opts.env, envPin);
        opts.log?.warn('consultation: no DMP session', {
          error: isNavetteError(error) ? error.code : String(error),
        });
        throw sessionErrorOf(error);
      }
    },
    current() {
      return closed ? undefined : opened;
    },
    release() {
      if (closed || opened === undefined) return undefined;
      const given = opened;
      opened = undefined;
      own = undefined;
      return given;
    },
    async close() {
      closed = true;
      const opening = own;
      own = undefined;
      opened = undefined;
      if (opening !== undefined) await (await opening.catch(() => undefined))?.close();
    },
  };
}
