// The requests DmpClient's consultation and management methods really send (captured on the
// wire of a scripted transport) validate against the official schemas — XDS.b/ebRS for ITI-18,
// ITI-43 and ITI-57, the xs:schema of Habilitations.wsdl and PatientsSpecific.wsdl for TD0.3 and
// TD0.4 — with libxml2-wasm and xmllint, and have the shape of the official sample requests.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DmpClient, withRelations } from '../../src/dmp/index.js';
import { readSoapEnvelope } from '../../src/protocol/soap/index.js';
import {
  buildAdhocQueryRequest,
  buildAdhocQueryResponse,
  buildRegistryResponse,
  parseAdhocQueryRequest,
  parseAdhocQueryResponse,
  parseRetrieveDocumentSetRequest,
  parseUpdateDocumentSetRequest,
  type DocumentEntry,
} from '../../src/protocol/xds/index.js';
import { createXsdValidator } from '../../src/protocol/xsd/index.js';
import { REFERENCE_DIR } from '../support/paths.js';
import { makeTempDir } from '../support/tempDir.js';
import {
  DMP_SCHEMA_DIR,
  XDS_ROOT_XSD,
  schemaLoader,
  xmllintValidate,
} from '../support/xsdFiles.js';
import { ENDPOINT, GP_CONTEXT, PATIENT_A, testSigner } from '../unit/dmp/dmpTestContext.js';
import { ScriptedTransport, type SeenRequest } from '../unit/dmp/scriptedTransport.js';

const MESSAGES = path.join(REFERENCE_DIR, 'dmp', 'messages');
const sample = (name: string) => readFileSync(path.join(MESSAGES, name), 'utf8');
const validator = createXsdValidator(schemaLoader(), XDS_ROOT_XSD);
afterAll(() => validator.dispose());

function expectXdsValid(xml: string): void {
  const ours = validator.validate(xml);
  const lint = xmllintValidate(path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD), xml);
  expect({ ours: ours.errors.map((e) => e.message), lint: lint.ok ? 'ok' : lint.output }).toEqual({
    ours: [],
    lint: 'ok',
  });
}

/** The xs:schema embedded in a WSDL, as a standalone XSD file. */
function wsdlSchema(wsdl: string): string {
  const text = readFileSync(path.join(REFERENCE_DIR, 'dmp', 'wsdl', wsdl), 'utf8');
  const schema = /<xs:schema[\s\S]*<\/xs:schema>/.exec(text)?.[0];
  if (schema === undefined) throw new Error(`no xs:schema in ${wsdl}`);
  const file = path.join(makeTempDir('navette-wsdl-xsd-'), wsdl.replace('.wsdl', '.xsd'));
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n${schema}`);
  return file;
}

const OFFICIAL_ENTRY: DocumentEntry = (() => {
  const entry = parseAdhocQueryResponse(sample('td3.1-recherche-de-document.response.xml'))
    .documentEntries[0];
  if (entry === undefined) throw new Error('official TD3.1 answer is empty');
  return entry;
})();

/** A client whose transport records every request and answers a neutral success. */
function recording(): { client: DmpClient; seen: SeenRequest[] } {
  const transport = new ScriptedTransport((req) => {
    const isUpdate = req.envelope.bodyXml.includes('SubmitObjectsRequest');
    const bodyXml = isUpdate
      ? buildRegistryResponse({ status: 'Success' })
      : buildAdhocQueryResponse({ status: 'Success' });
    return {
      body: `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>${bodyXml}</soap:Body></soap:Envelope>`,
    };
  });
  const client = new DmpClient({
    transport,
    endpoint: ENDPOINT,
    signer: testSigner(),
    context: GP_CONTEXT,
    now: () => new Date('2026-05-06T08:00:00Z'),
  });
  return { client, seen: transport.seen };
}

describe('requests of the consultation methods, against the official schemas and samples', () => {
  it('TD3.1 FindDocuments with every filter, FindSubmissionSets, GetAssociations…', async () => {
    const { client, seen } = recording();
    await client.findDocuments(PATIENT_A, 'normal', {
      statuses: ['approved', 'archived', 'deprecated', 'deleted'],
      classCodes: [{ code: '10', codingScheme: '1.2.250.1.213.1.1.4.1' }],
      typeCodes: [{ code: '11488-4', codingScheme: '2.16.840.1.113883.6.1' }],
      creationFrom: new Date('2024-01-01T00:00:00Z'),
      creationTo: '20260101',
      serviceStartFrom: '20240101',
      serviceStopTo: '20260101',
    });
    await client.findDocumentsSince(PATIENT_A, '20260501120000', 'normal');
    const official = parseAdhocQueryRequest(sample('td3.1-recherche-de-document.request.xml'));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const req of seen) expectXdsValid(req.envelope.bodyXml);
    const find = parseAdhocQueryRequest(seen[0]?.envelope.bodyXml ?? '');
    expect(find.query.kind).toBe(official.query.kind);
    expect(find.returnType).toBe(official.returnType);
    expect(find.returnComposedObjects).toBe(official.returnComposedObjects);
    // The official request's parameters are all there, with the same patient form.
    expect(find.query).toMatchObject({
      ...official.query,
      statuses: expect.arrayContaining(['Approved']),
    });
    expect(parseAdhocQueryRequest(seen[1]?.envelope.bodyXml ?? '').query).toMatchObject({
      kind: 'FindSubmissionSets',
      submissionTimeFrom: '20260501120000',
    });
  });

  it('TD3.1 GetAssociations and GetDocumentsAndAssociations batches validate', async () => {
    const { client, seen } = recording();
    const associations = await client.call.invoke({
      operation: 'registryStoredQuery',
      bodyXml: buildAdhocQueryRequest({
        query: { kind: 'GetDocumentsAndAssociations', entryUuids: [OFFICIAL_ENTRY.entryUuid] },
      }),
      patient: PATIENT_A,
      access: { mode: 'normal' },
    });
    expect(associations.status).toBe(200);
    // The relation step the search uses: associations of the entries found.
    await withRelations(
      { call: client.call, ins: PATIENT_A, access: { mode: 'normal' }, transaction: 'TD3.1' },
      { entries: [OFFICIAL_ENTRY] },
    );
    expect(seen.map((r) => parseAdhocQueryRequest(r.envelope.bodyXml).query.kind)).toEqual([
      'GetDocumentsAndAssociations',
      'GetAssociations',
    ]);
    for (const req of seen) expectXdsValid(req.envelope.bodyXml);
  });

  it('TD3.2 RetrieveDocumentSet has the official request’s shape', async () => {
    const { client, seen } = recording();
    await client
      .retrieveDocument(
        PATIENT_A,
        {
          uniqueId: OFFICIAL_ENTRY.uniqueId,
          repositoryUniqueId: OFFICIAL_ENTRY.repositoryUniqueId,
        },
        'normal',
      )
      .catch(() => undefined); // the neutral answer holds no document: only the request matters
    const body = seen[0]?.envelope.bodyXml ?? '';
    expectXdsValid(body);
    const official = parseRetrieveDocumentSetRequest(
      sample('td3.2-consultation-d-un-document.request.xml'),
    );
    const ours = parseRetrieveDocumentSetRequest(body);
    expect(Object.keys(ours[0] ?? {}).sort()).toEqual(Object.keys(official[0] ?? {}).sort());
  });

  it('TD3.3 archive and delete have the official td3.3d / td3.3c shapes; mask validates', async () => {
    const { client, seen } = recording();
    await client.manageDocument(PATIENT_A, OFFICIAL_ENTRY, 'archive', 'normal');
    await client.manageDocument(PATIENT_A, OFFICIAL_ENTRY, 'delete', 'normal');
    await client.manageDocument(PATIENT_A, OFFICIAL_ENTRY, 'mask', 'normal');
    for (const req of seen) expectXdsValid(req.envelope.bodyXml);
    const shape = (xml: string) => {
      const r = parseUpdateDocumentSetRequest(xml);
      return {
        submissionSet: Object.keys(r.submissionSet)
          .filter(
            (k) => !['title', 'comments', 'otherSlots', 'status', 'homeCommunityId'].includes(k),
          )
          .sort(),
        statusUpdates: r.statusUpdates.map((s) => [s.originalStatus, s.newStatus]),
        metadataUpdates: r.metadataUpdates.length,
      };
    };
    expect(shape(seen[0]?.envelope.bodyXml ?? '')).toEqual(
      shape(sample('td3.3d-archiver-un-document.request.xml')),
    );
    const deletion = shape(seen[1]?.envelope.bodyXml ?? '');
    const officialDeletion = shape(sample('td3.3c-supprimer-un-document.request.xml'));
    expect(deletion.submissionSet).toEqual(officialDeletion.submissionSet);
    expect(deletion.statusUpdates.map((s) => s[1])).toEqual(
      officialDeletion.statusUpdates.map((s) => s[1]),
    );
    expect(shape(seen[2]?.envelope.bodyXml ?? '')).toMatchObject({ metadataUpdates: 1 });
  });

  it('TD0.3 and TD0.4 bodies validate against the WSDL schemas and match the samples', async () => {
    const habilitations = wsdlSchema('Habilitations.wsdl');
    const patients = wsdlSchema('PatientsSpecific.wsdl');
    const { client, seen } = recording();
    await client.setAuthorization(PATIENT_A, 'add', 'normal', true).catch(() => undefined);
    await client.setAuthorization(PATIENT_A, 'remove', 'normal').catch(() => undefined);
    await client
      .listAuthorizedPatients({ since: '20101010202010', dateType: 'LASTDOC' }, 'normal')
      .catch(() => undefined);
    const check = (schema: string, xml: string) => {
      const r = xmllintValidate(schema, xml);
      expect(r.output).toContain('validates');
    };
    check(habilitations, seen[0]?.envelope.bodyXml ?? '');
    check(habilitations, seen[1]?.envelope.bodyXml ?? '');
    check(patients, seen[2]?.envelope.bodyXml ?? '');
    const text = (xml: string) => xml.replace(/<\/?(\w+:)?/g, '<').replace(/\s+/g, '');
    const officialTd03 = readSoapEnvelope(
      sample('td0.3-mise-a-jour-de-l-autorisation.request.xml'),
    );
    expect(text(seen[0]?.envelope.bodyXml ?? '')).toContain('<action>AJOUT<action>');
    expect(text(officialTd03.bodyXml)).toContain('<action>AJOUT<action>');
    const officialTd04 = readSoapEnvelope(sample('td0.4-liste-des-dmp-autorises.request.xml'));
    for (const field of ['<startDate>20101010202010<startDate>', '<dateType>LASTDOC<dateType>']) {
      expect(text(officialTd04.bodyXml)).toContain(field);
      expect(text(seen[2]?.envelope.bodyXml ?? '')).toContain(field);
    }
  });
});
