// The bundled CDA schema and value sets against the official reference, xmllint --schema as an
// independent oracle on a sample of official examples (and on broken copies: same verdict, same
// line), and a level-1 CDA built around the official example's own PDF, checked by both.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CDA_XSD_ROOT,
  checkCdaSchema,
  checkDocument,
  decodeNonXmlBody,
  nonXmlBodyText,
  readCda,
} from '../../src/protocol/cda/index.js';
import { xmllintValidate } from '../support/xsdFiles.js';
import {
  CDA_EXAMPLES,
  CDA_REFERENCE,
  CDA_VALUE_SET_DIR,
  CDA_XSD_DIR,
  bundledSchema,
  pdfContext,
  sidecarObject,
} from '../unit/protocol/cda/cdaTestSupport.js';

const schema = bundledSchema();
afterAll(() => schema.dispose());
const XSD = path.join(CDA_XSD_DIR, CDA_XSD_ROOT);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full).map((f) => path.join(name, f)) : [name];
  });
}

const sha1 = (file: string): string => createHash('sha1').update(readFileSync(file)).digest('hex');

/** Lines of xmllint's errors on stdin ("-:12: element …"). */
function xmllintLines(output: string): number[] {
  return [...output.matchAll(/^-:(\d+):/gm)].map((m) => Number(m[1]));
}

describe('bundled resources (resources/cda)', () => {
  it('are byte-identical copies of the ANS schema files and value sets', () => {
    const xsd = files(CDA_XSD_DIR).sort();
    expect(xsd).toEqual(files(path.join(CDA_REFERENCE, 'infrastructure', 'cda')).sort());
    for (const f of xsd) {
      expect(sha1(path.join(CDA_XSD_DIR, f)), f).toBe(
        sha1(path.join(CDA_REFERENCE, 'infrastructure', 'cda', f)),
      );
    }
    const sets = readdirSync(CDA_VALUE_SET_DIR).sort();
    expect(sets).toEqual(readdirSync(path.join(CDA_REFERENCE, 'jeuxDeValeurs')).sort());
    for (const f of sets) {
      expect(sha1(path.join(CDA_VALUE_SET_DIR, f)), f).toBe(
        sha1(path.join(CDA_REFERENCE, 'jeuxDeValeurs', f)),
      );
    }
  });

  it('compile through the loader, every include and import resolved', () => {
    expect(schema.schemaFiles[0]).toBe('CDA_extended.xsd');
    expect(new Set(schema.schemaFiles)).toEqual(
      new Set(files(CDA_XSD_DIR).filter((f) => f.endsWith('.xsd'))),
    );
  });
});

describe('xmllint --schema as oracle', () => {
  const SAMPLE = [
    'VSM_1.4_2022.01.xml',
    'DOC_NON_STRUCTURE_CDA-R2-N1.xml',
    'BIO-CR-BIO_2021.01_Auto-Presentable.xml',
    'CANCER-PPS_2022.01_Autopresentable.xml',
    'IMG-DA-IMG_2024.01_Mammo-Echo-Seins.xml',
    'eDISP-MED_2024.01.xml',
    'OBP-SNM_2024.01.xml',
    'CNAM-HR_2021.01.xml',
  ];

  it.each(SAMPLE)('%s: valid for both', (file) => {
    const bytes = readFileSync(path.join(CDA_EXAMPLES, file));
    expect(checkCdaSchema(schema, bytes)).toEqual([]);
    expect(xmllintValidate(XSD, bytes.toString('utf8')).ok).toBe(true);
  });

  it.each([
    ['VSM_1.4_2022.01.xml', '<languageCode code="fr-FR"/>', '<languageCode code="fr-FR"/><bogus/>'],
    [
      'DOC_NON_STRUCTURE_CDA-R2-N1.xml',
      '<versionNumber value="1"/>',
      '<versionNumber value="un"/>',
    ],
    [
      'BIO-CR-BIO_2021.01_Auto-Presentable.xml',
      '<c:realmCode code="FR"/>',
      '<c:realmCode code="FR"/><c:realmCode code="FR" bad="1"/>',
    ],
  ])('%s, broken: both reject it on the same lines', (file, search, replacement) => {
    const text = readFileSync(path.join(CDA_EXAMPLES, file), 'utf8');
    expect(text.split(search)).toHaveLength(2);
    const broken = text.replace(search, replacement);
    const ours = checkCdaSchema(schema, new TextEncoder().encode(broken));
    const lint = xmllintValidate(XSD, broken);
    expect(ours.length).toBeGreaterThan(0);
    expect(lint.ok).toBe(false);
    expect(ours.map((p) => p.line)).toEqual(xmllintLines(lint.output));
    expect(ours[0]?.line).toBe(text.slice(0, text.indexOf(search)).split('\n').length);
  });
});

describe('level-1 CDA around the official example’s PDF', () => {
  it('is valid for xmllint, passes every Navette check and keeps the PDF byte for byte', () => {
    const source = readCda(
      readFileSync(path.join(CDA_EXAMPLES, 'DOC_NON_STRUCTURE_CDA-R2-N1.xml')),
    );
    if (!source.ok) throw new Error('unreadable example');
    const text = nonXmlBodyText(source.document.root);
    const pdf = text ? decodeNonXmlBody(text) : undefined;
    if (!pdf) throw new Error('no PDF in the example');
    expect(pdf.length).toBeGreaterThan(300_000);
    const result = checkDocument(
      { file: 'cr.pdf', bytes: pdf, sidecar: JSON.stringify(sidecarObject()) },
      pdfContext(schema),
    );
    expect(result.report.errors).toEqual([]);
    expect(result.report.kind).toBe('pdf');
    const cda = result.cda;
    if (!cda) throw new Error('no CDA built');
    expect(xmllintValidate(XSD, new TextDecoder().decode(cda)).ok).toBe(true);
    const back = readCda(cda);
    if (!back.ok) throw new Error('built CDA unreadable');
    const again = nonXmlBodyText(back.document.root);
    const decoded = again ? decodeNonXmlBody(again) : undefined;
    expect(decoded && Buffer.from(decoded).equals(pdf)).toBe(true);
    expect(result.entry).toMatchObject({
      mimeType: 'text/xml',
      formatCode: { code: 'urn:ihe:iti:xds-sd:pdf:2008' },
      classCode: { code: '10' },
      typeCode: { code: '11488-4' },
      practiceSettingCode: { code: 'AMBULATOIRE' },
      healthcareFacilityTypeCode: { code: 'SA07' },
      patientId: '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH',
      sourcePatientId: '1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI',
      creationTime: '20240501081500',
      size: cda.length,
    });
  });
});
