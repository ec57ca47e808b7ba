// What the schema says about a field path: whether it exists, the expected value in French (the
// field's description), and the fields of a section. Used by problem reports and policy locks.
import { z } from 'zod';
import type { FieldPath } from './objectPaths.js';
import { NavetteConfigSchema } from './schema.js';

const FALLBACK_EXPECTED = 'une valeur conforme à la documentation de la configuration';

function unwrap(schema: z.ZodType): z.ZodType {
  let node = schema;
  while (node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
  return node;
}

/** The schema node at `path` (array indexes step into the element schema), or undefined. */
export function schemaAt(path: FieldPath): z.ZodType | undefined {
  let node: z.ZodType = NavetteConfigSchema;
  for (const part of path) {
    const inner = unwrap(node);
    if (typeof part === 'number') {
      if (!(inner instanceof z.ZodArray)) return undefined;
      node = inner.element as z.ZodType;
    } else {
      if (!(inner instanceof z.ZodObject)) return undefined;
      const shape = inner.shape as Record<string, z.ZodType>;
      if (!Object.hasOwn(shape, part)) return undefined;
      const next = shape[part];
      if (next === undefined) return undefined;
      node = next;
    }
  }
  return node;
}

/** The French description of the value expected at `path`. */
export function expectedAt(path: FieldPath): string {
  const node = schemaAt(path);
  if (node === undefined) return FALLBACK_EXPECTED;
  return node.description ?? unwrap(node).description ?? describeSection(path) ?? FALLBACK_EXPECTED;
}

/** The field names of the section at `path` (the top level for []), or undefined if not a section. */
export function sectionFields(path: FieldPath): string[] | undefined {
  const node = schemaAt(path);
  const inner = node === undefined ? undefined : unwrap(node);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape as object) : undefined;
}

function describeSection(path: FieldPath): string | undefined {
  const fields = sectionFields(path);
  return fields === undefined
    ? undefined
    : `un objet { … } avec les paramètres ${fields.map((f) => `« ${f} »`).join(', ')}`;
}

/**
 * Every field path of the schema, sections included (`dmp`, `dmp.endpoint`, …), without going
 * into lists. These are the paths an administrator policy may lock.
 */
export function knownFieldPaths(): string[] {
  const out: string[] = [];
  const walk = (prefix: string[]): void => {
    for (const key of sectionFields(prefix) ?? []) {
      const path = [...prefix, key];
      out.push(path.join('.'));
      walk(path);
    }
  };
  walk([]);
  return out;
}

export function isKnownFieldPath(dotted: string): boolean {
  const parts = dotted.split('.');
  return parts.every((p) => p.length > 0) && schemaAt(parts) !== undefined;
}
