// Refusing a request whose body has not been read: without this, Node would read (and throw
// away) whatever the client keeps sending before it can answer the next request on the
// connection — an unbounded upload to a refused request.
import type { RequestContext } from './router.js';

/** Call before answering: the connection closes once the answer is out if the body is unread. */
export function closeAfterAnswer({ req, res }: RequestContext): void {
  if (req.complete) return;
  res.setHeader('Connection', 'close');
  res.once('finish', () => {
    if (!req.complete) req.socket.destroy();
  });
}
