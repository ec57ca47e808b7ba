// Batches for secretaries: pre-flight, send through the outbox, report. See docs/sending.md.
export { BatchError, type BatchErrorCode } from './BatchError.js';
export {
  BatchService,
  filesOfFolder,
  type BatchReportFormat,
  type BatchServiceOptions,
  type BatchWorker,
} from './BatchService.js';
export { batchCsv } from './batchCsv.js';
export { batchHtml, escapeHtml } from './batchHtml.js';
export {
  preflightFile,
  visibilityText,
  type PreflightDependencies,
  type PreflightDocument,
  type PreflightOutcome,
} from './preflightFile.js';
export {
  openBatchReader,
  openBatchRunner,
  type BatchRunner,
  type OpenBatchRunnerOptions,
} from './openBatchRunner.js';
