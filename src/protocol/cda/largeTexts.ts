// The long base64 texts of a CDA file (a level-1 body, an embedded PDF copy). A 20 MB PDF is
// 27 MB of base64 in one text node: the XML reader (fast-xml-parser builds text nodes slowly,
// with copies) and the schema (libxml2 refuses text nodes over 10 MB) both work on a view of the
// file where such texts are shortened. The checks scan the bytes once and hand the runs to both
// (validateDocument); a caller that has no runs lets each scan for itself.
//
// The scan reads the bytes as Latin-1, which maps each byte to one character: offsets in the
// string are byte offsets, and as every byte of a multi-byte UTF-8 sequence is ≥ 0x80, `<`, `>`
// and base64 characters found there are the file's own. A native search for one character class
// (no backtracking, so no stack to overflow on a 27 MB run) costs ~1 ms per MB.
import { Buffer } from 'node:buffer';

/** Text nodes of base64 at least this long count as large. */
export const LARGE_TEXT_BYTES = 64 * 1024;

/** A whole text node (between `>` and `<`) made of base64 characters and line breaks. */
export interface Base64Run {
  /** Byte offset of the first character of the text. */
  readonly start: number;
  /** Byte offset just after the text (the `<` that follows it). */
  readonly end: number;
  /** Line feeds inside the text, so that a shortened view keeps the file's line numbers. */
  readonly newlines: number;
}

const NOT_BASE64 = /[^A-Za-z0-9+/=\n\r \t]/g;

/** The bytes read as Latin-1 (one character per byte; no copy of the bytes themselves). */
export function latin1Of(bytes: Uint8Array, start = 0, end = bytes.byteLength): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Every base64 text node of at least LARGE_TEXT_BYTES bytes, in file order. */
export function largeBase64Runs(bytes: Uint8Array): readonly Base64Run[] {
  if (bytes.byteLength < LARGE_TEXT_BYTES) return [];
  const text = latin1Of(bytes);
  const runs: Base64Run[] = [];
  let i = text.indexOf('>');
  while (i >= 0) {
    NOT_BASE64.lastIndex = i + 1;
    const j = NOT_BASE64.exec(text)?.index ?? text.length;
    if (j - i - 1 >= LARGE_TEXT_BYTES && text.charCodeAt(j) === 0x3c) {
      runs.push({ start: i + 1, end: j, newlines: countNewlines(text, i + 1, j) });
    }
    i = text.indexOf('>', j);
  }
  return runs;
}

/**
 * Every stretch of base64 characters longer than `min` bytes, wherever it is: the whole text
 * nodes in `runs`, and stretches outside them that do not fill a text node (a body in CDATA, or
 * after a character reference or a comment). Only the parts of the file outside `runs` are
 * searched, one non-base64 character at a time (~5 ms per MB of structured text).
 */
export function longBase64Stretches(
  bytes: Uint8Array,
  runs: readonly Base64Run[],
  min: number,
): Base64Run[] {
  const out: Base64Run[] = [];
  const searchBetween = (from: number, to: number): void => {
    if (to - from <= min) return;
    const text = latin1Of(bytes, from, to);
    let p = 0;
    for (;;) {
      NOT_BASE64.lastIndex = p;
      const q = NOT_BASE64.exec(text)?.index ?? text.length;
      if (q - p > min) {
        out.push({ start: from + p, end: from + q, newlines: countNewlines(text, p, q) });
      }
      if (q >= text.length) return;
      p = q + 1;
    }
  };
  let at = 0;
  for (const run of runs) {
    searchBetween(at, run.start);
    if (run.end - run.start > min) out.push(run);
    at = run.end;
  }
  searchBetween(at, bytes.byteLength);
  return out;
}

/**
 * The bytes with each run replaced by `replacement(index)` followed by the run's line feeds (the
 * same bytes when `runs` is empty).
 */
export function withRunsReplaced(
  bytes: Uint8Array,
  runs: readonly Base64Run[],
  replacement: (index: number) => string,
): Uint8Array {
  if (runs.length === 0) return bytes;
  const parts: Uint8Array[] = [];
  let copied = 0;
  runs.forEach((run, index) => {
    parts.push(
      bytes.subarray(copied, run.start),
      Buffer.from(`${replacement(index)}${'\n'.repeat(run.newlines)}`, 'latin1'),
    );
    copied = run.end;
  });
  parts.push(bytes.subarray(copied));
  return Buffer.concat(parts);
}
