import { describe, expect, it } from 'vitest';
import { actionsFor } from '../../../../src/renderer/patient/manageActions.js';
import { importSentence } from '../../../../src/renderer/views/patientDocuments.js';
import { summary } from './fixtures.js';

describe('actionsFor', () => {
  it('offers nothing on documents of others or deleted ones', () => {
    expect(actionsFor(summary({ uniqueId: 'a' }))).toEqual([]);
    expect(actionsFor(summary({ uniqueId: 'a', mine: true, status: 'deleted' }))).toEqual([]);
  });

  it('offers the actions that change the user’s own document', () => {
    expect(actionsFor(summary({ uniqueId: 'a', mine: true }))).toEqual([
      'mask',
      'archive',
      'delete',
    ]);
    expect(
      actionsFor(
        summary({
          uniqueId: 'a',
          mine: true,
          status: 'archived',
          visibility: {
            hiddenFromProfessionals: true,
            hiddenFromPatient: true,
            hiddenFromLegalRepresentatives: false,
          },
        }),
      ),
    ).toEqual(['unmask', 'show-to-patient', 'unarchive', 'delete']);
  });
});

describe('importSentence', () => {
  it('says what was imported, skipped and failed', () => {
    expect(importSentence({ imported: [], skipped: [], failed: [] })).toBe(
      'Aucun nouveau document importé.',
    );
    expect(
      importSentence({
        imported: [
          { uniqueId: 'a', fileName: 'a.pdf' },
          { uniqueId: 'b', fileName: 'b.pdf' },
        ],
        skipped: [{ uniqueId: 'c', reason: 'déjà importé' }],
        failed: [{ uniqueId: 'd', code: 'X', message: 'Dossier d’import absent.' }],
      }),
    ).toBe(
      '2 documents importés : a.pdf, b.pdf. 1 déjà importé(s) ou ignoré(s). Échec : Dossier d’import absent.',
    );
  });
});
