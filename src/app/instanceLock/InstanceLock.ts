// One Navette per data folder. Two services on the same folder would both run the outbox and
// could send a document twice, so the second one refuses to start.
//
// The lock is a file, `<data>/navette.lock`, holding the owner's PID, host and process start time.
// It is created atomically and complete: the content goes to a private temporary file first, which
// is then hard-linked to the lock name (link fails with EEXIST if the lock exists, on every local
// file system we support), so nobody ever reads a half-written lock. A lock whose process is dead
// is stale (a crash, a power cut) and is recovered: it is first renamed aside, then checked again,
// so that two recovering instances cannot delete each other's fresh lock.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import path from 'node:path';
import { InstanceAlreadyRunningError, InstanceLockError } from './errors.js';

export const LOCK_FILE_NAME = 'navette.lock';

/** What the lock file says about its owner. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** When the owning process started (ms since epoch): tells a reused PID from its first owner. */
  readonly processStartedAt: number;
  /** Random per lock: release() removes only the lock it created. */
  readonly instanceId: string;
}

export interface InstanceLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Removes the lock if it is still ours. Idempotent. */
  release(): void;
}

export interface AcquireLockOptions {
  readonly pid?: number;
  readonly hostname?: string;
  readonly processStartedAt?: number;
  /** Liveness check; defaults to signal 0 (no signal is sent). */
  readonly isProcessAlive?: (pid: number) => boolean;
}

/** Two processes started within this window with the same PID are taken to be the same process. */
const SAME_PROCESS_WINDOW_MS = 2000;
const MAX_ATTEMPTS = 5;

/**
 * Takes the lock of `dataDir` (creating the folder if needed).
 * @throws InstanceAlreadyRunningError when a live process holds it, InstanceLockError on I/O errors.
 */
export function acquireInstanceLock(dataDir: string, opts: AcquireLockOptions = {}): InstanceLock {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const owner: LockOwner = {
    pid: opts.pid ?? process.pid,
    hostname: opts.hostname ?? osHostname(),
    processStartedAt: opts.processStartedAt ?? Math.round(Date.now() - process.uptime() * 1000),
    instanceId: randomBytes(8).toString('hex'),
  };
  const isAlive = opts.isProcessAlive ?? isProcessAlive;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // health data: owner only
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (tryCreate(file, owner)) return makeLock(file, owner);
      const held = readLock(file);
      if (held === 'missing') continue; // released between our link and our read: try again
      if (held !== 'unreadable' && isHeld(held, owner, isAlive)) {
        const otherHost = held.owner.hostname === owner.hostname ? undefined : held.owner.hostname;
        throw new InstanceAlreadyRunningError(dataDir, file, held.owner.pid, otherHost);
      }
      removeStale(file, held === 'unreadable' ? undefined : held.raw);
    }
  } catch (error) {
    if (error instanceof InstanceAlreadyRunningError) throw error;
    throw new InstanceLockError(dataDir, error);
  }
  throw new InstanceLockError(
    dataDir,
    new Error(`lock still contended after ${MAX_ATTEMPTS} attempts`),
  );
}

function tryCreate(file: string, owner: LockOwner): boolean {
  const tmp = `${file}.${owner.instanceId}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}

type ReadLock = { raw: string; owner: LockOwner } | 'missing' | 'unreadable';

function readLock(file: string): ReadLock {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
  const owner = parseOwner(raw);
  return owner === undefined ? 'unreadable' : { raw, owner };
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (
      typeof v['pid'] === 'number' &&
      Number.isInteger(v['pid']) &&
      v['pid'] > 0 &&
      typeof v['hostname'] === 'string' &&
      typeof v['processStartedAt'] === 'number' &&
      typeof v['instanceId'] === 'string'
    ) {
      return {
        pid: v['pid'],
        hostname: v['hostname'],
        processStartedAt: v['processStartedAt'],
        instanceId: v['instanceId'],
      };
    }
  } catch {
    // not JSON: the file was written by something else, or damaged
  }
  return undefined;
}

function isHeld(
  held: { owner: LockOwner },
  me: LockOwner,
  isAlive: (pid: number) => boolean,
): boolean {
  // Another host: we cannot see its processes, so we must assume it is alive.
  if (held.owner.hostname !== me.hostname) return true;
  if (held.owner.pid === me.pid) {
    // Our own PID: either this very process holds it (a second start in the same process), or a
    // previous process had the same PID (common in containers, where Navette may always be PID 1).
    return Math.abs(held.owner.processStartedAt - me.processStartedAt) < SAME_PROCESS_WINDOW_MS;
  }
  return isAlive(held.owner.pid);
}

/** Removes a stale lock whose content was `expectedRaw` (undefined: unreadable content). */
function removeStale(file: string, expectedRaw: string | undefined): void {
  const aside = `${file}.stale-${randomBytes(8).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return; // someone else recovered it: try again
    throw error;
  }
  const moved = readFileSync(aside, 'utf8');
  if (expectedRaw !== undefined && moved !== expectedRaw) {
    // Between our read and our rename another instance replaced the stale lock with a fresh one:
    // put it back (unless yet another lock appeared meanwhile, which then wins).
    try {
      linkSync(aside, file);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
}

function makeLock(file: string, owner: LockOwner): InstanceLock {
  let released = false;
  return {
    file,
    owner,
    release(): void {
      if (released) return;
      released = true;
      const held = readLock(file);
      if (held === 'missing' || held === 'unreadable') return;
      if (held.owner.instanceId !== owner.instanceId) return; // not ours any more: leave it
      unlinkSync(file);
    },
  };
}

/** Signal 0 checks existence and permission without delivering anything. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
