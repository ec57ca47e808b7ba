// The DMP test server over real mutual TLS with the test PKI: VIHF checks, the rights matrix,
// the feed → search → retrieve → update cycle, persistence across a restart, fault injection.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLotSignature } from '../../../src/protocol/dsig/index.js';
import { buildTd02Request, parseTd02Response } from '../../../src/protocol/hl7v3/index.js';
import { buildSetAuthorizationRequest } from '../../../src/protocol/habilitations/index.js';
import { insOfKind } from '../../../src/domain/ins/ins.js';
import {
  buildAdhocQueryRequest,
  buildProvideAndRegisterRequest,
  buildRetrieveDocumentSetRequest,
  buildUpdateDocumentSetRequest,
  availabilityChange,
  documentHashAndSize,
  lotSignatureEntry,
  parseAdhocQueryResponse,
  parseRegistryResponse,
  parseRetrieveDocumentSetResponse,
  type DocumentEntryInput,
} from '../../../src/protocol/xds/index.js';
import {
  initSandbox,
  startSandbox,
  type RunningSandbox,
  type SandboxManifest,
} from '../../../src/sandbox/index.js';
import { REFERENCE_DIR } from '../../support/paths.js';
import { pemSigner, SandboxTestClient } from '../../support/sandboxClient.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { documentEntry, submissionSet } from '../../unit/protocol/xds/lotFixtures.js';

const MT_PATIENT = '207058575627097'; // GP is médecin traitant
const ACTIVE_PATIENT = '279035121518989'; // nobody authorised
const OPPOSED_PATIENT = '188102B17295165';
const CX = (ins: string) => `${ins}^^^&1.2.250.1.213.1.4.10&ISO^NH`;
const CDA = readFileSync(path.join(REFERENCE_DIR, 'dmp/messages/td2.1-documentme2.xml'));

let dir: string;
let manifest: SandboxManifest;
let sandbox: RunningSandbox;
const clients: SandboxTestClient[] = [];
function client(key: string): SandboxTestClient {
  const c =
    key === 'structure'
      ? new SandboxTestClient(manifest, sandbox.url, 'structure')
      : SandboxTestClient.forCard(manifest, sandbox.url, key);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  dir = makeTempDir('sandbox-server-');
  manifest = initSandbox({ dir, withoutSoftHsm: true });
  sandbox = await startSandbox({ dir, port: 0 });
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await sandbox.stop();
  removeTempDirs();
});

function td02(ins: string): string {
  return buildTd02Request({
    ins: insOfKind(ins, 'NIR_TEST'),
    sender: { oid: '1.2.3.4', softwareName: 'Navette' },
    creationTime: new Date(),
  }).xml;
}

function gpEntry(uniqueId: string, over: Partial<DocumentEntryInput> = {}): DocumentEntryInput {
  const gp = manifest.cards.find((c) => c.key === 'gp');
  const author = {
    person: `${gp?.holder.id ?? ''}^${gp?.holder.family ?? ''}^${gp?.holder.given ?? ''}^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS`,
  };
  return documentEntry({
    uniqueId,
    patientId: CX(MT_PATIENT),
    mimeType: 'text/xml',
    authors: [author],
    confidentialityCodes: [{ code: 'N', codingScheme: '2.16.840.1.113883.5.25' }],
    ...documentHashAndSize(CDA),
    ...over,
  });
}

/** Feeds one CDA; the manifest's zero-digest entry names `manifestLot`, by default the lot. */
async function feed(cardKey: string, uniqueId: string, replaces?: string, manifestLot?: string) {
  const card = manifest.cards.find((c) => c.key === cardKey);
  if (!card) throw new Error(cardKey);
  const entry = gpEntry(uniqueId);
  const lotUid = `${uniqueId}.1`;
  const signatureUid = `${uniqueId}.9`;
  const xades = Buffer.from(
    await buildLotSignature(
      { documents: [{ uniqueId, content: CDA }], submissionSetUniqueId: manifestLot ?? lotUid },
      pemSigner(card.signature.cert, card.signature.key),
    ),
  );
  const built = buildProvideAndRegisterRequest({
    submissionSet: submissionSet({ uniqueId: lotUid, patientId: CX(MT_PATIENT) }),
    documents: [{ entry, content: CDA, ...(replaces === undefined ? {} : { replaces }) }],
    signature: {
      entry: lotSignatureEntry({
        uniqueId: signatureUid,
        patientId: CX(MT_PATIENT),
        authors: entry.authors,
        time: '20260101120000',
        healthcareFacilityTypeCode: entry.healthcareFacilityTypeCode,
        practiceSettingCode: entry.practiceSettingCode,
        ...documentHashAndSize(xades),
      }),
      content: xades,
    },
  });
  const answer = await client(cardKey).call('provideAndRegisterDocumentSet', built.xml, {
    patientIns: MT_PATIENT,
    attachments: built.attachments,
  });
  return { answer, built };
}

async function getDocument(key: string, uniqueId: string) {
  const a = await client(key).call(
    'registryStoredQuery',
    buildAdhocQueryRequest({ query: { kind: 'GetDocuments', uniqueIds: [uniqueId] } }),
    { patientIns: MT_PATIENT },
  );
  const entry = parseAdhocQueryResponse(a.envelope?.bodyXml ?? '').documentEntries[0];
  if (!entry)
    throw new Error(`${uniqueId} not found by ${key}: ${a.raw.toString('utf8').slice(0, 300)}`);
  return entry;
}

function faultCode(a: {
  envelope: { fault?: { subcodes?: readonly string[] } | undefined } | undefined;
}) {
  return a.envelope?.fault?.subcodes?.[0];
}

describe('DMP test server', () => {
  it('answers TD0.2 with the authorisation and médecin traitant status of the caller', async () => {
    const a = await client('gp').call('patientRegistryQuery', td02(MT_PATIENT), {
      patientIns: MT_PATIENT,
    });
    expect(a.status).toBe(200);
    const r = parseTd02Response(a.envelope?.bodyXml ?? '');
    expect(r).toMatchObject({
      dmpStatus: 'ACTIF',
      authorization: 'VALIDE',
      isMedecinTraitant: true,
    });
    const nurse = await client('nurse').call('patientRegistryQuery', td02(MT_PATIENT), {
      patientIns: MT_PATIENT,
    });
    expect(parseTd02Response(nurse.envelope?.bodyXml ?? '').authorization).toBe('NON_EXISTE');
    const closed = await client('gp').call('patientRegistryQuery', td02('153078987658513'), {
      patientIns: '153078987658513',
    });
    expect(parseTd02Response(closed.envelope?.bodyXml ?? '').dmpStatus).toBe('FERME');
  });

  it('refuses a VIHF signed with the authentication key, with the DMP fault', async () => {
    const a = await client('gp').call('patientRegistryQuery', td02(MT_PATIENT), {
      patientIns: MT_PATIENT,
      signWithAuthenticationKey: true,
    });
    expect(a.status).toBe(400);
    expect(faultCode(a)).toBe('DMPInvalidCertificate');
    expect(a.envelope?.fault?.reason).toBe('Not a valid signature certificate');
  });

  it('refuses a request without WS-Addressing or without VIHF', async () => {
    const noWsa = await client('gp').call('patientRegistryQuery', td02(MT_PATIENT), {
      patientIns: MT_PATIENT,
      withoutAddressing: true,
    });
    expect(noWsa.envelope?.fault?.reason).toContain('Message Addressing Property is not present');
    const noVihf = await client('gp').call('patientRegistryQuery', td02(MT_PATIENT), {
      noVihf: true,
    });
    expect(faultCode(noVihf)).toBe('DMPInvalidVihf');
  });

  it('refuses bris de glace to a non-médecin, without reason, and on a patient who opposed it', async () => {
    const nurse = await client('nurse').call('patientRegistryQuery', td02(ACTIVE_PATIENT), {
      patientIns: ACTIVE_PATIENT,
      vihf: { accessMode: 'bris_de_glace', accessReason: 'urgence' },
    });
    expect(faultCode(nurse)).toBe('DMPAccessDeniedByRightsService');
    const noReason = await client('cardiologist').call(
      'patientRegistryQuery',
      td02(ACTIVE_PATIENT),
      {
        patientIns: ACTIVE_PATIENT,
        vihf: { accessMode: 'bris_de_glace', accessReason: 'à retirer' },
        // Our builder refuses a bris de glace without reason: remove it after building.
        vihfTransform: (xml) =>
          xml.replace(/<saml2:Attribute Name="Mode_Acces_Raison">.*?<\/saml2:Attribute>/s, ''),
      },
    );
    expect(faultCode(noReason)).toBe('DMPInvalidVihf');
    const opposed = await client('cardiologist').call(
      'patientRegistryQuery',
      td02(OPPOSED_PATIENT),
      {
        patientIns: OPPOSED_PATIENT,
        vihf: { accessMode: 'bris_de_glace', accessReason: 'patient inconscient' },
      },
    );
    expect(faultCode(opposed)).toBe('DMPAccessDeniedByPatient');
  });

  it('feeds a signed lot, refuses it twice, finds it, returns its bytes as MTOM', async () => {
    const { answer } = await feed('gp', '1.2.250.1.999.7.1');
    expect(parseRegistryResponse(answer.envelope?.bodyXml ?? '').status).toBe('Success');
    const again = await feed('gp', '1.2.250.1.999.7.1');
    const failure = parseRegistryResponse(again.answer.envelope?.bodyXml ?? '');
    expect(failure.status).toBe('Failure');
    expect(failure.errors[0]?.errorCode).toBe('XDSDuplicateUniqueIdInRegistry');

    const query = buildAdhocQueryRequest({
      query: { kind: 'FindDocuments', patientId: CX(MT_PATIENT), statuses: ['Approved'] },
    });
    const found = await client('gp').call('registryStoredQuery', query, { patientIns: MT_PATIENT });
    const entries = parseAdhocQueryResponse(found.envelope?.bodyXml ?? '').documentEntries;
    const doc = entries.find((e) => e.uniqueId === '1.2.250.1.999.7.1');
    expect(doc?.repositoryUniqueId ?? manifest.repositoryUniqueId).toBe(
      manifest.repositoryUniqueId,
    );

    const retrieve = await client('gp').call(
      'retrieveDocumentSet',
      buildRetrieveDocumentSetRequest([
        { repositoryUniqueId: manifest.repositoryUniqueId, documentUniqueId: '1.2.250.1.999.7.1' },
      ]),
      { patientIns: MT_PATIENT },
    );
    expect(retrieve.contentType).toContain('multipart/related');
    const parsed = parseRetrieveDocumentSetResponse(retrieve.envelope?.bodyXml ?? '');
    const cid = parsed.documents[0]?.contentId ?? '';
    expect(retrieve.attachments.get(cid)?.equals(CDA)).toBe(true);
  });

  it('refuses a lot whose zero-digest manifest entry names something else than its SubmissionSet', async () => {
    // The layout Navette wrote before: the zero entry named the signature document itself.
    const { answer } = await feed('gp', '1.2.250.1.999.7.5', undefined, '1.2.250.1.999.7.5.9');
    const failure = parseRegistryResponse(answer.envelope?.bodyXml ?? '');
    expect(failure.status).toBe('Failure');
    expect(failure.errors[0]?.errorCode).toBe('DMPLotSignatureInvalid');
    expect(failure.errors[0]?.codeContext).toContain('au lieu du lot 1.2.250.1.999.7.5.1');
    // Nothing of the refused lot was registered: the same document goes through once signed right.
    const retry = await feed('gp', '1.2.250.1.999.7.5');
    expect(parseRegistryResponse(retry.answer.envelope?.bodyXml ?? '').status).toBe('Success');
  });

  it('refuses consultation to the secretary (CPE) and to an unauthorised nurse', async () => {
    const ref = [
      { repositoryUniqueId: manifest.repositoryUniqueId, documentUniqueId: '1.2.250.1.999.7.1' },
    ];
    const cpe = await client('secretary').call(
      'retrieveDocumentSet',
      buildRetrieveDocumentSetRequest(ref),
      {
        patientIns: MT_PATIENT,
      },
    );
    expect(cpe.contentType).toContain('multipart/related'); // faults come back as MTOM too
    expect(faultCode(cpe)).toBe('DMPAccessDeniedByRightsService');
    const nurse = await client('nurse').call(
      'retrieveDocumentSet',
      buildRetrieveDocumentSetRequest(ref),
      {
        patientIns: MT_PATIENT,
      },
    );
    expect(faultCode(nurse)).toBe('DMPAccessNotAuthorized');
  });

  it('archives a document for its author only, then deletes it', async () => {
    const registry = await client('gp').call(
      'registryStoredQuery',
      buildAdhocQueryRequest({ query: { kind: 'GetDocuments', uniqueIds: ['1.2.250.1.999.7.1'] } }),
      { patientIns: MT_PATIENT },
    );
    const entry = parseAdhocQueryResponse(registry.envelope?.bodyXml ?? '').documentEntries[0];
    if (!entry) throw new Error('entry not found');
    const archive = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet({ uniqueId: '1.2.250.1.999.7.50', patientId: CX(MT_PATIENT) }),
      statusUpdates: [availabilityChange('archive', entry.entryUuid, 'Approved')],
    }).xml;
    const byOther = await client('cardiologist').call('updateDocumentSet', archive, {
      patientIns: MT_PATIENT,
    });
    expect(faultCode(byOther)).toBe('DMPAccessDeniedByRightsService');
    const byAuthor = await client('gp').call('updateDocumentSet', archive, {
      patientIns: MT_PATIENT,
    });
    expect(parseRegistryResponse(byAuthor.envelope?.bodyXml ?? '').status).toBe('Success');
    const approvedOnly = await client('gp').call(
      'registryStoredQuery',
      buildAdhocQueryRequest({
        query: { kind: 'FindDocuments', patientId: CX(MT_PATIENT), statuses: ['Approved'] },
      }),
      { patientIns: MT_PATIENT },
    );
    expect(
      parseAdhocQueryResponse(approvedOnly.envelope?.bodyXml ?? '').documentEntries.map(
        (e) => e.uniqueId,
      ),
    ).not.toContain('1.2.250.1.999.7.1');
  });

  it('replaces a document (RPLC): the old version becomes Deprecated; only its author may', async () => {
    expect(
      parseRegistryResponse((await feed('gp', '1.2.250.1.999.7.2')).answer.envelope?.bodyXml ?? '')
        .status,
    ).toBe('Success');
    const old = await getDocument('gp', '1.2.250.1.999.7.2');
    const byOther = await feed('cardiologist', '1.2.250.1.999.7.4', old.entryUuid);
    expect(parseRegistryResponse(byOther.answer.envelope?.bodyXml ?? '').errors[0]?.errorCode).toBe(
      'XDSRegistryError',
    );
    const replaced = await feed('gp', '1.2.250.1.999.7.3', old.entryUuid);
    expect(parseRegistryResponse(replaced.answer.envelope?.bodyXml ?? '').status).toBe('Success');
    expect((await getDocument('gp', '1.2.250.1.999.7.2')).status).toBe(
      'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
    );
  });

  it('masks a document to other professionals as a new metadata version (TD3.3a)', async () => {
    // The cardiologist declares himself authorised (TD0.3) and sees the document…
    const add = await client('cardiologist').call(
      'setAuthorization',
      buildSetAuthorizationRequest({ action: 'AJOUT' }),
      {
        patientIns: MT_PATIENT,
      },
    );
    expect(add.status).toBe(200);
    const visibleTo = async (key: string) =>
      parseAdhocQueryResponse(
        (
          await client(key).call(
            'registryStoredQuery',
            buildAdhocQueryRequest({
              query: { kind: 'FindDocuments', patientId: CX(MT_PATIENT), statuses: ['Approved'] },
            }),
            { patientIns: MT_PATIENT },
          )
        ).envelope?.bodyXml ?? '',
      ).documentEntries.map((e) => e.uniqueId);
    expect(await visibleTo('cardiologist')).toContain('1.2.250.1.999.7.3');
    // …until its author masks it.
    const current = await getDocument('gp', '1.2.250.1.999.7.3');
    const mask = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet({ uniqueId: '1.2.250.1.999.7.51', patientId: CX(MT_PATIENT) }),
      metadataUpdates: [
        {
          entry: current,
          confidentialityCodes: [
            { code: 'N', codingScheme: '2.16.840.1.113883.5.25' },
            { code: 'MASQUE_PS', codingScheme: '1.2.250.1.213.1.1.4.13' },
          ],
        },
      ],
    }).xml;
    const masked = await client('gp').call('updateDocumentSet', mask, { patientIns: MT_PATIENT });
    expect(parseRegistryResponse(masked.envelope?.bodyXml ?? '').status).toBe('Success');
    expect((await getDocument('gp', '1.2.250.1.999.7.3')).version).toBe('2');
    expect(await visibleTo('cardiologist')).not.toContain('1.2.250.1.999.7.3');
    expect(await visibleTo('gp')).toContain('1.2.250.1.999.7.3');
  });

  it('answers a structure certificate (indirect mode) and refuses it consultation', async () => {
    const td = await client('structure').call('patientRegistryQuery', td02(MT_PATIENT), {
      patientIns: MT_PATIENT,
    });
    expect(parseTd02Response(td.envelope?.bodyXml ?? '').dmpStatus).toBe('ACTIF');
    const find = await client('structure').call(
      'registryStoredQuery',
      buildAdhocQueryRequest({
        query: { kind: 'FindDocuments', patientId: CX(MT_PATIENT), statuses: ['Approved'] },
      }),
      { patientIns: MT_PATIENT },
    );
    expect(faultCode(find)).toBe('DMPAccessDeniedByRightsService');
  });

  it('keeps its state across a restart and records access traces', async () => {
    await sandbox.stop();
    sandbox = await startSandbox({ dir, port: 0 });
    const a = await client('gp').call(
      'registryStoredQuery',
      buildAdhocQueryRequest({ query: { kind: 'GetDocuments', uniqueIds: ['1.2.250.1.999.7.1'] } }),
      { patientIns: MT_PATIENT },
    );
    expect(parseAdhocQueryResponse(a.envelope?.bodyXml ?? '').documentEntries[0]?.status).toBe(
      'urn:asip:ci-sis:2010:StatusType:Archived',
    );
    const traces = (await client('gp').admin('traces', `?ins=${MT_PATIENT}`)) as {
      transaction: string;
      outcome: string;
    }[];
    expect(traces.some((t) => t.transaction === 'TD2.1' && t.outcome === 'ok')).toBe(true);
    expect(traces.some((t) => t.outcome === 'refused')).toBe(true);
  });

  it('injects faults deterministically', async () => {
    await sandbox.stop();
    sandbox = await startSandbox({ dir, port: 0, faults: 'patients/http503@2' });
    const first = await client('gp').call('patientRegistryQuery', td02(MT_PATIENT), {
      patientIns: MT_PATIENT,
    });
    const second = await client('gp').call('patientRegistryQuery', td02(MT_PATIENT), {
      patientIns: MT_PATIENT,
    });
    expect([first.status, second.status]).toEqual([200, 503]);
  });
});
