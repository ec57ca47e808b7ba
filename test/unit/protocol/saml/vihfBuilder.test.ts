// The unsigned VIHF: every field of DMP-INTERFACE §4 lands where the official samples put it, and
// the builder refuses inputs the DMP would refuse.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  VIHF_ATTRIBUTE,
  buildVihfAssertion,
  parseVihf,
  type VihfInput,
} from '../../../../src/protocol/saml/index.js';
import { AIR_INPUT, DIRECT_INPUT, INDIRECT_INPUT, SAMPLE_PATIENT } from './vihfInputs.js';

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const ISSUER = 'CN=899900063480,OU=Médecin,O=CABINET DR LIBRE,C=FR';

function build(input: Partial<VihfInput> = {}): string {
  return buildVihfAssertion({ ...DIRECT_INPUT, issuer: ISSUER, ...input });
}

function root(xml: string): Element {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return doc.documentElement as Element;
}

function attributeNames(xml: string): string[] {
  return Array.from(root(xml).getElementsByTagNameNS(SAML, 'Attribute')).map(
    (a) => a.getAttribute('Name') ?? '',
  );
}

function values(xml: string, name: string): string[] {
  const attribute = Array.from(root(xml).getElementsByTagNameNS(SAML, 'Attribute')).find(
    (a) => a.getAttribute('Name') === name,
  );
  return Array.from(attribute?.getElementsByTagNameNS(SAML, 'AttributeValue') ?? []).map(
    (v) => v.textContent ?? '',
  );
}

function codeOf(input: Partial<VihfInput>, field: string): string | undefined {
  try {
    build(input);
  } catch (error) {
    const e = error as { code: string; details: { field?: string } };
    expect(e.details.field).toBe(field);
    return e.code;
  }
  return undefined;
}

describe('buildVihfAssertion', () => {
  it('lays out the assertion like the direct-mode sample', () => {
    const xml = build();
    const a = root(xml);
    expect(a.localName).toBe('Assertion');
    expect(a.namespaceURI).toBe(SAML);
    expect(a.prefix).toBe('saml2');
    expect(a.getAttribute('ID')).toBe('_ce088e5a-e31d-42d0-ba37-fda5fcbc889d');
    expect(a.getAttribute('IssueInstant')).toBe('2019-06-26T08:08:55.469Z');
    expect(a.getAttribute('Version')).toBe('2.0');
    const children = Array.from(a.childNodes).map((n) => (n as Element).localName);
    expect(children).toEqual(['Issuer', 'Subject', 'AuthnStatement', 'AttributeStatement']);
    const issuer = a.getElementsByTagNameNS(SAML, 'Issuer')[0];
    expect(issuer?.textContent).toBe(ISSUER);
    expect(issuer?.getAttribute('Format')).toBe(
      'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
    );
    expect(a.getElementsByTagNameNS(SAML, 'NameID')[0]?.textContent).toBe('899900063480');
    expect(a.getElementsByTagNameNS(SAML, 'AuthnStatement')[0]?.getAttribute('AuthnInstant')).toBe(
      '2019-06-26T08:08:55.469Z',
    );
    expect(a.getElementsByTagNameNS(SAML, 'AuthnContextClassRef')[0]?.textContent).toBe(
      'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
    );
    expect(a.getElementsByTagNameNS(SAML, 'AuthnContextDecl')).toHaveLength(0);
    expect(xml).not.toMatch(/^<\?xml/);
    expect(xml).not.toContain('\n');
  });

  it('writes the attributes in the order and forms of the samples', () => {
    const xml = build();
    expect(attributeNames(xml)).toEqual([
      'Identifiant_Structure',
      'Secteur_Activite',
      'urn:oasis:names:tc:xacml:2.0:subject:role',
      'VIHF_Version',
      'Authentification_mode',
      'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
      'Ressource_URN',
      'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
      'LPS_ID',
      'LPS_Nom',
      'LPS_Version',
      'LPS_ID_HOMOLOGATION_DMP',
    ]);
    expect(xml).toContain(
      '<saml2:Attribute Name="Identifiant_Structure"><saml2:AttributeValue ' +
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:string">499900063480001' +
        '</saml2:AttributeValue></saml2:Attribute>',
    );
    expect(xml).toContain(
      '<Role xmlns="urn:hl7-org:v3" code="10" codeSystem="1.2.250.1.71.1.2.7" displayName="Médecin" xsi:type="CE"/>',
    );
    expect(xml).toContain('code="SM26" codeSystem="1.2.250.1.71.4.2.5"');
    expect(xml).toContain(
      '<PurposeOfUse xmlns="urn:hl7-org:v3" code="normal" codeSystem="1.2.250.1.213.1.1.4.248" ' +
        'codeSystemName="mode acces VIHF 2.0" displayName="Accès normal" xsi:type="CE"/>',
    );
    expect(values(xml, 'VIHF_Version')).toEqual(['3.0']);
    expect(values(xml, 'Authentification_mode')).toEqual(['DIRECTE']);
    expect(values(xml, 'Ressource_URN')).toEqual(['urn:dmp']);
    // The CX form's ampersands are escaped in the XML and come back intact.
    expect(xml).toContain('207058575627097^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH');
    expect(values(xml, VIHF_ATTRIBUTE.patientId)).toEqual([SAMPLE_PATIENT]);
    expect(values(xml, 'LPS_ID_HOMOLOGATION_DMP')).toEqual(['NumAutorisation']);
  });

  it('adds subject-id in indirect mode and the AIR AuthnContextDecl', () => {
    const indirect = buildVihfAssertion({ ...INDIRECT_INPUT, issuer: ISSUER });
    expect(attributeNames(indirect)[2]).toBe('urn:oasis:names:tc:xspa:1.0:subject:subject-id');
    expect(values(indirect, VIHF_ATTRIBUTE.subjectName)).toEqual(['MAX LIBRE']);
    expect(values(indirect, 'Authentification_mode')).toEqual(['INDIRECTE']);
    expect(root(indirect).getElementsByTagNameNS(SAML, 'AuthnContextDecl')).toHaveLength(0);

    const air = buildVihfAssertion({ ...AIR_INPUT, issuer: ISSUER });
    expect(values(air, 'Authentification_mode')).toEqual(['INDIRECTE_RENFORCEE']);
    expect(root(air).getElementsByTagNameNS(SAML, 'AuthnContextDecl')[0]?.textContent).toBe(
      'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
    );
    expect(air).toContain('codeSystemName="professions"');
    const kit = buildVihfAssertion({
      ...AIR_INPUT,
      issuer: ISSUER,
      authnContextDecl: 'APP_BROWSER_AUTH',
    });
    expect(root(kit).getElementsByTagNameNS(SAML, 'AuthnContextDecl')[0]?.textContent).toBe(
      'APP_BROWSER_AUTH',
    );
  });

  it('writes the three access modes, with the reason in bris de glace', () => {
    const bdg = build({ accessMode: 'bris_de_glace', accessReason: 'Patient inconscient' });
    expect(bdg).toContain('code="bris_de_glace" codeSystem="1.2.250.1.213.1.1.4.248"');
    expect(values(bdg, 'Mode_Acces_Raison')).toEqual(['Patient inconscient']);
    const names = attributeNames(bdg);
    expect(names.indexOf('Mode_Acces_Raison')).toBe(
      names.indexOf('urn:oasis:names:tc:xspa:1.0:subject:purposeofuse') + 1,
    );
    const c15 = build({ accessMode: 'centre_15', medicalRegulation: true });
    expect(c15).toContain('code="centre_15"');
    expect(values(c15, 'Acces_Regulation_Medicale')).toEqual(['VRAI']);
    expect(values(build({ medicalRegulation: false }), 'Acces_Regulation_Medicale')).toEqual([
      'FAUX',
    ]);
  });

  it('writes Conditions only when asked, between Subject and AuthnStatement', () => {
    const xml = build({
      validity: {
        notBefore: new Date('2026-01-01T10:00:00Z'),
        notOnOrAfter: new Date('2026-01-01T10:05:00Z'),
      },
    });
    const children = Array.from(root(xml).childNodes).map((n) => (n as Element).localName);
    expect(children).toEqual([
      'Issuer',
      'Subject',
      'Conditions',
      'AuthnStatement',
      'AttributeStatement',
    ]);
    const c = root(xml).getElementsByTagNameNS(SAML, 'Conditions')[0];
    expect(c?.getAttribute('NotBefore')).toBe('2026-01-01T10:00:00.000Z');
    expect(c?.getAttribute('NotOnOrAfter')).toBe('2026-01-01T10:05:00.000Z');
  });

  it('omits resource-id for calls not about a patient, and appends extra attributes', () => {
    const { patientId: _ignored, ...noPatient } = DIRECT_INPUT;
    const xml = buildVihfAssertion({
      ...noPatient,
      issuer: ISSUER,
      extraAttributes: [
        { name: 'urn:test:confidentiality', values: ['INVISIBLE_REPRESENTANTS_LEGAUX'] },
      ],
    });
    expect(attributeNames(xml)).not.toContain(VIHF_ATTRIBUTE.patientId);
    expect(attributeNames(xml).at(-1)).toBe('urn:test:confidentiality');
    expect(values(xml, 'urn:test:confidentiality')).toEqual(['INVISIBLE_REPRESENTANTS_LEGAUX']);
  });

  it('escapes markup in every value', () => {
    const xml = build({
      subjectId: 'a<b&c',
      software: { ...DIRECT_INPUT.software, name: 'X "&" <Y>' },
    });
    expect(root(xml).getElementsByTagNameNS(SAML, 'NameID')[0]?.textContent).toBe('a<b&c');
    expect(values(xml, 'LPS_Nom')).toEqual(['X "&" <Y>']);
  });

  it('generates an xs:ID and the current time by default', () => {
    const { id: _id, issueInstant: _at, ...rest } = DIRECT_INPUT;
    const before = Date.now();
    const a = root(buildVihfAssertion({ ...rest, issuer: ISSUER }));
    expect(a.getAttribute('ID')).toMatch(/^_[0-9a-f-]{36}$/);
    const at = Date.parse(a.getAttribute('IssueInstant') ?? '');
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('round-trips through parseVihf', () => {
    const read = parseVihf(build({ accessMode: 'bris_de_glace', accessReason: 'Urgence vitale' }));
    expect(read).toMatchObject({
      id: DIRECT_INPUT.id,
      issuer: ISSUER,
      subjectId: '899900063480',
      structureId: '499900063480001',
      activitySector: 'SA07^1.2.250.1.71.4.2.4',
      profession: { code: '10', codeSystem: '1.2.250.1.71.1.2.7', displayName: 'Médecin' },
      specialty: { code: 'SM26', codeSystem: '1.2.250.1.71.4.2.5' },
      vihfVersion: '3.0',
      authenticationMode: 'DIRECTE',
      accessMode: 'bris_de_glace',
      accessReason: 'Urgence vitale',
      patientId: SAMPLE_PATIENT,
      resourceUrn: 'urn:dmp',
      software: DIRECT_INPUT.software,
      otherAttributes: [],
    });
    expect(read.roles).toHaveLength(2);
  });
});

describe('buildVihfAssertion refusals (VIHF_INPUT_INVALID)', () => {
  it('needs an issuer and the mandatory identifiers', () => {
    expect(codeOf({ issuer: '' }, 'issuer')).toBe('VIHF_INPUT_INVALID');
    expect(codeOf({ subjectId: ' ' }, 'subjectId')).toBe('VIHF_INPUT_INVALID');
    expect(codeOf({ structureId: '' }, 'structureId')).toBe('VIHF_INPUT_INVALID');
    expect(codeOf({ activitySector: 'SA07' }, 'activitySector')).toBe('VIHF_INPUT_INVALID');
    expect(
      codeOf(
        { software: { ...DIRECT_INPUT.software, homologationNumber: '' } },
        'software.homologationNumber',
      ),
    ).toBe('VIHF_INPUT_INVALID');
    expect(codeOf({ id: '1-starts-with-a-digit' }, 'id')).toBe('VIHF_INPUT_INVALID');
  });

  it('needs the user name in indirect modes', () => {
    expect(codeOf({ authenticationMode: 'INDIRECTE' }, 'subjectName')).toBe('VIHF_INPUT_INVALID');
    expect(codeOf({ authenticationMode: 'INDIRECTE_RENFORCEE' }, 'subjectName')).toBe(
      'VIHF_INPUT_INVALID',
    );
  });

  it('needs a speciality for a médecin or a pharmacien, not for a nurse', () => {
    const { specialty: _s, ...noSpecialty } = DIRECT_INPUT;
    expect(() => buildVihfAssertion({ ...noSpecialty, issuer: ISSUER })).toThrow(
      expect.objectContaining({ code: 'VIHF_INPUT_INVALID', details: { field: 'specialty' } }),
    );
    expect(() =>
      buildVihfAssertion({
        ...noSpecialty,
        issuer: ISSUER,
        profession: { code: '21', codeSystem: '1.2.250.1.71.1.2.7' },
      }),
    ).toThrow(expect.objectContaining({ code: 'VIHF_INPUT_INVALID' }));
    const nurse = buildVihfAssertion({
      ...noSpecialty,
      issuer: ISSUER,
      profession: { code: '60', codeSystem: '1.2.250.1.71.1.2.7', displayName: 'Infirmier' },
    });
    expect(values(nurse, VIHF_ATTRIBUTE.role)).toHaveLength(1);
  });

  it('needs a reason in bris de glace, valid dates and known modes', () => {
    expect(codeOf({ accessMode: 'bris_de_glace' }, 'accessReason')).toBe('VIHF_INPUT_INVALID');
    expect(codeOf({ issueInstant: new Date('nope') }, 'issueInstant')).toBe('VIHF_INPUT_INVALID');
    const at = new Date('2026-01-01T10:00:00Z');
    expect(codeOf({ validity: { notBefore: at, notOnOrAfter: at } }, 'validity')).toBe(
      'VIHF_INPUT_INVALID',
    );
    expect(codeOf({ accessMode: 'urgence' as never }, 'accessMode')).toBe('VIHF_INPUT_INVALID');
    expect(codeOf({ authenticationMode: 'CARTE' as never }, 'authenticationMode')).toBe(
      'VIHF_INPUT_INVALID',
    );
  });

  it('says what is wrong in French', () => {
    expect(() => build({ accessMode: 'bris_de_glace' })).toThrow(
      /bris de glace, la raison de l'accès est obligatoire/,
    );
  });
});
