/**
 * The logger port: how every layer below the composition root writes to the log without knowing
 * where it goes. The implementation (src/app/logging) writes JSON lines to a rotating file and
 * redacts patient identifiers, names, PINs, tokens and keys at the sink, so callers may pass any
 * value they need to explain what happened; they should still prefer non-identifying fields.
 *
 * `msg` is a short, stable English phrase (searchable, not translated); `fields` carry the
 * details. Errors may be passed as field values: the sink keeps their name, code and message.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The levels from the most to the least verbose. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger for a part of this component: its lines carry `component` = `<parent>.<name>`
   * (just `<name>` under the root logger). */
  child(name: string): Logger;
}
