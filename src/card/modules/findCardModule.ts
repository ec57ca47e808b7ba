// Chooses the PKCS#11 module: the configured path when there is one (never second-guessed), else
// the first Cryptolib CPS location of the catalogue that exists. Absence is a typed French error
// naming every place looked at.
import { existsSync } from 'node:fs';
import { cardErrors } from '../errors/cardErrors.js';
import {
  cryptolibCandidates,
  type CatalogueContext,
  type ModuleCandidate,
} from './moduleCatalogue.js';

export interface FoundModule {
  readonly path: string;
  readonly source: 'configuration' | 'catalogue';
  readonly origin: string;
}

export interface FindModuleOptions {
  /** From the configuration: overrides the catalogue entirely. */
  readonly configuredPath?: string | null;
  readonly context?: CatalogueContext;
  /** More locations to try after the catalogue (e.g. a vendor middleware). */
  readonly extraCandidates?: readonly ModuleCandidate[];
  readonly exists?: (file: string) => boolean;
}

export interface ModuleSearch {
  readonly found: FoundModule | null;
  readonly searched: readonly string[];
}

/** Looks without throwing (for diagnostics: `navette card`, `navette doctor`). */
export function searchCardModule(options: FindModuleOptions = {}): ModuleSearch {
  const exists = options.exists ?? existsSync;
  if (options.configuredPath) {
    const configured = options.configuredPath;
    return {
      found: exists(configured)
        ? { path: configured, source: 'configuration', origin: 'configuration' }
        : null,
      searched: [configured],
    };
  }
  const context = options.context ?? { platform: process.platform, arch: process.arch };
  const candidates = [...cryptolibCandidates(context), ...(options.extraCandidates ?? [])];
  const hit = candidates.find((c) => exists(c.path));
  return {
    found: hit ? { path: hit.path, source: 'catalogue', origin: hit.origin } : null,
    searched: candidates.map((c) => c.path),
  };
}

/** The module to load, or CARD_MODULE_MISSING. */
export function findCardModule(options: FindModuleOptions = {}): FoundModule {
  const search = searchCardModule(options);
  if (search.found === null) {
    throw cardErrors.moduleMissing(search.searched, Boolean(options.configuredPath));
  }
  return search.found;
}
