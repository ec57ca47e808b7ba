import { describe, expect, it } from 'vitest';
import {
  STORED_QUERIES,
  buildAdhocQueryRequest,
  parseAdhocQueryRequest,
  parseXdsXml,
} from '../../../../src/protocol/xds/index.js';
import { PATIENT_ID } from './lotFixtures.js';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('no error thrown');
}

describe('buildAdhocQueryRequest', () => {
  it('writes FindDocuments like the official TD3.1 request', () => {
    const xml = buildAdhocQueryRequest({
      query: { kind: 'FindDocuments', patientId: PATIENT_ID, statuses: ['Approved'] },
    });
    expect(xml).toBe(
      '<query:AdhocQueryRequest xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0">' +
        '<query:ResponseOption returnComposedObjects="true" returnType="LeafClass"/>' +
        '<AdhocQuery id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d">' +
        '<Slot name="$XDSDocumentEntryPatientId"><ValueList><Value>&apos;207058575627097^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH&apos;</Value></ValueList></Slot>' +
        '<Slot name="$XDSDocumentEntryStatus"><ValueList><Value>(&apos;urn:oasis:names:tc:ebxml-regrep:StatusType:Approved&apos;)</Value></ValueList></Slot>' +
        '</AdhocQuery></query:AdhocQueryRequest>',
    );
  });

  it('writes codes as code^^scheme lists, times bare, DMP statuses as their CI-SIS URNs', () => {
    const xml = buildAdhocQueryRequest({
      query: {
        kind: 'FindDocuments',
        patientId: PATIENT_ID,
        statuses: ['Approved', 'Archived'],
        classCodes: [{ code: '10', codingScheme: '1.2.250.1.213.1.1.4.1' }],
        creationTimeFrom: '20240101',
      },
      returnType: 'ObjectRef',
    });
    expect(xml).toContain('returnType="ObjectRef"');
    expect(xml).toContain(
      '<Value>(&apos;urn:oasis:names:tc:ebxml-regrep:StatusType:Approved&apos;,&apos;urn:asip:ci-sis:2010:StatusType:Archived&apos;)</Value>',
    );
    expect(xml).toContain(
      '<Slot name="$XDSDocumentEntryClassCode"><ValueList><Value>(&apos;10^^1.2.250.1.213.1.1.4.1&apos;)</Value>',
    );
    expect(xml).toContain(
      '<Slot name="$XDSDocumentEntryCreationTimeFrom"><ValueList><Value>20240101</Value>',
    );
  });

  it('uses the stored query ids of IHE ITI-18', () => {
    const idOf = (xml: string): string | undefined => /<AdhocQuery id="([^"]+)"/.exec(xml)?.[1];
    expect(
      idOf(
        buildAdhocQueryRequest({
          query: { kind: 'FindSubmissionSets', patientId: PATIENT_ID, statuses: ['Approved'] },
        }),
      ),
    ).toBe(STORED_QUERIES.FindSubmissionSets);
    expect(
      idOf(buildAdhocQueryRequest({ query: { kind: 'GetDocuments', uniqueIds: ['1.2'] } })),
    ).toBe('urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4');
    expect(
      idOf(
        buildAdhocQueryRequest({ query: { kind: 'GetAssociations', entryUuids: ['urn:uuid:1'] } }),
      ),
    ).toBe('urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155');
    expect(
      idOf(
        buildAdhocQueryRequest({
          query: { kind: 'GetDocumentsAndAssociations', entryUuids: ['urn:uuid:1'] },
        }),
      ),
    ).toBe('urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a');
  });

  it.each([
    [
      'FindDocuments without status',
      { kind: 'FindDocuments', patientId: PATIENT_ID, statuses: [] },
      'XDS_QUERY_PARAMETER_MISSING',
    ],
    [
      'FindDocuments without patient',
      { kind: 'FindDocuments', patientId: undefined, statuses: ['Approved'] },
      'XDS_QUERY_PARAMETER_MISSING',
    ],
    ['GetDocuments without ids', { kind: 'GetDocuments' }, 'XDS_QUERY_PARAMETER_MISSING'],
    [
      'GetDocuments by both ids',
      { kind: 'GetDocuments', uniqueIds: ['1'], entryUuids: ['urn:uuid:1'] },
      'XDS_QUERY_INVALID',
    ],
    [
      'GetAssociations without ids',
      { kind: 'GetAssociations', entryUuids: [] },
      'XDS_QUERY_PARAMETER_MISSING',
    ],
    [
      'a time that is not HL7 DTM',
      {
        kind: 'FindDocuments',
        patientId: PATIENT_ID,
        statuses: ['Approved'],
        creationTimeTo: '2024-01-01',
      },
      'XDS_METADATA_INVALID',
    ],
  ])('refuses %s', (_what, query, expected) => {
    expect(errorOf(() => buildAdhocQueryRequest({ query: query as never }))).toMatchObject({
      code: expected,
    });
  });
});

describe('parseAdhocQueryRequest (test server)', () => {
  const findDocuments = buildAdhocQueryRequest({
    query: { kind: 'FindDocuments', patientId: PATIENT_ID, statuses: ['Approved'] },
  });

  it('reads from an element, a Body or an envelope, and from a parsed tree', () => {
    const envelope = `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>${findDocuments}</soap:Body></soap:Envelope>`;
    for (const input of [findDocuments, envelope, parseXdsXml(envelope)]) {
      expect(parseAdhocQueryRequest(input).query).toEqual({
        kind: 'FindDocuments',
        patientId: PATIENT_ID,
        statuses: ['Approved'],
      });
    }
  });

  it('accepts several Value elements and reports unknown parameters', () => {
    const xml = findDocuments.replace(
      '</AdhocQuery>',
      "<Slot name=\"$XDSDocumentEntryClassCode\"><ValueList><Value>('10^^1.2.250.1.213.1.1.4.1')</Value><Value>('11^^1.2.250.1.213.1.1.4.1')</Value></ValueList></Slot>" +
        '<Slot name="$Unknown"><ValueList><Value>\'x\'</Value></ValueList></Slot></AdhocQuery>',
    );
    const read = parseAdhocQueryRequest(xml);
    expect(read.query).toMatchObject({
      classCodes: [
        { code: '10', codingScheme: '1.2.250.1.213.1.1.4.1' },
        { code: '11', codingScheme: '1.2.250.1.213.1.1.4.1' },
      ],
    });
    expect(read.unknownParameters).toEqual(['$Unknown']);
  });

  it.each([
    [
      'an unknown stored query',
      (x: string) =>
        x.replace(
          'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
          'urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3',
        ),
      'XDS_QUERY_UNKNOWN',
    ],
    [
      'a missing status',
      (x: string) => x.replace(/<Slot name="\$XDSDocumentEntryStatus">.*?<\/Slot>/, ''),
      'XDS_QUERY_PARAMETER_MISSING',
    ],
    [
      'an unknown status',
      (x: string) => x.replace('StatusType:Approved', 'StatusType:Whatever'),
      'XDS_QUERY_INVALID',
    ],
    [
      'a repeated (AND) parameter',
      (x: string) => x.replace(/(<Slot name="\$XDSDocumentEntryStatus">.*?<\/Slot>)/, '$1$1'),
      'XDS_QUERY_INVALID',
    ],
    [
      'two patient ids',
      (x: string) =>
        x
          .replace(/<Value>&apos;207/, '<Value>(&apos;1&apos;,&apos;207')
          .replace('ISO^NH&apos;</Value>', 'ISO^NH&apos;)</Value>'),
      'XDS_QUERY_INVALID',
    ],
    [
      'the RegistryObject return type',
      (x: string) => x.replace('returnType="LeafClass"', 'returnType="RegistryObject"'),
      'XDS_QUERY_INVALID',
    ],
    [
      'no AdhocQuery',
      (x: string) => x.replace(/<AdhocQuery[\s\S]*<\/AdhocQuery>/, ''),
      'XDS_PAYLOAD_INVALID',
    ],
  ])('refuses %s', (_what, edit, expected) => {
    expect(errorOf(() => parseAdhocQueryRequest(edit(findDocuments)))).toMatchObject({
      code: expected,
    });
  });

  it('reads bare times and rejects malformed ones', () => {
    const q = buildAdhocQueryRequest({
      query: {
        kind: 'FindSubmissionSets',
        patientId: PATIENT_ID,
        statuses: ['Approved'],
        submissionTimeFrom: '20240101120000',
      },
    });
    expect(parseAdhocQueryRequest(q).query).toMatchObject({ submissionTimeFrom: '20240101120000' });
    expect(
      errorOf(() => parseAdhocQueryRequest(q.replace('20240101120000', "'hier'"))),
    ).toMatchObject({ code: 'XDS_QUERY_INVALID' });
  });
});
