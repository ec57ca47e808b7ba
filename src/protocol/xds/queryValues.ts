// Stored query parameter values (IHE ITI TF-2a §3.18.4.1.2.3.5): strings are quoted with single
// quotes (a quote inside is doubled), numbers (times) are bare, and multi-valued parameters are
// parenthesised lists `('a','b')`. A list may also be spread over several Value elements, which
// we do when one Value would exceed rim.xsd's 256 characters (LongName).
import { queryInvalid } from './XdsError.js';

const MAX_VALUE = 256;

export type QueryAtom = string | number;

/** `'text'` with embedded quotes doubled. */
export function quoteQueryString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function atom(value: QueryAtom): string {
  return typeof value === 'number' ? String(value) : quoteQueryString(value);
}

/** A single-valued parameter (one Value). */
export function singleQueryValue(value: QueryAtom): string[] {
  return [atom(value)];
}

/** A multi-valued parameter: parenthesised lists, split over Values of at most 256 characters. */
export function listQueryValues(values: readonly QueryAtom[], parameter: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) out.push(`(${current.join(',')})`);
    current = [];
  };
  for (const v of values) {
    const item = atom(v);
    if (item.length + 2 > MAX_VALUE) queryInvalid(parameter, 'valeur trop longue');
    if (current.length > 0 && `(${[...current, item].join(',')})`.length > MAX_VALUE) flush();
    current.push(item);
  }
  flush();
  return out;
}

/**
 * Decodes the Values of one parameter into atoms: quoted strings (quotes undoubled) and bare
 * tokens (kept as text, e.g. times). Lists and single values are both accepted.
 */
export function parseQueryValues(values: readonly string[], parameter: string): string[] {
  const out: string[] = [];
  for (const raw of values) {
    const s = raw.trim();
    let i = 0;
    const skipBlanks = (): void => {
      while (i < s.length && /\s/.test(s.charAt(i))) i++;
    };
    const inList = s.startsWith('(');
    if (inList) i = 1;
    for (;;) {
      skipBlanks();
      if (i >= s.length) {
        if (inList) queryInvalid(parameter, 'liste non fermée');
        break;
      }
      if (inList && s.charAt(i) === ')') {
        i++;
        skipBlanks();
        if (i < s.length) queryInvalid(parameter, 'texte après la fin de la liste');
        break;
      }
      if (s.charAt(i) === "'") {
        let value = '';
        i++;
        for (;;) {
          if (i >= s.length) queryInvalid(parameter, 'chaîne non fermée');
          const c = s.charAt(i);
          if (c === "'" && s.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
          } else if (c === "'") {
            i++;
            break;
          } else {
            value += c;
            i++;
          }
        }
        out.push(value);
      } else {
        const start = i;
        while (i < s.length && !/[\s,)]/.test(s.charAt(i))) i++;
        const token = s.slice(start, i);
        if (token === '') queryInvalid(parameter, `caractère inattendu « ${s.charAt(i)} »`);
        out.push(token);
      }
      skipBlanks();
      if (!inList) {
        if (i < s.length) queryInvalid(parameter, 'une seule valeur attendue');
        break;
      }
      if (s.charAt(i) === ',') i++;
      else if (s.charAt(i) !== ')') queryInvalid(parameter, 'virgule ou parenthèse attendue');
    }
  }
  return out;
}

/** `code^^codingScheme`, the coded-value form of stored query parameters. */
export function formatQueryCode(code: { code: string; codingScheme?: string }): string {
  return code.codingScheme !== undefined && code.codingScheme !== ''
    ? `${code.code}^^${code.codingScheme}`
    : code.code;
}

export function parseQueryCode(value: string): { code: string; codingScheme?: string } {
  const at = value.indexOf('^^');
  return at < 0 ? { code: value } : { code: value.slice(0, at), codingScheme: value.slice(at + 2) };
}
