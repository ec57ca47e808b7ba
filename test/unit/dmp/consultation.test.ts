// The consultation and management transactions through DmpClient over a scripted transport,
// answered with the official sample answers (TD0.3, TD0.4, TD3.1, TD3.2) read from the reference
// folder, or with the protocol's own builders: the requests sent, the typed results, the
// batches of 20, identity vigilance and each refusal's typed French error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmpClient, toDmpDocument, type DmpDocument } from '../../../src/dmp/index.js';
import { parseSetAuthorizationRequest } from '../../../src/protocol/habilitations/index.js';
import { collectBytes, contentIdFromHref, writeMtom } from '../../../src/protocol/mtom/index.js';
import {
  buildSoapFaultEnvelope,
  buildSoapResponseEnvelope,
  readSoapEnvelope,
} from '../../../src/protocol/soap/index.js';
import {
  buildAdhocQueryResponse,
  buildRegistryResponse,
  parseAdhocQueryRequest,
  parseAdhocQueryResponse,
  parseUpdateDocumentSetRequest,
} from '../../../src/protocol/xds/index.js';
import { REFERENCE_DIR } from '../../support/paths.js';
import { ENDPOINT, GP_CONTEXT, PATIENT_A, PATIENT_B, testSigner } from './dmpTestContext.js';
import { ScriptedTransport, type SeenRequest } from './scriptedTransport.js';

const MESSAGES = path.join(REFERENCE_DIR, 'dmp', 'messages');
const sampleBody = (name: string) =>
  readSoapEnvelope(readFileSync(path.join(MESSAGES, name))).bodyXml;
/** An official answer as the DMP sent it, minus its RelatesTo (it names the sample's request). */
const sampleAnswer = (name: string) => ({
  body: readFileSync(path.join(MESSAGES, name), 'utf8').replace(
    /<(\w+:)?RelatesTo\b[^>]*>[^<]*<\/(\w+:)?RelatesTo>/,
    '',
  ),
});
const soap = (bodyXml: string, action = 'urn:test:response') => ({
  body: buildSoapResponseEnvelope({ action, bodyXml }).xml,
});
const NOW = new Date('2026-05-06T08:00:00Z');

function client(transport: ScriptedTransport): DmpClient {
  return new DmpClient({
    transport,
    endpoint: ENDPOINT,
    signer: testSigner(),
    context: GP_CONTEXT,
    now: () => NOW,
  });
}

const queryOf = (req: SeenRequest) => parseAdhocQueryRequest(req.envelope.bodyXml).query;
const EMPTY = buildAdhocQueryResponse({ status: 'Success' });

describe('TD0.3 / TD0.4', () => {
  it('TD0.3 add sends AJOUT for the VIHF patient and reads the official answer', async () => {
    const transport = new ScriptedTransport(() =>
      sampleAnswer('td0.3-mise-a-jour-de-l-autorisation.response.xml'),
    );
    const result = await client(transport).setAuthorization(PATIENT_A, 'add', 'normal', true);
    expect(result).toMatchObject({ action: 'add', status: 'DMPOk' });
    expect(parseSetAuthorizationRequest(transport.seen[0]?.envelope.bodyXml ?? '')).toEqual({
      action: 'AJOUT',
    });
    expect(transport.seen[0]?.url).toBe(`${ENDPOINT}/habilitations`);
    expect(transport.seen[0]?.envelope.securityXml).toContain('207058575627097');
  });

  it('TD0.3 remove of the MT role, and a status other than DMPOk is a typed rejection', async () => {
    const transport = new ScriptedTransport(() =>
      soap(
        '<setAuthorizationResponse xmlns="urn:si-dmp-habilitations"><output><status>DMPKo</status><context>Refus</context></output></setAuthorizationResponse>',
      ),
    );
    await expect(
      client(transport).setAuthorization(PATIENT_A, 'remove', 'normal', {
        role: 'MEDECIN_TRAITANT',
      }),
    ).rejects.toMatchObject({
      code: 'DMP_AUTHORIZATION_REJECTED',
      message: expect.stringContaining('Refus'),
    });
    expect(parseSetAuthorizationRequest(transport.seen[0]?.envelope.bodyXml ?? '')).toEqual({
      action: 'SUPPRESSION',
      role: 'MEDECIN_TRAITANT',
    });
  });

  it('TD0.4 reads the official list with its dates, without a patient in the VIHF', async () => {
    const transport = new ScriptedTransport(() =>
      sampleAnswer('td0.4-liste-des-dmp-autorises.response.xml'),
    );
    const list = await client(transport).listAuthorizedPatients(
      { since: '20210101000000', dateType: 'LASTDOC' },
      'normal',
    );
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({
      ins: { matricule: '207058575627097' },
      isMedecinTraitant: true,
      lastDocumentDate: '20210521101631',
      lastAuthorizationDate: '20210506124503',
      lastAccessDate: '20210521101631',
    });
    expect(transport.seen[0]?.envelope.bodyXml).toContain('<dateType>LASTDOC</dateType>');
    expect(transport.seen[0]?.envelope.securityXml).not.toContain('resource-id');
  });
});

describe('TD3.1', () => {
  const official = sampleBody('td3.1-recherche-de-document.response.xml');

  it('first look: approved documents of two years, associations read by batches of 20', async () => {
    const transport = new ScriptedTransport((req) => {
      const q = queryOf(req);
      return soap(q.kind === 'FindDocuments' ? official : EMPTY);
    });
    const docs = await client(transport).findDocuments(PATIENT_A, 'normal');
    const first = queryOf(transport.seen[0] as SeenRequest);
    expect(first).toMatchObject({
      kind: 'FindDocuments',
      statuses: ['Approved'],
      creationTimeFrom: '20240506080000',
    });
    const sample = parseAdhocQueryResponse(official).documentEntries;
    expect(docs).toHaveLength(sample.length);
    const batches = transport.seen.slice(1).map(queryOf);
    expect(batches.map((q) => q.kind)).toEqual(['GetAssociations', 'GetAssociations']);
    expect(batches.map((q) => (q.kind === 'GetAssociations' ? q.entryUuids.length : 0))).toEqual([
      20,
      sample.length - 20,
    ]);
    const d = docs.find((x) => x.uniqueId === sample[0]?.uniqueId) as DmpDocument;
    expect(d).toMatchObject({
      entryUuid: sample[0]?.entryUuid,
      status: 'approved',
      mimeType: 'text/xml',
      repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
      author: { id: expect.any(String) },
      lot: undefined,
      history: [],
    });
    // Newest first.
    const times = docs.map((x) => x.creationTime ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('never uses an answer holding another patient’s documents', async () => {
    const transport = new ScriptedTransport(() => soap(official));
    await expect(client(transport).findDocuments(PATIENT_B, 'normal')).rejects.toMatchObject({
      code: 'DMP_RESPONSE_MISMATCH',
    });
  });

  it('sends the filters: classes, dates, statuses', async () => {
    const transport = new ScriptedTransport(() => soap(EMPTY));
    await client(transport).findDocuments(PATIENT_A, 'normal', {
      statuses: ['approved', 'archived', 'deprecated', 'deleted'],
      classCodes: [{ code: '10', codingScheme: '1.2.250.1.213.1.1.4.1' }],
      creationFrom: '20200101',
      serviceStopTo: new Date('2026-01-01T00:00:00Z'),
    });
    expect(queryOf(transport.seen[0] as SeenRequest)).toMatchObject({
      statuses: ['Approved', 'Archived', 'Deprecated', 'Deleted'],
      classCodes: [{ code: '10', codingScheme: '1.2.250.1.213.1.1.4.1' }],
      creationTimeFrom: '20200101',
      serviceStopTimeTo: '20260101000000',
    });
  });

  it('alerts for documents hidden from the patient, unknown codes treated as hidden', () => {
    const entry = parseAdhocQueryResponse(official).documentEntries[0];
    if (entry === undefined) throw new Error('sample empty');
    const hidden = toDmpDocument({
      ...entry,
      confidentialityCodes: [
        { code: 'N', codingScheme: '2.16.840.1.113883.5.25' },
        { code: 'INVISIBLE_PATIENT', codingScheme: '1.2.250.1.213.1.1.4.13' },
        { code: 'INVISIBLE_REPRESENTANTS_LEGAUX', codingScheme: '1.2.250.1.213.1.1.4.13' },
      ],
    });
    expect(hidden.alerts.map((a) => a.code)).toEqual([
      'INVISIBLE_PATIENT',
      'INVISIBLE_REPRESENTANTS_LEGAUX',
    ]);
    const unknown = toDmpDocument({
      ...entry,
      confidentialityCodes: [{ code: 'SECRET', codingScheme: '1.2.250.1.213.1.1.4.13' }],
    });
    expect(unknown.visibility.hiddenFromPatient).toBe(true);
    expect(unknown.alerts.map((a) => a.code)).toEqual(['VISIBILITE_INCONNUE']);
  });
});

describe('TD3.2', () => {
  async function mtomAnswer(content: Uint8Array) {
    const body = sampleBody('td3.2-consultation-d-un-document.response.xml');
    const href = /href="([^"]+)"/.exec(body)?.[1] ?? '';
    const envelope = buildSoapResponseEnvelope({
      action: 'urn:ihe:iti:2007:RetrieveDocumentSetResponse',
      bodyXml: body,
    }).xml;
    const mtom = writeMtom({
      envelopeXml: envelope,
      attachments: [{ contentId: contentIdFromHref(href) ?? '', content, contentType: 'text/xml' }],
    });
    return { body: await collectBytes(mtom.body), contentType: mtom.contentType };
  }

  it('reads the official MTOM answer: the bytes of the part the xop:Include names', async () => {
    const content = new TextEncoder().encode('<ClinicalDocument/>');
    const answer = await mtomAnswer(content);
    const transport = new ScriptedTransport(() => answer);
    const got = await client(transport).retrieveDocument(
      PATIENT_A,
      {
        uniqueId: '1.2.250.1.999.1.1.7898.1.995657292',
        repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
      },
      'normal',
    );
    expect(got).toMatchObject({
      mimeType: 'text/xml',
      repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
    });
    expect(Buffer.from(got.bytes).toString()).toBe('<ClinicalDocument/>');
    expect(transport.seen[0]?.url).toBe(`${ENDPOINT}/repository`);
  });

  it('a fault sent as MTOM (as the DMP answers ITI-43) is the typed fault', async () => {
    const fault = buildSoapFaultEnvelope({
      code: 'Sender',
      subcodes: ['DMPAccessDeniedByRightsService'],
      reason: 'Action TD3.2/unmasked non autorisée pour le profil CPE/normal (PDT-INF-526).',
    });
    const mtom = writeMtom({ envelopeXml: fault });
    const body = await collectBytes(mtom.body);
    const transport = new ScriptedTransport(() => ({
      status: 500,
      body,
      contentType: mtom.contentType,
    }));
    await expect(
      client(transport).retrieveDocument(
        PATIENT_A,
        { uniqueId: '1.2.3', repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2' },
        'normal',
      ),
    ).rejects.toMatchObject({
      code: 'DMP_ACCESS_DENIED',
      fault: { dmpErrorCode: 'DMPAccessDeniedByRightsService' },
    });
  });

  it('a document without a repository is not requested', async () => {
    const transport = new ScriptedTransport(() => soap(EMPTY));
    await expect(
      client(transport).retrieveDocument(
        PATIENT_A,
        { uniqueId: '1.2.3', repositoryUniqueId: undefined },
        'normal',
      ),
    ).rejects.toMatchObject({ code: 'DMP_DOCUMENT_UNAVAILABLE' });
    expect(transport.seen).toHaveLength(0);
  });
});

describe('TD3.3', () => {
  const entry = parseAdhocQueryResponse(sampleBody('td3.1-recherche-de-document.response.xml'))
    .documentEntries[0];
  if (entry === undefined) throw new Error('sample empty');

  it('archive sends UpdateAvailabilityStatus Approved → Archived for the entryUUID', async () => {
    const transport = new ScriptedTransport(() =>
      soap(buildRegistryResponse({ status: 'Success' })),
    );
    const result = await client(transport).manageDocument(PATIENT_A, entry, 'archive', 'normal');
    expect(result).toEqual({ action: 'archive', entryUuid: entry.entryUuid, status: 'archived' });
    const req = parseUpdateDocumentSetRequest(transport.seen[0]?.envelope.bodyXml ?? '');
    expect(req.statusUpdates).toMatchObject([
      { targetEntryUuid: entry.entryUuid, originalStatus: 'Approved', newStatus: 'Archived' },
    ]);
    expect(req.submissionSet.patientId).toBe(entry.patientId);
    expect(transport.seen[0]?.url).toBe(`${ENDPOINT}/registry`);
  });

  it('mask sends a new version with MASQUE_PS and the previous version number', async () => {
    const transport = new ScriptedTransport(() =>
      soap(buildRegistryResponse({ status: 'Success' })),
    );
    const result = await client(transport).manageDocument(PATIENT_A, entry, 'mask', 'normal');
    const req = parseUpdateDocumentSetRequest(transport.seen[0]?.envelope.bodyXml ?? '');
    expect(req.metadataUpdates).toHaveLength(1);
    expect(req.metadataUpdates[0]?.previousVersion).toBe(entry.version);
    expect(req.metadataUpdates[0]?.entry).toMatchObject({
      entryUuid: result.entryUuid,
      logicalId: entry.logicalId,
    });
    // The sample's entry is hidden from the patient: that stays, MASQUE_PS is added.
    expect(req.metadataUpdates[0]?.entry.confidentialityCodes.map((c) => c.code)).toEqual([
      'N',
      'MASQUE_PS',
      'INVISIBLE_PATIENT',
    ]);
  });

  it('a rights fault becomes DMP_DOCUMENT_ACTION_REFUSED in French; a Failure, IMPOSSIBLE', async () => {
    const transport = new ScriptedTransport(() => ({
      status: 500,
      body: buildSoapFaultEnvelope({
        code: 'Sender',
        subcodes: ['DMPAccessDeniedByRightsService'],
        reason: 'Action TD3.3c/delete possible uniquement sur ses propres documents.',
      }),
    }));
    await expect(
      client(transport).manageDocument(PATIENT_A, entry, 'delete', 'normal'),
    ).rejects.toMatchObject({
      code: 'DMP_DOCUMENT_ACTION_REFUSED',
      message: expect.stringContaining('seul l'),
    });
    transport.answerWith(() =>
      soap(
        buildRegistryResponse({
          status: 'Failure',
          errors: [
            {
              errorCode: 'XDSMetadataVersionError',
              codeContext: 'Version 1 introuvable',
              severity: 'Error',
            },
          ],
        }),
      ),
    );
    await expect(
      client(transport).manageDocument(PATIENT_A, entry, 'unmask', 'normal'),
    ).rejects.toMatchObject({ code: 'DMP_DOCUMENT_ACTION_IMPOSSIBLE' });
  });
});
