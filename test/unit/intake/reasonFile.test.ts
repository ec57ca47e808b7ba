import { describe, expect, it } from 'vitest';
import { reasonFileText, reasonLines, type Reason } from '../../../src/intake/reasonFile.js';

const base: Reason = {
  cause: 'checks',
  summary: "La clé de l'INS du patient est fausse.",
  problems: [
    {
      code: 'CDA_INS_KEY',
      message: "La clé de l'INS du patient est fausse.",
      where: '/ClinicalDocument/recordTarget/patientRole/id[2]',
      fix: "Vérifiez l'INS dans le dossier du patient puis réexportez le document.",
    },
  ],
  fileName: 'cr.xml',
  folder: 'C:\\Export\\DMP',
  at: new Date('2025-05-12T08:15:00Z'),
  itemId: 42,
};

describe('reason file', () => {
  it('says in French what is wrong, where, and what to do', () => {
    expect(reasonLines(base)).toEqual([
      "Navette n'a pas envoyé ce document au DMP : il ne passe pas les vérifications.",
      '',
      'Fichier : cr.xml',
      'Date : 12 mai 2025 à 10:15',
      "Motif : La clé de l'INS du patient est fausse.",
      'Où : /ClinicalDocument/recordTarget/patientRole/id[2]',
      "Que faire : Vérifiez l'INS dans le dossier du patient puis réexportez le document.",
      '',
      'Que faire ensuite :',
      '  Corrigez le document (ou faites-le corriger dans votre logiciel métier), puis déposez-le ' +
        'à nouveau dans le dossier « C:\\Export\\DMP ». Navette le reprendra automatiquement (le ' +
        'même nom de fichier est accepté).',
      "  Ce fichier d'explication peut ensuite être supprimé.",
      '',
      'Référence pour le support : n° 42, code CDA_INS_KEY',
    ]);
  });

  it('lists several problems one by one', () => {
    const lines = reasonLines({
      ...base,
      summary: 'Le document comporte 2 erreurs.',
      problems: [
        { code: 'A', message: 'Premier problème.', fix: 'Corrigez A.' },
        { code: 'B', message: 'Second problème.', where: '/x' },
      ],
    });
    expect(lines.slice(4, 13)).toEqual([
      'Motif : Le document comporte 2 erreurs.',
      '',
      'Ce qui ne va pas (2) :',
      '  1. Premier problème.',
      '     Que faire : Corrigez A.',
      '  2. Second problème.',
      '     Où : /x',
      '',
      'Que faire ensuite :',
    ]);
  });

  it('adapts the headline and advice to the cause', () => {
    const failed = reasonLines({
      ...base,
      cause: 'failed',
      attempts: 20,
      problems: [],
      summary: 'Injoignable.',
    });
    expect(failed[0]).toMatch(/n'a pas réussi à joindre le DMP/);
    expect(failed).toContain("Tentatives d'envoi : 20");
    expect(failed.join('\n')).toMatch(/Vérifiez la connexion/);
    const dup = reasonLines({ ...base, cause: 'duplicate', originalFileName: 'cr-ancien.xml' });
    expect(dup[0]).toMatch(/identique à un document déposé/);
    expect(dup).toContain('Document identique déposé auparavant : cr-ancien.xml');
    expect(reasonLines({ ...base, cause: 'conflict' }).join('\n')).toMatch(/nouvelle version/);
    expect(reasonLines({ ...base, cause: 'dmp' })[0]).toBe('Le DMP a refusé ce document.');
  });

  it('is written with a BOM and CRLF line ends for Windows editors', () => {
    const text = reasonFileText(base);
    expect(text.startsWith('\uFEFFNavette')).toBe(true);
    expect(text.endsWith('CDA_INS_KEY\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(reasonLines(base).length + 1);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });
});
