// Public API of the domain layer. One line per module; append new modules at the end.
export * from './errors/NavetteError.js';
export * from './ins/InsError.js';
export * from './ins/insOids.js';
export * from './ins/matricule.js';
export * from './ins/ins.js';
export * from './ins/insCx.js';
export * from './professionals/ProfessionalIdError.js';
export * from './professionals/luhn.js';
export * from './professionals/registryNumbers.js';
export * from './professionals/idNatPs.js';
export * from './professionals/structureId.js';
export * from './access/accessModes.js';
export * from './documents/visibility.js';
export * from './documents/documentIds.js';
export * from './documents/documentProblem.js';
export * from './documents/validationReport.js';
export * from './events/Listeners.js';
