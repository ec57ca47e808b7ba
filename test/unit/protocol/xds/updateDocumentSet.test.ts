import { describe, expect, it } from 'vitest';
import {
  CONFIDENTIALITY_CODES,
  NORMAL_VISIBILITY,
  visibilityToConfidentialityCodes,
} from '../../../../src/domain/documents/visibility.js';
import {
  ASSOCIATION_OBJECT_TYPE,
  ASSOCIATION_TYPES,
  DOCUMENT_STATUSES,
  availabilityChange,
  buildUpdateDocumentSetRequest,
  confidentialityCodesFor,
  visibilityOfEntry,
  parseUpdateDocumentSetRequest,
  type XdsCode,
} from '../../../../src/protocol/xds/index.js';
import { registeredEntry, submissionSet } from './lotFixtures.js';

const toXds = (codes: ReturnType<typeof visibilityToConfidentialityCodes>): XdsCode[] =>
  codes.map((c) => ({ code: c.code, codingScheme: c.codeSystem, displayName: c.displayName }));

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('no error thrown');
}

describe('ITI-57 metadata update (visibility)', () => {
  it('submits a new version: new entryUUID, same lid, PreviousVersion, the new codes, everything else kept', () => {
    const current = registeredEntry({
      version: '5',
      logicalId: 'urn:uuid:4f196ae8-5549-11e9-9478-0050569e422e',
    });
    const codes = toXds(
      visibilityToConfidentialityCodes({
        ...NORMAL_VISIBILITY,
        hiddenFromProfessionals: true,
        hiddenFromLegalRepresentatives: true,
      }),
    );
    const built = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet(),
      metadataUpdates: [
        { entry: current, confidentialityCodes: codes, newEntryUuid: 'Document01' },
      ],
    });
    expect(built.newEntryUuids).toEqual(['Document01']);
    expect(built.xml).toMatch(
      /^<lcm:SubmitObjectsRequest xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0">/,
    );
    expect(built.xml).toContain(`objectType="${ASSOCIATION_OBJECT_TYPE}"`);
    const read = parseUpdateDocumentSetRequest(built.xml);
    const { version: _v, ...unchanged } = current;
    expect(read.metadataUpdates).toEqual([
      {
        entry: {
          ...unchanged,
          entryUuid: 'Document01',
          confidentialityCodes: codes,
          status: DOCUMENT_STATUSES.Approved,
        },
        previousVersion: '5',
        associationId: 'as1',
      },
    ]);
    expect(read.associations[0]).toMatchObject({
      associationType: ASSOCIATION_TYPES.HasMember,
      sourceObject: built.submissionSetId,
      targetObject: 'Document01',
      submissionSetStatus: 'Original',
      previousVersion: '5',
    });
    expect(read.statusUpdates).toEqual([]);
  });

  it('uses the entryUUID as lid for a first version read without lid', () => {
    const { logicalId: _lid, ...noLid } = registeredEntry();
    const built = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet(),
      metadataUpdates: [
        { entry: noLid, confidentialityCodes: [toXds([CONFIDENTIALITY_CODES.N])[0]!] },
      ],
    });
    expect(parseUpdateDocumentSetRequest(built.xml).metadataUpdates[0]?.entry.logicalId).toBe(
      noLid.entryUuid,
    );
  });

  it('needs the current version number and at least one code', () => {
    const { version: _v, ...noVersion } = registeredEntry();
    const codes = toXds([CONFIDENTIALITY_CODES.N]);
    expect(
      errorOf(() =>
        buildUpdateDocumentSetRequest({
          submissionSet: submissionSet(),
          metadataUpdates: [{ entry: noVersion, confidentialityCodes: codes }],
        }),
      ),
    ).toMatchObject({
      code: 'XDS_METADATA_MISSING',
      details: { field: 'version' },
    });
    expect(
      errorOf(() =>
        buildUpdateDocumentSetRequest({
          submissionSet: submissionSet(),
          metadataUpdates: [{ entry: registeredEntry(), confidentialityCodes: [] }],
        }),
      ),
    ).toMatchObject({
      code: 'XDS_METADATA_MISSING',
      details: { field: 'confidentialityCode' },
    });
    expect(
      errorOf(() => buildUpdateDocumentSetRequest({ submissionSet: submissionSet() })),
    ).toMatchObject({ code: 'XDS_METADATA_INVALID' });
  });
});

describe('visibility ⇄ confidentialityCode', () => {
  it('bridges the domain visibility and the XDS codes both ways', () => {
    const visibility = { ...NORMAL_VISIBILITY, hiddenFromPatient: true };
    const codes = confidentialityCodesFor(visibility);
    expect(codes).toEqual([
      { code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' },
      {
        code: 'INVISIBLE_PATIENT',
        codingScheme: '1.2.250.1.213.1.1.4.13',
        displayName: 'Non visible par le patient',
      },
    ]);
    expect(visibilityOfEntry({ confidentialityCodes: codes })).toEqual({
      visibility,
      hl7Levels: [],
    });
    expect(() =>
      visibilityOfEntry({
        confidentialityCodes: [{ code: 'SECRET', codingScheme: '1.2.250.1.213.1.1.4.13' }],
      }),
    ).toThrow(expect.objectContaining({ code: 'VISIBILITY_CODE_UNKNOWN' }) as Error);
  });
});

describe('ITI-57 UpdateAvailabilityStatus (archive, unarchive, delete)', () => {
  it('maps actions to status changes and refuses impossible ones', () => {
    const id = 'urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e';
    expect(availabilityChange('archive', id, 'Approved')).toEqual({
      targetEntryUuid: id,
      originalStatus: 'Approved',
      newStatus: 'Archived',
    });
    expect(availabilityChange('unarchive', id, 'Archived')).toEqual({
      targetEntryUuid: id,
      originalStatus: 'Archived',
      newStatus: 'Approved',
    });
    expect(availabilityChange('delete', id, 'Approved').newStatus).toBe('Deleted');
    expect(availabilityChange('delete', id, 'Archived').newStatus).toBe('Deleted');
    for (const [action, status] of [
      ['archive', 'Archived'],
      ['unarchive', 'Approved'],
      ['delete', 'Deleted'],
      ['archive', 'Deprecated'],
    ] as const) {
      expect(errorOf(() => availabilityChange(action, id, status))).toMatchObject({
        code: 'XDS_METADATA_INVALID',
      });
    }
  });

  it('writes the association of the official td3.3c sample and reads it back', () => {
    const built = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet({ entryUuid: 'SubmissionSet01' }),
      statusUpdates: [
        availabilityChange('delete', 'urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e', 'Archived'),
      ],
    });
    expect(built.xml).toContain(
      '<Association associationType="urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus" id="as1" ' +
        'objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association" sourceObject="SubmissionSet01" ' +
        'targetObject="urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e">' +
        '<Slot name="OriginalStatus"><ValueList><Value>urn:asip:ci-sis:2010:StatusType:Archived</Value></ValueList></Slot>' +
        '<Slot name="NewStatus"><ValueList><Value>urn:asip:ci-sis:2010:StatusType:Deleted</Value></ValueList></Slot></Association>',
    );
    expect(parseUpdateDocumentSetRequest(built.xml).statusUpdates).toEqual([
      {
        targetEntryUuid: 'urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e',
        originalStatus: 'Archived',
        newStatus: 'Deleted',
        associationId: 'as1',
      },
    ]);
  });

  it('the test server refuses unknown statuses and dangling new versions', () => {
    const built = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet(),
      statusUpdates: [availabilityChange('archive', 'urn:uuid:1', 'Approved')],
    });
    expect(
      errorOf(() =>
        parseUpdateDocumentSetRequest(
          built.xml.replace('ci-sis:2010:StatusType:Archived', 'ci-sis:2010:StatusType:Hidden'),
        ),
      ),
    ).toMatchObject({
      code: 'XDS_METADATA_INVALID',
    });
    const update = buildUpdateDocumentSetRequest({
      submissionSet: submissionSet(),
      metadataUpdates: [
        {
          entry: registeredEntry(),
          confidentialityCodes: toXds([CONFIDENTIALITY_CODES.N]),
          newEntryUuid: 'Doc1',
        },
      ],
    });
    const dangling = update.xml.replace(/<ExtrinsicObject[\s\S]*<\/ExtrinsicObject>/, '');
    expect(errorOf(() => parseUpdateDocumentSetRequest(dangling))).toMatchObject({
      code: 'XDS_PAYLOAD_INVALID',
    });
  });
});
