// Checking requests against the operations' zod schemas, with French messages that name the
// field (zod's French locale for the reason).
import { z } from 'zod';

const FRENCH = z.locales.fr();

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The query string as an object: one string per name, or an array when a name repeats. */
export function queryObject(query: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const previous = result[name];
    result[name] =
      previous === undefined
        ? value
        : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return result;
}

function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length === 0 ? undefined : issue.path.map(String).join('.');
}

/** Checks `value` against `schema`; the message names the first field in error. */
export function checkAgainst<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'query' | 'body',
): Checked<z.output<S>> {
  const result = schema.safeParse(value, { error: FRENCH.localeError });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue === undefined ? undefined : fieldOf(issue);
  const reason = issue?.message ?? 'valeur invalide';
  const subject =
    where === 'query'
      ? field === undefined
        ? 'Les paramètres de la requête sont invalides'
        : `Le paramètre « ${field} » est invalide`
      : field === undefined
        ? 'Le corps de la requête est invalide'
        : `Le champ « ${field} » du corps de la requête est invalide`;
  return { ok: false, message: `${subject} : ${reason}.` };
}
