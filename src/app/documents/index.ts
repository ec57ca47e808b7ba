// Document checks as the service and the CLI use them: the shipped CDA resources and file validation.
export {
  cdaResourcesDir,
  documentCheckContext,
  loadCdaResources,
  type CdaResources,
} from './cdaResources.js';
export { validateFiles, type ValidateFilesOptions } from './validateFiles.js';
