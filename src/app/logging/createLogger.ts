// The logger factory. One root per process writes JSON lines to a rotating file (and, if asked, a
// readable line to the terminal); components get children: `root.child('outbox').child('soap')`.
//
// Line: {"time":"<ISO>","level":"info","component":"outbox.soap","msg":"…", …base fields, …fields}
// Everything but `time`, `level` and `component` goes through redaction (redactValue.ts) here, at
// the sink: no call site can opt out, and none needs to remember to.
import type { LogFields, Logger, LogLevel } from '../../domain/ports/Logger.js';
import { redactString, redactValue } from './redactValue.js';
import { RotatingFileSink } from './RotatingFileSink.js';

export interface CreateLoggerOptions {
  /** The log folder (created if needed). */
  readonly dir: string;
  readonly level?: LogLevel;
  /** Default 10 MiB. */
  readonly maxFileBytes?: number;
  /** Files kept in all, the current one included. Default 5. */
  readonly maxFiles?: number;
  /** Rotated files older than this are deleted. Default 30. */
  readonly retentionDays?: number;
  /** Also write a readable line to stderr (true), or to this function. */
  readonly console?: boolean | ((line: string) => void);
  /** Fields added to every line (`pid`…), redacted like the others. */
  readonly baseFields?: LogFields;
  /** The root logger's component. Default `navette`. */
  readonly component?: string;
  /** Default `navette.log`. */
  readonly fileName?: string;
  /** Milliseconds since the epoch (tests). */
  readonly now?: () => number;
}

export interface RootLogger extends Logger {
  /** The current log file. */
  readonly file: string;
  readonly level: LogLevel;
  /** Changes the level of this logger and all its children (configuration reload). */
  setLevel(level: LogLevel): void;
  /** Flushes to disk and closes the file; later lines are dropped. Idempotent. */
  close(): void;
}

const LEVEL_RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };
const RESERVED = new Set(['time', 'level', 'component', 'msg']);
/** A line longer than this keeps its message but loses its fields. */
const MAX_LINE_CHARS = 64 * 1024;

export const DEFAULT_LOG_OPTIONS = {
  level: 'info',
  maxFileBytes: 10 * 1024 * 1024,
  maxFiles: 5,
  retentionDays: 30,
} as const;

/** Creates the root logger. Throws if the log file cannot be opened (a start-up error). */
export function createLogger(options: CreateLoggerOptions): RootLogger {
  return new LogRoot(options);
}

class LogCore {
  level: LogLevel;
  readonly sink: RotatingFileSink;
  readonly base: Record<string, unknown>;
  readonly echo: ((line: string) => void) | undefined;
  readonly now: () => number;
  #warnedWriteError = false;

  constructor(options: CreateLoggerOptions) {
    this.level = options.level ?? DEFAULT_LOG_OPTIONS.level;
    this.now = options.now ?? Date.now;
    this.echo =
      options.console === true
        ? (line) => process.stderr.write(`${line}\n`)
        : options.console === false
          ? undefined
          : options.console;
    this.base = renameReserved(redactValue(options.baseFields ?? {}));
    this.sink = new RotatingFileSink({
      dir: options.dir,
      ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
      maxFileBytes: options.maxFileBytes ?? DEFAULT_LOG_OPTIONS.maxFileBytes,
      maxFiles: options.maxFiles ?? DEFAULT_LOG_OPTIONS.maxFiles,
      retentionDays: options.retentionDays ?? DEFAULT_LOG_OPTIONS.retentionDays,
      now: this.now,
      onError: () => this.#onWriteError(),
    });
  }

  write(level: LogLevel, component: string, msg: string, fields: LogFields | undefined): void {
    if (LEVEL_RANK[level] < LEVEL_RANK[this.level]) return;
    const time = new Date(this.now()).toISOString();
    const head = { time, level, component, msg: redactString(String(msg)) };
    const extra = { ...this.base, ...renameReserved(redactValue(fields ?? {})) };
    let line = JSON.stringify({ ...head, ...extra });
    if (line.length > MAX_LINE_CHARS) {
      line = JSON.stringify({ ...head, fieldsOmitted: `${line.length} caractères` });
    }
    this.sink.write(line);
    this.echo?.(consoleLine(time, level, component, head.msg, extra));
  }

  #onWriteError(): void {
    // Said once on stderr (the service's own output), not for every lost line.
    if (this.#warnedWriteError) return;
    this.#warnedWriteError = true;
    process.stderr.write(
      `navette : impossible d'écrire dans le journal « ${this.sink.file} » ; des lignes sont perdues.\n`,
    );
  }
}

function renameReserved(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, v] of Object.entries(value)) out[RESERVED.has(key) ? `field_${key}` : key] = v;
  return out;
}

function consoleLine(
  time: string,
  level: LogLevel,
  component: string,
  msg: string,
  fields: Record<string, unknown>,
): string {
  const rest = Object.keys(fields).length === 0 ? '' : ` ${JSON.stringify(fields)}`;
  return `${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)} [${component}] ${msg}${rest}`;
}

class ComponentLogger implements Logger {
  protected readonly core: LogCore;
  readonly component: string;

  constructor(core: LogCore, component: string) {
    this.core = core;
    this.component = component;
  }

  debug(msg: string, fields?: LogFields): void {
    this.core.write('debug', this.component, msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.core.write('info', this.component, msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.core.write('warn', this.component, msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.core.write('error', this.component, msg, fields);
  }

  child(name: string): Logger {
    return new ComponentLogger(this.core, `${this.component}.${name}`);
  }
}

class LogRoot extends ComponentLogger implements RootLogger {
  constructor(options: CreateLoggerOptions) {
    super(new LogCore(options), options.component ?? 'navette');
  }

  get file(): string {
    return this.core.sink.file;
  }

  get level(): LogLevel {
    return this.core.level;
  }

  setLevel(level: LogLevel): void {
    this.core.level = level;
  }

  override child(name: string): Logger {
    // Under the root, components are named plainly: `service`, not `navette.service`.
    return new ComponentLogger(this.core, name);
  }

  close(): void {
    this.core.sink.close();
  }
}
