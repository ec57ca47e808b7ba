// XML Schema validation (libxml2-wasm) with schemas supplied by a loader function.
export { XsdError } from './XsdError.js';
export type { SchemaLoader } from './schemaInputProvider.js';
export {
  createXsdValidator,
  type XsdIssue,
  type XsdValidationResult,
  type XsdValidator,
} from './xsdValidator.js';
