// Document summaries as the consultation API returns them, for the renderer's pure helpers.
import type { DocumentSummary } from '../../../../src/api/consult.js';

export function summary(
  overrides: Partial<DocumentSummary> & { uniqueId: string },
): DocumentSummary {
  return {
    entryUUID: `urn:uuid:${overrides.uniqueId}`,
    title: `Document ${overrides.uniqueId}`,
    typeCode: {
      code: '11488-4',
      codeSystem: '2.16.840.1.113883.6.1',
      displayName: 'Compte rendu de consultation',
    },
    classCode: { code: '10', codeSystem: '1.2.250.1.213.1.1.4.1', displayName: 'Compte rendu' },
    creationTime: '20240115103000',
    serviceStartTime: null,
    serviceStopTime: null,
    author: { id: '810000000001', name: 'Dr Martin', specialty: null },
    status: 'approved',
    visibility: {
      hiddenFromProfessionals: false,
      hiddenFromPatient: false,
      hiddenFromLegalRepresentatives: false,
    },
    alerts: [],
    lot: null,
    replaces: null,
    replacedBy: null,
    mimeType: 'text/xml',
    size: 1000,
    mine: false,
    imported: false,
    ...overrides,
  };
}
