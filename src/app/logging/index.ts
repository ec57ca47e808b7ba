// Navette's logging: JSON lines in a rotating file, redaction of patient data and secrets at the
// sink. Components receive a `Logger` (src/domain/ports/Logger.ts); only the composition root
// creates the root logger.
export type { LogFields, Logger, LogLevel } from '../../domain/ports/Logger.js';
export { LOG_LEVELS } from '../../domain/ports/Logger.js';
export {
  createLogger,
  DEFAULT_LOG_OPTIONS,
  type CreateLoggerOptions,
  type RootLogger,
} from './createLogger.js';
export { RotatingFileSink, type RotatingFileSinkOptions } from './RotatingFileSink.js';
export { MASK, redactText } from './redactText.js';
export { isSensitiveFieldName, redactString, redactValue } from './redactValue.js';
