import { describe, expect, it } from 'vitest';
import {
  ASSOCIATION_TYPES,
  DOCUMENT_STATUSES,
  FOLDER_NODE,
  SUBMISSION_SET_NODE,
  buildAdhocQueryResponse,
  parseAdhocQueryResponse,
  type SubmissionSet,
} from '../../../../src/protocol/xds/index.js';
import { registeredEntry, submissionSet } from './lotFixtures.js';

const lotSet: SubmissionSet = {
  ...submissionSet(),
  entryUuid: 'urn:uuid:0a0a0a0a-0000-4000-8000-000000000001',
  status: DOCUMENT_STATUSES.Approved,
};

describe('AdhocQueryResponse', () => {
  it('round-trips a LeafClass answer (documents of every status, a lot, its associations)', () => {
    const entries = [
      registeredEntry(),
      registeredEntry({
        entryUuid: 'urn:uuid:2',
        logicalId: 'urn:uuid:1b',
        version: '3',
        status: DOCUMENT_STATUSES.Archived,
        uniqueId: '1.2.3.2',
      }),
      registeredEntry({
        entryUuid: 'urn:uuid:3',
        logicalId: 'urn:uuid:3',
        status: DOCUMENT_STATUSES.Deprecated,
        uniqueId: '1.2.3.3',
      }),
    ];
    const associations = entries.map((e, i) => ({
      id: `urn:uuid:a${i}`,
      associationType: ASSOCIATION_TYPES.HasMember,
      sourceObject: lotSet.entryUuid,
      targetObject: e.entryUuid,
      status: DOCUMENT_STATUSES.Approved,
      submissionSetStatus: 'Original',
    }));
    const xml = buildAdhocQueryResponse({
      status: 'Success',
      documentEntries: entries,
      submissionSets: [lotSet],
      associations,
    });
    expect(xml).toMatch(
      /^<query:AdhocQueryResponse [^>]*status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success">/,
    );
    expect(xml).toMatch(
      /<Classification classificationScheme="[^"]+" classifiedObject="urn:uuid:2" id="urn:uuid:[0-9a-f-]{36}"/,
    );
    expect(parseAdhocQueryResponse(xml)).toEqual({
      status: 'Success',
      errors: [],
      documentEntries: entries,
      submissionSets: [lotSet],
      associations,
      objectRefs: [],
    });
  });

  it('round-trips an ObjectRef answer and an empty answer', () => {
    const refs = ['urn:uuid:1', 'urn:uuid:2'];
    expect(
      parseAdhocQueryResponse(buildAdhocQueryResponse({ status: 'Success', objectRefs: refs }))
        .objectRefs,
    ).toEqual(refs);
    const empty = buildAdhocQueryResponse({ status: 'Success' });
    expect(empty).toContain('<RegistryObjectList/>');
    expect(parseAdhocQueryResponse(empty)).toEqual({
      status: 'Success',
      errors: [],
      documentEntries: [],
      submissionSets: [],
      associations: [],
      objectRefs: [],
    });
  });

  it('reads PartialSuccess and Failure with their errors', () => {
    const errors = [
      {
        errorCode: 'XDSTooManyResults',
        codeContext: 'Plus de 100 résultats',
        severity: 'Error' as const,
      },
    ];
    const xml = buildAdhocQueryResponse({ status: 'Failure', errors });
    expect(parseAdhocQueryResponse(xml)).toMatchObject({
      status: 'Failure',
      errors,
      documentEntries: [],
    });
    const partial = buildAdhocQueryResponse({
      status: 'PartialSuccess',
      errors: [{ ...errors[0]!, severity: 'Warning' }],
      objectRefs: ['urn:uuid:1'],
    });
    expect(parseAdhocQueryResponse(partial)).toMatchObject({
      status: 'PartialSuccess',
      objectRefs: ['urn:uuid:1'],
    });
    // Some registries omit the (schema-required) list on Failure.
    const bare = xml.replace('<RegistryObjectList/>', '');
    expect(parseAdhocQueryResponse(bare).status).toBe('Failure');
    expect(() =>
      parseAdhocQueryResponse(
        buildAdhocQueryResponse({ status: 'Success' }).replace('<RegistryObjectList/>', ''),
      ),
    ).toThrow(expect.objectContaining({ code: 'XDS_PAYLOAD_INVALID' }) as Error);
  });

  it('finds submission sets classified at the top of the list, and skips folders', () => {
    const xml = buildAdhocQueryResponse({ status: 'Success', submissionSets: [lotSet] });
    const nodeClassification =
      /<Classification classificationNode="[^"]+" classifiedObject="[^"]+" id="[^"]+"\/>/.exec(
        xml,
      )?.[0] ?? '';
    expect(nodeClassification).toContain(SUBMISSION_SET_NODE);
    // Move the node classification out of the RegistryPackage, next to it.
    const outside = xml
      .replace(nodeClassification, '')
      .replace('</RegistryPackage>', `</RegistryPackage>${nodeClassification}`);
    expect(parseAdhocQueryResponse(outside).submissionSets).toEqual([lotSet]);
    // The same package classified as a folder is not a lot.
    const folder = xml.replace(SUBMISSION_SET_NODE, FOLDER_NODE);
    expect(parseAdhocQueryResponse(folder).submissionSets).toEqual([]);
  });

  it('rejects an unknown response status', () => {
    const xml = buildAdhocQueryResponse({ status: 'Success' }).replace(
      'ResponseStatusType:Success',
      'ResponseStatusType:Perhaps',
    );
    expect(() => parseAdhocQueryResponse(xml)).toThrow(
      expect.objectContaining({ code: 'XDS_PAYLOAD_INVALID' }) as Error,
    );
  });
});
