// Server-Sent Events for `GET /api/events`: one message per service event, a comment line as a
// heartbeat (clients and proxies drop silent connections), and an end when the client leaves or
// the server stops (the stop drains: an open stream must not hold it for its whole grace period).
import type { z } from 'zod';
import type { OperationDefinition } from '../api/operations.js';
import type { MountedOperation } from './apiOperation.js';
import type { RequestContext } from './router.js';

/** 15 s: below the 30–60 s idle timeouts common in proxies and HTTP clients. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface EventSource<E> {
  /** Calls `listener` on every event; returns the function that stops it. */
  subscribe(listener: (event: E) => void): () => void;
}

export interface EventStreamOptions<E> {
  readonly source: EventSource<E>;
  readonly heartbeatMs?: number;
}

/** One SSE message. JSON has no raw newline, so `data` is always a single line. */
export function sseMessage(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

function stream<E extends { readonly type: string }>(
  ctx: RequestContext,
  schema: z.ZodType,
  options: EventStreamOptions<E> & { readonly validate: boolean },
): Promise<void> {
  const { res } = ctx;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'X-Accel-Buffering': 'no',
  });
  if (ctx.method === 'HEAD') {
    res.end();
    return Promise.resolve();
  }
  res.flushHeaders();
  // `retry` tells EventSource how long to wait before reconnecting after the stream ends.
  res.write('retry: 3000\n: navette\n\n');
  return new Promise((resolve) => {
    let ended = false;
    const unsubscribe = options.source.subscribe((event) => {
      if (ended) return;
      res.write(sseMessage(event.type, options.validate ? schema.parse(event) : event));
    });
    const heartbeat = setInterval(
      () => res.write(': ping\n\n'),
      options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    );
    const end = (): void => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      ctx.stopping?.removeEventListener('abort', end);
      if (!res.writableEnded) res.end();
      resolve();
    };
    if (ctx.stopping?.aborted === true) end();
    ctx.stopping?.addEventListener('abort', end, { once: true });
    // Not req 'close': Node emits it as soon as a body-less request has been read.
    res.once('close', end);
  });
}

/** Binds an event-stream operation to the source of its events. */
export function eventStreamOperation<E extends { readonly type: string }>(
  definition: OperationDefinition,
  options: EventStreamOptions<E>,
): MountedOperation {
  return {
    definition,
    run: (ctx, mount) =>
      stream(ctx, definition.response, { ...options, validate: mount.validateResponses }),
  };
}
