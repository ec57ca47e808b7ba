// Author, custodian, legal authenticator (CDA-CISIS §1.3), service event and encounter (§1.4)
// and the level-1 body (§2.1), on edited copies of the fixture.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { codes, edit, headerProblems } from './cdaTestSupport.js';

const errors = (xml: string) => codes(headerProblems(xml), 'error');
const warnings = (xml: string) => codes(headerProblems(xml), 'warning');
const AUTHOR_ID = '<id root="1.2.250.1.71.4.2.1" extension="801234534765"/>';

describe('authors', () => {
  it('requires author/time and an id with root and extension', () => {
    expect(errors(edit('<time value="20210104160527+0100"/>', ''))).toEqual(['CDA_AUTHOR_TIME']);
    expect(errors(edit(AUTHOR_ID, '<id root="1.2.250.1.71.4.2.1"/>'))).toEqual(['CDA_AUTHOR_ID']);
  });

  it('warns on an idNat_PS that breaks the prefix or key rules', () => {
    const valid = edit(AUTHOR_ID, '<id root="1.2.250.1.71.4.2.1" extension="801234567897"/>');
    expect(warnings(valid)).not.toContain('CDA_AUTHOR_ID_NAT_PS');
    const prefix = headerProblems(
      edit(AUTHOR_ID, '<id root="1.2.250.1.71.4.2.1" extension="01234567897"/>'),
    );
    const w = prefix.find((p) => p.code === 'CDA_AUTHOR_ID_NAT_PS');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toContain('ADELI');
  });

  it('checks the specialty (J01) and the function code (J47)', () => {
    const specialty = /<code code="G15_10\/SM03"[^>]*\/>/;
    expect(
      errors(
        edit(specialty, '<code code="G15_99" displayName="X" codeSystem="1.2.250.1.213.1.1.4.5"/>'),
      ),
    ).toEqual(['CDA_AUTHOR_SPECIALTY_UNKNOWN']);
    expect(warnings(edit(specialty, ''))).toContain('CDA_AUTHOR_SPECIALTY_MISSING');
    const fn = edit(
      '<time value="20210104160527+0100"/>',
      '<functionCode code="NOPE" codeSystem="2.16.840.1.113883.5.88"/><time value="20210104160527+0100"/>',
    );
    expect(errors(fn)).toEqual(['CDA_AUTHOR_FUNCTION_UNKNOWN']);
  });

  it('requires a person or a device (with model and software name), not both', () => {
    const device =
      '<assignedAuthoringDevice><manufacturerModelName>M</manufacturerModelName><softwareName>S</softwareName></assignedAuthoringDevice>';
    const person = /<assignedPerson>\s*<name>\s*<prefix>M<\/prefix>[\s\S]*?<\/assignedPerson>/;
    expect(errors(edit(person, device))).toEqual([]);
    expect(
      errors(
        edit(
          person,
          '<assignedAuthoringDevice><softwareName>S</softwareName></assignedAuthoringDevice>',
        ),
      ),
    ).toEqual(['CDA_AUTHOR_DEVICE']);
    expect(errors(edit(person, ''))).toEqual(['CDA_AUTHOR_KIND']);
  });

  it('requires the structure root on the author organisation id', () => {
    const org = edit(
      /(<representedOrganization>\s*<!-- Identifiant de l'organisation -->\s*)<id[^>]*\/>(\s*<!-- Nom de l'organisation -->\s*<name>Laboratoire des charmes<\/name>\s*<!-- Coordonnées télécom de l'organisation -->\s*<telecom value="tel:0174589607")/,
      '$1<id root="1.2.3" extension="1120459876"/>$2',
    );
    expect(errors(org)).toEqual(['CDA_AUTHOR_ORGANIZATION_ID']);
  });
});

describe('custodian and legal authenticator', () => {
  it('requires a structure (or patient documents host) id on the custodian', () => {
    const custodian = /(<representedCustodianOrganization>\s*)<id[^>]*\/>/;
    expect(errors(edit(custodian, '$1<id root="1.2.3.4" extension="1"/>'))).toEqual([
      'CDA_CUSTODIAN_ID',
    ]);
    expect(errors(edit(custodian, '$1<id root="1.2.250.1.213.4.1" extension="1"/>'))).toEqual([]);
  });

  it('requires time, signatureCode S, id and family name', () => {
    expect(errors(edit('<time value="20200701134745+0100"/>', ''))).toEqual([
      'CDA_LEGAL_AUTHENTICATOR_TIME',
    ]);
    expect(errors(edit('<signatureCode code="S"/>', '<signatureCode code="X"/>'))).toEqual([
      'CDA_LEGAL_AUTHENTICATOR_SIGNATURE',
    ]);
    expect(errors(edit('<id root="1.2.250.1.71.4.2.1" extension="807505123456"/>', ''))).toEqual([
      'CDA_LEGAL_AUTHENTICATOR_ID',
    ]);
    expect(errors(edit('<family>Camparini</family>', ''))).toEqual([
      'CDA_LEGAL_AUTHENTICATOR_NAME',
    ]);
  });
});

describe('service event and encounter', () => {
  it('requires the start of the act and exactly one PRF performer', () => {
    expect(errors(edit('<low value="20210104134700+0100"/>', ''))).toEqual([
      'CDA_SERVICE_EVENT_TIME',
    ]);
    expect(errors(edit('<performer typeCode="PRF">', '<performer typeCode="SPRF">'))).toEqual([
      'CDA_SERVICE_EVENT_PERFORMER',
    ]);
  });

  it('requires the practice setting from JDV_J04', () => {
    const setting = /<standardIndustryClassCode[^>]*\/>/;
    expect(errors(edit(setting, ''))).toEqual(['CDA_PRACTICE_SETTING_MISSING']);
    const unknown = headerProblems(
      edit(
        setting,
        '<standardIndustryClassCode code="CABINET" codeSystem="1.2.250.1.213.1.1.4.9"/>',
      ),
    );
    const p = unknown.find((x) => x.severity === 'error');
    expect(p?.code).toBe('CDA_PRACTICE_SETTING_UNKNOWN');
    expect(p?.element).toBe(
      '/ClinicalDocument/documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode',
    );
  });

  it('requires the facility code from JDV_J02 and accepts a null-flavoured encounter time', () => {
    const facility = /<code code="SA07"[^>]*\/>/;
    expect(errors(edit(facility, '<code code="SA99" codeSystem="1.2.250.1.71.4.2.4"/>'))).toEqual([
      'CDA_FACILITY_TYPE_UNKNOWN',
    ]);
    expect(errors(edit(facility, ''))).toEqual(['CDA_FACILITY_TYPE_MISSING']);
    const encounterTime = /<effectiveTime>\s*<low value="20200701134745"\/>\s*<\/effectiveTime>/;
    expect(errors(edit(encounterTime, '<effectiveTime nullFlavor="NA"/>'))).toEqual([]);
    expect(errors(edit(encounterTime, ''))).toEqual(['CDA_ENCOUNTER_TIME']);
  });

  it('checks an encounter type against JDV_J142', () => {
    const withCode = (code: string) =>
      edit('<encompassingEncounter>', `<encompassingEncounter>${code}`);
    expect(errors(withCode('<code code="AMB" codeSystem="2.16.840.1.113883.5.4"/>'))).toEqual([]);
    expect(errors(withCode('<code code="XYZ" codeSystem="2.16.840.1.113883.5.4"/>'))).toEqual([
      'CDA_ENCOUNTER_CODE_UNKNOWN',
    ]);
  });
});

describe('level-1 body', () => {
  const text = /<text mediaType="application\/pdf" representation="B64">([^<]*)<\/text>/;

  it('requires PDF or plain text in base64', () => {
    expect(errors(edit('mediaType="application/pdf"', 'mediaType="image/jpeg"'))).toEqual([
      'CDA_N1_MEDIA_TYPE',
    ]);
    expect(errors(edit('representation="B64"', 'representation="TXT"'))).toEqual([
      'CDA_N1_REPRESENTATION',
    ]);
    expect(
      errors(
        edit(text, '<text mediaType="application/pdf" representation="B64">pas du base64 !</text>'),
      ),
    ).toEqual(['CDA_N1_CONTENT']);
    expect(
      errors(edit(text, '<text mediaType="application/pdf" representation="B64"></text>')),
    ).toEqual(['CDA_N1_CONTENT']);
  });

  it('checks that a declared PDF is a PDF, and accepts base64 split over lines', () => {
    const notPdf = Buffer.from('Bonjour, ceci est du texte.').toString('base64');
    expect(
      errors(edit(text, `<text mediaType="application/pdf" representation="B64">${notPdf}</text>`)),
    ).toEqual(['CDA_N1_NOT_PDF']);
    const plain = `<text mediaType="text/plain" representation="B64">${notPdf}</text>`;
    expect(errors(edit(text, plain))).toEqual([]);
    const split = edit(
      text,
      (_m: string, b64: string) =>
        `<text mediaType="application/pdf" representation="B64">${b64.replace(/(.{76})/g, '$1\n')}</text>`,
    );
    expect(errors(split)).toEqual([]);
  });
});
