// The web UI's session token: the browser page served by `navette serve` needs a bearer token for
// `/api/*`, but a token stored in the database would outlive the run and could be read by anyone
// who reads the disk. So the service draws a random token at start, keeps it in memory only, and
// hands it to the person who started it inside the URL fragment (`#jeton=…`): a fragment is never
// sent to a server, so it stays out of request lines, proxies and our own HTTP log.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The client name requests made with the session token carry (`/api/status` shows it). */
export const UI_CLIENT_NAME = 'interface';
/** The fragment parameter the renderer reads (src/renderer/api/sessionToken.ts). */
export const UI_TOKEN_FRAGMENT = 'jeton';

export interface UiSession {
  /** The bearer token of this run. Never stored, never logged. */
  readonly token: string;
  /** The client name the local API sees for it. */
  readonly clientName: string;
  /** The client when `presented` is this run's token, in constant time. */
  verify(presented: string): { readonly name: string } | undefined;
  /** `base` (the server's URL) with the token in the fragment. */
  urlFor(base: string): string;
}

/** A fresh session token: 32 random bytes, base64url (43 characters, no padding). */
export function createUiSession(): UiSession {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token, 'utf8');
  return {
    token,
    clientName: UI_CLIENT_NAME,
    verify(presented) {
      const given = Buffer.from(presented, 'utf8');
      if (given.byteLength !== expected.byteLength) return undefined;
      return timingSafeEqual(given, expected) ? { name: UI_CLIENT_NAME } : undefined;
    },
    urlFor(base) {
      const url = new URL(base);
      url.hash = `${UI_TOKEN_FRAGMENT}=${token}`;
      return url.toString();
    },
  };
}

/** `<data>/ui-session.json` while the service runs: how `navette open` finds the running UI. */
export const UI_SESSION_FILE = 'ui-session.json';

export interface UiSessionFile {
  readonly pid: number;
  readonly url: string;
  readonly token: string;
}

/**
 * Writes the runtime file (owner-only) and returns the step that removes it. The token lives as
 * long as the run, in a file only this user can read: whoever can read it can already read the
 * database and create API tokens, so it opens no new door, and it lets `navette open` (called by
 * the clinical software) open the patient view in a new browser tab without asking anything.
 */
export function writeUiSessionFile(dataDir: string, session: UiSession, url: string): () => void {
  const file = path.join(dataDir, UI_SESSION_FILE);
  const content: UiSessionFile = { pid: process.pid, url, token: session.token };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(content), { mode: 0o600 });
  renameSync(temp, file);
  return () => {
    try {
      const current = JSON.parse(readFileSync(file, 'utf8')) as Partial<UiSessionFile>;
      if (current.token === session.token) unlinkSync(file);
    } catch {
      // Already gone, or replaced by another run: nothing of ours to remove.
    }
  };
}

/** The running service's UI session of `dataDir`, or undefined when none is running. */
export function readUiSessionFile(dataDir: string): UiSessionFile | undefined {
  try {
    const parsed = JSON.parse(
      readFileSync(path.join(dataDir, UI_SESSION_FILE), 'utf8'),
    ) as Partial<UiSessionFile>;
    const valid =
      typeof parsed.url === 'string' &&
      typeof parsed.token === 'string' &&
      typeof parsed.pid === 'number';
    // A file left by a run that crashed names a dead process (and a dead token): ignore it.
    return valid && processAlive(parsed.pid)
      ? { pid: parsed.pid, url: parsed.url, token: parsed.token }
      : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: a check, nothing is sent
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
