// The card service of a command or of the service: the PKCS#11 module found from the
// configuration (card.pkcs11Module, else the Cryptolib CPS catalogue), the card worker process
// that loads it, and the CardService rules on top. The worker keeps the Node process alive: every
// caller closes what it opened (`close()`), the CLI at the end of each command.
import {
  CardService,
  CardWorkerClient,
  findCardModule,
  searchCardModule,
  type FoundModule,
  type ModuleSearch,
} from '../../card/index.js';
import type { NavetteConfig } from '../config/index.js';
import { moduleEnvironment, type Environment } from './cardEnvironment.js';

export interface OpenCardServiceOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  /** The compiled card worker (default: dist/card/worker/main.js). */
  readonly workerPath?: string;
}

export interface OpenedCardService {
  readonly module: FoundModule;
  readonly backend: CardWorkerClient;
  readonly service: CardService;
  /** Stops the card worker. Idempotent. */
  close(): Promise<void>;
}

/** Where the module was looked for, without loading anything (`navette card`, `navette doctor`). */
export function locateCardModule(config: NavetteConfig): ModuleSearch {
  return searchCardModule({ configuredPath: config.card.pkcs11Module ?? null });
}

/** Finds the module (CARD_MODULE_MISSING otherwise) and starts the card worker on it. */
export function openCardService(options: OpenCardServiceOptions): OpenedCardService {
  const module = findCardModule({ configuredPath: options.config.card.pkcs11Module ?? null });
  const backend = new CardWorkerClient({
    modulePath: module.path,
    env: moduleEnvironment(options.env),
    ...(options.workerPath === undefined ? {} : { workerPath: options.workerPath }),
  });
  const service = new CardService(backend);
  let closing: Promise<void> | undefined;
  return {
    module,
    backend,
    service,
    close() {
      closing ??= (async () => {
        service.dispose();
        await backend.close();
      })();
      return closing;
    },
  };
}
