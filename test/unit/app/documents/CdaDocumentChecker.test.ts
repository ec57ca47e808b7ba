// CdaDocumentChecker: the DocumentChecker port over the real checks (bundled value sets and CDA
// schema): a conformant CDA is accepted with what the outbox keeps, a broken one rejected with
// French problems, a PDF wrapped in a level-1 CDA (its built bytes as the payload) when the card
// holder and the structure are known, postponed otherwise.
import { afterAll, describe, expect, it } from 'vitest';
import {
  CdaDocumentChecker,
  PDF_CONTEXT_POSTPONED_REASON,
  cardHolderOf,
  sendingOrganizationOf,
} from '../../../../src/app/documents/CdaDocumentChecker.js';
import { CheckedDocuments } from '../../../../src/app/documents/CheckedDocuments.js';
import type { DocumentCheckOutcome } from '../../../../src/domain/ports/DocumentChecker.js';
import { readCda } from '../../../../src/protocol/cda/index.js';
import {
  N1_FIXTURE,
  TINY_PDF,
  bundledSchema,
  bundledValueSets,
  edit,
  encode,
  pdfContext,
  sidecarObject,
} from '../../protocol/cda/cdaTestSupport.js';

const schema = bundledSchema();
afterAll(() => schema.dispose());
const plain = { valueSets: bundledValueSets(), schema };
const hidden = {
  hiddenFromProfessionals: true,
  hiddenFromPatient: false,
  hiddenFromLegalRepresentatives: false,
};

function accepted(outcome: DocumentCheckOutcome) {
  if (outcome.verdict !== 'accepted')
    throw new Error(`expected accepted: ${JSON.stringify(outcome)}`);
  return outcome.document;
}

describe('CdaDocumentChecker', () => {
  it('accepts a conformant level-1 CDA with its uniqueId, setId, title and the default visibility', () => {
    const checker = new CdaDocumentChecker({ context: plain, defaultVisibility: hidden });
    const document = accepted(checker.check({ fileName: 'cr.xml', bytes: encode(N1_FIXTURE) }));
    expect(document).toMatchObject({
      uniqueId: '1.3.6.1.4.1.19376.1.2.20.12345.1.1',
      setId: '1.3.6.1.4.1.19376.1.2.20.12345.1',
      title: "Compte rendu d'examens biologiques",
      kind: 'cda-n1',
      visibility: hidden,
    });
    // The dropped file is what goes: no payload to store.
    expect(document.payload).toBeUndefined();
    expect(document.warnings?.map((w) => w.code)).toContain('CDA_PATIENT_INS_TEST');
  });

  it('leaves the accepted document’s metadata for the sender, under the intake’s content hash', () => {
    const checked = new CheckedDocuments();
    const checker = new CdaDocumentChecker({ context: plain, defaultVisibility: hidden, checked });
    const bytes = encode(N1_FIXTURE);
    accepted(checker.check({ fileName: 'cr.xml', bytes, contentHash: 'abc' }));
    expect(checked.recall('abc')).toMatchObject({
      uniqueId: '1.3.6.1.4.1.19376.1.2.20.12345.1.1',
      entry: { uniqueId: '1.3.6.1.4.1.19376.1.2.20.12345.1.1', size: bytes.byteLength },
      visibility: hidden,
      replacedUniqueId: undefined,
    });
    // Without a content hash (navette validate) or when rejected: nothing kept.
    accepted(checker.check({ fileName: 'cr.xml', bytes }));
    const broken = encode(edit('extension="279035121518989"', 'extension="279035121518988"'));
    checker.check({ fileName: 'cr.xml', bytes: broken, contentHash: 'def' });
    expect(checked.size).toBe(1);
  });

  it('rejects a CDA with a wrong INS key, naming the element in French', () => {
    const broken = edit('extension="279035121518989"', 'extension="279035121518988"');
    const outcome = new CdaDocumentChecker({ context: plain }).check({
      fileName: 'cr.xml',
      bytes: encode(broken),
    });
    expect(outcome.verdict).toBe('rejected');
    if (outcome.verdict !== 'rejected') return;
    expect(outcome.kind).toBe('cda-n1');
    expect(outcome.problems.length).toBeGreaterThan(0);
    for (const p of outcome.problems) {
      expect(p.message).toMatch(/[a-zé]/);
      expect(p.where).toMatch(/^\//);
    }
  });

  it('rejects malformed XML and a PDF without its sidecar', () => {
    const checker = new CdaDocumentChecker({ context: plain });
    const malformed = checker.check({ fileName: 'x.xml', bytes: encode('<ClinicalDocument><a>') });
    expect(malformed).toMatchObject({ verdict: 'rejected', kind: 'unknown' });
    const pdf = checker.check({ fileName: 'scan.pdf', bytes: TINY_PDF });
    expect(pdf).toMatchObject({
      verdict: 'rejected',
      kind: 'pdf',
      problems: [{ code: 'PDF_SIDECAR_MISSING' }],
    });
  });

  it('postpones a PDF while the card holder or the structure is unknown', () => {
    const checker = new CdaDocumentChecker({ context: plain });
    const outcome = checker.check({
      fileName: 'scan.pdf',
      bytes: TINY_PDF,
      sidecar: { fileName: 'scan.json', text: JSON.stringify(sidecarObject()) },
    });
    expect(outcome).toEqual({ verdict: 'postponed', reason: PDF_CONTEXT_POSTPONED_REASON });
  });

  it('wraps a PDF in a level-1 CDA and hands the built bytes over as the payload', () => {
    const sidecar = { ...sidecarObject(), visibility: { hiddenFromPatient: true } };
    const checked = new CheckedDocuments();
    const checker = new CdaDocumentChecker({
      context: pdfContext(schema),
      now: () => new Date('2024-05-01T09:00:00Z'),
      checked,
    });
    const document = accepted(
      checker.check({
        fileName: 'scan.pdf',
        bytes: TINY_PDF,
        sidecar: { fileName: 'scan.json', text: JSON.stringify(sidecar) },
        contentHash: 'pdf-and-sidecar',
      }),
    );
    // Built anew at each check: facts of this build would not describe the payload kept earlier.
    expect(checked.size).toBe(0);
    expect(document.kind).toBe('pdf');
    expect(document.title).toBe('Compte rendu de consultation');
    expect(document.visibility).toMatchObject({ hiddenFromPatient: true });
    const payload = document.payload;
    expect(payload).toBeInstanceOf(Uint8Array);
    const read = readCda(payload ?? new Uint8Array());
    expect(read.ok).toBe(true);
    // The uniqueId the outbox keys on is the built CDA's.
    expect(new TextDecoder().decode(payload)).toContain(document.uniqueId.split('^')[0]);
  });
});

describe('the PDF wrapping context', () => {
  it('takes the author from the card certificate, with the JDV_J01 speciality spelling', () => {
    expect(
      cardHolderOf({
        nationalId: '899900063480',
        family: 'LIBRE',
        given: 'MAX',
        professionCode: '10',
        professionLabel: 'Médecin',
        specialties: ['SM54'],
      }),
    ).toEqual({
      idNatPs: '899900063480',
      family: 'LIBRE',
      given: 'MAX',
      specialty: { code: 'G15_10/SM54' },
    });
    expect(cardHolderOf(null)).toBeUndefined();
    expect(
      cardHolderOf({
        nationalId: '3000',
        family: null,
        given: 'X',
        professionCode: null,
        professionLabel: null,
        specialties: [],
      }),
    ).toBeUndefined();
  });

  it('takes the structure from the configuration, as a practice', () => {
    expect(sendingOrganizationOf({ id: '499900063480001', name: 'CABINET' })).toEqual({
      idNatStruct: '499900063480001',
      name: 'CABINET',
      practiceSetting: 'AMBULATOIRE',
      facilityType: 'SA07',
    });
    expect(sendingOrganizationOf({ id: '499900063480001' })).toBeUndefined();
  });
});
