// Typed errors of the intake. Codes are stable; messages are the French sentences users see.
import { NavetteError } from '../domain/errors/NavetteError.js';

export type IntakeErrorCode = 'INTAKE_FOLDER_INVALID' | 'INTAKE_FOLDER_UNAVAILABLE';

export class IntakeError extends NavetteError {
  override readonly name = 'IntakeError';
  declare readonly code: IntakeErrorCode;

  constructor(
    code: IntakeErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}
