import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readMtomStream, writeMtom } from '../../../../src/protocol/mtom/index.js';
import {
  buildDmpRequestEnvelope,
  DMP_OPERATIONS,
  readSoapEnvelope,
} from '../../../../src/protocol/soap/index.js';
import {
  ASSOCIATION_TYPES,
  LOT_SIGNATURE_CODES,
  buildProvideAndRegisterRequest,
  documentFor,
  documentHashAndSize,
  parseProvideAndRegisterRequest,
} from '../../../../src/protocol/xds/index.js';
import {
  CDA,
  PATIENT_ID,
  XADES,
  documentEntry,
  lot,
  registeredEntry,
  submissionSet,
} from './lotFixtures.js';

const code = (e: unknown): string | undefined => (e as { code?: string }).code;
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('no error thrown');
}

describe('buildProvideAndRegisterRequest', () => {
  it('lists every entry under the submission set, the signature signs it, RPLC targets the old entry', () => {
    const base = lot();
    const built = buildProvideAndRegisterRequest({
      ...base,
      documents: [
        { ...base.documents[0]!, replaces: 'urn:uuid:4f196ae8-5549-11e9-9478-0050569e422e' },
      ],
    });
    const read = parseProvideAndRegisterRequest(built.xml);
    const [doc, sig] = built.entries;
    expect(built.entries.map((e) => [e.uniqueId, e.contentId, e.isSignature])).toEqual([
      ['1.2.250.1.999.1.1.7898.3.1622814651504', 'cda@navette.local', false],
      ['1.2.250.1.999.1.1.7898.4.1622814651504', 'xades@navette.local', true],
    ]);
    expect(built.submissionSetId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(
      read.associations.map((a) => [
        a.associationType,
        a.sourceObject,
        a.targetObject,
        a.submissionSetStatus,
      ]),
    ).toEqual([
      [ASSOCIATION_TYPES.HasMember, built.submissionSetId, doc?.entryUuid, 'Original'],
      [ASSOCIATION_TYPES.HasMember, built.submissionSetId, sig?.entryUuid, 'Original'],
      [ASSOCIATION_TYPES.signs, sig?.entryUuid, built.submissionSetId, undefined],
      [
        ASSOCIATION_TYPES.RPLC,
        doc?.entryUuid,
        'urn:uuid:4f196ae8-5549-11e9-9478-0050569e422e',
        undefined,
      ],
    ]);
    expect(new Set(read.associations.map((a) => a.id)).size).toBe(4);
    expect(read.documents).toEqual([
      { id: doc?.entryUuid, contentId: 'cda@navette.local' },
      { id: sig?.entryUuid, contentId: 'xades@navette.local' },
    ]);
    expect(documentFor(read, { entryUuid: doc?.entryUuid ?? '' })).toEqual({
      document: read.documents[0],
      caseMismatch: false,
    });
    expect(built.attachments).toEqual([
      { contentId: 'cda@navette.local', content: CDA },
      { contentId: 'xades@navette.local', content: XADES },
    ]);
  });

  it('carries every metadata field through the wire and back', () => {
    const built = buildProvideAndRegisterRequest(lot());
    const read = parseProvideAndRegisterRequest(built.xml);
    const { entryUuid: _ignored, ...expected } = { ...documentEntry(), entryUuid: '' };
    expect(read.documentEntries[0]).toEqual({
      ...expected,
      entryUuid: built.entries[0]?.entryUuid,
      objectType: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
    });
    expect(read.submissionSet).toEqual({ ...submissionSet(), entryUuid: built.submissionSetId });
    const sig = read.documentEntries[1];
    expect(sig?.classCode).toEqual(LOT_SIGNATURE_CODES.classCode);
    expect(sig?.typeCode).toEqual(LOT_SIGNATURE_CODES.typeCode);
    expect(sig?.formatCode).toEqual(LOT_SIGNATURE_CODES.formatCode);
    expect(sig?.eventCodes).toEqual([LOT_SIGNATURE_CODES.eventCode]);
    expect(sig?.languageCode).toBe('art');
    expect(sig?.sourcePatientId).toBe(PATIENT_ID);
    expect(sig?.confidentialityCodes.map((c) => `${c.code}@${c.codingScheme}`)).toEqual([
      'N@2.16.840.1.113883.5.25',
      'MASQUE_PS@1.2.250.1.213.1.1.4.13',
      'INVISIBLE_PATIENT@1.2.250.1.213.1.1.4.13',
    ]);
    expect(sig?.hash).toBe(createHash('sha1').update(XADES).digest('hex'));
    expect(sig?.size).toBe(XADES.length);
  });

  it('keeps given entryUUIDs and escapes XML-special characters', () => {
    // A literal "&amp;" typed by the user must come back as typed (entities decoded exactly once).
    const title = `Compte rendu <urgent> & "complet" l'après-midi &amp; &#233;`;
    const built = buildProvideAndRegisterRequest(
      lot({
        submissionSet: submissionSet({
          entryUuid: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001',
        }),
        documents: [{ entry: documentEntry({ entryUuid: 'Document01', title }), content: CDA }],
      }),
    );
    expect(built.submissionSetId).toBe('urn:uuid:aaaaaaaa-0000-4000-8000-000000000001');
    expect(built.entries[0]?.entryUuid).toBe('Document01');
    expect(built.entries[0]?.contentId).toMatch(/@navette\.local$/);
    expect(built.xml).toContain(
      'value="Compte rendu &lt;urgent&gt; &amp; &quot;complet&quot; l&apos;après-midi &amp;amp; &amp;#233;"',
    );
    expect(parseProvideAndRegisterRequest(built.xml).documentEntries[0]?.title).toBe(title);
  });

  it('never submits registry-side fields, even from an entry read from the DMP', () => {
    const { entryUuid: _old, ...fromDmp } = registeredEntry({ homeCommunityId: 'urn:oid:1.2.3' });
    const built = buildProvideAndRegisterRequest(
      lot({ documents: [{ entry: fromDmp, content: CDA }] }),
    );
    expect(built.xml).not.toContain('lid=');
    expect(built.xml).not.toContain('repositoryUniqueId');
    expect(built.xml).not.toContain('VersionInfo');
    expect(built.xml).not.toContain('home=');
    expect(built.xml).not.toContain('status=');
  });

  it.each([
    [
      'another patient',
      {
        documents: [
          { entry: documentEntry({ patientId: '1^^^&1.2.250.1.213.1.4.10&ISO^NH' }), content: CDA },
        ],
      },
      'XDS_METADATA_INVALID',
      'patientId',
    ],
    [
      'two documents with one uniqueId',
      {
        documents: [
          { entry: documentEntry(), content: CDA },
          { entry: documentEntry(), content: CDA },
        ],
      },
      'XDS_METADATA_INVALID',
      'uniqueId',
    ],
    ['no document', { documents: [] }, 'XDS_METADATA_INVALID', 'documents'],
    [
      'a creation time that is not HL7 DTM',
      { documents: [{ entry: documentEntry({ creationTime: '2021-06-04' }), content: CDA }] },
      'XDS_METADATA_INVALID',
      'creationTime',
    ],
    [
      'a hash that is not SHA-1',
      { documents: [{ entry: documentEntry({ hash: 'abc' }), content: CDA }] },
      'XDS_METADATA_INVALID',
      'hash',
    ],
    [
      'a negative size',
      { documents: [{ entry: documentEntry({ size: -1 }), content: CDA }] },
      'XDS_METADATA_INVALID',
      'size',
    ],
    [
      'a title over 1024 characters',
      { documents: [{ entry: documentEntry({ title: 'x'.repeat(1025) }), content: CDA }] },
      'XDS_METADATA_INVALID',
      'title',
    ],
    [
      'a slot value over 256 characters',
      { documents: [{ entry: documentEntry({ sourcePatientId: 'x'.repeat(257) }), content: CDA }] },
      'XDS_METADATA_INVALID',
      'sourcePatientId',
    ],
    [
      'no confidentiality code',
      { documents: [{ entry: documentEntry({ confidentialityCodes: [] }), content: CDA }] },
      'XDS_METADATA_MISSING',
      'confidentialityCode',
    ],
    [
      'no author',
      { documents: [{ entry: documentEntry({ authors: [] }), content: CDA }] },
      'XDS_METADATA_MISSING',
      'author',
    ],
    [
      'an empty author',
      { documents: [{ entry: documentEntry({ authors: [{}] }), content: CDA }] },
      'XDS_METADATA_INVALID',
      'author',
    ],
    [
      'an empty class code',
      {
        documents: [
          { entry: documentEntry({ classCode: { code: '', codingScheme: 'x' } }), content: CDA },
        ],
      },
      'XDS_METADATA_INVALID',
      'classCode',
    ],
    [
      'a type code without coding scheme',
      {
        documents: [
          {
            entry: documentEntry({ typeCode: { code: '11488-4', codingScheme: '' } }),
            content: CDA,
          },
        ],
      },
      'XDS_METADATA_INVALID',
      'typeCode',
    ],
    [
      'a lot without sourceId',
      { submissionSet: submissionSet({ sourceId: '' }) },
      'XDS_METADATA_MISSING',
      'sourceId',
    ],
  ] as const)('refuses %s', (_what, overrides, expectedCode, field) => {
    const e = errorOf(() => buildProvideAndRegisterRequest(lot(overrides)));
    expect(code(e)).toBe(expectedCode);
    expect((e as { details: { field: string } }).details.field).toBe(field);
    expect((e as Error).message).toMatch(/^Métadonnée/);
  });

  it('hashes documents the XDS way', () => {
    expect(documentHashAndSize(Buffer.from('abc'))).toEqual({
      hash: 'a9993e364706816aba3e25717850c26c9cd0d89d',
      size: 3,
    });
  });

  it('goes out as SOAP 1.2 MTOM and comes back intact through the MTOM reader', async () => {
    const built = buildProvideAndRegisterRequest(lot());
    const operation = DMP_OPERATIONS.provideAndRegisterDocumentSet;
    const envelope = buildDmpRequestEnvelope({
      operation,
      to: 'https://dmp.test/repository',
      bodyXml: built.xml,
    });
    const out = writeMtom({
      envelopeXml: envelope.xml,
      attachments: built.attachments,
      action: operation.action,
    });
    const msg = await readMtomStream(out.body, out.contentType);
    expect(readSoapEnvelope(msg.root.xml).version).toBe('1.2');
    const read = parseProvideAndRegisterRequest(msg.root.xml);
    for (const entry of read.documentEntries) {
      const ref = documentFor(read, entry)?.document;
      const bytes = msg.attachment(ref?.contentId ?? '')?.data;
      expect(bytes && documentHashAndSize(bytes)).toEqual({ hash: entry.hash, size: entry.size });
    }
  });

  it('reads inline base64 documents from a non-MTOM sender', () => {
    const built = buildProvideAndRegisterRequest(lot());
    const inline = built.xml.replace(
      /<xop:Include[^>]*href="cid:cda@navette.local"\/>/,
      CDA.toString('base64'),
    );
    const read = parseProvideAndRegisterRequest(inline);
    expect(read.documents[0]?.inline?.equals(CDA)).toBe(true);
    expect(read.documents[0]?.contentId).toBeUndefined();
  });

  it('rejects a request without exactly one submission set', () => {
    const built = buildProvideAndRegisterRequest(lot());
    const none = built.xml.replace(/<RegistryPackage[\s\S]*<\/RegistryPackage>/, '');
    expect(code(errorOf(() => parseProvideAndRegisterRequest(none)))).toBe('XDS_PAYLOAD_INVALID');
    expect(code(errorOf(() => parseProvideAndRegisterRequest('<a/>')))).toBe('XDS_PAYLOAD_MISSING');
  });

  it('names the object whose required metadata is missing', () => {
    const built = buildProvideAndRegisterRequest(lot());
    const id = built.entries[0]?.entryUuid ?? '';
    const noClass = built.xml.replace(
      /<Classification classificationScheme="urn:uuid:41a5887f[^]*?<\/Classification>/,
      '',
    );
    const e = errorOf(() => parseProvideAndRegisterRequest(noClass));
    expect(e).toMatchObject({
      code: 'XDS_METADATA_MISSING',
      details: { field: 'classCode', objectId: id },
    });
  });
});
