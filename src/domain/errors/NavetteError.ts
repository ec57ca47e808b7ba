/**
 * The base of every error Navette raises on purpose.
 *
 * `code` is stable (tests, logs, the API and the UI key on it; never reword a code), `message` is
 * the French sentence shown to the user: what happened and what to do. `details` carries
 * structured, non-identifying data for logs and the API (never a PIN, never a patient identifier).
 */
export class NavetteError extends Error {
  override readonly name: string = 'NavetteError';
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  /** A plain object safe to send over IPC or HTTP (Electron only carries `message` of errors). */
  toJSON(): { code: string; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Narrowing helper usable in `catch (e: unknown)` blocks. */
export function isNavetteError(value: unknown): value is NavetteError {
  return value instanceof NavetteError;
}
