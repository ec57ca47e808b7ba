import { describe, expect, it } from 'vitest';
import type { EditableSettings } from '../../../../src/api/settings.js';
import {
  changesOf,
  linesOf,
  optionalText,
} from '../../../../src/renderer/settings/settingsForm.js';

const current: EditableSettings = {
  watchFolders: ['/export'],
  sentFolder: null,
  errorFolder: null,
  cardModule: null,
  structureId: null,
  structureName: null,
  structureP12: null,
  authMode: 'direct',
  defaultVisibility: {
    hiddenFromProfessionals: false,
    hiddenFromPatient: false,
    hiddenFromLegalRepresentatives: false,
  },
  importFolder: null,
  importNamePattern: '{date}_{uniqueId}',
  autoImport: false,
};

describe('settings form', () => {
  it('reads one folder per line', () => {
    expect(linesOf(' /a \r\n\n/b\n  ')).toEqual(['/a', '/b']);
    expect(optionalText('  ')).toBeNull();
    expect(optionalText(' /x ')).toBe('/x');
  });

  it('sends only what changed', () => {
    expect(changesOf(current, { ...current })).toEqual({});
    expect(
      changesOf(current, {
        ...current,
        watchFolders: ['/export', '/autre'],
        importFolder: '/import',
        defaultVisibility: { ...current.defaultVisibility, hiddenFromPatient: true },
      }),
    ).toEqual({
      watchFolders: ['/export', '/autre'],
      importFolder: '/import',
      defaultVisibility: {
        hiddenFromProfessionals: false,
        hiddenFromPatient: true,
        hiddenFromLegalRepresentatives: false,
      },
    });
  });
});
