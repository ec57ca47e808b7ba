// The pure parts of the import: numbered names, the content's extension, the settings from the
// configuration (the default folder, the pattern checked like the file names), the API's patient
// and access spelling, and the HTTP status of each failure.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentExtension,
  dmpAccessOf,
  importHttpStatusOf,
  importSettingsOf,
  autoImportSettingsOf,
  insOfPatientRef,
  numberedName,
  selectionOf,
  withExtension,
  ImportError,
} from '../../../../src/app/import/index.js';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import { INS_OIDS } from '../../../../src/domain/ins/insOids.js';
import { loadConfig } from '../../../../src/app/config/index.js';

/** The defaults with `overrides` on top (no files), as the service would merge them. */
const loadConfigFromLayers = (overrides: Record<string, unknown>) => loadConfig({ overrides });

const TEST_NIR = '207058575627097';

describe('file names', () => {
  it('numbers a taken name before its extension', () => {
    expect(numberedName('CR 1.2.3.pdf', 1)).toBe('CR 1.2.3.pdf');
    expect(numberedName('CR 1.2.3.pdf', 2)).toBe('CR 1.2.3 (2).pdf');
    expect(numberedName('CR 1.2.3.pdf', 12)).toBe('CR 1.2.3 (12).pdf');
    expect(withExtension('CR 1.2.3 (2).xml', '.json')).toBe('CR 1.2.3 (2).json');
  });

  it('takes the extension from the content first, then from the mimeType', () => {
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    expect(contentExtension(bytes('%PDF-1.7\n'), 'text/xml')).toBe('.pdf');
    expect(
      contentExtension(bytes('\xef\xbb\xbf<?xml version="1.0"?><a/>'), 'application/pdf'),
    ).toBe('.xml');
    expect(contentExtension(bytes('<ClinicalDocument/>'), 'application/octet-stream')).toBe('.xml');
    expect(contentExtension(bytes('{\\rtf1'), 'text/rtf')).toBe('.rtf');
    expect(contentExtension(bytes('\x00\x01'), 'application/x-unknown')).toBe('.bin');
  });
});

describe('settings', () => {
  it('defaults: the data folder’s import folder, metadata on, automatic import off every 15 min', () => {
    const { config, problems } = loadConfigFromLayers({});
    expect(problems).toEqual([]);
    expect(importSettingsOf(config, '/data/navette')).toEqual({
      folder: path.resolve('/data/navette/import'),
      namePattern: '{date}_{type}_{title}_{uniqueId}',
      writeMetadata: true,
    });
    expect(autoImportSettingsOf(config)).toEqual({ enabled: false, intervalMs: 15 * 60_000 });
  });

  it('the configured folder and pattern, {ins} included', () => {
    const { config, problems } = loadConfigFromLayers({
      import: {
        folder: '/cabinet/import',
        namePattern: '{ins}_{date}_{uniqueId}',
        autoImport: true,
        autoIntervalMin: 5,
      },
    });
    expect(problems).toEqual([]);
    expect(importSettingsOf(config, '/data').folder).toBe(path.resolve('/cabinet/import'));
    expect(importSettingsOf(config, '/data').namePattern).toBe('{ins}_{date}_{uniqueId}');
    expect(autoImportSettingsOf(config)).toEqual({ enabled: true, intervalMs: 5 * 60_000 });
  });

  it('a bad pattern or interval is a configuration problem in French', () => {
    const { problems } = loadConfigFromLayers({
      import: { namePattern: '{nom}_{uniqueId}', autoIntervalMin: 0 },
    });
    const fields = problems.map((p) => p.field).sort();
    expect(fields).toEqual(['import.autoIntervalMin', 'import.namePattern']);
    const pattern = problems.find((p) => p.field === 'import.namePattern');
    expect(pattern?.expected).toContain('{ins}');
    expect(pattern?.expected).toContain('{uniqueId}');
  });
});

describe('API requests', () => {
  const { config: local } = loadConfigFromLayers({});
  const { config: remote } = loadConfigFromLayers({
    dmp: { endpoint: 'https://dmp.example.fr/si-dmp-server/v2/services' },
  });

  it('a bare matricule: a test INS against a local DMP, a NIR otherwise; spaces ignored', () => {
    expect(insOfPatientRef({ ins: '2 07 05 85 756 270 97' }, local)).toMatchObject({
      matricule: TEST_NIR,
      kind: 'NIR_TEST',
    });
    expect(insOfPatientRef({ ins: TEST_NIR }, remote).kind).toBe('NIR');
    expect(insOfPatientRef({ ins: TEST_NIR, oid: INS_OIDS.NIA }, local).kind).toBe('NIA');
    expect(
      insOfPatientRef({ ins: `${TEST_NIR}^^^&${INS_OIDS.NIR_TEST}&ISO^NH` }, remote).kind,
    ).toBe('NIR_TEST');
  });

  it('an unreadable INS is IMPORT_INS_INVALID (HTTP 400)', () => {
    let thrown: unknown;
    try {
      insOfPatientRef({ ins: '123' }, local);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportError);
    expect(thrown).toMatchObject({ code: 'IMPORT_INS_INVALID' });
    expect((thrown as Error).message).toMatch(/^INS du patient illisible/);
    expect(importHttpStatusOf(thrown as ImportError)).toBe(400);
  });

  it('access modes and selections', () => {
    expect(dmpAccessOf({ mode: 'normal' })).toEqual({ mode: 'normal' });
    // Emergency modes have their own rules (consultation): import refuses them outright.
    expect(() => dmpAccessOf({ mode: 'bris-de-glace', reason: 'urgence' })).toThrow(
      expect.objectContaining({ code: 'IMPORT_ACCESS_MODE_REFUSED' }),
    );
    expect(() => dmpAccessOf({ mode: 'centre-15' })).toThrow(/accès normal uniquement/);
    expect(importHttpStatusOf(new NavetteError('IMPORT_ACCESS_MODE_REFUSED', 'x'))).toBe(403);
    expect(selectionOf({ uniqueIds: ['1.2'] })).toEqual({ uniqueIds: ['1.2'] });
    expect(selectionOf({ since: '2026-01-01' })).toEqual({ since: '2026-01-01' });
    expect(selectionOf({})).toEqual({});
  });

  it('HTTP statuses: no session 503, the card 503, the DMP 502', () => {
    const err = (code: string) => new NavetteError(code, 'x');
    expect(importHttpStatusOf(err('IMPORT_DMP_UNAVAILABLE'))).toBe(503);
    expect(importHttpStatusOf(err('CARD_PIN_REQUIRED'))).toBe(503);
    expect(importHttpStatusOf(err('DMP_SETUP_TRUST_ANCHORS'))).toBe(503);
    expect(importHttpStatusOf(err('DMP_ACCESS_DENIED'))).toBe(403);
    expect(importHttpStatusOf(err('DMP_SERVER_FAULT'))).toBe(502);
  });
});
