// The configuration of a running Navette: loaded once, reloaded on demand (the settings screen
// saved, the user edited the file), and heard by the parts that must follow a change.
//
// A reload never makes things worse: a file that has become unusable is replaced by its last good
// version, and a field that has become bad keeps its last good value (see loadConfig.ts). So a
// half-saved or mistyped settings file leaves Navette on the configuration it had.
import {
  loadConfig,
  type ConfigSource,
  type LoadConfigOptions,
  type LoadedConfig,
} from './loadConfig.js';
import { stableStringify } from './objectPaths.js';
import type { ConfigProblem } from './problems.js';
import { saveUserSettings, type SaveUserSettingsResult } from './saveUserSettings.js';
import type { NavetteConfig } from './schema.js';

export interface ConfigChange {
  readonly config: NavetteConfig;
  readonly previous: NavetteConfig;
  readonly problems: readonly ConfigProblem[];
}

export type ConfigListener = (change: ConfigChange) => void;

export interface ConfigReload {
  /** True when the configuration differs from the one before the reload. */
  readonly changed: boolean;
  readonly config: NavetteConfig;
  readonly problems: readonly ConfigProblem[];
}

export class ConfigStore {
  readonly #options: Omit<LoadConfigOptions, 'lastGood'>;
  readonly #listeners = new Set<ConfigListener>();
  #loaded: LoadedConfig;

  /** Loads the configuration now (never throws: problems are in `problems`). */
  constructor(options: Omit<LoadConfigOptions, 'lastGood'>) {
    this.#options = options;
    this.#loaded = loadConfig(options);
  }

  /** The current configuration. Treat it as read-only; a reload replaces it. */
  get config(): NavetteConfig {
    return this.#loaded.config;
  }

  /** The problems of the last load. */
  get problems(): readonly ConfigProblem[] {
    return this.#loaded.problems;
  }

  get sources(): readonly ConfigSource[] {
    return this.#loaded.sources;
  }

  /** Field paths locked by the administrator policy (the settings screen shows them read-only). */
  get locked(): readonly string[] {
    return this.#loaded.locked;
  }

  get userFile(): string | undefined {
    return this.#options.userFile;
  }

  /** Re-reads the files; tells the listeners when the configuration changed. */
  reload(): ConfigReload {
    const previous = this.#loaded;
    const next = loadConfig({ ...this.#options, lastGood: previous.lastGood });
    this.#loaded = next;
    const changed = stableStringify(next.config) !== stableStringify(previous.config);
    if (changed)
      this.#emit({ config: next.config, previous: previous.config, problems: next.problems });
    return { changed, config: next.config, problems: next.problems };
  }

  /**
   * Saves `partial` into the user settings file (see saveUserSettings: `null` removes a value),
   * refusing locked fields, then reloads.
   */
  save(
    partial: Readonly<Record<string, unknown>>,
  ): SaveUserSettingsResult & { reload: ConfigReload } {
    const file = this.#options.userFile;
    if (file === undefined)
      throw new Error('ConfigStore.save: this store has no user settings file');
    const saved = saveUserSettings(file, partial, { locked: this.locked });
    return { ...saved, reload: this.reload() };
  }

  /** Calls `listener` after every reload that changed the configuration; returns the unsubscribe. */
  onDidChange(listener: ConfigListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #emit(change: ConfigChange): void {
    // Every listener hears the change even if one of them throws; the first error is rethrown.
    const errors: unknown[] = [];
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}
