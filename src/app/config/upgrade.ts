// Upgrade functions between configuration versions: pure, one per step, applied in order when a
// file written by an older Navette is loaded. The file itself is not rewritten (the user may go
// back to the older Navette); it is saved in the current version the next time the user saves
// settings (saveUserSettings).
//
// Version 1 had no `configVersion` field, a top-level `port` and a single `watchFolder`. A file
// without `configVersion` is therefore read as version 1; since the 1 → 2 step only moves those
// two fields, a hand-written file in the current shape without `configVersion` loads unchanged.
import { isPlainObject, type JsonObject } from './objectPaths.js';
import { CURRENT_CONFIG_VERSION } from './schema.js';

export type UpgradeStep = (from: JsonObject) => JsonObject;

/** `UPGRADES[n]` turns a version-n layer into a version-(n+1) layer. */
export const UPGRADES: Readonly<Record<number, UpgradeStep>> = {
  1: upgradeV1toV2,
};

/** Version 1 → 2: `port` → `server.port`, `watchFolder` → `watch.folders: [watchFolder]`. */
export function upgradeV1toV2(v1: JsonObject): JsonObject {
  const { port, watchFolder, ...rest } = v1;
  const out: JsonObject = structuredClone(rest);
  if (port !== undefined) {
    const server = isPlainObject(out['server']) ? out['server'] : {};
    // An explicit server.port (a partly edited file) wins over the old field.
    if (!Object.hasOwn(server, 'port')) server['port'] = port;
    out['server'] = server;
  }
  if (watchFolder !== undefined) {
    const watch = isPlainObject(out['watch']) ? out['watch'] : {};
    if (!Object.hasOwn(watch, 'folders')) {
      watch['folders'] =
        typeof watchFolder === 'string' && watchFolder.trim() === '' ? [] : [watchFolder];
    }
    out['watch'] = watch;
  }
  return out;
}

export type VersionCheck =
  | { readonly kind: 'ok'; readonly version: number }
  | { readonly kind: 'newer'; readonly version: number }
  | { readonly kind: 'invalid'; readonly found: unknown };

/** The version a layer declares (absent: 1). */
export function layerVersion(raw: JsonObject): VersionCheck {
  if (!Object.hasOwn(raw, 'configVersion')) return { kind: 'ok', version: 1 };
  const v = raw['configVersion'];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { kind: 'invalid', found: v };
  if (v > CURRENT_CONFIG_VERSION) return { kind: 'newer', version: v };
  return { kind: 'ok', version: v };
}

/**
 * A layer of version `from` brought to the current version, without its `configVersion` field
 * (the merged configuration carries the current one). `raw` is not modified.
 */
export function upgradeLayer(raw: JsonObject, from: number): JsonObject {
  const { configVersion: _declared, ...data } = raw;
  let layer: JsonObject = structuredClone(data);
  for (let v = from; v < CURRENT_CONFIG_VERSION; v++) {
    const step = UPGRADES[v];
    if (step === undefined) throw new Error(`missing configuration upgrade ${v} -> ${v + 1}`);
    layer = step(layer);
  }
  return layer;
}
