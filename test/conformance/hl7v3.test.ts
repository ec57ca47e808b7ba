// Conformance of the TD0.2 / TD0.3 / TD0.4 / TD1.6 payloads against the official material:
// every official sample request and response is parsed (client and test-server sides) and its
// concrete values checked; every payload we build validates against the official schemas
// (HL7v3 NE2009 multicacheschemas, and the xs:schema embedded in Habilitations.wsdl and
// PatientsSpecific.wsdl) with xmllint as an independent oracle.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insOfKind } from '../../src/domain/ins/ins.js';
import {
  buildListAuthorizationByPatientRequest,
  buildListAuthorizationByPatientResponse,
  buildPatientListRequest,
  buildPatientListResponse,
  buildSetAuthorizationRequest,
  buildSetAuthorizationResponse,
  parseListAuthorizationByPatientRequest,
  parseListAuthorizationByPatientResponse,
  parsePatientListRequest,
  parsePatientListResponse,
  parseSetAuthorizationRequest,
  parseSetAuthorizationResponse,
} from '../../src/protocol/habilitations/index.js';
import {
  buildTd02Request,
  buildTd02Response,
  parseTd02Request,
  parseTd02Response,
} from '../../src/protocol/hl7v3/index.js';
import { parseXml } from '../../src/protocol/xml/parse.js';
import { REFERENCE_DIR } from '../support/paths.js';

const REF = path.join(REFERENCE_DIR, 'dmp');
const MESSAGES = join(REF, 'messages');
const HL7 = join(REF, 'schema/HL7V3/NE2009/multicacheschemas');
const work = mkdtempSync(join(tmpdir(), 'navette-hl7v3-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sample(name: string): string {
  return readFileSync(join(MESSAGES, name), 'utf8');
}

/** The SOAP Body of an official sample, as a parsed tree (prefixes removed). */
function body(name: string): Record<string, unknown> {
  const tree = parseXml(sample(name));
  const envelope = tree.Envelope as Record<string, unknown>;
  return envelope.Body as Record<string, unknown>;
}

/** The first element inside the sample's Body, as standalone text (namespace prefix re-declared). */
function bodyElementText(name: string, namespace: string): string {
  const text = sample(name);
  const inner = /<(?:\w+:)?Body[^>]*>([\s\S]*)<\/(?:\w+:)?Body>/.exec(text)?.[1]?.trim() ?? '';
  const prefix = /^<(\w+):/.exec(inner)?.[1];
  return prefix ? inner.replace(/^<(\w+:\w+)/, `<$1 xmlns:${prefix}="${namespace}"`) : inner;
}

function xmllint(schema: string, xml: string, label: string): { ok: boolean; output: string } {
  const file = join(work, `${label}.xml`);
  writeFileSync(file, xml);
  // xmllint reports "<file> validates" (or the errors) on stderr; the exit status is the verdict.
  const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stderr}${r.stdout}` };
}

function expectValid(schema: string, xml: string, label: string): void {
  const r = xmllint(schema, xml, label);
  expect(r.output, r.output).toContain('validates');
  expect(r.ok).toBe(true);
}

/** Writes the xs:schema embedded in a WSDL to a standalone XSD file. */
function wsdlSchema(wsdl: string): string {
  const text = readFileSync(join(REF, 'wsdl', wsdl), 'utf8');
  const schema = /<xs:schema[\s\S]*<\/xs:schema>/.exec(text)?.[0];
  if (!schema) throw new Error(`no xs:schema in ${wsdl}`);
  const file = join(work, wsdl.replace('.wsdl', '.xsd'));
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n${schema}`);
  return file;
}
const HABILITATIONS_XSD = wsdlSchema('Habilitations.wsdl');
const PATIENTS_XSD = wsdlSchema('PatientsSpecific.wsdl');

const LPS = { oid: '1.3.6.1.4.1.48364', softwareName: 'LPS GIE-SV' };
const TEST_INS = insOfKind('207058575627097', 'NIR_TEST');

describe('TD0.2 official samples', () => {
  it('the test server reads the official request', () => {
    const req = parseTd02Request(body('td0.2-test-d-existence.request.xml'));
    expect(req.ins).toEqual({
      matricule: '207058575627097',
      oid: '1.2.250.1.213.1.4.10',
      kind: 'NIR_TEST',
    });
    expect(req.messageId).toEqual({
      root: '1.3.6.1.4.1.48364.1.1',
      extension: '1633a409-3d61-4869-aed8-74d92ae20272',
    });
    expect(req.queryId).toEqual({
      root: '1.3.6.1.4.1.48364.2',
      extension: '87d5fd8f-72b2-43bf-938c-0402bf850d25',
    });
    expect(req.creationTime).toBe('20210519174507');
    expect(req.processingCode).toBe('D');
    expect(req.reasonCode).toBe('TEST_EXST');
    expect(req.sender).toEqual(LPS);
    expect(req.receiver).toEqual({ oid: '1.2.250.1.213.4.1.1.1', softwareName: 'DMP' });
    // Same result from the raw text of the whole envelope.
    expect(parseTd02Request(sample('td0.2-test-d-existence.request.xml')).ins.matricule).toBe(
      '207058575627097',
    );
  });

  it('the client reads the official response', () => {
    const res = parseTd02Response(body('td0.2-test-d-existence.response.xml'));
    expect(res.messageId).toEqual({ root: '0cc7f660-e7b5-4131-aee3-5ad75c0b32f2' });
    expect(res.creationTime).toBe('20210601125305');
    expect(res.authorization).toBe('VALIDE');
    expect(res.isMedecinTraitant).toBe(true);
    expect(res.acknowledgement).toEqual({
      typeCode: 'AA',
      targetMessageId: {
        root: '1.3.6.1.4.1.48364.1.1',
        extension: '1633a409-3d61-4869-aed8-74d92ae20272',
      },
      details: [],
    });
    expect(res.reasonCode).toBe('TEST_EXST');
    expect(res.queryResponseCode).toBe('OK');
    expect(res.queryId).toEqual({
      root: '1.3.6.1.4.1.48364.2',
      extension: '87d5fd8f-72b2-43bf-938c-0402bf850d25',
    });
    expect(res.dmpStatus).toBe('ACTIF');
    expect(res.errorCodes).toEqual([]);
    const p = res.patient;
    expect(p?.ins).toEqual(TEST_INS);
    expect(p?.ids).toEqual([
      { root: '1.2.250.1.213.1.4.2', extension: '1197854176879056415520' },
      { root: '1.2.250.1.213.1.4.10', extension: '207058575627097' },
    ]);
    expect(p?.statusCode).toBe('active');
    expect(p?.names).toEqual([
      { prefix: 'M', given: ['LAURENCE'], family: 'patb-quatre', familyQualifier: 'SP' },
    ]);
    expect(p?.telecoms).toEqual([
      { value: 'mailto:alain@gmail.com', use: undefined },
      { value: 'tel:0102030405', use: 'MC' },
    ]);
    expect(p?.administrativeGender).toBe('M');
    expect(p?.birthTime).toBe('19070525');
    expect(p?.internetAccountOpen).toBe(true);
    expect(p?.linkedToMonEspaceSante).toBe(false);
    expect(p?.observations).toEqual({ COMPTE_INTERNET_OUVERT: true, RATTACHEMENT_ENS: false });
  });

  it('the official request and response bodies validate against NE2009 (our oracle is sound)', () => {
    expectValid(
      join(HL7, 'PRPA_IN201307UV02.xsd'),
      bodyElementText('td0.2-test-d-existence.request.xml', 'urn:hl7-org:v3'),
      'sample-307',
    );
    expectValid(
      join(HL7, 'PRPA_IN201308UV02.xsd'),
      bodyElementText('td0.2-test-d-existence.response.xml', 'urn:hl7-org:v3'),
      'sample-308',
    );
  });
});

describe('TD0.2 built payloads', () => {
  const built = buildTd02Request({
    ins: TEST_INS,
    sender: LPS,
    creationTime: '20210519174507',
    messageId: '1633a409-3d61-4869-aed8-74d92ae20272',
    queryId: '87d5fd8f-72b2-43bf-938c-0402bf850d25',
  });

  it('builds a request that validates against PRPA_IN201307UV02.xsd', () => {
    expectValid(join(HL7, 'PRPA_IN201307UV02.xsd'), built.xml, 'built-307');
    const natia = buildTd02Request({
      ins: insOfKind('185022A00412308', 'NIR'),
      sender: LPS,
      creationTime: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
      reason: 'CNSLT_DATA',
    });
    expectValid(join(HL7, 'PRPA_IN201307UV02.xsd'), natia.xml, 'built-307-cnslt');
    expect(natia.xml).toContain('<creationTime value="20250102040405"/>');
  });

  it('the test server reads what the client builds, and answers with the same ids', () => {
    const req = parseTd02Request(built.xml);
    expect(req.ins).toEqual(TEST_INS);
    expect(req.messageId).toEqual(built.messageId);
    expect(req.queryId).toEqual(built.queryId);
    expect(built.messageId.root).toBe('1.3.6.1.4.1.48364.1.1');
    expect(req.processingCode).toBe('P');
  });

  const request = { messageId: built.messageId, queryId: built.queryId, reasonCode: 'TEST_EXST' };
  const patient = {
    ins: TEST_INS,
    insC: '1197854176879056415520',
    prefix: 'M',
    given: ['LAURENCE'],
    family: 'patb-quatre',
    telecoms: [{ value: 'tel:0102030405', use: 'MC' }],
    administrativeGender: 'F',
    birthTime: '19070525',
    internetAccountOpen: true,
    linkedToMonEspaceSante: true,
  };

  it('builds found / not-found / error responses that validate and parse back', () => {
    const found = buildTd02Response({
      messageId: '0cc7f660-e7b5-4131-aee3-5ad75c0b32f2',
      creationTime: '20210601125305',
      request,
      requester: LPS,
      outcome: { kind: 'found', authorization: 'INTERDIT', isMedecinTraitant: false, patient },
    });
    expectValid(join(HL7, 'PRPA_IN201308UV02.xsd'), found, 'built-308-found');
    const r = parseTd02Response(found);
    expect(r).toMatchObject({
      authorization: 'INTERDIT',
      isMedecinTraitant: false,
      queryResponseCode: 'OK',
      dmpStatus: 'ACTIF',
      queryId: built.queryId,
      acknowledgement: { typeCode: 'AA', targetMessageId: built.messageId, details: [] },
    });
    expect(r.patient?.ins).toEqual(TEST_INS);
    expect(r.patient?.linkedToMonEspaceSante).toBe(true);
    expect(r.patient?.names[0]?.family).toBe('patb-quatre');

    const closed = buildTd02Response({
      messageId: 'c1',
      creationTime: '20250101000000',
      request,
      requester: LPS,
      outcome: {
        kind: 'found',
        authorization: 'VALIDE',
        isMedecinTraitant: true,
        patient: { ...patient, statusCode: 'terminated' },
      },
    });
    expectValid(join(HL7, 'PRPA_IN201308UV02.xsd'), closed, 'built-308-closed');
    expect(parseTd02Response(closed).dmpStatus).toBe('FERME');

    const notFound = buildTd02Response({
      messageId: 'n1',
      creationTime: '20250101000000',
      request,
      requester: LPS,
      outcome: { kind: 'not-found' },
    });
    expectValid(join(HL7, 'PRPA_IN201308UV02.xsd'), notFound, 'built-308-nf');
    expect(parseTd02Response(notFound)).toMatchObject({
      queryResponseCode: 'NF',
      dmpStatus: 'INEXISTANT',
      patient: undefined,
      authorization: undefined,
    });

    const error = buildTd02Response({
      messageId: 'e1',
      creationTime: '20250101000000',
      request,
      requester: LPS,
      outcome: {
        kind: 'error',
        code: 'DMPClosed',
        text: 'Le DMP du patient est fermé & inaccessible.',
      },
    });
    expectValid(join(HL7, 'PRPA_IN201308UV02.xsd'), error, 'built-308-error');
    const e = parseTd02Response(error);
    expect(e.errorCodes).toEqual(['DMPClosed']);
    expect(e.dmpStatus).toBe('FERME');
    expect(e.acknowledgement?.typeCode).toBe('AE');
    expect(e.acknowledgement?.details[0]?.text).toBe('Le DMP du patient est fermé & inaccessible.');
  });
});

describe('TD0.3 setAuthorization', () => {
  it('reads the official request and response', () => {
    expect(
      parseSetAuthorizationRequest(body('td0.3-mise-a-jour-de-l-autorisation.request.xml')),
    ).toEqual({ action: 'AJOUT' });
    expect(
      parseSetAuthorizationResponse(body('td0.3-mise-a-jour-de-l-autorisation.response.xml')),
    ).toEqual({
      status: 'DMPOk',
      context: 'Autorisation déjà présente aucune action effectuée',
      ok: true,
    });
  });

  it('official bodies and built payloads validate against the WSDL schema', () => {
    expectValid(
      HABILITATIONS_XSD,
      bodyElementText(
        'td0.3-mise-a-jour-de-l-autorisation.request.xml',
        'urn:si-dmp-habilitations',
      ),
      'sample-td03-req',
    );
    expectValid(
      HABILITATIONS_XSD,
      bodyElementText(
        'td0.3-mise-a-jour-de-l-autorisation.response.xml',
        'urn:si-dmp-habilitations',
      ),
      'sample-td03-res',
    );
    const req = buildSetAuthorizationRequest({ action: 'SUPPRESSION', role: 'MEDECIN_TRAITANT' });
    expectValid(HABILITATIONS_XSD, req, 'built-td03-req');
    expect(parseSetAuthorizationRequest(req)).toEqual({
      action: 'SUPPRESSION',
      role: 'MEDECIN_TRAITANT',
    });
    const res = buildSetAuthorizationResponse({ context: 'Autorisation ajoutée' });
    expectValid(HABILITATIONS_XSD, res, 'built-td03-res');
    expect(parseSetAuthorizationResponse(res)).toEqual({
      status: 'DMPOk',
      context: 'Autorisation ajoutée',
      ok: true,
    });
    // The schema itself refuses an action outside the enumeration: the oracle can fail.
    expect(xmllint(HABILITATIONS_XSD, req.replace('SUPPRESSION', 'RETRAIT'), 'bad-td03').ok).toBe(
      false,
    );
  });
});

describe('TD0.4 patientList', () => {
  it('reads the official request and response', () => {
    expect(parsePatientListRequest(body('td0.4-liste-des-dmp-autorises.request.xml'))).toEqual({
      startDate: '20101010202010',
      dateType: 'LASTDOC',
      psOwnerId: undefined,
    });
    const res = parsePatientListResponse(body('td0.4-liste-des-dmp-autorises.response.xml'));
    expect(res.status).toBe('DMPOk');
    expect(res.ok).toBe(true);
    expect(res.patients).toHaveLength(2);
    expect(res.patients[0]).toEqual({
      identifiers: [
        { nationalId: '0740724093302701701806', nationalIdType: '1.2.250.1.213.1.4.2' },
        { nationalId: '153078987658513', nationalIdType: '1.2.250.1.213.1.4.10' },
      ],
      ins: { matricule: '153078987658513', oid: '1.2.250.1.213.1.4.10', kind: 'NIR_TEST' },
      lastName: 'PAT-TROIS',
      patronymicalName: undefined,
      firstName: 'DOMINIQUE',
      civility: undefined,
      dateOfBirth: '19790328',
      isMedecinTraitant: false,
      message: false,
      lastAccessDate: '20210601094105',
      lastUpdateDate: '20210525134738',
      lastAddDate: '20210525134735',
    });
    expect(res.patients[1]).toMatchObject({
      ins: TEST_INS,
      lastName: 'patb-quatre',
      firstName: 'LAURENCE',
      dateOfBirth: '19070525',
      isMedecinTraitant: true,
      lastAccessDate: '20210521101631',
    });
  });

  it('official bodies and built payloads validate against the WSDL schema', () => {
    expectValid(
      PATIENTS_XSD,
      bodyElementText('td0.4-liste-des-dmp-autorises.request.xml', 'urn:si-dmp-patients'),
      'sample-td04-req',
    );
    expectValid(
      PATIENTS_XSD,
      bodyElementText('td0.4-liste-des-dmp-autorises.response.xml', 'urn:si-dmp-patients'),
      'sample-td04-res',
    );
    const req = buildPatientListRequest({
      startDate: '20101010202010',
      dateType: 'LASTAUTORIZATION',
    });
    expectValid(PATIENTS_XSD, req, 'built-td04-req');
    expect(parsePatientListRequest(req)).toEqual({
      startDate: '20101010202010',
      dateType: 'LASTAUTORIZATION',
      psOwnerId: undefined,
    });
    const res = buildPatientListResponse([
      {
        identifiers: [{ nationalId: '153078987658513', nationalIdType: '1.2.250.1.213.1.4.10' }],
        lastName: 'PAT-TROIS',
        firstName: 'DOMINIQUE',
        dateOfBirth: '19790328',
        isMedecinTraitant: true,
        lastAccessDate: '20210601094105',
      },
    ]);
    expectValid(PATIENTS_XSD, res, 'built-td04-res');
    const back = parsePatientListResponse(res);
    expect(back.patients[0]).toMatchObject({
      lastName: 'PAT-TROIS',
      isMedecinTraitant: true,
      message: false,
    });
    expect(back.patients[0]?.ins?.matricule).toBe('153078987658513');
    expect(back.ok).toBe(true);
  });
});

describe('TD1.6 listAuthorizationByPatient', () => {
  it('reads the official request and response', () => {
    expect(
      parseListAuthorizationByPatientRequest(
        body('td1.6-liste-des-ps-autorises-ou-bloques.request.xml'),
      ),
    ).toEqual({ mode: 'TOUTE' });
    const res = parseListAuthorizationByPatientResponse(
      body('td1.6-liste-des-ps-autorises-ou-bloques.response.xml'),
    );
    expect(res).toEqual({
      status: 'DMPOk',
      context: '',
      ok: true,
      authorizations: [
        {
          nationalId: '899900063480',
          nationalIdType: '1.2.250.1.71.4.2.1',
          firstName: 'MAX',
          lastName: 'LIBRE',
          specialities: [
            { code: 'G15_10/SM26', label: 'Médecin - Qualifié en Médecine générale (SM)' },
          ],
          startOfAuthorization: '20210601135804',
          lastActionDate: '20210601140606',
          mode: 'ACTIVE',
          specificRights: [],
        },
      ],
    });
  });

  it('official bodies and built payloads validate against the WSDL schema', () => {
    expectValid(
      HABILITATIONS_XSD,
      bodyElementText(
        'td1.6-liste-des-ps-autorises-ou-bloques.request.xml',
        'urn:si-dmp-habilitations',
      ),
      'sample-td16-req',
    );
    expectValid(
      HABILITATIONS_XSD,
      bodyElementText(
        'td1.6-liste-des-ps-autorises-ou-bloques.response.xml',
        'urn:si-dmp-habilitations',
      ),
      'sample-td16-res',
    );
    const req = buildListAuthorizationByPatientRequest('INTERDITE');
    expectValid(HABILITATIONS_XSD, req, 'built-td16-req');
    expect(parseListAuthorizationByPatientRequest(req)).toEqual({ mode: 'INTERDITE' });
    const res = buildListAuthorizationByPatientResponse([
      {
        nationalId: '899900063480',
        firstName: 'MAX',
        lastName: 'LIBRE',
        specialities: [
          { code: 'G15_10/SM26', label: 'Médecin - Qualifié en Médecine générale (SM)' },
        ],
        startOfAuthorization: '20210601135804',
        lastActionDate: '20210601140606',
        mode: 'ACTIVE',
        specificRights: ['MEDECIN_TRAITANT'],
      },
    ]);
    expectValid(HABILITATIONS_XSD, res, 'built-td16-res');
    const back = parseListAuthorizationByPatientResponse(res);
    expect(back.authorizations[0]).toMatchObject({
      nationalId: '899900063480',
      nationalIdType: '1.2.250.1.71.4.2.1',
      mode: 'ACTIVE',
      specificRights: ['MEDECIN_TRAITANT'],
    });
    expect(back.ok).toBe(true);
  });
});
