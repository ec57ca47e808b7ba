// Batches against the DMP test server, in direct mode with the GP's SoftHSM2 card: 20 documents
// of which 2 cannot go (a broken file, a patient whose DMP is closed). The pre-flight shows 18
// ready and 2 with French reasons and sends nothing; the send registers the 18 once each through
// the outbox; the report (CSV and HTML) lists every outcome; the broken file is fixed and sent
// again from the report; and the batch, its report included, survives closing everything.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../../src/api/batches.js';
import { BatchSchema } from '../../../src/api/batches.js';
import { openBatchReader, openBatchRunner } from '../../../src/app/batches/index.js';
import { preflightFile } from '../../../src/app/batches/preflightFile.js';
import { CdaDocumentChecker } from '../../../src/app/documents/CdaDocumentChecker.js';
import { documentCheckContext, loadCdaResources } from '../../../src/app/documents/cdaResources.js';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import type { Ins } from '../../../src/domain/ins/ins.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import {
  PATIENT_CLOSED,
  PATIENT_GP_IS_MT,
  startTestSandbox,
  type TestSandbox,
} from '../dmp/sandboxFixture.js';
import { buildCda, registryEntries } from '../dmp/sendingSupport.js';

let sandbox: TestSandbox;
let session: DmpSession;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  session = await openDmpSession({
    config: sandbox.configOf(sandbox.writeConfig('direct')),
    env: { SOFTHSM2_CONF: sandbox.softhsmConf },
    cardLabel: sandbox.gp.label,
    pin: () => Promise.resolve(sandbox.gp.pin),
  });
}, 60_000);

afterAll(async () => {
  await session?.close();
  await sandbox?.stop();
  removeTempDirs();
});

const BROKEN = 'casse <b>&"x".xml';

describe('batches against the DMP test server', () => {
  it('pre-flight 18 ready + 2 not, send, report, fix and re-send one, survive a restart', async () => {
    const home = makeTempDir('navette-batch-home-');
    const folder = makeTempDir('navette-batch-docs-');
    const uniqueIds: string[] = [];
    for (let i = 1; i <= 18; i++) {
      const cda = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: `Compte rendu ${i}` });
      uniqueIds.push(cda.uniqueId);
      writeFileSync(path.join(folder, `cr-${String(i).padStart(2, '0')}.xml`), cda.bytes);
    }
    writeFileSync(path.join(folder, 'ferme.xml'), buildCda(sandbox, { ins: PATIENT_CLOSED }).bytes);
    writeFileSync(path.join(folder, BROKEN), '<ClinicalDocument xmlns="urn:hl7-org:v3"><id');
    const before = (await registryEntries(session.client, PATIENT_GP_IS_MT)).length;

    const config = sandbox.configOf(sandbox.writeConfig('direct'));
    const env = { SOFTHSM2_CONF: sandbox.softhsmConf, NAVETTE_HOME: home };
    const runner = await openBatchRunner({
      config,
      env,
      dataDir: home,
      cardLabel: sandbox.gp.label,
      pin: () => Promise.resolve(sandbox.gp.pin),
    });
    let batchId: number;
    let brokenId: number;
    try {
      const events: BatchEvent[] = [];
      runner.batches.onEvent((e) => events.push(e));
      const checked = BatchSchema.parse(
        await runner.batches.preflight({ folder, label: 'Courriers du lundi' }),
      );
      batchId = checked.id;
      expect(checked.counts.total).toBe(20);
      expect(checked.counts.ready).toBe(18);
      expect(checked.counts.blocked).toBe(2);
      const closed = checked.items.find((i) => i.fileName === 'ferme.xml');
      expect(closed?.status).toBe('blocked');
      expect(closed?.dmpStatus).toBe('FERME');
      expect(closed?.reasons[0]?.code).toBe('DMP_CLOSED');
      expect(closed?.reasons[0]?.message).toMatch(/DMP de ce patient est fermé/);
      const broken = checked.items.find((i) => i.fileName === BROKEN);
      brokenId = broken?.id ?? 0;
      expect(broken?.status).toBe('blocked');
      expect(broken?.reasons.length).toBeGreaterThan(0);
      // French: an accented letter or a French word in every reason.
      for (const r of broken?.reasons ?? []) expect(r.message).toMatch(/[éèàçê]|le |la |du /);
      const ready = checked.items.filter((i) => i.status === 'ready');
      expect(ready.every((i) => i.dmpStatus === 'ACTIF')).toBe(true);
      expect(ready.every((i) => (i.visibility ?? '').startsWith('Visible'))).toBe(true);
      // Nothing sent by the pre-flight.
      expect(runner.worker.activeCount).toBe(0);
      expect((await registryEntries(session.client, PATIENT_GP_IS_MT)).length).toBe(before);

      await runner.batches.send(batchId);
      const done = await runner.batches.whenDone(batchId);
      expect(done.state).toBe('done');
      expect(done.counts.sent).toBe(18);
      expect(done.counts.blocked).toBe(2);
      expect(events.some((e) => e.type === 'batch-item' && e.status === 'sent')).toBe(true);
      expect(events.at(-1)?.type).toBe('batch-done');
      const registered = await registryEntries(session.client, PATIENT_GP_IS_MT);
      for (const id of uniqueIds) {
        expect(
          registered.filter((e) => e.uniqueId === id),
          id,
        ).toHaveLength(1);
      }
      expect(done.items.filter((i) => i.status === 'sent').every((i) => i.entryUuid !== null)).toBe(
        true,
      );

      const csv = runner.batches.report(batchId, 'csv');
      expect(csv.startsWith('\uFEFF"N°";"Fichier";"Titre"')).toBe(true);
      const lines = csv.trim().split('\r\n');
      expect(lines).toHaveLength(21);
      expect(lines.filter((l) => l.includes('"Envoyé"'))).toHaveLength(18);
      expect(lines.filter((l) => l.includes('"Non envoyé (vérification)"'))).toHaveLength(2);

      // Fix the broken document, then send it again from the report.
      writeFileSync(
        path.join(folder, BROKEN),
        buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: 'Corrigé' }).bytes,
      );
      await runner.batches.resend(batchId, brokenId);
      const after = await runner.batches.whenDone(batchId);
      expect(after.counts.sent).toBe(19);
      expect(after.counts.blocked).toBe(1);
      expect(after.items.find((i) => i.id === brokenId)?.status).toBe('sent');
    } finally {
      await runner.close();
    }

    // A restart: the batch and its report come back from the database alone.
    const reader = openBatchReader({ env, dataDir: home });
    try {
      const again = reader.batches.get(batchId);
      expect(again?.counts.sent).toBe(19);
      expect(again?.label).toBe('Courriers du lundi');
      const html = reader.batches.report(batchId, 'html');
      expect(html).toContain('casse &lt;b&gt;&amp;&quot;x&quot;.xml');
      expect(html).not.toContain('<b>');
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/\b(src|href)=|url\(|@import/i);
      expect(html).toContain("default-src 'none'");
      const out = path.join(home, 'rapport.html');
      writeFileSync(out, html);
      expect(readFileSync(out, 'utf8').match(/<tr class="ok">/g)).toHaveLength(19);
    } finally {
      reader.close();
    }
  }, 180_000);

  it('asks the DMP in the pre-flight as soon as a session exists (one opened after the start)', async () => {
    const resources = loadCdaResources();
    try {
      const checker = new CdaDocumentChecker({ context: documentCheckContext(resources) });
      const folder = makeTempDir('navette-batch-late-');
      const file = path.join(folder, 'cr.xml');
      writeFileSync(file, buildCda(sandbox, { ins: PATIENT_GP_IS_MT }).bytes);
      const card: { session?: DmpSession } = {};
      // As the service wires it: the session is looked up for each file.
      const deps = {
        checker,
        get testExistence() {
          const s = card.session;
          return s === undefined ? undefined : (ins: Ins) => s.client.testExistence(ins);
        },
      };
      const before = await preflightFile(file, deps);
      expect(before.fields).toMatchObject({ status: 'ready', dmpStatus: null });
      expect(before.fields.reasons?.map((r) => r.code)).toContain('DMP_STATUS_UNCHECKED');
      card.session = session; // the card was inserted, the PIN typed
      const after = await preflightFile(file, deps);
      expect(after.fields).toMatchObject({ status: 'ready', dmpStatus: 'ACTIF' });
      expect(after.fields.reasons?.map((r) => r.code)).not.toContain('DMP_STATUS_UNCHECKED');
    } finally {
      resources.dispose();
    }
  });
});
