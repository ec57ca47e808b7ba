// Every official ANS CI-SIS example (../shared/reference/cda/ExemplesCDA: 59 files in this
// snapshot, see its MANIFEST.md) through reading, the CDA schema, the header rules and the XDS
// mapping, with the bundled resources Navette ships. Nine examples fail one of our checks; each
// is listed below with the reason, after checking the file itself. Concrete values of a handful
// of examples are read with xmllint (an independent XPath engine) and compared with ours.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCdaHeader,
  checkCdaSchema,
  checkDocument,
  readCda,
  type DocumentCheckResult,
} from '../../src/protocol/cda/index.js';
import {
  CDA_EXAMPLES,
  bundledSchema,
  bundledValueSets,
} from '../unit/protocol/cda/cdaTestSupport.js';

const schema = bundledSchema();
afterAll(() => schema.dispose());
const ctx = { valueSets: bundledValueSets(), schema };

const FILES = readdirSync(CDA_EXAMPLES)
  .filter((f) => f.endsWith('.xml'))
  .sort();

/** Examples that fail a Navette check, and why (verified in the files). */
const EXPECTED_ERRORS: Readonly<Record<string, { codes: string[]; reason: string }>> = {
  'BIO-TROD_2024.01_Angine.xml': {
    codes: ['CDA_FORMAT_CODE_UNKNOWN', 'CDA_LEGAL_AUTHENTICATOR_TIME'],
    reason:
      'legalAuthenticator/time "20240106113623+100": a 3-digit UTC offset is not an HL7 TS (±ZZzz); ' +
      'template 1.2.250.1.213.1.1.1.59 (BIO-TROD, 2024) has no row in ASS_A11 (2024-05)',
  },
  'BIO-TROD_2024.01_COVID-19.xml': {
    codes: ['CDA_FORMAT_CODE_UNKNOWN', 'CDA_LEGAL_AUTHENTICATOR_TIME'],
    reason: 'same as BIO-TROD_2024.01_Angine.xml',
  },
  'DLU-FR-SU_2025.01.xml': {
    codes: ['CDA_FORMAT_CODE_UNKNOWN'],
    reason:
      'template 1.2.250.1.213.1.1.1.62 (DLU 2025) has no row in ASS_A11 (2024-05): table gap, not an example fault',
  },
  'DLU-FT-SU_2025.01.xml': {
    codes: ['CDA_FORMAT_CODE_UNKNOWN'],
    reason:
      'template 1.2.250.1.213.1.1.1.61 (DLU 2025) has no row in ASS_A11 (2024-05): table gap, not an example fault',
  },
  'CSE-CS8_2025.01.xml': {
    codes: ['CDA_PATIENT_INS_KEY'],
    reason: 'INS 221042545611404: key 04, 97 − (2210425456114 mod 97) = 83',
  },
  'CSE-CS9_2025.01.xml': { codes: ['CDA_PATIENT_INS_KEY'], reason: 'same INS as CSE-CS8' },
  'CSE-CS24_2025.01.xml': { codes: ['CDA_PATIENT_INS_KEY'], reason: 'same INS as CSE-CS8' },
  'CSE-MDE_2023.01.xml': {
    codes: ['CDA_PATIENT_INS_KEY'],
    reason: 'INS 222127505611201: key 01, expected 47',
  },
  'OBP-SNE_2024.01.xml': {
    codes: ['CDA_PATIENT_INS_KEY'],
    reason: 'INS 223042545611404: key 04, expected 82',
  },
};

const results = new Map<string, DocumentCheckResult>();
function resultOf(file: string): DocumentCheckResult {
  let r = results.get(file);
  if (!r) {
    r = checkDocument({ file, bytes: readFileSync(path.join(CDA_EXAMPLES, file)) }, ctx);
    results.set(file, r);
  }
  return r;
}

/** xmllint's string value of an XPath over the file (namespace-blind local-name steps). */
function xpath(file: string, steps: string, attr?: string): string {
  const expr = steps
    .split('/')
    .map((s) => `*[local-name()="${s}"]`)
    .join('/');
  const full = `string((//${expr})[1]${attr ? `/@${attr}` : ''})`;
  const r = spawnSync('xmllint', ['--xpath', full, path.join(CDA_EXAMPLES, file)], {
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return r.stdout.trim();
}

/** An independent UTC conversion of `YYYYMMDDHHMMSS±HHMM` (second precision only). */
function utc(ts: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-])(\d{2})(\d{2})$/.exec(ts);
  if (!m) throw new Error(`unexpected TS ${ts}`);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, , oh = 0, om = 0] = m.slice(1).map(Number);
  const offset = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000;
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

describe('official CI-SIS examples', () => {
  it('are all there (59 in this snapshot of the ANS test kit)', () => {
    expect(FILES).toHaveLength(59);
  });

  it('pass each check in the expected numbers, and fail exactly where listed', () => {
    const counts = { read: 0, schema: 0, header: 0, mapping: 0, ok: 0 };
    const failures: Record<string, string[]> = {};
    for (const file of FILES) {
      const bytes = readFileSync(path.join(CDA_EXAMPLES, file));
      const read = readCda(bytes);
      if (!read.ok) continue;
      counts.read++;
      if (checkCdaSchema(schema, bytes).length === 0) counts.schema++;
      if (checkCdaHeader(read.document, ctx.valueSets).every((p) => p.severity !== 'error'))
        counts.header++;
      const r = resultOf(file);
      if (
        !r.problems.some(
          (p) => p.code === 'CDA_CLASS_CODE_UNKNOWN' || p.code === 'CDA_FORMAT_CODE_UNKNOWN',
        )
      )
        counts.mapping++;
      if (r.report.ok) counts.ok++;
      const errors = [...new Set(r.report.errors.map((e) => e.code))].sort();
      if (errors.length > 0) failures[file] = errors;
    }
    console.info(`CDA examples (${FILES.length}): ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ read: 59, schema: 59, header: 52, mapping: 55, ok: 50 });
    expect(failures).toEqual(
      Object.fromEntries(Object.entries(EXPECTED_ERRORS).map(([f, e]) => [f, e.codes])),
    );
  });

  it('give a complete DocumentEntry for every example that passes', () => {
    for (const file of FILES) {
      const r = resultOf(file);
      if (!r.report.ok) continue;
      expect(r.entry?.uniqueId, file).toBe(r.report.metadata?.uniqueId);
      expect(r.entry?.patientId, file).toMatch(
        /^[0-9]{13}[0-9]{2}\^\^\^&1\.2\.250\.1\.213\.1\.4\.(8|10)&ISO\^NH$/,
      );
      expect(r.entry?.creationTime, file).toMatch(/^[0-9]{12}([0-9]{2})?$/);
    }
  });
});

describe('concrete values, read independently with xmllint', () => {
  const CASES: ReadonlyArray<readonly [string, string, string, string]> = [
    // file, classCode, formatCode, mimeType
    ['VSM_1.4_2022.01.xml', '11', 'urn:asip:ci-sis:vsm:2012', 'text/xml'],
    ['DOC_NON_STRUCTURE_CDA-R2-N1.xml', '10', 'urn:ihe:iti:xds-sd:pdf:2008', 'text/xml'],
    [
      'BIO-CR-BIO_2021.01_Auto-Presentable.xml',
      '10',
      'urn:ihe:lab:xd-lab:2008',
      'application/xslt+xml',
    ],
    ['IMG-DA-IMG_2024.01_Mammo-Echo-Seins.xml', '42', 'urn:ans:ci-sis:img-da:2022', 'text/xml'],
    ['IPS-FR_2024.01.xml', '11', 'urn:ihe:pcc:ips:2020', 'text/xml'],
    ['CNAM-HR_2021.01.xml', '60', 'urn:asip:ci-sis:hr:2019', 'text/xml'],
    ['eP-MED-DM_2024.01_PosoStruct.xml', '42', 'urn:ihe:pharm:pre:2010', 'text/xml'],
  ];

  it.each(CASES)('%s', (file, classCode, formatCode, mimeType) => {
    const r = resultOf(file);
    expect(r.report.ok).toBe(true);
    const e = r.entry;
    if (!e) throw new Error('no entry');
    const bytes = readFileSync(path.join(CDA_EXAMPLES, file));
    const root = xpath(file, 'ClinicalDocument/id', 'root');
    const ext = xpath(file, 'ClinicalDocument/id', 'extension');
    expect(e.uniqueId).toBe(ext ? `${root}^${ext}` : root);
    expect(e.typeCode.code).toBe(xpath(file, 'ClinicalDocument/code', 'code'));
    expect(e.typeCode.codingScheme).toBe(xpath(file, 'ClinicalDocument/code', 'codeSystem'));
    expect(e.title).toBe(xpath(file, 'ClinicalDocument/title').replace(/\s+/g, ' '));
    expect(e.creationTime).toBe(utc(xpath(file, 'ClinicalDocument/effectiveTime', 'value')));
    const low = xpath(file, 'documentationOf/serviceEvent/effectiveTime/low', 'value');
    expect(e.serviceStartTime).toBe(low.length === 19 ? utc(low) : low);
    const insRoot = xpath(file, 'recordTarget/patientRole/id', 'root');
    expect(e.patientId).toBe(
      `${xpath(file, 'recordTarget/patientRole/id', 'extension')}^^^&${insRoot}&ISO^NH`,
    );
    expect(e.practiceSettingCode.code).toBe(
      xpath(
        file,
        'serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode',
        'code',
      ),
    );
    expect(e.healthcareFacilityTypeCode.code).toBe(
      xpath(file, 'encompassingEncounter/location/healthCareFacility/code', 'code'),
    );
    expect(e.confidentialityCodes[0]?.code).toBe(
      xpath(file, 'ClinicalDocument/confidentialityCode', 'code'),
    );
    expect(e.languageCode).toBe(xpath(file, 'ClinicalDocument/languageCode', 'code'));
    expect(e.classCode.code).toBe(classCode);
    expect(e.formatCode.code).toBe(formatCode);
    expect(e.mimeType).toBe(mimeType);
    expect(e.hash).toBe(createHash('sha1').update(bytes).digest('hex'));
    expect(e.size).toBe(bytes.length);
    const authorId = xpath(file, 'ClinicalDocument/author/assignedAuthor/id', 'extension');
    expect(e.authors[0]?.person?.startsWith(`${authorId}^`)).toBe(true);
    expect(r.report.metadata?.version).toBe(
      Number(xpath(file, 'ClinicalDocument/versionNumber', 'value')),
    );
    expect(r.report.metadata?.setId?.split('^')[0]).toBe(
      xpath(file, 'ClinicalDocument/setId', 'root'),
    );
  });

  it('match the ANS XDM sample for the VSM (CDA-CISIS §3)', () => {
    const e = resultOf('VSM_1.4_2022.01.xml').entry;
    expect(e?.creationTime).toBe('20200312101700');
    expect(e?.typeCode).toEqual({
      code: 'SYNTH',
      codingScheme: '1.2.250.1.213.1.1.4.12',
      displayName: 'Synthèse',
    });
    expect(e?.eventCodes?.[0]?.code).toBe('34117-2');
    expect(e?.authors[0]?.specialties).toEqual([
      'G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5',
    ]);
    expect(e?.authors[0]?.person).toBe(
      '801234567897^MEDIONI^Stéphane^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS',
    );
  });
});
