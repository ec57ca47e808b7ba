// The libxml2-wasm validator (src/protocol/xsd) against the official DMP schemas, with xmllint
// as the independent oracle: same verdicts and same error lines on the official samples, whose
// TD3.2 response and TD3.3 requests are NOT schema-valid as published.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMtom } from '../../src/protocol/mtom/index.js';
import { readSoapEnvelope } from '../../src/protocol/soap/index.js';
import { createXsdValidator, type XsdValidationResult } from '../../src/protocol/xsd/index.js';
import {
  DMP_SCHEMA_DIR,
  XDS_ROOT_XSD,
  schemaLoader,
  xmllintValidate,
  xopInfoset,
} from '../support/xsdFiles.js';
import { REFERENCE_DIR } from '../support/paths.js';

const MESSAGES = path.join(REFERENCE_DIR, 'dmp', 'messages');
const xds = createXsdValidator(schemaLoader(), XDS_ROOT_XSD);
const HL7_ROOT = 'HL7V3/NE2009/multicacheschemas/PRPA_IN201308UV02.xsd';
const hl7 = createXsdValidator(schemaLoader(), HL7_ROOT);
afterAll(() => {
  xds.dispose();
  hl7.dispose();
});

/** The Body content of an official sample, exactly as in the file. */
function body(name: string): string {
  return readSoapEnvelope(readFileSync(path.join(MESSAGES, name))).bodyXml;
}

/** xmllint's error lines ("-:12: element …") next to ours. */
function lines(result: XsdValidationResult): number[] {
  return result.errors.map((e) => e.line);
}
function xmllintLines(output: string): number[] {
  return [...output.matchAll(/^-:(\d+):/gm)].map((m) => Number(m[1]));
}

describe('XDS.b schema (IHE/XDS.b_DocumentRepository.xsd + ebRS)', () => {
  it('loads the root and every imported ebRS file through the loader', () => {
    expect(xds.schemaFiles).toEqual([
      'IHE/XDS.b_DocumentRepository.xsd',
      'ebRS/rs.xsd',
      'ebRS/rim.xsd',
      'ebRS/xml.xsd',
      'ebRS/lcm.xsd',
      'ebRS/query.xsd',
    ]);
  });

  it.each([
    'td2.1-alimentation.response.xml',
    'td3.1-recherche-de-document.request.xml',
    'td3.1-recherche-de-document.response.xml',
    'td3.2-consultation-d-un-document.request.xml',
    'td3.3c-supprimer-un-document.response.xml',
    'td3.3d-archiver-un-document.response.xml',
  ])('%s: valid for both validators', (name) => {
    const xml = body(name);
    expect(xds.validate(xml)).toEqual({ valid: true, errors: [] });
    expect(xmllintValidate(path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD), xml).ok).toBe(true);
  });

  it.each([
    ['td3.3c-supprimer-un-document.request.xml', [13, 41, 46, 51]],
    ['td3.3d-archiver-un-document.request.xml', [13, 41, 46, 51]],
  ])(
    '%s: both validators reject it on the same lines (classifiedObject, registryObject missing)',
    (name, expected) => {
      const xml = body(name);
      const ours = xds.validate(xml);
      const lint = xmllintValidate(path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD), xml);
      expect(ours.valid).toBe(false);
      expect(lint.ok).toBe(false);
      expect(lines(ours)).toEqual(expected);
      expect(xmllintLines(lint.output)).toEqual(expected);
      expect(ours.errors[0]?.message).toContain(
        "The attribute 'classifiedObject' is required but missing",
      );
      expect(ours.errors[1]?.message).toContain(
        "The attribute 'registryObject' is required but missing",
      );
    },
  );

  it('td3.2 response: xop:Include inside the base64 Document is rejected as is, accepted as XOP infoset', () => {
    const xml = body('td3.2-consultation-d-un-document.response.xml');
    const ours = xds.validate(xml);
    expect(ours.valid).toBe(false);
    expect(ours.errors[0]?.message).toContain(
      'Element content is not allowed, because the type definition is simple',
    );
    expect(xmllintValidate(path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD), xml).ok).toBe(false);
    const infoset = xopInfoset(
      xml,
      new Map([
        ['b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn:ihe:iti:xds-b:2007', Buffer.from('<a/>')],
      ]),
    );
    expect(xds.validate(infoset).valid).toBe(true);
    expect(xmllintValidate(path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD), infoset).ok).toBe(true);
  });

  it('td2.1 request (MTOM root part, SOAP 1.1): its XOP infoset is valid for both validators', async () => {
    const raw = readFileSync(path.join(MESSAGES, 'td2.1-alimentation.request.xml'));
    const boundary = raw.subarray(2, raw.indexOf(0x0a)).toString('latin1');
    const msg = await readMtom(
      raw,
      `multipart/related; type="application/xop+xml"; boundary="${boundary}"`,
    );
    const parts = new Map(msg.attachments.map((a) => [a.contentId ?? '', a.data]));
    const xml = xopInfoset(readSoapEnvelope(msg.root.xml).bodyXml, parts);
    expect(xds.validate(xml)).toEqual({ valid: true, errors: [] });
    expect(xmllintValidate(path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD), xml).ok).toBe(true);
  });
});

describe('HL7v3 NE2009 schema (includes across ../coreschemas)', () => {
  it('td0.2 response is valid; a tampered copy is rejected by both validators', () => {
    expect(hl7.schemaFiles[0]).toBe(HL7_ROOT);
    expect(hl7.schemaFiles).toContain('HL7V3/NE2009/coreschemas/datatypes-base.xsd');
    const xml = body('td0.2-test-d-existence.response.xml');
    expect(hl7.validate(xml)).toEqual({ valid: true, errors: [] });
    expect(xmllintValidate(path.join(DMP_SCHEMA_DIR, HL7_ROOT), xml).ok).toBe(true);
    const tampered = xml.replace(
      '<creationTime value="20210601125305"/>',
      '<creationTime valeur="20210601125305"/>',
    );
    expect(tampered).not.toBe(xml);
    const ours = hl7.validate(tampered);
    const lint = xmllintValidate(path.join(DMP_SCHEMA_DIR, HL7_ROOT), tampered);
    expect(ours.valid).toBe(false);
    expect(lint.ok).toBe(false);
    expect(lines(ours)).toEqual(xmllintLines(lint.output));
  });

  it('an absolute root path resolves includes as absolute paths', () => {
    const absolute = createXsdValidator(schemaLoader(), path.join(DMP_SCHEMA_DIR, XDS_ROOT_XSD));
    try {
      expect(absolute.schemaFiles).toContain(path.join(DMP_SCHEMA_DIR, 'ebRS/rim.xsd'));
      expect(absolute.validate(body('td3.1-recherche-de-document.request.xml')).valid).toBe(true);
    } finally {
      absolute.dispose();
    }
  });
});
