// CI-SIS CDA R2 documents (CDA-CISIS.md): safe reading, header rules, CDA schema, level-1 CDA
// around a PDF from its sidecar, and the XDS DocumentEntry of TD2.1. No I/O: value-set texts,
// schema files, document bytes and sidecar text are handed in.
export { CdaError } from './CdaError.js';
export type { CdaProblem } from './problems.js';
export {
  DEFAULT_MAX_DOCUMENT_BYTES,
  readCda,
  type CdaDocument,
  type ReadCdaOptions,
  type ReadCdaResult,
} from './readCda.js';
export {
  CDA_VALUE_SET_FILES,
  CDA_VALUE_SET_OIDS,
  loadCdaValueSets,
  parseValueSet,
  type CdaValueSetKey,
  type CdaValueSets,
  type ValueSet,
  type ValueSetConcept,
} from './valueSets.js';
export { HEADER_RULES, checkCdaHeader } from './checkCdaHeader.js';
export {
  CDA_XSD_ROOT,
  MAX_SCHEMA_PROBLEMS,
  checkCdaSchema,
  createCdaSchemaValidator,
} from './cdaSchema.js';
export {
  DEFAULT_TIME_ZONE,
  cdaTimeToUtc,
  formatCdaTime,
  parseCdaTime,
  type CdaTime,
} from './cdaTime.js';
export { CLASS_CODE_SYSTEM, classCodeFor } from './classCodes.js';
export {
  ANS_FORMAT_SYSTEM,
  IHE_FORMAT_SYSTEM,
  formatCodeForMediaType,
  formatCodeForTemplates,
} from './formatCodes.js';
export {
  CDA_MIME_TYPE,
  SELF_PRESENTABLE_MIME_TYPE,
  cdaToDocumentEntry,
  type CdaToDocumentEntryOptions,
  type CdaToDocumentEntryResult,
} from './cdaToDocumentEntry.js';
export {
  SIDECAR_VERSION,
  parseSidecar,
  sidecarSchema,
  type Sidecar,
  type SidecarResult,
} from './sidecar.js';
export {
  buildLevel1Cda,
  type BuildLevel1Input,
  type BuildLevel1Result,
  type CardHolder,
  type SendingOrganization,
} from './buildLevel1Cda.js';
export { decodeNonXmlBody, nonXmlBodyText } from './rules/bodyRules.js';
export { reportMetadata } from './reportMetadata.js';
export {
  checkDocument,
  validateDocument,
  type DocumentCheckContext,
  type DocumentCheckResult,
  type DocumentInput,
} from './validateDocument.js';
export { displayDataOf, type DisplayData } from './displayData.js';
