// CI-SIS skeleton rules (CDA-CISIS §1.1) on edited copies of the level-1 fixture: each edit
// breaks one rule, which must report its stable code on the right element.
import { describe, expect, it } from 'vitest';
import { N1_FIXTURE, codes, edit, headerProblems } from './cdaTestSupport.js';

const BASE_WARNINGS = [
  'CDA_PATIENT_INS_TEST',
  'CDA_AUTHOR_ID_NAT_PS',
  'CDA_LEGAL_AUTHENTICATOR_ID_NAT_PS',
  'CDA_PERFORMER_ID_NAT_PS',
];

function errorsOf(xml: string) {
  return headerProblems(xml).filter((p) => p.severity === 'error');
}

describe('the fixture', () => {
  it('has no header error, only the warnings of its fictitious identifiers', () => {
    const problems = headerProblems(N1_FIXTURE);
    expect(codes(problems, 'error')).toEqual([]);
    expect(codes(problems, 'warning')).toEqual(BASE_WARNINGS);
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('skeleton', () => {
  it('requires realmCode FR and the CDA R2 typeId', () => {
    const realm = errorsOf(edit('<realmCode code="FR"/>', '<realmCode code="DE"/>'));
    expect(realm.map((p) => [p.code, p.element])).toEqual([
      ['CDA_REALM_CODE', '/ClinicalDocument/realmCode'],
    ]);
    const typeId = errorsOf(edit('extension="POCD_HD000040"', 'extension="POCD_HD000041"'));
    expect(codes(typeId)).toEqual(['CDA_TYPE_ID']);
  });

  it('requires the HL7 France and CI-SIS conformance templateIds', () => {
    const xml = edit('<templateId root="2.16.840.1.113883.2.8.2.1"/>', '');
    expect(codes(errorsOf(xml))).toEqual(['CDA_TEMPLATE_HL7_FRANCE']);
    const cisis = errorsOf(edit('<templateId root="1.2.250.1.213.1.1.1.1"/>', ''));
    expect(cisis.map((p) => [p.code, p.element])).toEqual([
      ['CDA_TEMPLATE_CISIS', '/ClinicalDocument/templateId'],
    ]);
  });

  it('level 1: requires XDS-SD and refuses a volet templateId beside it', () => {
    expect(codes(errorsOf(edit('<templateId root="1.3.6.1.4.1.19376.1.2.20"/>', '')))).toEqual([
      'CDA_N1_TEMPLATE_XDS_SD',
    ]);
    const extra = edit(
      '<templateId root="1.3.6.1.4.1.19376.1.2.20"/>',
      '<templateId root="1.3.6.1.4.1.19376.1.2.20"/><templateId root="1.2.250.1.213.1.1.1.13"/>',
    );
    const problems = errorsOf(extra);
    expect(codes(problems)).toEqual(['CDA_N1_TEMPLATE_EXTRA']);
    expect(problems[0]?.message).toContain('1.2.250.1.213.1.1.1.13');
  });

  it('level 3: requires a volet templateId', () => {
    const structured = edit(/<nonXMLBody>[\s\S]*<\/nonXMLBody>/, '<structuredBody/>');
    const n3 = edit('<templateId root="1.3.6.1.4.1.19376.1.2.20"/>', '', structured);
    expect(codes(errorsOf(n3))).toEqual(['CDA_TEMPLATE_VOLET']);
    const volet = edit(
      '<templateId root="1.3.6.1.4.1.19376.1.2.20"/>',
      '<templateId root="1.2.250.1.213.1.1.1.13"/>',
      structured,
    );
    expect(codes(errorsOf(volet))).toEqual([]);
  });

  it('requires a document id whose root is an OID (a UUID is valid CDA, refused for the DMP)', () => {
    expect(codes(errorsOf(edit('<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1"/>', '')))).toEqual([
      'CDA_ID',
    ]);
    const bad = errorsOf(
      edit('<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1"/>', '<id root="mon-document"/>'),
    );
    expect(bad.map((p) => p.code)).toEqual(['CDA_ID']);
    expect(bad[0]?.message).toContain('mon-document');
    const uuid = edit(
      '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1"/>',
      '<id root="6f0c2a4e-1b7d-4c3e-9a51-0123456789ab"/>',
    );
    expect(codes(errorsOf(uuid))).toEqual(['CDA_ID_ROOT_UUID_UNSUPPORTED']);
  });

  it('refuses a document id with an extension (the lot signature names it by urn:oid)', () => {
    const withExtension = errorsOf(
      edit(
        '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1"/>',
        '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1" extension="CR-2026-0042"/>',
      ),
    );
    expect(withExtension.map((p) => [p.code, p.severity, p.element])).toEqual([
      ['CDA_ID_EXTENSION_UNSUPPORTED', 'error', '/ClinicalDocument/id'],
    ]);
    expect(withExtension[0]?.message).toContain('« CR-2026-0042 »');
    expect(withExtension[0]?.fix).toContain('id/@root');
    // An empty extension is no extension: the uniqueId is the root alone.
    const empty = edit(
      '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1"/>',
      '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1" extension=""/>',
    );
    expect(codes(errorsOf(empty))).toEqual([]);
    // Only the document's own id: the replaced version's may carry one (parentDocument/id).
    const parent = edit(
      '<componentOf>',
      '<relatedDocument typeCode="RPLC"><parentDocument><id root="1.2.3.4.5" extension="V1"/>' +
        '</parentDocument></relatedDocument><componentOf>',
      edit('<versionNumber value="1"/>', '<versionNumber value="2"/>'),
    );
    expect(codes(errorsOf(parent))).toEqual([]);
  });

  it('refuses a UUID as the document id: an XDS uniqueId is an OID', () => {
    const uuid = edit(
      '<id root="1.3.6.1.4.1.19376.1.2.20.12345.1.1"/>',
      '<id root="0f8fad5b-d9cb-469f-a165-70867728950e"/>',
    );
    const problems = errorsOf(uuid);
    expect(problems.map((p) => [p.code, p.element])).toEqual([
      ['CDA_ID_ROOT_UUID_UNSUPPORTED', '/ClinicalDocument/id'],
    ]);
    expect(problems[0]?.fix).toContain('2.25.');
  });
});

describe('document type (JDV_J07)', () => {
  const code = (attrs: string) => edit(/<code code="11502-2"[^>]*\/>/, `<code ${attrs}/>`);

  it('accepts a J07 code and refuses a code outside the value set', () => {
    expect(
      codes(errorsOf(code('code="11488-4" displayName="CR" codeSystem="2.16.840.1.113883.6.1"'))),
    ).toEqual([]);
    const unknown = errorsOf(
      code('code="99999-9" displayName="X" codeSystem="2.16.840.1.113883.6.1"'),
    );
    expect(unknown.map((p) => [p.code, p.element])).toEqual([
      ['CDA_TYPE_CODE_UNKNOWN', '/ClinicalDocument/code'],
    ]);
    expect(unknown[0]?.message).toContain('JDV_J07_XdsTypeCode_CISIS');
  });

  it('names the right code system when the code exists in another one', () => {
    const wrong = errorsOf(
      code('code="SYNTH" displayName="Synthèse" codeSystem="2.16.840.1.113883.6.1"'),
    );
    expect(codes(wrong)).toEqual(['CDA_TYPE_CODE_UNKNOWN']);
    expect(wrong[0]?.fix).toBe('Indiquez codeSystem="1.2.250.1.213.1.1.4.12".');
  });

  it('requires @code, @codeSystem and @displayName', () => {
    expect(codes(errorsOf(code('code="11488-4" codeSystem="2.16.840.1.113883.6.1"')))).toEqual([
      'CDA_TYPE_CODE_INCOMPLETE',
    ]);
    expect(codes(errorsOf(code('code="11488-4" displayName="CR"')))).toEqual([
      'CDA_TYPE_CODE_INCOMPLETE',
    ]);
    expect(codes(errorsOf(edit(/<code code="11502-2"[^>]*\/>/, '')))).toEqual([
      'CDA_TYPE_CODE_MISSING',
    ]);
  });
});

describe('title, time, confidentiality, language', () => {
  it('requires a non-empty title', () => {
    expect(codes(errorsOf(edit(/<title>[^<]*<\/title>/, '<title>  </title>')))).toEqual([
      'CDA_TITLE_MISSING',
    ]);
  });

  it('requires a valid effectiveTime and warns when it lacks seconds or offset', () => {
    const eff = (v: string) =>
      headerProblems(
        edit('<effectiveTime value="20210401134745+0100"/>', `<effectiveTime value="${v}"/>`),
      );
    expect(codes(eff('20211301134745+0100'), 'error')).toEqual(['CDA_EFFECTIVE_TIME']);
    expect(codes(eff('20210401134745+100'), 'error')).toEqual(['CDA_EFFECTIVE_TIME']);
    const local = eff('202104011347');
    expect(codes(local, 'error')).toEqual([]);
    expect(codes(local, 'warning')).toContain('CDA_EFFECTIVE_TIME_PRECISION');
  });

  it('requires a J08 confidentiality code and refuses DMP visibility codes inside the CDA', () => {
    const conf = (attrs: string) =>
      errorsOf(edit(/<confidentialityCode[^>]*\/>/, `<confidentialityCode ${attrs}/>`));
    expect(
      codes(conf('code="R" displayName="Restreint" codeSystem="2.16.840.1.113883.5.25"')),
    ).toEqual([]);
    expect(codes(conf('code="X" displayName="X" codeSystem="2.16.840.1.113883.5.25"'))).toEqual([
      'CDA_CONFIDENTIALITY_UNKNOWN',
    ]);
    expect(
      codes(conf('code="MASQUE_PS" displayName="Masqué" codeSystem="1.2.250.1.213.1.1.4.13"')),
    ).toEqual(['CDA_CONFIDENTIALITY_DMP_CODE']);
  });

  it('requires languageCode in xx-XX form', () => {
    expect(
      codes(errorsOf(edit('<languageCode code="fr-FR"/>', '<languageCode code="fr"/>'))),
    ).toEqual(['CDA_LANGUAGE_CODE']);
    expect(codes(errorsOf(edit('<languageCode code="fr-FR"/>', '')))).toEqual([
      'CDA_LANGUAGE_CODE',
    ]);
  });
});

describe('setId, versionNumber and relatedDocument', () => {
  const RPLC =
    '<relatedDocument typeCode="RPLC"><parentDocument><id root="1.2.3.4.5"/></parentDocument></relatedDocument>';
  const withRelated = (related: string, version = '2') =>
    edit(
      '<componentOf>',
      `${related}<componentOf>`,
      edit('<versionNumber value="1"/>', `<versionNumber value="${version}"/>`),
    );

  it('requires setId and a positive versionNumber', () => {
    expect(codes(errorsOf(edit('<setId root="1.3.6.1.4.1.19376.1.2.20.12345.1"/>', '')))).toEqual([
      'CDA_SET_ID',
    ]);
    expect(
      codes(errorsOf(edit('<versionNumber value="1"/>', '<versionNumber value="0"/>'))),
    ).toEqual(['CDA_VERSION_NUMBER']);
    expect(
      codes(errorsOf(edit('<versionNumber value="1"/>', '<versionNumber value="deux"/>'))),
    ).toEqual(['CDA_VERSION_NUMBER']);
  });

  it('accepts a replacement (RPLC with the parent id) and warns on the inconsistent cases', () => {
    expect(codes(headerProblems(withRelated(RPLC)), 'error')).toEqual([]);
    expect(codes(headerProblems(withRelated(RPLC, '1')), 'warning')).toContain(
      'CDA_REPLACEMENT_VERSION_ONE',
    );
    expect(codes(headerProblems(withRelated('')), 'warning')).toContain(
      'CDA_VERSION_WITHOUT_REPLACEMENT',
    );
  });

  it('refuses another relationship, a missing parent id and a document replacing itself', () => {
    expect(codes(errorsOf(withRelated(RPLC.replace('RPLC', 'APND'))))).toEqual([
      'CDA_RELATED_DOCUMENT',
    ]);
    expect(
      codes(
        errorsOf(
          withRelated('<relatedDocument typeCode="RPLC"><parentDocument/></relatedDocument>'),
        ),
      ),
    ).toEqual(['CDA_RELATED_DOCUMENT_PARENT']);
    const self = RPLC.replace('1.2.3.4.5', '1.3.6.1.4.1.19376.1.2.20.12345.1.1');
    expect(codes(errorsOf(withRelated(self)))).toEqual(['CDA_RELATED_DOCUMENT_SELF']);
    expect(codes(errorsOf(withRelated(RPLC + RPLC)))).toEqual(['CDA_RELATED_DOCUMENT']);
  });
});

describe('cardinalities', () => {
  it('requires exactly one custodian, legalAuthenticator, componentOf and recordTarget', () => {
    expect(codes(errorsOf(edit(/<custodian>[\s\S]*<\/custodian>/, '')))).toEqual(['CDA_CUSTODIAN']);
    expect(codes(errorsOf(edit(/<legalAuthenticator>[\s\S]*<\/legalAuthenticator>/, '')))).toEqual([
      'CDA_LEGAL_AUTHENTICATOR',
    ]);
    expect(codes(errorsOf(edit(/<componentOf>[\s\S]*<\/componentOf>/, '')))).toEqual([
      'CDA_COMPONENT_OF',
    ]);
    const twoPatients = edit(/(<recordTarget>[\s\S]*<\/recordTarget>)/, '$1$1');
    const problems = errorsOf(twoPatients);
    expect(codes(problems)).toEqual(['CDA_RECORD_TARGET']);
    expect(problems[0]?.element).toBe('/ClinicalDocument/recordTarget[2]');
  });

  it('requires at least one author and one documentationOf, and a body', () => {
    expect(codes(errorsOf(edit(/<author>[\s\S]*<\/author>/, '')))).toEqual(['CDA_AUTHOR']);
    expect(codes(errorsOf(edit(/<documentationOf>[\s\S]*<\/documentationOf>/, '')))).toEqual([
      'CDA_DOCUMENTATION_OF',
    ]);
    expect(codes(errorsOf(edit(/<component>[\s\S]*<\/component>/, '')))).toEqual([
      'CDA_BODY_MISSING',
    ]);
  });
});
