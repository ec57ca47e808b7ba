// The send path on real folders and a real SQLite file: drop → claim → check → outbox → send →
// sent/ or error/. Fakes only at the checker and sender ports.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { fakeCda } from './support/FakeDocumentChecker.js';
import { closeHarnesses, makeHarness } from './support/harness.js';
import { sleep, waitFor } from './support/waitFor.js';

afterEach(async () => {
  await closeHarnesses();
  removeTempDirs();
});

const PROCESSING = path.join('.navette-en-cours', 'poste-a');

describe('send path', () => {
  it('takes a complete CDA, sends it once and moves it to sent/', async () => {
    const h = makeHarness();
    await h.service.start();
    writeFileSync(path.join(h.folder, 'cr.xml'), fakeCda('1.2.3^1'));
    await waitFor(() => h.list('sent').includes('cr.xml'), 'cr.xml in sent/');
    expect(h.list()).toEqual(['.navette-en-cours', 'error', 'sent']);
    expect(h.list(PROCESSING)).toEqual([]);
    expect(h.sender.registry.get('1.2.3^1')).toBe(1);
    expect(h.service.outbox.counts()).toMatchObject({ sent: 1, total: 1 });
    expect(readFileSync(path.join(h.folder, 'sent', 'cr.xml'), 'utf8')).toBe(fakeCda('1.2.3^1'));
    expect(h.events.map((e) => e.type)).toEqual(['claimed', 'recorded', 'placed']);
  });

  it('does not take a file while its writer appends slowly, then takes all of it', async () => {
    const h = makeHarness({ stableDelayMs: 600 });
    await h.service.start();
    const file = path.join(h.folder, 'long.xml');
    writeFileSync(file, '<doc uniqueId="1.2.3^2" ');
    for (let i = 0; i < 12; i++) {
      await sleep(100); // each pause is shorter than the stability delay
      appendFileSync(file, `a${i}="${'x'.repeat(100)}" `);
      expect(h.checker.checked).toHaveLength(0);
    }
    appendFileSync(file, '/>');
    await waitFor(() => h.list('sent').includes('long.xml'), 'long.xml in sent/');
    expect(h.checker.checked).toHaveLength(1);
    expect(new TextDecoder().decode(h.checker.checked[0]!.bytes)).toMatch(/a11="x+" \/>$/);
  });

  it('ignores temporary names and takes the file once renamed to its final name', async () => {
    const h = makeHarness();
    await h.service.start();
    for (const name of ['cr.xml.tmp', 'cr.pdf.part', '~$cr.xml', '.cr.xml', 'Thumbs.db']) {
      writeFileSync(path.join(h.folder, name), fakeCda(`9.9^${name}`));
    }
    await sleep(1300); // longer than the stability delay and a rescan
    await h.service.intake.scanNow();
    expect(h.checker.checked).toHaveLength(0);
    renameSync(path.join(h.folder, 'cr.xml.tmp'), path.join(h.folder, 'cr.xml'));
    await waitFor(() => h.list('sent').includes('cr.xml'), 'cr.xml in sent/');
    expect(h.list()).toEqual(
      [
        '.cr.xml',
        '.navette-en-cours',
        'Thumbs.db',
        'cr.pdf.part',
        'error',
        'sent',
        '~$cr.xml',
      ].sort(),
    );
  });

  it('moves a PDF and its sidecar together; a sidecar alone waits for its PDF', async () => {
    const h = makeHarness();
    await h.service.start();
    writeFileSync(path.join(h.folder, 'scan.json'), JSON.stringify({ title: 'Radio' }));
    await sleep(700);
    await h.service.intake.scanNow();
    expect(h.list()).toContain('scan.json');
    expect(h.checker.checked).toHaveLength(0);
    writeFileSync(path.join(h.folder, 'scan.pdf'), '%PDF-1.7 fake');
    await waitFor(() => h.list('sent').includes('scan.pdf'), 'scan.pdf in sent/');
    expect(h.list('sent')).toEqual(['scan.json', 'scan.pdf']);
    expect(h.checker.checked[0]?.sidecar).toEqual({
      fileName: 'scan.json',
      text: '{"title":"Radio"}',
    });
    // The sender got the built document (the payload), not the PDF.
    expect(new TextDecoder().decode(h.sender.sends[0]!.bytes)).toMatch(/^<doc uniqueId="2\.25\./);
    expect(h.sender.sends[0]?.sidecarText).toBe('{"title":"Radio"}');
  });

  it('sends a PDF without sidecar to error/ after the grace period, with a reason file', async () => {
    const h = makeHarness();
    await h.service.start();
    writeFileSync(path.join(h.folder, 'seul.pdf'), '%PDF-1.7 fake');
    await waitFor(() => h.list('error').includes('seul.pdf.erreur.txt'), 'reason file');
    expect(h.list('error')).toEqual(['seul.pdf', 'seul.pdf.erreur.txt']);
    const reason = readFileSync(path.join(h.folder, 'error', 'seul.pdf.erreur.txt'), 'utf8');
    expect(reason).toMatch(/^\uFEFFNavette n'a pas envoyé ce document au DMP/);
    expect(reason).toContain('Motif : Le PDF n’est accompagné d’aucun fichier de métadonnées');
    expect(reason).toContain(`déposez-le à nouveau dans le dossier « ${h.folder} »`);
    expect(h.sender.sends).toHaveLength(0);
  });

  it('puts a refused document in error/ with its reason, and takes it again once fixed', async () => {
    const h = makeHarness();
    await h.service.start();
    const drop = (text: string): void => writeFileSync(path.join(h.folder, 'cr.xml'), text);
    drop(fakeCda('1.2.3^5', 'INVALIDE'));
    await waitFor(() => h.list('error').includes('cr.xml.erreur.txt'), 'first refusal');
    drop(fakeCda('1.2.3^5', 'INVALIDE encore'));
    await waitFor(() => h.list('error').includes('cr (2).xml.erreur.txt'), 'second refusal');
    expect(h.list('error')).toEqual([
      'cr (2).xml',
      'cr (2).xml.erreur.txt',
      'cr.xml',
      'cr.xml.erreur.txt',
    ]);
    const reason = readFileSync(path.join(h.folder, 'error', 'cr.xml.erreur.txt'), 'utf8');
    expect(reason).toContain("Motif : La clé de l'INS du patient est fausse.");
    expect(reason).toContain('Où : /ClinicalDocument/recordTarget/patientRole/id[2]');
    expect(reason).toContain("Que faire : Vérifiez l'INS dans le dossier du patient");
    drop(fakeCda('1.2.3^5'));
    await waitFor(() => h.list('sent').includes('cr.xml'), 'fixed document sent');
    expect(h.sender.registry.get('1.2.3^5')).toBe(1);
  });

  it('puts a document the DMP refused in error/ with the DMP reason', async () => {
    const h = makeHarness();
    h.sender.script('1.2.3^6', {
      kind: 'refuse',
      reason: 'Le patient a fermé son DMP.',
      code: 'DMP_CLOSED',
    });
    await h.service.start();
    writeFileSync(path.join(h.folder, 'cr.xml'), fakeCda('1.2.3^6'));
    await waitFor(() => h.list('error').includes('cr.xml.erreur.txt'), 'reason file');
    const reason = readFileSync(path.join(h.folder, 'error', 'cr.xml.erreur.txt'), 'utf8');
    expect(reason).toMatch(/^\uFEFFLe DMP a refusé ce document\./);
    expect(reason).toContain('Motif : Le patient a fermé son DMP.');
    expect(reason).toContain('code DMP_CLOSED');
  });

  it('keeps a document in processing while the DMP is unreachable, then sends it', async () => {
    const h = makeHarness();
    h.sender.script('1.2.3^7', { kind: 'fail', reached: false }, { kind: 'fail', reached: false });
    await h.service.start();
    writeFileSync(path.join(h.folder, 'cr.xml'), fakeCda('1.2.3^7'));
    await waitFor(() => h.sender.sends.length === 1, 'first attempt');
    // Nothing is deleted or moved before the DMP acknowledged it.
    const [claimDir] = h.list(PROCESSING);
    expect(h.list(path.join(PROCESSING, claimDir!))).toEqual(['cr.xml']);
    await waitFor(() => h.list('sent').includes('cr.xml'), 'sent after retries');
    expect(h.sender.sendCount('1.2.3^7')).toBe(3);
    expect(h.sender.registry.get('1.2.3^7')).toBe(1);
  });

  it('does not send a re-dropped identical document again, journals it, and files it in sent/', async () => {
    const h = makeHarness();
    await h.service.start();
    writeFileSync(path.join(h.folder, 'cr.xml'), fakeCda('1.2.3^8'));
    await waitFor(() => h.list('sent').includes('cr.xml'), 'first sent');
    writeFileSync(path.join(h.folder, 'cr.xml'), fakeCda('1.2.3^8'));
    await waitFor(() => h.list('sent').includes('cr (2).xml'), 'duplicate filed');
    expect(h.sender.sendCount('1.2.3^8')).toBe(1);
    expect(h.service.outbox.counts()).toMatchObject({ sent: 1, duplicate: 1 });
    const dup = h.journal.list().find((e) => e.transaction === 'outbox.duplicate');
    expect(dup?.details).toMatchObject({ uniqueId: '1.2.3^8', duplicateOf: 1 });
    expect(
      h.events.filter((e) => e.type === 'recorded').map((e) => e.type === 'recorded' && e.status),
    ).toEqual(['queued', 'duplicate']);
  });

  it('makes a copy dropped while its original is pending follow the original to error/', async () => {
    const h = makeHarness();
    h.sender.latencyMs = 600;
    h.sender.script('1.2.3^9', { kind: 'refuse', reason: 'Document refusé par le DMP.' });
    await h.service.start();
    writeFileSync(path.join(h.folder, 'a.xml'), fakeCda('1.2.3^9'));
    await waitFor(() => h.sender.sends.length === 1, 'original being sent');
    writeFileSync(path.join(h.folder, 'b.xml'), fakeCda('1.2.3^9'));
    await waitFor(
      () => ['a.xml.erreur.txt', 'b.xml.erreur.txt'].every((n) => h.list('error').includes(n)),
      'both in error/',
    );
    const reason = readFileSync(path.join(h.folder, 'error', 'b.xml.erreur.txt'), 'utf8');
    expect(reason).toContain('il est identique à un document déposé auparavant');
    expect(reason).toContain('Document identique déposé auparavant : a.xml');
    expect(reason).toContain('Motif : Document refusé par le DMP.');
    expect(h.sender.sends).toHaveLength(1);
  });

  it('gives a postponed document back to the folder and takes it later', async () => {
    const h = makeHarness();
    h.checker.postponeAll = 'La carte CPS est absente.';
    await h.service.start();
    writeFileSync(path.join(h.folder, 'cr.xml'), fakeCda('1.2.3^11'));
    await waitFor(() => h.events.some((e) => e.type === 'postponed'), 'postponed');
    expect(h.list()).toContain('cr.xml');
    expect(h.list(PROCESSING)).toEqual([]);
    expect(h.service.outbox.counts().total).toBe(0);
    h.checker.postponeAll = undefined;
    await waitFor(() => h.list('sent').includes('cr.xml'), 'sent once the card is back');
    expect(h.checker.checked).toHaveLength(2);
  });

  it('refuses a file larger than the limit without reading it', async () => {
    const h = makeHarness({ service: { maxBytes: 1024 } });
    await h.service.start();
    writeFileSync(path.join(h.folder, 'gros.xml'), fakeCda('1.2.3^10', 'x'.repeat(4096)));
    await waitFor(() => h.list('error').includes('gros.xml.erreur.txt'), 'reason file');
    expect(h.checker.checked).toHaveLength(0);
    const reason = readFileSync(path.join(h.folder, 'error', 'gros.xml.erreur.txt'), 'utf8');
    expect(reason).toMatch(
      /^Motif : Le fichier pèse 5 Ko, plus que la taille maximale acceptée \(1 Ko\)\.$/m,
    );
  });

  it('polls a folder detected as a network share, and still takes its files', async () => {
    const folder = path.join(makeTempDir('navette-share-'), 'export');
    mkdirSync(folder);
    const h = makeHarness({
      folder,
      service: {
        // The rescan period is 30 s: only the polling watcher can bring a file in quickly.
        watch: { folders: [folder], rescanIntervalSec: 30, stableDelayMs: 250, polling: 'auto' },
        intake: { isNetworkFolder: () => Promise.resolve(true), pollIntervalMs: 100 },
      },
    });
    await h.service.start();
    expect(h.service.intake.isPolling(folder)).toBe(true);
    writeFileSync(path.join(folder, 'cr.xml'), fakeCda('1.2.3^12'));
    await waitFor(() => h.list('sent').includes('cr.xml'), 'taken through polling', 5000);
  });

  it('waits for a folder that is unavailable at start, and takes its files once it appears', async () => {
    const missing = path.join(makeTempDir('navette-share-'), 'partage-deconnecte');
    const later = makeHarness({
      service: {
        watch: { folders: [missing], rescanIntervalSec: 1, stableDelayMs: 250, polling: 'never' },
      },
    });
    const errors: string[] = [];
    later.service.onIntakeEvent((e) => {
      if (e.type === 'folder-error') errors.push(e.folder);
    });
    await later.service.start();
    expect(errors).toEqual([missing]);
    mkdirSync(missing);
    writeFileSync(path.join(missing, 'cr.xml'), fakeCda('1.2.3^13'));
    await waitFor(
      () => existsSync(path.join(missing, 'sent', 'cr.xml')),
      'taken after the share came back',
    );
  });
});
