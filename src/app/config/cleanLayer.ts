// Validation of one configuration layer against the layers below it. The layer is merged over the
// (valid) configuration below and the result parsed with the strict schema; every field the schema
// refuses is removed from the layer and reported, and the merge is parsed again. Only the bad
// fields are dropped (friendlier than ignoring a whole file for one typo); a bad field falls back
// to the layer's previous good value when there is one (a reload), else to the layers below.
//
// Lists are replaced whole by a layer, so a bad element drops the whole list from that layer.
import type { z } from 'zod';
import {
  deleteAt,
  formatPath,
  getAt,
  hasAt,
  mergeLayer,
  setAt,
  type FieldPath,
  type JsonObject,
} from './objectPaths.js';
import { fieldInvalid, fieldUnknown, type ConfigProblem } from './problems.js';
import { NavetteConfigSchema, type NavetteConfig } from './schema.js';

export interface CleanedLayer {
  /** The layer without its bad fields (previous good values put back where known). */
  readonly layer: JsonObject;
  /** The configuration below with this layer applied: always valid. */
  readonly config: NavetteConfig;
  readonly problems: ConfigProblem[];
}

/** Each round removes at least one field; a layer cannot have more bad fields than this. */
const MAX_ROUNDS = 100;

export function cleanLayer(
  below: NavetteConfig,
  layer: JsonObject,
  file: string,
  previous?: JsonObject,
): CleanedLayer {
  const cleaned = structuredClone(layer);
  const problems: ConfigProblem[] = [];
  const restored = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = NavetteConfigSchema.safeParse(mergeLayer(below, cleaned));
    if (result.success) return { layer: cleaned, config: result.data, problems };
    // Attribute every issue before removing anything: two issues on one field must not make the
    // second one fall back on (and remove) the field's whole section.
    const unknown: { section: FieldPath; key: string }[] = [];
    const invalid = new Map<string, string[]>();
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) unknown.push({ section: issue.path as FieldPath, key });
        continue;
      }
      const own = ownPath(cleaned, issue);
      if (own !== undefined) invalid.set(formatPath(own), own);
    }
    let progressed = false;
    for (const { section, key } of unknown) {
      if (deleteAt(cleaned, [...section, key])) {
        problems.push(fieldUnknown(file, section, key));
        progressed = true;
      }
    }
    for (const [key, own] of invalid) {
      if (!hasAt(cleaned, own)) continue; // inside a section removed above
      problems.push(fieldInvalid(file, own, getAt(cleaned, own)));
      deleteAt(cleaned, own);
      progressed = true;
      if (previous !== undefined && hasAt(previous, own) && !restored.has(key)) {
        restored.add(key);
        setAt(cleaned, own, structuredClone(getAt(previous, own)));
      }
    }
    // An issue this layer did not cause cannot happen (the configuration below is valid), but if
    // it did, dropping the whole layer keeps Navette on a valid configuration.
    if (!progressed) break;
  }
  return { layer: {}, config: below, problems };
}

/**
 * The field of `layer` that caused `issue`: the issue's path cut at the first list index (lists
 * are dropped whole), then the longest prefix the layer actually sets (`"server": 3` is reported
 * on `server`, not on `server.port`).
 */
function ownPath(layer: JsonObject, issue: z.core.$ZodIssue): string[] | undefined {
  const fieldPath: string[] = [];
  for (const part of issue.path) {
    if (typeof part !== 'string') break;
    fieldPath.push(part);
  }
  for (let n = fieldPath.length; n > 0; n--) {
    const prefix = fieldPath.slice(0, n);
    if (hasAt(layer, prefix)) return prefix;
  }
  return undefined;
}
