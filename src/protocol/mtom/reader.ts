// Reading MTOM/XOP messages (and plain SOAP responses) from a stream of chunks.
//
// `readMtomParts` is the streaming primitive: it yields each part in order with its content as
// a stream; a part must be consumed (or skipped by moving on) before the next one is read, so
// a 50 MB document flows through without being held. `readMtomStream` / `readMtom` collect a
// whole message into Buffers (one copy of each part at most: chunks are concatenated once).
import { Buffer } from 'node:buffer';
import { decodeXml } from '../xml/decode.js';
import { MtomError } from './MtomError.js';
import { contentIdFromHref, stripAngles } from './cid.js';
import { parseContentType } from './contentType.js';
import { MultipartScanner } from './multipartScanner.js';

export interface MtomContentType {
  /** Lower-case media type of the whole message. */
  readonly mediaType: string;
  readonly multipart: boolean;
  readonly boundary: string | undefined;
  /** Content-ID of the root part, without angle brackets (undefined → the first part is the root). */
  readonly start: string | undefined;
  readonly startInfo: string | undefined;
  /** The `type` parameter (application/xop+xml for MTOM). */
  readonly type: string | undefined;
  readonly action: string | undefined;
}

/** Reads the parameters that matter from a message Content-Type. */
export function parseMtomContentType(contentType: string): MtomContentType {
  const { mediaType, params } = parseContentType(contentType);
  const multipart = mediaType.startsWith('multipart/');
  const boundary = params.get('boundary');
  if (multipart && (boundary === undefined || boundary === '')) {
    throw new MtomError('MTOM_CONTENT_TYPE_INVALID', 'La réponse multipart reçue n’indique pas sa limite (paramètre boundary manquant).', {
      mediaType,
    });
  }
  const start = params.get('start');
  return {
    mediaType,
    multipart,
    boundary,
    start: start !== undefined && start !== '' ? stripAngles(start) : undefined,
    startInfo: params.get('start-info'),
    type: params.get('type'),
    action: params.get('action'),
  };
}

export interface MtomReadOptions {
  /** Maximum size of one part (default 512 MiB). */
  readonly maxPartBytes?: number;
  /** Maximum size of the root part (default 64 MiB). */
  readonly maxRootBytes?: number;
  /** Maximum number of parts (default 1000). */
  readonly maxParts?: number;
  /** Maximum size of a part's header block (default 16 KiB). */
  readonly maxHeaderBytes?: number;
}

export interface MtomPart {
  readonly index: number;
  /** Part headers by lower-case name. */
  readonly headers: ReadonlyMap<string, string>;
  /** The part's Content-Type (application/octet-stream when absent). */
  readonly contentType: string;
  /** Content-ID without angle brackets. */
  readonly contentId: string | undefined;
  readonly isRoot: boolean;
  /** The content as a stream. Once per part, before moving to the next part. */
  stream(): AsyncIterable<Buffer>;
  /** The whole content in one Buffer. */
  buffer(): Promise<Buffer>;
}

const MiB = 1024 * 1024;

function tooLarge(max: number): MtomError {
  return new MtomError('MTOM_PART_TOO_LARGE', `Un document du message dépasse la taille maximale acceptée (${Math.round(max / MiB)} Mo).`, {
    maxBytes: max,
  });
}

/** Collects a stream into one Buffer (adjacent views of the same memory are returned as one view, without copying). */
export async function collectBytes(source: AsyncIterable<Uint8Array>, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return contiguousView(chunks, total) ?? Buffer.concat(chunks, total);
}

// Chunks cut from one in-memory message (readMtom) are adjacent views of the same memory:
// hand out one view instead of copying them together.
function contiguousView(chunks: readonly Buffer[], total: number): Buffer | undefined {
  const first = chunks[0];
  if (!first) return undefined;
  let next = first.byteOffset + first.length;
  for (let i = 1; i < chunks.length; i++) {
    const c = chunks[i];
    if (!c || c.buffer !== first.buffer || c.byteOffset !== next) return undefined;
    next += c.length;
  }
  return Buffer.from(first.buffer, first.byteOffset, total);
}

// MTOM parts are binary; some stacks still base64-encode attachments: decode by 4-char groups.
async function* decodeBase64(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry = '';
  for await (const chunk of source) {
    const text = carry + chunk.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, '');
    const usable = text.length - (text.length % 4);
    carry = text.slice(usable);
    if (usable > 0) yield Buffer.from(text.slice(0, usable), 'base64');
  }
  if (carry !== '') yield Buffer.from(carry, 'base64');
}

async function* limited(source: AsyncIterable<Buffer>, max: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > max) throw tooLarge(max);
    yield chunk;
  }
}

function makePart(
  index: number,
  headers: Map<string, string>,
  isRoot: (contentId: string | undefined, index: number) => boolean,
  content: () => AsyncIterable<Buffer>,
  maxBytes: number,
): MtomPart {
  const rawId = headers.get('content-id');
  const contentId = rawId !== undefined ? stripAngles(rawId) : undefined;
  const encoding = (headers.get('content-transfer-encoding') ?? 'binary').toLowerCase();
  if (!['binary', '8bit', '7bit', 'base64'].includes(encoding)) {
    throw new MtomError('MTOM_MALFORMED', `Encodage de partie non pris en charge : « ${encoding} ».`, { encoding });
  }
  let taken = false;
  const stream = (): AsyncIterable<Buffer> => {
    if (taken) throw new MtomError('MTOM_PART_CONSUMED', 'Le contenu de cette partie du message a déjà été lu.');
    taken = true;
    const raw = limited(content(), encoding === 'base64' ? Math.ceil(maxBytes / 3) * 4 + 4096 : maxBytes);
    return encoding === 'base64' ? decodeBase64(raw) : raw;
  };
  const root = isRoot(contentId, index);
  return {
    index,
    headers,
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    contentId,
    isRoot: root,
    stream,
    buffer: () => collectBytes(stream()),
  };
}

/**
 * Yields the parts of an MTOM (or any multipart) message in order; a non-multipart message
 * (plain `application/soap+xml`) yields one root part. Content streams come straight from the
 * source chunks: read a part's content before asking for the next part (unread content is
 * skipped).
 */
export async function* readMtomParts(
  source: AsyncIterable<Uint8Array>,
  contentType: string,
  options: MtomReadOptions = {},
): AsyncGenerator<MtomPart> {
  const ct = parseMtomContentType(contentType);
  const maxPart = options.maxPartBytes ?? 512 * MiB;
  const maxRoot = options.maxRootBytes ?? 64 * MiB;
  if (!ct.multipart || ct.boundary === undefined) {
    const headers = new Map([['content-type', contentType]]);
    yield makePart(0, headers, () => true, () => limited(asBuffers(source), maxRoot), maxRoot);
    return;
  }
  const scanner = new MultipartScanner(source, ct.boundary, { maxHeaderBytes: options.maxHeaderBytes ?? 16 * 1024 });
  const maxParts = options.maxParts ?? 1000;
  const isRoot = (id: string | undefined, index: number): boolean => (ct.start === undefined ? index === 0 : id === ct.start);
  try {
    for (let index = 0; ; index++) {
      const headers = await scanner.nextHeaders();
      if (!headers) return;
      if (index >= maxParts) {
        throw new MtomError('MTOM_MALFORMED', `Le message contient trop de parties (plus de ${maxParts}).`, { maxParts });
      }
      const part = makePart(index, headers, isRoot, () => scanner.body(), maxPart);
      yield part.isRoot ? { ...part, buffer: () => collectBytes(part.stream(), maxRoot) } : part;
    }
  } finally {
    if (!scanner.done) await scanner.close();
  }
}

async function* asBuffers(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

export interface MtomAttachment {
  readonly contentId: string | undefined;
  readonly contentType: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly data: Buffer;
}

export interface MtomRoot extends MtomAttachment {
  /** The root part decoded as XML text (the SOAP envelope). */
  readonly xml: string;
}

export interface MtomMessage {
  readonly contentType: MtomContentType;
  readonly root: MtomRoot;
  /** Every part but the root, in message order. */
  readonly attachments: readonly MtomAttachment[];
  /** The attachment with this Content-ID (with or without angle brackets, or as a `cid:` URL). */
  attachment(idOrHref: string): MtomAttachment | undefined;
}

/** Reads and collects a whole message from a stream of chunks. */
export async function readMtomStream(
  source: AsyncIterable<Uint8Array>,
  contentType: string,
  options: MtomReadOptions = {},
): Promise<MtomMessage> {
  let root: MtomRoot | undefined;
  const attachments: MtomAttachment[] = [];
  const byId = new Map<string, MtomAttachment>();
  for await (const part of readMtomParts(source, contentType, options)) {
    const data = await part.buffer();
    const entry: MtomAttachment = { contentId: part.contentId, contentType: part.contentType, headers: part.headers, data };
    if (part.contentId !== undefined) {
      if (byId.has(part.contentId)) {
        throw new MtomError('MTOM_CONTENT_ID_DUPLICATE', 'Le message contient deux parties avec le même identifiant (Content-ID).', {
          contentId: part.contentId,
        });
      }
      byId.set(part.contentId, entry);
    }
    if (part.isRoot && root === undefined) root = { ...entry, xml: decodeXml(data) };
    else attachments.push(entry);
  }
  if (!root) {
    throw new MtomError('MTOM_ROOT_MISSING', 'Le message multipart reçu ne contient pas la partie principale (enveloppe SOAP) annoncée.');
  }
  const rootId = root.contentId;
  return {
    contentType: parseMtomContentType(contentType),
    root,
    attachments,
    attachment(idOrHref: string): MtomAttachment | undefined {
      const id = contentIdFromHref(idOrHref) ?? stripAngles(idOrHref);
      return id === rootId ? undefined : byId.get(id);
    },
  };
}

/** Reads a whole message held in memory (small messages, tests). Parts are views of `body`. */
export function readMtom(body: Uint8Array, contentType: string, options: MtomReadOptions = {}): Promise<MtomMessage> {
  return readMtomStream(once(body), contentType, options);
}

async function* once(body: Uint8Array): AsyncGenerator<Uint8Array> {
  yield body;
}
