// validateDocument: the per-file object of `navette validate --json` (issue 5) for each kind of
// input, schema errors with line numbers, and the report helpers of domain/documents.
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatInstanceId,
  parseInstanceId,
  uuidToOid,
} from '../../../../src/domain/documents/documentIds.js';
import { toReportProblem } from '../../../../src/domain/documents/validationReport.js';
import { checkCdaSchema } from '../../../../src/protocol/cda/cdaSchema.js';
import { decodeNonXmlBody, nonXmlBodyText } from '../../../../src/protocol/cda/rules/bodyRules.js';
import {
  checkDocument,
  validateDocument,
  type DocumentCheckContext,
} from '../../../../src/protocol/cda/validateDocument.js';
import {
  N1_FIXTURE,
  TINY_PDF,
  bundledSchema,
  bundledValueSets,
  edit,
  encode,
  pdfContext,
  readText,
  sidecarObject,
} from './cdaTestSupport.js';

const schema = bundledSchema();
afterAll(() => schema.dispose());
const ctx: DocumentCheckContext = { valueSets: bundledValueSets(), schema };

describe('validateDocument', () => {
  it('reports a conformant level-1 CDA as ok, with its metadata in the issue 5 shape', () => {
    const report = validateDocument({ file: 'cr.xml', bytes: encode(N1_FIXTURE) }, ctx);
    expect(report.ok).toBe(true);
    expect(report.kind).toBe('cda-n1');
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toContain('CDA_PATIENT_INS_TEST');
    expect(Object.keys(report)).toEqual(['file', 'ok', 'kind', 'errors', 'warnings', 'metadata']);
    expect(Object.keys(report.warnings[0] ?? {})).toEqual(['code', 'message', 'where', 'fix']);
    const m = report.metadata;
    expect(m).toMatchObject({
      uniqueId: '1.3.6.1.4.1.19376.1.2.20.12345.1.1',
      setId: '1.3.6.1.4.1.19376.1.2.20.12345.1',
      version: 1,
      typeCode: {
        code: '11502-2',
        codeSystem: '2.16.840.1.113883.6.1',
        displayName: "CR d'examens biologiques",
      },
      classCode: { code: '10', codeSystem: '1.2.250.1.213.1.1.4.1', displayName: 'Compte rendu' },
      formatCode: { code: 'urn:ihe:iti:xds-sd:pdf:2008' },
      creationTime: '20210401124745',
      serviceStartTime: '20210104124700',
      serviceStopTime: '20210104125500',
      confidentialityCode: [
        { code: 'N', codeSystem: '2.16.840.1.113883.5.25', displayName: 'Normal' },
      ],
      languageCode: 'fr-FR',
      practiceSettingCode: { code: 'AMBULATOIRE' },
      healthcareFacilityTypeCode: { code: 'SA07' },
      patient: {
        ins: '279035121518989',
        insOid: '1.2.250.1.213.1.4.10',
        family: 'PAT-TROIS',
        given: 'DOMINIQUE',
        birthTime: '19790328',
        gender: 'F',
      },
      author: {
        id: '801234534765',
        idRoot: '1.2.250.1.71.4.2.1',
        family: 'CAMPARINI',
        given: 'Marcel',
        specialty: { code: 'G15_10/SM03' },
      },
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports a level-3 document as cda-n3 and names the missing pieces', () => {
    const n3 = edit(
      '<templateId root="1.3.6.1.4.1.19376.1.2.20"/>',
      '<templateId root="1.2.250.1.213.1.1.1.13"/>',
      edit(
        /<nonXMLBody>[\s\S]*<\/nonXMLBody>/,
        '<structuredBody><component><section><text/></section></component></structuredBody>',
      ),
    );
    const report = validateDocument({ file: 'vsm.xml', bytes: encode(n3) }, ctx);
    expect(report.kind).toBe('cda-n3');
    expect(report.metadata?.formatCode?.code).toBe('urn:asip:ci-sis:vsm:2012');
  });

  it('gives schema errors with the line of the file and keeps the metadata', () => {
    const xml = edit('<realmCode code="FR"/>', '<realmCode code="FR"/><inconnu/>');
    const report = validateDocument({ file: 'x.xml', bytes: encode(xml) }, ctx);
    expect(report.ok).toBe(false);
    const line = xml.slice(0, xml.indexOf('<inconnu/>')).split('\n').length;
    expect(report.errors.map((e) => [e.code, e.line])).toEqual([['CDA_SCHEMA', line]]);
    expect(report.errors[0]?.message).toContain(`(ligne ${line})`);
    expect(report.errors[0]?.message).toContain("Element 'inconnu': This element is not expected");
    expect(report.errors[0]?.where).toContain(`ligne ${line}`);
    expect(report.metadata?.uniqueId).toBe('1.3.6.1.4.1.19376.1.2.20.12345.1.1');
  });

  it('caps schema errors and sums up the rest', () => {
    const author = /<author>[\s\S]*<\/author>/.exec(N1_FIXTURE)?.[0] ?? '';
    const many = edit(author, author.replace('<author>', '<author bogus="1">').repeat(60));
    const problems = checkCdaSchema(schema, encode(many));
    expect(problems).toHaveLength(51);
    expect(problems.slice(0, 50).every((p) => p.code === 'CDA_SCHEMA')).toBe(true);
    expect(problems[50]).toMatchObject({
      code: 'CDA_SCHEMA_MORE',
      message: '10 autre(s) erreur(s) de schéma non détaillée(s).',
    });
  });

  it('handles multi-megabyte base64 bodies: content intact, schema lines those of the file', () => {
    const pdf = new Uint8Array(1_500_000);
    pdf.set(new TextEncoder().encode('%PDF-1.4\n'));
    for (let i = 9; i < pdf.length; i++) pdf[i] = (i * 7919) & 0xff;
    const b64 = Buffer.from(pdf)
      .toString('base64')
      .replace(/(.{76})/g, '$1\n');
    const body = edit(
      /(<text mediaType="application\/pdf" representation="B64">)[^<]*(<\/text>)/,
      `$1${b64}$2`,
    );
    const xml = edit('</nonXMLBody>', '</nonXMLBody><bogus/>', body);
    const doc = readText(body);
    expect(Buffer.from(decodeNonXmlBody(nonXmlBodyText(doc.root)!)!).equals(pdf)).toBe(true);
    const problems = checkCdaSchema(schema, encode(xml));
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['CDA_SCHEMA', xml.slice(0, xml.indexOf('<bogus/>')).split('\n').length],
    ]);
    const marker = edit('<title>', '<title>navette-large-text-0 ', body);
    expect(Buffer.from(decodeNonXmlBody(nonXmlBodyText(readText(marker).root)!)!).equals(pdf)).toBe(
      true,
    );
  });

  it('shortens long base64 for the schema wherever it is: in CDATA, after a character reference', () => {
    // Over libxml2's 10 MB text limit: only the shortened view can be validated at all.
    const b64 = Buffer.alloc(8_000_000, 7)
      .toString('base64')
      .replace(/(.{76})/g, '$1\n');
    for (const wrap of [(t: string) => `<![CDATA[${t}]]>`, (t: string) => `&#10;${t}`]) {
      const xml = edit(
        /(<text mediaType="application\/pdf" representation="B64">)[^<]*(<\/text>)/,
        `$1${wrap(b64)}$2`,
      );
      expect(checkCdaSchema(schema, encode(xml))).toEqual([]);
    }
  });

  it('never takes a text spelled like the reader’s placeholder for a long text', () => {
    const pdf = Buffer.alloc(200_000, 3);
    pdf.set(Buffer.from('%PDF-1.4\n'));
    const body = edit(
      /(<text mediaType="application\/pdf" representation="B64">)[^<]*(<\/text>)/,
      `$1${pdf.toString('base64')}$2`,
    );
    const spoof = edit(/<title>[^<]*<\/title>/, '<title>&#110;avette-large-text-0</title>', body);
    const doc = readText(spoof);
    expect(doc.root.children.find((c) => c.name === 'title')?.text).toBe('navette-large-text-0');
  });

  it('reads what is not XML as unknown, with the reason', () => {
    const junk = validateDocument(
      { file: 'a.bin', bytes: new Uint8Array([0, 1, 2, 3, 0xff]) },
      ctx,
    );
    expect(junk).toMatchObject({ ok: false, kind: 'unknown', metadata: null });
    expect(junk.errors.map((e) => e.code)).toEqual(['CDA_ENCODING']);
    const other = validateDocument({ file: 'b.xml', bytes: encode('<facture/>') }, ctx);
    expect(other.errors.map((e) => e.code)).toEqual(['CDA_ROOT_UNKNOWN']);
    const big = validateDocument({ file: 'c.pdf', bytes: TINY_PDF }, { ...ctx, maxBytes: 10 });
    expect(big).toMatchObject({ kind: 'pdf', ok: false });
    expect(big.errors.map((e) => e.code)).toEqual(['CDA_TOO_LARGE']);
  });

  it('wraps a PDF with its sidecar, then checks it; refuses a PDF without one', () => {
    const pctx = pdfContext(schema);
    const alone = validateDocument({ file: 'cr.pdf', bytes: TINY_PDF }, pctx);
    expect(alone).toMatchObject({ ok: false, kind: 'pdf', metadata: null });
    expect(alone.errors.map((e) => e.code)).toEqual(['PDF_SIDECAR_MISSING']);
    const s = sidecarObject();
    s.visibility = { hiddenFromPatient: true };
    const result = checkDocument(
      { file: 'cr.pdf', bytes: TINY_PDF, sidecar: JSON.stringify(s) },
      pctx,
    );
    expect(result.report).toMatchObject({ ok: true, kind: 'pdf' });
    expect(result.report.metadata?.confidentialityCode.map((c) => c.code)).toEqual([
      'N',
      'INVISIBLE_PATIENT',
    ]);
    expect(result.entry?.confidentialityCodes.map((c) => c.code)).toEqual([
      'N',
      'INVISIBLE_PATIENT',
    ]);
    expect(result.entry?.uniqueId).toBe(result.report.metadata?.uniqueId);
    expect(result.visibility).toEqual({
      hiddenFromProfessionals: false,
      hiddenFromPatient: true,
      hiddenFromLegalRepresentatives: false,
    });
    expect(
      new TextDecoder().decode(result.cda).startsWith('<?xml version="1.0" encoding="UTF-8"?>'),
    ).toBe(true);
    const noContext = validateDocument(
      { file: 'cr.pdf', bytes: TINY_PDF, sidecar: JSON.stringify(s) },
      ctx,
    );
    expect(noContext.errors.map((e) => e.code)).toEqual(['PDF_CONTEXT_MISSING']);
    const badSidecar = validateDocument({ file: 'cr.pdf', bytes: TINY_PDF, sidecar: '{}' }, pctx);
    expect(badSidecar.errors.every((e) => e.code === 'SIDECAR_INVALID')).toBe(true);
  });

  it('gives no entry nor bytes to send when there is an error', () => {
    const r = checkDocument(
      { file: 'x.xml', bytes: encode(edit('<realmCode code="FR"/>', '')) },
      ctx,
    );
    expect(r.report.ok).toBe(false);
    expect(r.entry).toBeUndefined();
    expect(r.cda).toBeUndefined();
  });

  it('refuses a document id with an extension, and still shows uniqueId as root^extension', () => {
    const xml = edit(
      '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1"/>',
      '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1" extension="CR-2026-0042"/>',
    );
    const r = checkDocument({ file: 'cr.xml', bytes: encode(xml) }, ctx);
    expect(r.report.ok).toBe(false);
    expect(r.report.errors.map((e) => e.code)).toEqual(['CDA_ID_EXTENSION_UNSUPPORTED']);
    expect(r.report.metadata?.uniqueId).toBe('1.3.6.1.4.1.19376.1.2.20.12345.1^CR-2026-0042');
    // Nothing to send: the lot signature could not name it (urn:oid takes an OID only).
    expect(r.entry).toBeUndefined();
    expect(r.cda).toBeUndefined();
    // A PDF whose sidecar gives such an id is refused in the sidecar itself, saying why.
    const s = sidecarObject();
    s.document.id = '1.2.250.1.999.1^CR-2024-0001';
    const pdf = validateDocument(
      { file: 'cr.pdf', bytes: TINY_PDF, sidecar: JSON.stringify(s) },
      pdfContext(schema),
    );
    expect(pdf.ok).toBe(false);
    expect(pdf.errors.map((e) => e.code)).toEqual(['SIDECAR_INVALID']);
    expect(pdf.errors[0]?.message).toContain('OID seul attendu');
    expect(pdf.errors[0]?.message).toContain('extension');
  });
});

describe('document ids and report problems', () => {
  it('formats and parses root^extension, and turns a UUID into a 2.25 OID', () => {
    expect(formatInstanceId({ root: '1.2.3', extension: 'A^B' })).toBe('1.2.3^A^B');
    expect(parseInstanceId('1.2.3^A')).toEqual({ root: '1.2.3', extension: 'A' });
    expect(parseInstanceId('1.2.3')).toEqual({ root: '1.2.3' });
    expect(parseInstanceId('^x')).toBeUndefined();
    expect(uuidToOid('urn:uuid:00000000-0000-0000-0000-000000000001')).toBe('2.25.1');
    expect(uuidToOid('ffffffff-ffff-ffff-ffff-ffffffffffff')).toBe(
      '2.25.340282366920938463463374607431768211455',
    );
    expect(() => uuidToOid('nope')).toThrow(RangeError);
  });

  it('puts the line in `where` when it is known', () => {
    const base = { code: 'X', severity: 'error' as const, message: 'm', fix: 'f' };
    expect(toReportProblem({ ...base, element: '/a/b' }).where).toBe('/a/b');
    expect(toReportProblem({ ...base, element: '', line: 3, column: 7 })).toEqual({
      code: 'X',
      message: 'm',
      where: 'ligne 3, colonne 7',
      fix: 'f',
      line: 3,
      column: 7,
    });
  });
});
