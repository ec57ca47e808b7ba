// Sending documents end to end (DmpDocumentSender over DmpClient) against the DMP test server,
// in direct mode with the GP's SoftHSM2 card: the VIHF and the XAdES lot signature signed on the
// card with its SIGNATURE key, mutual TLS with its AUTHENTICATION key through the OpenSSL engine.
// Covers: a first send, a resend reconciled as ours (never a second registry entry), a foreign
// document with the same uniqueId, a replacement (RPLC) that deprecates the old version, and the
// closed DMP refused in French before and without TD0.2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import { CheckedDocuments } from '../../../src/app/documents/CheckedDocuments.js';
import { DmpDocumentSender } from '../../../src/app/sending/DmpDocumentSender.js';
import { cdaToDocumentEntry, readCda } from '../../../src/protocol/cda/index.js';
import { DOCUMENT_STATUSES } from '../../../src/protocol/xds/index.js';
import { removeTempDirs } from '../../support/tempDir.js';
import {
  PATIENT_CLOSED,
  PATIENT_GP_IS_MT,
  startTestSandbox,
  type TestSandbox,
} from './sandboxFixture.js';
import { buildCda, outgoing, registryEntries } from './sendingSupport.js';

let sandbox: TestSandbox;
let session: DmpSession;
let sender: DmpDocumentSender;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  session = await openDmpSession({
    config: sandbox.configOf(sandbox.writeConfig('direct')),
    env: { SOFTHSM2_CONF: sandbox.softhsmConf },
    cardLabel: sandbox.gp.label,
    pin: () => Promise.resolve(sandbox.gp.pin),
  });
  sender = new DmpDocumentSender({ client: session.client, signer: session.signer });
});

afterAll(async () => {
  await session?.close();
  await sandbox?.stop();
  removeTempDirs();
});

describe('DmpDocumentSender against the sandbox (direct mode, SoftHSM2 card)', () => {
  it('sends a level-1 CDA, then recognises a resend as ours without a second entry', async () => {
    const cda = buildCda(sandbox, { ins: PATIENT_GP_IS_MT });
    const first = await sender.send(outgoing(cda));
    expect(first).toMatchObject({
      kind: 'accepted',
      receipt: { entryUuid: expect.stringMatching(/^urn:uuid:/), dmpStatus: 'ACTIF' },
    });
    const entryUuid = first.kind === 'accepted' ? first.receipt?.entryUuid : undefined;

    const registered = await registryEntries(session.client, PATIENT_GP_IS_MT);
    const mine = registered.filter((e) => e.uniqueId === cda.uniqueId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entryUuid, status: DOCUMENT_STATUSES.Approved });
    // The submission set names the document's author and the ambulatory content type.
    expect(mine[0]?.authors[0]?.person).toContain(sandbox.gp.holder.id);

    const again = await sender.send(outgoing(cda, 2));
    expect(again).toMatchObject({
      kind: 'accepted',
      receipt: { entryUuid, details: { reconciled: true, status: 'Approved' } },
    });
    expect(await sender.findByUniqueId(cda.uniqueId, outgoing(cda))).toMatchObject({
      kind: 'found',
      receipt: { entryUuid },
    });
    const after = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(after.filter((e) => e.uniqueId === cda.uniqueId)).toHaveLength(1);
    expect(after).toHaveLength(registered.length);
  });

  it('refuses another document that reuses a registered uniqueId, and never reports it found', async () => {
    // A plain OID: the lot signature's manifest names documents `urn:oid:<uniqueId>`.
    const id = '1.2.250.1.999.42.1';
    const original = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, id });
    expect((await sender.send(outgoing(original))).kind).toBe('accepted');
    const impostor = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, id, title: 'Autre compte rendu' });
    expect(impostor.uniqueId).toBe(original.uniqueId);
    const outcome = await sender.send(outgoing(impostor));
    expect(outcome).toMatchObject({
      kind: 'refused',
      code: 'DMP_DUPLICATE_UNIQUE_ID',
      reason: expect.stringContaining('même identifiant'),
      fix: expect.stringContaining('nouvel identifiant'),
    });
    expect(await sender.findByUniqueId(id, outgoing(impostor))).toEqual({ kind: 'absent' });
  });

  it('replaces a document (relatedDocument RPLC): the old version becomes Deprecated', async () => {
    const v1 = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: 'Version 1' });
    const sent = await sender.send(outgoing(v1));
    expect(sent.kind).toBe('accepted');
    const v1Uuid = sent.kind === 'accepted' ? sent.receipt?.entryUuid : undefined;
    const v2 = buildCda(sandbox, {
      ins: PATIENT_GP_IS_MT,
      title: 'Version 2',
      replaces: { id: v1.uniqueId, setId: v1.setId, version: 1 },
    });
    const replaced = await sender.send(outgoing(v2));
    expect(replaced).toMatchObject({
      kind: 'accepted',
      receipt: { details: { replacedEntryUuid: v1Uuid } },
    });
    const entries = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(entries.find((e) => e.uniqueId === v1.uniqueId)?.status).toBe(
      DOCUMENT_STATUSES.Deprecated,
    );
    expect(entries.find((e) => e.uniqueId === v2.uniqueId)?.status).toBe(
      DOCUMENT_STATUSES.Approved,
    );
    // The same replacement again: the old version is gone, but the new one is ours.
    expect(await sender.send(outgoing(v2, 2))).toMatchObject({
      kind: 'accepted',
      receipt: { details: { reconciled: true } },
    });
    // A replacement of a version the DMP never had is refused with what to do.
    const orphan = buildCda(sandbox, {
      ins: PATIENT_GP_IS_MT,
      replaces: { id: '1.2.250.1.999.42.404', setId: v1.setId, version: 3 },
    });
    expect(await sender.send(outgoing(orphan))).toMatchObject({
      kind: 'refused',
      code: 'SEND_REPLACED_NOT_FOUND',
      fix: expect.stringContaining('version précédente'),
    });
  });

  it('refuses a document for a closed DMP in French, with TD0.2 and without it', async () => {
    const cda = buildCda(sandbox, { ins: PATIENT_CLOSED });
    const outcome = await sender.send(outgoing(cda));
    expect(outcome).toMatchObject({
      kind: 'refused',
      code: 'DMP_CLOSED',
      reason: 'Le DMP de ce patient est fermé : il n’accepte plus de document.',
      fix: expect.stringContaining('Mon Espace Santé'),
    });
    // Without TD0.2 the DMP itself refuses the lot (fault DMPClosed): same answer to the user.
    const blind = new DmpDocumentSender({
      client: session.client,
      signer: session.signer,
      checkDmpStatus: false,
    });
    expect(await blind.send(outgoing(cda))).toMatchObject({ kind: 'refused', code: 'DMP_CLOSED' });
    // A closed DMP cannot be searched either: the lookup fails, with the DMP's words.
    expect(await blind.findByUniqueId(cda.uniqueId, outgoing(cda))).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('DMPClosed'),
    });
  });

  it('takes the metadata the checks of this process learnt, when they are about these bytes', async () => {
    const checked = new CheckedDocuments();
    const withChecks = new DmpDocumentSender({
      client: session.client,
      signer: session.signer,
      checked,
    });
    const factsOf = (cda: ReturnType<typeof buildCda>, title: string) => {
      const read = readCda(cda.bytes);
      if (!read.ok) throw new Error(read.problem.message);
      const entry = cdaToDocumentEntry(read.document, { bytes: cda.bytes }).entry;
      if (entry === undefined) throw new Error('no entry');
      // A title only the checks know: the registry shows which metadata went.
      return { uniqueId: cda.uniqueId, entry: { ...entry, title }, visibility: undefined };
    };
    const v1 = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: 'Lu dans le fichier' });
    const first = outgoing(v1);
    checked.remember(first.contentHash, {
      ...factsOf(v1, 'Appris par les vérifications'),
      replacedUniqueId: undefined,
    });
    expect((await withChecks.send(first)).kind).toBe('accepted');
    // Registered: forgotten (patient identities do not stay in memory).
    expect(checked.size).toBe(0);

    // Facts mapped with another visibility do not apply: the sender reads the document itself.
    const v2 = buildCda(sandbox, {
      ins: PATIENT_GP_IS_MT,
      title: 'Version 2 lue dans le fichier',
      replaces: { id: v1.uniqueId, setId: v1.setId, version: 1 },
    });
    const second = outgoing(v2);
    checked.remember(second.contentHash, {
      ...factsOf(v2, 'Version 2 apprise'),
      visibility: {
        hiddenFromPatient: true,
        hiddenFromProfessionals: false,
        hiddenFromLegalRepresentatives: false,
      },
      replacedUniqueId: v1.uniqueId,
    });
    expect(await withChecks.send(second)).toMatchObject({
      kind: 'accepted',
      receipt: { details: { replacedEntryUuid: expect.stringMatching(/^urn:uuid:/) } },
    });
    const entries = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(entries.find((e) => e.uniqueId === v1.uniqueId)).toMatchObject({
      title: 'Appris par les vérifications',
      status: DOCUMENT_STATUSES.Deprecated,
    });
    expect(entries.find((e) => e.uniqueId === v2.uniqueId)?.title).toBe(
      'Version 2 lue dans le fichier',
    );
  });
});
