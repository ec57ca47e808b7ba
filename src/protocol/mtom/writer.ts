// Writing SOAP 1.2 MTOM/XOP messages (ITI-41 requests, ITI-43 responses in the sandbox).
//
// The body is produced as a sequence of chunks: part headers, the envelope, then each document
// straight from its source (a Buffer is sliced into views, an async iterable is passed through),
// so a 50 MB document is never copied or concatenated. Boundaries are random and long (192 bits);
// documents given as Buffers are also checked for the delimiter and a new boundary is drawn if
// one is ever found (for a caller-imposed boundary this is an error).
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { MtomError } from './MtomError.js';
import { newContentId, stripAngles } from './cid.js';
import { quoteParam } from './contentType.js';

export type MtomSource = Uint8Array | AsyncIterable<Uint8Array>;

export interface MtomAttachmentInput {
  /** Content-ID without angle brackets (see `newContentId`). */
  readonly contentId: string;
  readonly content: MtomSource;
  /** Default application/octet-stream. */
  readonly contentType?: string;
  /** Byte size of a streamed source, when known (lets the writer announce a Content-Length). */
  readonly size?: number;
}

export interface MtomWriteInput {
  /** The SOAP 1.2 envelope, with `xop:Include` elements where documents go. */
  readonly envelopeXml: string | Uint8Array;
  readonly attachments?: readonly MtomAttachmentInput[];
  /** SOAP action, written as the `action` parameter of the root part and of the message. */
  readonly action?: string;
  /** Imposed boundary (tests); default random. */
  readonly boundary?: string;
  /** Content-ID of the root part; default random. */
  readonly rootContentId?: string;
}

export interface MtomOutgoing {
  /** The HTTP Content-Type of the whole message. */
  readonly contentType: string;
  readonly boundary: string;
  readonly rootContentId: string;
  /** Total size in bytes when every source size is known, else undefined (chunked transfer). */
  readonly contentLength: number | undefined;
  /** The message bytes. Re-iterable when every source is a Buffer; stream sources are read once. */
  readonly body: AsyncIterable<Buffer>;
  /** The body as a Node Readable. */
  readable(): Readable;
}

const SLICE = 256 * 1024;
const CRLF = '\r\n';

/** A fresh random boundary: 48 hex characters after a fixed prefix (well under RFC 2046's 70). */
export function newBoundary(): string {
  return `MIMEBoundary_${randomBytes(24).toString('hex')}`;
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function isBytes(source: MtomSource): source is Uint8Array {
  return source instanceof Uint8Array;
}

function checkHeaderValue(value: string, what: string): string {
  if (/[\r\n]/.test(value)) {
    throw new MtomError('MTOM_MALFORMED', `Valeur d’en-tête MIME invalide (${what}) : retour à la ligne interdit.`, { what });
  }
  return value;
}

function rootPartContentType(action: string | undefined): string {
  const base = 'application/xop+xml; charset=UTF-8; type="application/soap+xml"';
  return action === undefined ? base : `${base}; action=${quoteParam(checkHeaderValue(action, 'action'))}`;
}

/** The multipart/related Content-Type of an MTOM SOAP 1.2 message. */
export function mtomContentType(boundary: string, rootContentId: string, action?: string): string {
  const parts = [
    'multipart/related',
    'type="application/xop+xml"',
    `boundary=${quoteParam(boundary)}`,
    `start=${quoteParam(`<${rootContentId}>`)}`,
    'start-info="application/soap+xml"',
  ];
  if (action !== undefined) parts.push(`action=${quoteParam(checkHeaderValue(action, 'action'))}`);
  return parts.join('; ');
}

function containsDelimiter(data: Buffer, boundary: string): boolean {
  return data.indexOf(`\n--${boundary}`, 0, 'latin1') >= 0;
}

async function* slices(data: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += SLICE) yield data.subarray(at, Math.min(at + SLICE, data.length));
}

async function* passThrough(source: AsyncIterable<Uint8Array>, declared: number | undefined): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (chunk.byteLength > 0) yield toBuffer(chunk);
  }
  // An announced Content-Length that does not match the bytes would corrupt the HTTP exchange.
  if (declared !== undefined && total !== declared) {
    throw new MtomError('MTOM_MALFORMED', 'La taille d’un document envoyé ne correspond pas à la taille annoncée.', { declared, actual: total });
  }
}

/** Builds an MTOM message. Nothing is read from stream sources until `body` is iterated. */
export function writeMtom(input: MtomWriteInput): MtomOutgoing {
  const envelope = typeof input.envelopeXml === 'string' ? Buffer.from(input.envelopeXml, 'utf8') : toBuffer(input.envelopeXml);
  const attachments = input.attachments ?? [];
  const rootContentId = checkHeaderValue(stripAngles(input.rootContentId ?? newContentId()), 'Content-ID');
  const seen = new Set([rootContentId]);
  for (const a of attachments) {
    const id = checkHeaderValue(stripAngles(a.contentId), 'Content-ID');
    if (seen.has(id)) {
      throw new MtomError('MTOM_CONTENT_ID_DUPLICATE', 'Deux documents du message ont le même identifiant (Content-ID).', { contentId: id });
    }
    seen.add(id);
    if (a.contentType !== undefined) checkHeaderValue(a.contentType, 'Content-Type');
  }
  const inMemory = [envelope, ...attachments.flatMap((a) => (isBytes(a.content) ? [toBuffer(a.content)] : []))];
  let boundary = input.boundary ?? newBoundary();
  for (let attempt = 0; inMemory.some((d) => containsDelimiter(d, boundary)); attempt++) {
    if (input.boundary !== undefined || attempt >= 8) {
      throw new MtomError('MTOM_BOUNDARY_IN_CONTENT', 'Un document contient la limite MIME imposée : impossible de construire le message.', {
        boundary,
      });
    }
    boundary = newBoundary();
  }
  const rootHeader = Buffer.from(
    `--${boundary}${CRLF}Content-Type: ${rootPartContentType(input.action)}${CRLF}Content-Transfer-Encoding: binary${CRLF}` +
      `Content-ID: <${rootContentId}>${CRLF}${CRLF}`,
    'utf8',
  );
  const partHeaders = attachments.map((a) =>
    Buffer.from(
      `${CRLF}--${boundary}${CRLF}Content-Type: ${a.contentType ?? 'application/octet-stream'}${CRLF}` +
        `Content-Transfer-Encoding: binary${CRLF}Content-ID: <${stripAngles(a.contentId)}>${CRLF}${CRLF}`,
      'utf8',
    ),
  );
  const closing = Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'latin1');

  let contentLength: number | undefined = rootHeader.length + envelope.length + closing.length;
  attachments.forEach((a, i) => {
    const size = isBytes(a.content) ? a.content.byteLength : a.size;
    contentLength = contentLength === undefined || size === undefined ? undefined : contentLength + (partHeaders[i]?.length ?? 0) + size;
  });

  async function* generate(): AsyncGenerator<Buffer> {
    yield rootHeader;
    yield* slices(envelope);
    for (const [i, a] of attachments.entries()) {
      const header = partHeaders[i];
      if (header) yield header;
      yield* isBytes(a.content) ? slices(toBuffer(a.content)) : passThrough(a.content, a.size);
    }
    yield closing;
  }
  const body: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => generate() };
  return {
    contentType: mtomContentType(boundary, rootContentId, input.action),
    boundary,
    rootContentId,
    contentLength,
    body,
    readable: () => Readable.from(body, { objectMode: false }),
  };
}
