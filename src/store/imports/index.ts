export { ImportRegistry, type ImportClaim, type ImportedDocument } from './ImportRegistry.js';
export { FollowedPatients, type FollowedPatient } from './FollowedPatients.js';
