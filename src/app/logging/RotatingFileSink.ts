// The log file: lines appended to `<dir>/navette.log`, rotated by size into navette.1.log (the
// most recent) … navette.<maxFiles-1>.log, so the folder never holds more than `maxFiles` files;
// rotated files older than `retentionDays` are deleted (at start, at each rotation, and at most
// hourly while writing).
//
// Appends are synchronous (writeSync on a file descriptor opened in append mode): simple, ordered,
// and crash-safe — a line is in the operating system's hands before log() returns, so it survives
// a crash of Navette (a power cut can still lose the last lines: we do not fsync each line, which
// would cost a disk flush per line; close() does fsync). Log volume is small enough that the
// blocking write is not a concern. One process writes a log folder at a time (the instance lock
// of the data folder guarantees it for the service).
import {
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export interface RotatingFileSinkOptions {
  readonly dir: string;
  /** Default `navette.log`; rotated files insert the number before the extension. */
  readonly fileName?: string;
  /** Rotate before a line would make the file larger than this. */
  readonly maxFileBytes: number;
  /** Files kept in all, the current one included (≥ 1). */
  readonly maxFiles: number;
  readonly retentionDays: number;
  /** Milliseconds since the epoch (tests move time). */
  readonly now?: () => number;
  /** Called when a line could not be written (it is dropped; logging never throws). */
  readonly onError?: (error: unknown) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class RotatingFileSink {
  readonly file: string;
  readonly #dir: string;
  readonly #base: string;
  readonly #ext: string;
  readonly #maxFileBytes: number;
  readonly #maxRotated: number;
  readonly #retentionMs: number;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  #fd: number | undefined;
  #size = 0;
  #lastPrune = 0;
  #closed = false;

  /** Opens (creating the folder and the file) and applies retention. Throws if it cannot open. */
  constructor(options: RotatingFileSinkOptions) {
    const fileName = options.fileName ?? 'navette.log';
    this.#dir = options.dir;
    this.#ext = path.extname(fileName);
    this.#base = fileName.slice(0, fileName.length - this.#ext.length);
    this.file = path.join(this.#dir, fileName);
    this.#maxFileBytes = Math.max(1, options.maxFileBytes);
    this.#maxRotated = Math.max(0, Math.floor(options.maxFiles) - 1);
    this.#retentionMs = options.retentionDays * DAY_MS;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => undefined);
    mkdirSync(this.#dir, { recursive: true });
    this.#open();
    this.prune();
  }

  /** The file of rotation number `n` (0: the current file). */
  rotatedFile(n: number): string {
    return n === 0 ? this.file : path.join(this.#dir, `${this.#base}.${n}${this.#ext}`);
  }

  /** Appends one line (`line` has no newline). Never throws. */
  write(line: string): void {
    if (this.#closed) return;
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    try {
      if (this.#fd === undefined) this.#open();
      if (this.#size > 0 && this.#size + bytes > this.#maxFileBytes) this.#rotate();
      else if (this.#now() - this.#lastPrune >= PRUNE_EVERY_MS) this.prune();
      writeSync(this.#requireFd(), text);
      this.#size += bytes;
    } catch (error) {
      // Drop the line, and reopen on the next one (the disk may be back, the folder recreated).
      this.#closeFd();
      this.#onError(error);
    }
  }

  /** Deletes rotated files beyond `maxFiles` or older than the retention period. */
  prune(): void {
    this.#lastPrune = this.#now();
    const limit = this.#now() - this.#retentionMs;
    const pattern = new RegExp(`^${escapeRegExp(this.#base)}\\.(\\d+)${escapeRegExp(this.#ext)}$`);
    let names: string[];
    try {
      names = readdirSync(this.#dir);
    } catch (error) {
      this.#onError(error);
      return;
    }
    for (const name of names) {
      const match = pattern.exec(name);
      if (match === null) continue;
      const full = path.join(this.#dir, name);
      try {
        if (Number(match[1]) > this.#maxRotated || statSync(full).mtimeMs < limit) unlinkSync(full);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') this.#onError(error);
      }
    }
  }

  /** Flushes to disk and closes. Idempotent; later lines are dropped. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#fd !== undefined) {
      try {
        fsyncSync(this.#fd);
      } catch (error) {
        this.#onError(error);
      }
    }
    this.#closeFd();
  }

  #open(): void {
    this.#fd = openSync(this.file, 'a', 0o600);
    this.#size = fstatSync(this.#fd).size;
  }

  #requireFd(): number {
    if (this.#fd === undefined) throw new Error('log file is not open');
    return this.#fd;
  }

  #closeFd(): void {
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // Already closed or invalid: nothing left to release.
    }
  }

  /** navette.log → navette.1.log → … ; the oldest beyond maxFiles is deleted. */
  #rotate(): void {
    this.#closeFd(); // Windows cannot rename an open file.
    if (this.#maxRotated === 0) {
      unlinkIfExists(this.file);
    } else {
      unlinkIfExists(this.rotatedFile(this.#maxRotated));
      for (let n = this.#maxRotated - 1; n >= 0; n--) {
        renameIfExists(this.rotatedFile(n), this.rotatedFile(n + 1));
      }
    }
    this.#open();
    this.prune();
  }
}

function unlinkIfExists(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
