// Test helpers: feed bytes to the MTOM reader in chosen chunk shapes.
import { createHash } from 'node:crypto';

/** Yields `data` cut at the given offsets. */
export async function* cutAt(data: Uint8Array, offsets: readonly number[]): AsyncGenerator<Uint8Array> {
  let prev = 0;
  for (const o of [...offsets, data.length]) {
    if (o > prev) yield data.subarray(prev, o);
    prev = Math.max(prev, o);
  }
}

/** Yields `data` in chunks of `size` bytes. */
export async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, Math.min(at + size, data.length));
}

/** Yields copies (plain Uint8Array, not Buffer) in pseudo-random chunk sizes. */
export async function* randomChunks(data: Uint8Array, seed: number, max: number): AsyncGenerator<Uint8Array> {
  let s = seed;
  for (let at = 0; at < data.length; ) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const n = 1 + (s % max);
    yield new Uint8Array(data.subarray(at, Math.min(at + n, data.length)));
    at += n;
  }
}

export async function concatAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of source) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
