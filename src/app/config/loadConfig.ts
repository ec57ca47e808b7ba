// Assembles the configuration from its layers, each one winning over the ones before it:
//
//   Navette's defaults ← administrator policy ← user settings ← command-line overrides
//
// The policy may also lock fields (`"locked": ["dmp.endpoint"]`): a value for a locked field in
// the user settings or on the command line is reported and ignored, and the policy's value (or
// Navette's default) applies. Files of older versions are upgraded in memory. A file that cannot be
// used at all (unreadable, not JSON, newer version) is ignored as a whole, or replaced by its last
// good version when there is one (ConfigStore passes it on reload); a bad field is dropped alone.
// Never throws: the result is always a valid configuration, plus the problems met on the way.
import { cleanLayer } from './cleanLayer.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { getAt, hasAt, isPlainObject, deleteAt, type JsonObject } from './objectPaths.js';
import {
  COMMAND_LINE_SOURCE,
  fieldLocked,
  lockInvalid,
  versionInvalid,
  versionNewer,
  type ConfigProblem,
} from './problems.js';
import { readLayerFile } from './readLayerFile.js';
import { CURRENT_CONFIG_VERSION, type NavetteConfig } from './schema.js';
import { isKnownFieldPath } from './schemaFields.js';
import { layerVersion, upgradeLayer } from './upgrade.js';

export type ConfigLayerName = 'defaults' | 'policy' | 'user' | 'overrides';

/**
 * How a layer was used: `used` entirely; `partial` (some fields ignored); `previous` (the file
 * could not be used, its last good version was); `ignored` (could not be used, nothing to fall
 * back on); `absent` (no such file: normal).
 */
export type ConfigSourceState = 'used' | 'partial' | 'previous' | 'ignored' | 'absent';

export interface ConfigSource {
  readonly layer: ConfigLayerName;
  readonly file?: string;
  readonly state: ConfigSourceState;
  /** The version the file declared (1 when it had no `configVersion`), when it was read. */
  readonly version?: number;
}

/** The last good content of each file layer (already upgraded and cleaned). */
export interface LastGoodLayers {
  readonly policy?: JsonObject;
  readonly locked?: readonly string[];
  readonly user?: JsonObject;
}

export interface LoadConfigOptions {
  /** The administrator policy file; omitted: no policy. */
  readonly policyFile?: string;
  /** The user settings file; omitted: no user settings. */
  readonly userFile?: string;
  /** Command-line values, in the shape of the configuration (`{ server: { port: 0 } }`). */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /**
   * `navette serve --watch DIR`: export folders watched IN ADDITION to the configured ones
   * (absolute paths; a folder already configured is not added twice).
   */
  readonly addedWatchFolders?: readonly string[];
  /** What to fall back on when a file cannot be used (ConfigStore's previous load). */
  readonly lastGood?: LastGoodLayers;
}

export interface LoadedConfig {
  readonly config: NavetteConfig;
  readonly problems: readonly ConfigProblem[];
  readonly sources: readonly ConfigSource[];
  /** Field paths the policy locks. */
  readonly locked: readonly string[];
  /** To pass back as `lastGood` on the next load. */
  readonly lastGood: LastGoodLayers;
}

/** The policy's own key, not a configuration field. */
const LOCKED_KEY = 'locked';

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const sources: ConfigSource[] = [{ layer: 'defaults', state: 'used' }];
  let config: NavetteConfig = DEFAULT_CONFIG;
  let locked: readonly string[] = [];
  const lastGood: { policy?: JsonObject; locked?: readonly string[]; user?: JsonObject } = {};

  if (options.policyFile !== undefined) {
    const file = options.policyFile;
    const read = readFileLayer(file, options.lastGood?.policy);
    problems.push(...read.problems);
    let policy = read.layer;
    if (read.layer !== undefined && read.fromPrevious) {
      locked = options.lastGood?.locked ?? [];
    } else if (read.layer !== undefined) {
      const { [LOCKED_KEY]: rawLocks, ...rest } = read.layer;
      policy = rest;
      const locks = parseLocks(file, rawLocks);
      problems.push(...locks.problems);
      locked = locks.paths;
    }
    let state = read.state;
    if (policy !== undefined) {
      const cleaned = cleanLayer(config, policy, file, options.lastGood?.policy);
      config = cleaned.config;
      problems.push(...cleaned.problems);
      lastGood.policy = cleaned.layer;
      lastGood.locked = locked;
      if (state === 'used' && cleaned.problems.length > 0) state = 'partial';
    }
    sources.push(source('policy', file, state, read.version));
  }

  if (options.userFile !== undefined) {
    const file = options.userFile;
    const read = readFileLayer(file, options.lastGood?.user);
    problems.push(...read.problems);
    let state = read.state;
    if (read.layer !== undefined) {
      const user = structuredClone(read.layer);
      const lockProblems = applyLocks(user, locked, file, options.policyFile ?? '');
      const cleaned = cleanLayer(config, user, file, options.lastGood?.user);
      config = cleaned.config;
      problems.push(...lockProblems, ...cleaned.problems);
      lastGood.user = cleaned.layer;
      const partial = lockProblems.length + cleaned.problems.length > 0;
      if (state === 'used' && partial) state = 'partial';
    }
    sources.push(source('user', file, state, read.version));
  }

  if (options.overrides !== undefined && Object.keys(options.overrides).length > 0) {
    const overrides = structuredClone(options.overrides) as JsonObject;
    const lockProblems = applyLocks(
      overrides,
      locked,
      COMMAND_LINE_SOURCE,
      options.policyFile ?? '',
    );
    const cleaned = cleanLayer(config, overrides, COMMAND_LINE_SOURCE);
    config = cleaned.config;
    problems.push(...lockProblems, ...cleaned.problems);
    const partial = lockProblems.length + cleaned.problems.length > 0;
    sources.push({ layer: 'overrides', state: partial ? 'partial' : 'used' });
  }

  const added = (options.addedWatchFolders ?? []).filter(
    (folder) => !config.watch.folders.includes(folder),
  );
  if (added.length > 0) {
    config = {
      ...config,
      watch: { ...config.watch, folders: [...config.watch.folders, ...added] },
    };
    sources.push({ layer: 'overrides', state: 'used' });
  }

  return { config: structuredClone(config), problems, sources, locked, lastGood };
}

interface FileLayer {
  /** The upgraded content to apply, or undefined when there is nothing to apply. */
  readonly layer: JsonObject | undefined;
  readonly fromPrevious: boolean;
  readonly state: ConfigSourceState;
  readonly version?: number;
  readonly problems: ConfigProblem[];
}

function readFileLayer(file: string, previous: JsonObject | undefined): FileLayer {
  const read = readLayerFile(file);
  if (read.kind === 'absent') {
    // Removing the file is a decision, not a mistake: its previous content is not kept.
    return { layer: undefined, fromPrevious: false, state: 'absent', problems: [] };
  }
  let problem: ConfigProblem;
  let version: number | undefined;
  if (read.kind === 'problem') {
    problem = read.problem;
  } else {
    const check = layerVersion(read.raw);
    if (check.kind === 'ok') {
      const layer = upgradeLayer(read.raw, check.version);
      return { layer, fromPrevious: false, state: 'used', version: check.version, problems: [] };
    }
    if (check.kind === 'newer') {
      version = check.version;
      problem = versionNewer(file, check.version, CURRENT_CONFIG_VERSION);
    } else {
      problem = versionInvalid(file, check.found, CURRENT_CONFIG_VERSION);
    }
  }
  const fallback = previous === undefined ? undefined : structuredClone(previous);
  return {
    layer: fallback,
    fromPrevious: fallback !== undefined,
    state: fallback === undefined ? 'ignored' : 'previous',
    ...(version === undefined ? {} : { version }),
    problems: [problem],
  };
}

function parseLocks(file: string, raw: unknown): { paths: string[]; problems: ConfigProblem[] } {
  if (raw === undefined) return { paths: [], problems: [] };
  if (!Array.isArray(raw)) return { paths: [], problems: [lockInvalid(file, raw)] };
  const paths: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const entry of raw) {
    if (typeof entry === 'string' && isKnownFieldPath(entry)) {
      if (!paths.includes(entry)) paths.push(entry);
    } else {
      problems.push(lockInvalid(file, entry));
    }
  }
  return { paths, problems };
}

/**
 * Removes from `layer` every value that would change a locked field: the field itself (or
 * anything under it), and a non-object at one of its parent sections (`"dmp": null` would
 * otherwise remove the locked `dmp.endpoint` along with the section).
 */
function applyLocks(
  layer: JsonObject,
  locked: readonly string[],
  file: string,
  policyFile: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const dotted of locked) {
    const path = dotted.split('.');
    let hit = false;
    for (let n = 1; n < path.length; n++) {
      const prefix = path.slice(0, n);
      if (hasAt(layer, prefix) && !isPlainObject(getAt(layer, prefix))) {
        deleteAt(layer, prefix);
        hit = true;
      }
    }
    if (hasAt(layer, path)) {
      deleteAt(layer, path);
      hit = true;
    }
    if (hit) problems.push(fieldLocked(file, dotted, policyFile));
  }
  return problems;
}

function source(
  layer: ConfigLayerName,
  file: string,
  state: ConfigSourceState,
  version: number | undefined,
): ConfigSource {
  return version === undefined ? { layer, file, state } : { layer, file, state, version };
}
