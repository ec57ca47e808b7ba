// A streaming multipart (RFC 2046) splitter over an async iterable of byte chunks.
//
// Binary safety: a part ends only at a real delimiter, i.e. LF "--" boundary followed by "--"
// (close) or optional blanks and a line end. Anything else that merely looks like a boundary
// ("\r\n--<boundary prefix>", the boundary followed by other characters) is content.
// Line ends: CRLF is the standard; the official TD2.1 sample uses bare LF, so both are read
// (a CR right before the LF of a delimiter belongs to the delimiter).
// Memory: body bytes are handed out as subarrays of the incoming chunks, never copied, except
// the few bytes held back at a chunk end because they could start a delimiter.
import { Buffer } from 'node:buffer';
import { MtomError } from './MtomError.js';

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const EMPTY = Buffer.alloc(0);
/** Blanks tolerated after a boundary before the line end (RFC 2046 "transport padding"). */
const MAX_PADDING = 256;

export interface ScannerLimits {
  /** Maximum size of one part's header block. */
  readonly maxHeaderBytes: number;
}

type Delimiter =
  | { readonly kind: 'found'; readonly contentEnd: number; readonly next: number; readonly close: boolean }
  | { readonly kind: 'need-more'; readonly contentEnd: number }
  | { readonly kind: 'none' };

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function truncated(): MtomError {
  return new MtomError(
    'MTOM_TRUNCATED',
    'Le message multipart reçu est incomplet (fin des données avant la limite de fin). Réessayez l’envoi ou la consultation.',
  );
}

export class MultipartScanner {
  private readonly iterator: AsyncIterator<Uint8Array>;
  /** LF "--" boundary. */
  private readonly needle: Buffer;
  /** CR LF "--" boundary (for the hold-back rule). */
  private readonly crNeedle: Buffer;
  private buf: Buffer;
  private ended = false;
  private state: 'preamble' | 'headers' | 'body' | 'done' = 'preamble';
  private readonly limits: ScannerLimits;

  constructor(source: AsyncIterable<Uint8Array>, boundary: string, limits: ScannerLimits) {
    if (boundary === '' || boundary.length > 200) {
      throw new MtomError('MTOM_BOUNDARY_INVALID', 'Le message multipart reçu a une limite (boundary) invalide.');
    }
    this.iterator = source[Symbol.asyncIterator]();
    this.needle = Buffer.from(`\n--${boundary}`, 'latin1');
    this.crNeedle = Buffer.from(`\r\n--${boundary}`, 'latin1');
    // The first delimiter may open the stream with no line end before it: pretend there was one.
    this.buf = Buffer.from('\r\n', 'latin1');
    this.limits = limits;
  }

  /** True once the close delimiter was read. */
  get done(): boolean {
    return this.state === 'done';
  }

  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.iterator.next();
    if (r.done === true) {
      this.ended = true;
      return false;
    }
    const chunk = toBuffer(r.value);
    if (chunk.length === 0) return true;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    return true;
  }

  private findDelimiter(from: number): Delimiter {
    const buf = this.buf;
    let search = from;
    for (;;) {
      const idx = buf.indexOf(this.needle, search);
      if (idx < 0) return { kind: 'none' };
      const contentEnd = idx > 0 && buf[idx - 1] === CR ? idx - 1 : idx;
      const after = idx + this.needle.length;
      if (after + 1 >= buf.length && !this.ended) return { kind: 'need-more', contentEnd };
      if (buf[after] === DASH && buf[after + 1] === DASH) return { kind: 'found', contentEnd, next: after + 2, close: true };
      let p = after;
      while (p < buf.length && p - after < MAX_PADDING && (buf[p] === 0x20 || buf[p] === 0x09)) p++;
      if (p >= buf.length) {
        if (!this.ended) return { kind: 'need-more', contentEnd };
        return { kind: 'found', contentEnd, next: p, close: false };
      }
      if (buf[p] === LF) return { kind: 'found', contentEnd, next: p + 1, close: false };
      if (buf[p] === CR) {
        if (p + 1 >= buf.length && !this.ended) return { kind: 'need-more', contentEnd };
        if (buf[p + 1] === LF) return { kind: 'found', contentEnd, next: p + 2, close: false };
      }
      // The boundary followed by something else: content, keep looking.
      search = idx + 1;
    }
  }

  /** Start of the shortest buffer tail that could begin a delimiter (buf.length if none). */
  private holdbackStart(): number {
    const buf = this.buf;
    const first = Math.max(0, buf.length - this.crNeedle.length + 1);
    for (let p = first; p < buf.length; p++) {
      const b = buf[p];
      if (b !== CR && b !== LF) continue;
      const pattern = b === CR ? this.crNeedle : this.needle;
      const n = buf.length - p;
      if (n < pattern.length && buf.compare(pattern, 0, n, p, buf.length) === 0) return p;
    }
    return buf.length;
  }

  /**
   * Yields the current part's content (or discards the preamble) up to the next delimiter.
   * The buffer is advanced BEFORE each yield, so a consumer that stops early leaves the
   * scanner consistent and `skipBody` can drain the rest.
   */
  private async *scanToDelimiter(): AsyncGenerator<Buffer> {
    for (;;) {
      const d = this.findDelimiter(0);
      if (d.kind === 'found') {
        const out = this.buf.subarray(0, d.contentEnd);
        this.buf = this.buf.subarray(d.next);
        this.state = d.close ? 'done' : 'headers';
        if (out.length > 0) yield out;
        return;
      }
      const keep = d.kind === 'need-more' ? d.contentEnd : this.holdbackStart();
      if (keep > 0) {
        const out = this.buf.subarray(0, keep);
        this.buf = this.buf.subarray(keep);
        yield out;
      }
      if (!(await this.pull())) {
        if (this.findDelimiter(0).kind === 'found') continue;
        throw truncated();
      }
    }
  }

  /** Streams the body of the current part. Call once per part, right after `nextHeaders`. */
  async *body(): AsyncGenerator<Buffer> {
    if (this.state !== 'body') return;
    yield* this.scanToDelimiter();
  }

  /** Discards whatever is left of the current part's body. */
  async skipBody(): Promise<void> {
    if (this.state !== 'body') return;
    for await (const _chunk of this.scanToDelimiter()) {
      // discarded
    }
  }

  /**
   * Moves to the next part and returns its headers (lower-case names), or undefined after the
   * close delimiter. Skips an unread body first.
   */
  async nextHeaders(): Promise<Map<string, string> | undefined> {
    if (this.state === 'preamble') {
      this.state = 'body';
      await this.skipBody();
    } else if (this.state === 'body') {
      await this.skipBody();
    }
    if (this.state === 'done') {
      await this.iterator.return?.();
      return undefined;
    }
    for (;;) {
      const end = this.headerBlockEnd();
      if (end) {
        const text = this.buf.subarray(0, end.headerEnd).toString('utf8');
        this.buf = this.buf.subarray(end.bodyStart);
        this.state = 'body';
        return parseHeaderBlock(text);
      }
      if (this.buf.length > this.limits.maxHeaderBytes) {
        throw new MtomError('MTOM_MALFORMED', 'Le message multipart reçu a des en-têtes de partie trop longs ou mal formés.', {
          maxHeaderBytes: this.limits.maxHeaderBytes,
        });
      }
      if (!(await this.pull())) throw truncated();
    }
  }

  private headerBlockEnd(): { headerEnd: number; bodyStart: number } | undefined {
    const buf = this.buf;
    if (buf.length >= 1 && buf[0] === LF) return { headerEnd: 0, bodyStart: 1 };
    if (buf.length >= 2 && buf[0] === CR && buf[1] === LF) return { headerEnd: 0, bodyStart: 2 };
    const limit = Math.min(buf.length, this.limits.maxHeaderBytes + 4);
    for (let i = buf.indexOf(LF); i >= 0 && i < limit; i = buf.indexOf(LF, i + 1)) {
      if (buf[i + 1] === LF) return { headerEnd: i + 1, bodyStart: i + 2 };
      if (buf[i + 1] === CR && buf[i + 2] === LF) return { headerEnd: i + 1, bodyStart: i + 3 };
    }
    return undefined;
  }

  /** Drops the scanner's references (after an error or when the caller stops early). */
  async close(): Promise<void> {
    this.buf = EMPTY;
    this.state = 'done';
    await this.iterator.return?.();
  }
}

/** Parses `Name: value` lines (folded lines joined) into a map with lower-case names. */
export function parseHeaderBlock(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new MtomError('MTOM_MALFORMED', 'Le message multipart reçu contient une ligne d’en-tête de partie invalide.');
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}
