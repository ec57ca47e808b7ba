// Small helpers over plain JSON objects: reading, writing and removing a value at a path, the
// deep merge of configuration layers, and a stable comparison. Nothing here knows the schema.

export type JsonObject = Record<string, unknown>;
export type FieldPath = readonly (string | number)[];

export function isPlainObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `server.port`, `watch.folders[2]`, `api.tokens[0].name`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? part : `.${part}`;
  }
  return out;
}

/** `"dmp.endpoint"` → `["dmp", "endpoint"]` (field paths of the schema have no indexes). */
export function parseDottedPath(dotted: string): string[] {
  return dotted.split('.');
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[part];
    } else {
      if (!isPlainObject(node) || !Object.hasOwn(node, part)) return undefined;
      node = node[part];
    }
  }
  return node;
}

/** True when `path` names an own property (whatever its value, null included). */
export function hasAt(root: unknown, path: FieldPath): boolean {
  if (path.length === 0) return true;
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (typeof last === 'number') return Array.isArray(parent) && last < parent.length;
  return isPlainObject(parent) && last !== undefined && Object.hasOwn(parent, last);
}

/** Removes the property at `path` (object keys only). Returns true if something was removed. */
export function deleteAt(root: JsonObject, path: FieldPath): boolean {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isPlainObject(parent) || typeof last !== 'string' || !Object.hasOwn(parent, last)) {
    return false;
  }
  delete parent[last];
  return true;
}

/** Sets the value at `path`, creating intermediate objects (object keys only). */
export function setAt(root: JsonObject, path: readonly string[], value: unknown): void {
  let node = root;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (isPlainObject(next)) {
      node = next;
    } else {
      const created: JsonObject = {};
      node[part] = created;
      node = created;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

/**
 * `over` merged onto `base`, as configuration layers combine: objects merge key by key, arrays and
 * scalars replace, and `null` removes the key (so a layer can unset a value of a layer below it,
 * which falls back to Navette's default when the field is required). Neither input is modified.
 */
export function mergeLayer(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = structuredClone(base);
  for (const [key, value] of Object.entries(over)) {
    if (value === null) {
      delete out[key];
    } else if (isPlainObject(value)) {
      const below = out[key];
      out[key] = mergeLayer(isPlainObject(below) ? below : {}, value);
    } else {
      out[key] = structuredClone(value);
    }
  }
  return out;
}

/** JSON with object keys sorted: equal configurations give equal strings. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** Freezes an object graph (the defaults), so no caller can change them for everyone. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
