// The PDF sidecar (zod schema, French messages) and the level-1 CDA built from it, checked
// like any other document: header rules and the bundled CDA schema.
import { afterAll, describe, expect, it } from 'vitest';
import { buildLevel1Cda } from '../../../../src/protocol/cda/buildLevel1Cda.js';
import { checkCdaSchema } from '../../../../src/protocol/cda/cdaSchema.js';
import { decodeNonXmlBody, nonXmlBodyText } from '../../../../src/protocol/cda/rules/bodyRules.js';
import { parseSidecar, type Sidecar } from '../../../../src/protocol/cda/sidecar.js';
import { hl7All, attr, textOf } from '../../../../src/protocol/cda/xmlElement.js';
import {
  TINY_PDF,
  bundledSchema,
  bundledValueSets,
  codes,
  headerProblems,
  pdfContext,
  readText,
  sidecarObject,
  type SidecarDraft,
} from './cdaTestSupport.js';

const schema = bundledSchema();
afterAll(() => schema.dispose());

function sidecar(patch: (s: SidecarDraft) => void = () => undefined): Sidecar {
  const s = sidecarObject();
  patch(s);
  const r = parseSidecar(JSON.stringify(s));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.sidecar;
}

function build(s: Sidecar) {
  const ctx = pdfContext(schema);
  return buildLevel1Cda({
    pdf: TINY_PDF,
    sidecar: s,
    cardHolder: ctx.cardHolder!,
    organization: ctx.organization!,
    valueSets: bundledValueSets(),
    now: ctx.now!,
    newUuid: ctx.newUuid!,
  });
}

describe('parseSidecar', () => {
  it('accepts the documented example and fills the defaults', () => {
    const s = sidecar((o) => delete o.patient.insOid);
    expect(s.patient.insOid).toBe('1.2.250.1.213.1.4.8');
    expect(s.visibility).toBeUndefined();
    const v = sidecar((o) => (o.visibility = { hiddenFromPatient: true }));
    expect(v.visibility).toEqual({
      hiddenFromProfessionals: false,
      hiddenFromPatient: true,
      hiddenFromLegalRepresentatives: false,
    });
  });

  it('reports malformed JSON and every invalid field with its JSON path, in French', () => {
    const json = parseSidecar('{ "version": 1, ');
    expect(!json.ok && json.problems.map((p) => p.code)).toEqual(['SIDECAR_JSON']);
    const o = sidecarObject();
    o.patient.ins = '279035121518988';
    o.patient.birthDate = '28/03/1979';
    o.document.date = '2024-05-01 10:15';
    o.extra = true;
    const r = parseSidecar(JSON.stringify(o));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.problems.map((p) => [p.element, p.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      '$',
      '$.document.date',
      '$.patient.birthDate',
      '$.patient.ins',
    ]);
    expect(byPath['$.patient.ins']).toContain('clé');
    expect(byPath['$.patient.ins']).not.toContain('279035121518988');
    expect(byPath['$.patient.birthDate']).toContain('AAAA-MM-JJ');
    expect(byPath['$']).toContain('Clé non reconnue');
    expect(r.problems.every((p) => p.code === 'SIDECAR_INVALID' && p.fix.includes('.json'))).toBe(
      true,
    );
  });
});

describe('buildLevel1Cda', () => {
  it('builds a CDA that passes the header rules and the CDA schema', () => {
    const built = build(sidecar());
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(checkCdaSchema(schema, built.bytes)).toEqual([]);
    expect(codes(headerProblems(built.xml), 'error')).toEqual([]);
    expect(codes(headerProblems(built.xml), 'warning')).toEqual(['CDA_PATIENT_INS_TEST']);
    const doc = readText(built.xml);
    expect(doc.level).toBe(1);
    expect(decodeNonXmlBody(nonXmlBodyText(doc.root)!)).toEqual(Buffer.from(TINY_PDF));
    expect(built.uniqueId).toMatch(/^2\.25\.[0-9]+$/);
    expect(attr(hl7All(doc.root, 'effectiveTime')[0], 'value')).toBe('20240501101500+0200');
    expect(attr(hl7All(doc.root, 'legalAuthenticator/time')[0], 'value')).toBe(
      '20240501110000+0200',
    );
    expect(hl7All(doc.root, 'recordTarget/patientRole/patient/name/given').map(textOf)).toEqual([
      'DOMINIQUE MARIE-LOUISE',
      'DOMINIQUE',
    ]);
  });

  it('uses the sidecar author instead of the card holder, who stays legal authenticator', () => {
    const built = build(
      sidecar(
        (o) =>
          (o.author = {
            idNatPs: '801234567897',
            family: 'MEDIONI',
            given: 'Stéphane',
            specialty: { code: 'G15_10/SM26' },
          }),
      ),
    );
    if (!built.ok) throw new Error('not built');
    const doc = readText(built.xml);
    expect(attr(hl7All(doc.root, 'author/assignedAuthor/id')[0], 'extension')).toBe('801234567897');
    expect(attr(hl7All(doc.root, 'legalAuthenticator/assignedEntity/id')[0], 'extension')).toBe(
      '899900063480',
    );
  });

  it('builds a replacement: same setId, next version, RPLC to the previous id', () => {
    const built = build(
      sidecar((o) => (o.replaces = { id: '2.25.1^A', setId: '2.25.2', version: 2 })),
    );
    if (!built.ok) throw new Error('not built');
    const doc = readText(built.xml);
    expect(attr(hl7All(doc.root, 'setId')[0], 'root')).toBe('2.25.2');
    expect(attr(hl7All(doc.root, 'versionNumber')[0], 'value')).toBe('3');
    const parent = hl7All(doc.root, 'relatedDocument/parentDocument/id')[0];
    expect([attr(parent, 'root'), attr(parent, 'extension')]).toEqual(['2.25.1', 'A']);
    expect(codes(headerProblems(built.xml), 'error')).toEqual([]);
  });

  it('escapes names and refuses codes outside the value sets or a file that is not a PDF', () => {
    const odd = build(sidecar((o) => (o.document.title = 'CR <urgent> & "suivi"')));
    if (!odd.ok) throw new Error('not built');
    expect(textOf(hl7All(readText(odd.xml).root, 'title')[0])).toBe('CR <urgent> & "suivi"');
    const bad = build(sidecar((o) => ((o.document.typeCode = 'XXX'), (o.facilityType = 'SA99'))));
    expect(!bad.ok && bad.problems.map((p) => [p.code, p.element])).toEqual([
      ['SIDECAR_CODE_UNKNOWN', '$.document.typeCode'],
      ['SIDECAR_CODE_UNKNOWN', '$.facilityType'],
    ]);
    const ctx = pdfContext(schema);
    const notPdf = buildLevel1Cda({
      pdf: new TextEncoder().encode('hello'),
      sidecar: sidecar(),
      cardHolder: ctx.cardHolder!,
      organization: ctx.organization!,
      valueSets: bundledValueSets(),
    });
    expect(!notPdf.ok && notPdf.problems.map((p) => p.code)).toEqual(['PDF_INVALID']);
  });
});
