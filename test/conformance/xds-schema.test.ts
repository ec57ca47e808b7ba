// Every XDS.b message Navette builds (client requests, test-server answers) validates against
// the official schema (reference/dmp/schema/IHE/XDS.b_DocumentRepository.xsd, which imports
// ebRS rs/rim/lcm/query) with our libxml2-wasm validator AND with xmllint, and reads back
// through our parsers to the same values.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  availabilityChange,
  buildAdhocQueryRequest,
  buildAdhocQueryResponse,
  buildProvideAndRegisterRequest,
  buildRegistryResponse,
  buildRetrieveDocumentSetRequest,
  buildRetrieveDocumentSetResponse,
  buildUpdateDocumentSetRequest,
  parseAdhocQueryRequest,
  parseAdhocQueryResponse,
  parseProvideAndRegisterRequest,
  parseRegistryResponse,
  parseRetrieveDocumentSetRequest,
  parseRetrieveDocumentSetResponse,
  parseUpdateDocumentSetRequest,
  type StoredQuery,
} from '../../src/protocol/xds/index.js';
import { createXsdValidator } from '../../src/protocol/xsd/index.js';
import {
  DMP_SCHEMA_DIR,
  XDS_ROOT_XSD,
  schemaLoader,
  xmllintValidate,
  xopInfoset,
} from '../support/xsdFiles.js';
import {
  PATIENT_ID,
  documentEntry,
  lot,
  registeredEntry,
  submissionSet,
} from '../unit/protocol/xds/lotFixtures.js';

const validator = createXsdValidator(schemaLoader(), XDS_ROOT_XSD);
afterAll(() => validator.dispose());
const schemaFile = path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD);

/** Both validators must accept the message; their messages are shown when they do not. */
function expectSchemaValid(xml: string): void {
  const ours = validator.validate(xml);
  const lint = xmllintValidate(schemaFile, xml);
  expect({
    ours: ours.errors.map((e) => `${e.line}: ${e.message}`),
    lint: lint.ok ? 'ok' : lint.output,
  }).toEqual({
    ours: [],
    lint: 'ok',
  });
  expect(ours.valid).toBe(true);
}

const queries: StoredQuery[] = [
  { kind: 'FindDocuments', patientId: PATIENT_ID, statuses: ['Approved'] },
  {
    kind: 'FindDocuments',
    patientId: PATIENT_ID,
    statuses: ['Approved', 'Archived', 'Deprecated'],
    classCodes: [
      { code: '10', codingScheme: '1.2.250.1.213.1.1.4.1' },
      { code: '11', codingScheme: '1.2.250.1.213.1.1.4.1' },
    ],
    typeCodes: [{ code: '11488-4', codingScheme: '2.16.840.1.113883.6.1' }],
    practiceSettingCodes: [{ code: 'AMBULATOIRE', codingScheme: '1.2.250.1.213.1.1.4.9' }],
    healthcareFacilityTypeCodes: [{ code: 'SA07', codingScheme: '1.2.250.1.71.4.2.4' }],
    formatCodes: [{ code: 'urn:ihe:iti:xds-sd:pdf:2008', codingScheme: '1.3.6.1.4.1.19376.1.2.3' }],
    eventCodes: [{ code: 'BACA008', codingScheme: '1.2.250.1.213.2.5' }],
    confidentialityCodes: [{ code: 'MASQUE_PS', codingScheme: '1.2.250.1.213.1.1.4.13' }],
    authorPersons: ['899900063480%'],
    creationTimeFrom: '20200101',
    creationTimeTo: '20211231235959',
    serviceStartTimeFrom: '2020',
    serviceStartTimeTo: '2022',
    serviceStopTimeFrom: '20200101',
    serviceStopTimeTo: '20221231',
  },
  {
    kind: 'FindSubmissionSets',
    patientId: PATIENT_ID,
    statuses: ['Approved'],
    submissionTimeFrom: '20240101000000',
    submissionTimeTo: '20241231235959',
    sourceIds: ['1.2.250.1.999.1.1.7898'],
    authorPerson: '%LIBRE%',
    contentTypeCodes: [{ code: '04', codingScheme: '1.2.250.1.213.2.2' }],
  },
  { kind: 'GetDocuments', uniqueIds: ['1.2.250.1.999.1.1.7898.1.995657292'] },
  { kind: 'GetDocuments', entryUuids: ['urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e'] },
  {
    kind: 'GetAssociations',
    entryUuids: [
      'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
      'urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e',
    ],
  },
  { kind: 'GetDocumentsAndAssociations', uniqueIds: ['1.2.3', "1.2.4'x"] },
];

describe('ITI-41 ProvideAndRegisterDocumentSetRequest', () => {
  it('validates (document, lot signature, replacement) and reads back', () => {
    const input = lot({
      documents: [
        { ...lot().documents[0]!, replaces: 'urn:uuid:4f196ae8-5549-11e9-9478-0050569e422e' },
      ],
    });
    const built = buildProvideAndRegisterRequest(input);
    const parts = new Map(built.attachments.map((a) => [a.contentId, a.content as Uint8Array]));
    // The body holds xop:Include elements; the schema describes the XOP infoset (base64 inline).
    expect(validator.validate(built.xml).valid).toBe(false);
    expectSchemaValid(xopInfoset(built.xml, parts));
    const read = parseProvideAndRegisterRequest(built.xml);
    expect(read.submissionSet.uniqueId).toBe(input.submissionSet.uniqueId);
    expect(read.documentEntries.map((e) => e.uniqueId)).toEqual(
      built.entries.map((e) => e.uniqueId),
    );
    expect(read.relations.replacements).toEqual([
      {
        entryId: built.entries[0]!.entryUuid,
        replaces: 'urn:uuid:4f196ae8-5549-11e9-9478-0050569e422e',
      },
    ]);
    expect(read.relations.signatureEntryId).toBe(built.entries[1]!.entryUuid);
    expect(read.documents.map((d) => d.contentId)).toEqual([
      'cda@navette.local',
      'xades@navette.local',
    ]);
  });
});

describe('ITI-18 stored queries', () => {
  it.each(queries.map((q) => [q.kind, q] as const))(
    '%s validates and reads back',
    (_kind, query) => {
      for (const returnType of ['LeafClass', 'ObjectRef'] as const) {
        const xml = buildAdhocQueryRequest({ query, returnType });
        expectSchemaValid(xml);
        const read = parseAdhocQueryRequest(xml);
        expect(read.query).toEqual(query);
        expect(read.returnType).toBe(returnType);
      }
    },
  );

  it('answers (LeafClass with a lot, ObjectRef, Failure with errors) validate and read back', () => {
    const entry = registeredEntry();
    const ss = {
      ...submissionSet(),
      entryUuid: 'urn:uuid:11111111-2222-4333-8444-555555555555',
      status: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
    };
    const association = {
      id: 'urn:uuid:22222222-2222-4333-8444-555555555555',
      associationType: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
      sourceObject: ss.entryUuid,
      targetObject: entry.entryUuid,
      submissionSetStatus: 'Original',
    };
    const leaf = buildAdhocQueryResponse({
      status: 'Success',
      documentEntries: [entry],
      submissionSets: [ss],
      associations: [association],
    });
    expectSchemaValid(leaf);
    const read = parseAdhocQueryResponse(leaf);
    expect(read.documentEntries).toEqual([entry]);
    expect(read.submissionSets).toEqual([ss]);
    expect(read.associations).toEqual([association]);

    const refs = buildAdhocQueryResponse({ status: 'Success', objectRefs: [entry.entryUuid] });
    expectSchemaValid(refs);
    expect(parseAdhocQueryResponse(refs).objectRefs).toEqual([entry.entryUuid]);

    const failure = buildAdhocQueryResponse({
      status: 'Failure',
      errors: [
        {
          errorCode: 'XDSStoredQueryMissingParam',
          codeContext: 'Missing $XDSDocumentEntryStatus',
          severity: 'Error',
          location: 'FindDocuments',
        },
      ],
    });
    expectSchemaValid(failure);
    expect(parseAdhocQueryResponse(failure).errors[0]?.errorCode).toBe(
      'XDSStoredQueryMissingParam',
    );
  });
});

describe('ITI-43 RetrieveDocumentSet', () => {
  it('request and response validate and read back', () => {
    const refs = [
      {
        repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
        documentUniqueId: '1.2.250.1.999.1.1.7898.1.995657292',
      },
      {
        repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
        documentUniqueId: '1.2.3.4',
        homeCommunityId: 'urn:oid:1.2.3',
      },
    ];
    const request = buildRetrieveDocumentSetRequest(refs);
    expectSchemaValid(request);
    expect(parseRetrieveDocumentSetRequest(request)).toEqual(refs);

    const response = buildRetrieveDocumentSetResponse({
      status: 'PartialSuccess',
      errors: [
        {
          errorCode: 'XDSDocumentUniqueIdError',
          codeContext: 'Document 1.2.3.4 introuvable',
          severity: 'Error',
          location: '1.2.3.4',
        },
      ],
      documents: [{ ...refs[0]!, mimeType: 'text/xml', contentId: 'doc-1@navette.local' }],
    });
    expectSchemaValid(
      xopInfoset(response.xml, new Map([['doc-1@navette.local', Buffer.from('<a/>')]])),
    );
    const read = parseRetrieveDocumentSetResponse(response.xml);
    expect(read.status).toBe('PartialSuccess');
    expect(read.documents).toEqual([
      { ...refs[0], mimeType: 'text/xml', contentId: 'doc-1@navette.local' },
    ]);
  });
});

describe('ITI-57 UpdateDocumentSet', () => {
  it('visibility update and status changes validate and read back', () => {
    const entry = registeredEntry();
    const built = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet({ uniqueId: '1.2.250.1.999.1.1.7898.1.11086546546865' }),
      metadataUpdates: [
        {
          entry,
          confidentialityCodes: [
            { code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' },
            {
              code: 'INVISIBLE_PATIENT',
              codingScheme: '1.2.250.1.213.1.1.4.13',
              displayName: 'Non visible par le patient',
            },
          ],
        },
      ],
      statusUpdates: [
        availabilityChange('archive', 'urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e', 'Approved'),
        availabilityChange('delete', 'urn:uuid:aaaaaaaa-ae6a-11eb-8f5d-0050569e422e', 'Archived'),
      ],
    });
    expectSchemaValid(built.xml);
    const read = parseUpdateDocumentSetRequest(built.xml);
    expect(read.metadataUpdates[0]?.previousVersion).toBe('1');
    expect(read.metadataUpdates[0]?.entry.logicalId).toBe(entry.logicalId);
    expect(read.metadataUpdates[0]?.entry.entryUuid).toBe(built.newEntryUuids[0]);
    expect(read.metadataUpdates[0]?.entry.confidentialityCodes.map((c) => c.code)).toEqual([
      'N',
      'INVISIBLE_PATIENT',
    ]);
    expect(
      read.statusUpdates.map((s) => [s.targetEntryUuid, s.originalStatus, s.newStatus]),
    ).toEqual([
      ['urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e', 'Approved', 'Archived'],
      ['urn:uuid:aaaaaaaa-ae6a-11eb-8f5d-0050569e422e', 'Archived', 'Deleted'],
    ]);
  });
});

describe('RegistryResponse', () => {
  it('Success and Failure with an error list validate and read back', () => {
    expectSchemaValid(buildRegistryResponse({ status: 'Success' }));
    const errors = [
      {
        errorCode: 'XDSRegistryMetadataError',
        codeContext: 'classCode absent',
        severity: 'Error' as const,
        location: 'Document01',
      },
      {
        errorCode: 'XDSExtraMetadataNotSaved',
        codeContext: 'slot ignoré',
        severity: 'Warning' as const,
      },
    ];
    const xml = buildRegistryResponse({ status: 'Failure', errors, requestId: 'urn:uuid:1' });
    expectSchemaValid(xml);
    expect(parseRegistryResponse(xml)).toEqual({
      status: 'Failure',
      errors,
      requestId: 'urn:uuid:1',
    });
  });

  it('the schema check is not a rubber stamp: a broken message fails in both validators', () => {
    const broken = buildRegistryResponse({ status: 'Success' }).replace(' status=', ' statut=');
    expect(validator.validate(broken).valid).toBe(false);
    expect(xmllintValidate(schemaFile, broken).ok).toBe(false);
    const entry = documentEntry();
    const built = buildProvideAndRegisterRequest(
      lot({ documents: [{ entry, content: Buffer.from('x') }] }),
    );
    const noValue = built.xml.replace(
      /<Value>20100319194535<\/Value>/,
      '<Valeur>20100319194535</Valeur>',
    );
    expect(validator.validate(noValue).valid).toBe(false);
    expect(xmllintValidate(schemaFile, noValue).ok).toBe(false);
  });
});
