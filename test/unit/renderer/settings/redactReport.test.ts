import { describe, expect, it } from 'vitest';
import type { DiagnosticsReport } from '../../../../src/api/diagnostics.js';
import { redactText, redactedReport } from '../../../../src/renderer/settings/redactReport.js';

describe('redactText', () => {
  it('masks user folders, numbers that identify people, tokens, addresses and serials', () => {
    expect(redactText('/home/jdupont/navette/settings.json')).toBe(
      '/home/[utilisateur]/navette/settings.json',
    );
    expect(redactText('C:\\Users\\Marie\\AppData\\Navette')).toBe(
      'C:\\Users\\[utilisateur]\\AppData\\Navette',
    );
    expect(redactText('/Users/paul/Library')).toBe('/Users/[utilisateur]/Library');
    expect(redactText('patient 1 84 12 75 123 456 78 et 188102B17295165')).toBe(
      'patient [INS masqué] et [INS masqué]',
    );
    expect(redactText('carte de 810000123456 (RPPS)')).toBe('carte de [identifiant masqué] (RPPS)');
    expect(redactText('jeton nvt_abcDEF123_x')).toBe('jeton [jeton masqué]');
    expect(redactText('écrire à dr.martin@exemple.fr')).toBe('écrire à [adresse masquée]');
    expect(redactText('empreinte AB:CD:EF:01:23:45:67:89:AA')).toBe(
      'empreinte [empreinte masquée]',
    );
    expect(redactText('série 0123456789abcdef0123')).toBe('série [numéro masqué]');
  });

  it('keeps what says what is wrong', () => {
    const text =
      'Le DMP https://127.0.0.1:7412/si-dmp-server/v2/services répond en 120 ms (port 7412).';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactedReport', () => {
  it('is one line per check with its fix, redacted', () => {
    const report: DiagnosticsReport = {
      ok: false,
      authMode: 'direct',
      endpoint: 'https://127.0.0.1:7412/si-dmp-server/v2/services',
      ranAt: '2026-01-02T03:04:05.000Z',
      checks: [
        {
          id: 'configuration',
          title: 'Configuration',
          status: 'ok',
          verdict: 'valide',
          fix: null,
          code: null,
        },
        {
          id: 'card-module',
          title: 'Module de la carte',
          status: 'fail',
          verdict: 'introuvable : /home/jdupont/lib/libcps.so',
          fix: 'Installez la Cryptolib CPS.',
          code: 'CARD_MODULE_MISSING',
        },
      ],
    };
    expect(redactedReport(report).split('\n')).toEqual([
      'Diagnostic de Navette — 2026-01-02T03:04:05.000Z',
      'DMP : https://127.0.0.1:7412/si-dmp-server/v2/services — authentification directe (carte)',
      'Des problèmes bloquants sont à corriger.',
      '',
      '[OK] Configuration : valide',
      '[ÉCHEC] Module de la carte : introuvable : /home/[utilisateur]/lib/libcps.so',
      '    À faire : Installez la Cryptolib CPS.',
      '    Code : CARD_MODULE_MISSING',
    ]);
  });
});
