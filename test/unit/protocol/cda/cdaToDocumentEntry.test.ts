// CDA header → XDS DocumentEntry (CDA-CISIS §3) on the level-1 fixture and edited copies:
// codes, class and format tables, patient ids in CX form, authors in XCN/XON, UTC times,
// visibility codes, hash and size, and the self-presentable MIME type.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cdaToDocumentEntry } from '../../../../src/protocol/cda/cdaToDocumentEntry.js';
import { classCodeFor } from '../../../../src/protocol/cda/classCodes.js';
import {
  formatCodeForMediaType,
  formatCodeForTemplates,
} from '../../../../src/protocol/cda/formatCodes.js';
import { N1_FIXTURE, edit, encode, readText } from './cdaTestSupport.js';

function map(xml: string, visibility?: Parameters<typeof cdaToDocumentEntry>[1]['visibility']) {
  return cdaToDocumentEntry(readText(xml), {
    bytes: encode(xml),
    ...(visibility ? { visibility } : {}),
  });
}

describe('ANS association tables', () => {
  it('derives the class from the type (ASS_X04)', () => {
    expect(classCodeFor('SYNTH', '1.2.250.1.213.1.1.4.12')).toEqual({
      code: '11',
      codingScheme: '1.2.250.1.213.1.1.4.1',
      displayName: 'Synthèse',
    });
    expect(classCodeFor('11502-2', '2.16.840.1.113883.6.1')?.code).toBe('10');
    expect(classCodeFor('18748-4', '2.16.840.1.113883.6.1')?.code).toBe('31');
    expect(classCodeFor('57833-6', '2.16.840.1.113883.6.1')?.code).toBe('42');
    expect(classCodeFor('CERT_DECL', '1.2.250.1.213.1.1.4.12')?.code).toBe('52');
    expect(classCodeFor('SYNTH', '2.16.840.1.113883.6.1')).toBeUndefined();
    expect(classCodeFor('101881-1', '2.16.840.1.113883.6.1')).toBeUndefined();
  });

  it('derives the format from the templates (ASS_A11) or the media type (ASS_A12)', () => {
    expect(
      formatCodeForTemplates([
        '2.16.840.1.113883.2.8.2.1',
        '1.2.250.1.213.1.1.1.1',
        '1.2.250.1.213.1.1.1.13',
      ]),
    ).toEqual({
      code: 'urn:asip:ci-sis:vsm:2012',
      codingScheme: '1.2.250.1.213.1.1.4.2.282',
      displayName: 'Synthèse médicale',
    });
    expect(
      formatCodeForTemplates(['1.3.6.1.4.1.19376.1.3.3', '1.2.250.1.213.1.1.1.55'])?.code,
    ).toBe('urn:ihe:lab:xd-lab:2008');
    expect(formatCodeForTemplates(['1.3.6.1.4.1.19376.1.8.1.1.2.20'])?.code).toBe(
      'urn:ihe:pat:apsr:larynx:2010',
    );
    expect(formatCodeForTemplates(['1.2.250.1.213.1.1.1.59'])).toBeUndefined();
    expect(formatCodeForMediaType('application/pdf')).toMatchObject({
      code: 'urn:ihe:iti:xds-sd:pdf:2008',
      codingScheme: '1.3.6.1.4.1.19376.1.2.3',
    });
    expect(formatCodeForMediaType('text/plain')?.code).toBe('urn:ihe:iti:xds-sd:text:2008');
  });
});

describe('cdaToDocumentEntry', () => {
  it('maps the fixture header to a complete entry', () => {
    const r = map(N1_FIXTURE);
    expect(r.problems).toEqual([]);
    expect(r.missing).toEqual([]);
    const e = r.entry;
    expect(e).toBeDefined();
    if (!e) return;
    expect(e.mimeType).toBe('text/xml');
    expect(e.uniqueId).toBe('1.3.6.1.4.1.19376.1.2.20.12345.1.1');
    expect(e.patientId).toBe('279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH');
    expect(e.sourcePatientId).toBe('1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI');
    expect(e.sourcePatientInfo).toEqual([
      'PID-5|PAT-TROIS^DOMINIQUE^^^^^L',
      'PID-7|19790328',
      'PID-8|F',
    ]);
    expect(e.title).toBe("Compte rendu d'examens biologiques");
    expect(e.typeCode).toEqual({
      code: '11502-2',
      codingScheme: '2.16.840.1.113883.6.1',
      displayName: "CR d'examens biologiques",
    });
    expect(e.classCode.code).toBe('10');
    expect(e.formatCode.code).toBe('urn:ihe:iti:xds-sd:pdf:2008');
    expect(e.practiceSettingCode).toEqual({
      code: 'AMBULATOIRE',
      codingScheme: '1.2.250.1.213.1.1.4.9',
      displayName: 'Ambulatoire',
    });
    expect(e.healthcareFacilityTypeCode).toEqual({
      code: 'SA07',
      codingScheme: '1.2.250.1.71.4.2.4',
      displayName: 'Cabinet individuel',
    });
    expect(e.confidentialityCodes).toEqual([
      { code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' },
    ]);
    expect(e.eventCodes).toEqual([
      { code: '18723-7', codingScheme: '2.16.840.1.113883.6.1', displayName: 'Hématologie' },
    ]);
    expect(e.authors).toEqual([
      {
        person: '801234534765^CAMPARINI^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS',
        institutions: ['Laboratoire des charmes^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1120459876'],
        specialties: ['G15_10/SM03^Médecin - Biologie médicale (SM)^1.2.250.1.213.1.1.4.5'],
      },
    ]);
    expect(e.legalAuthenticator).toBe(
      '807505123456^Camparini^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS',
    );
    expect(e.creationTime).toBe('20210401124745');
    expect(e.serviceStartTime).toBe('20210104124700');
    expect(e.serviceStopTime).toBe('20210104125500');
    expect(e.languageCode).toBe('fr-FR');
    expect(e.hash).toBe(createHash('sha1').update(N1_FIXTURE).digest('hex'));
    expect(e.size).toBe(Buffer.byteLength(N1_FIXTURE));
  });

  it('adds the DMP visibility codes after the document confidentiality', () => {
    const e = map(N1_FIXTURE, {
      hiddenFromProfessionals: true,
      hiddenFromPatient: false,
      hiddenFromLegalRepresentatives: true,
    }).entry;
    expect(e?.confidentialityCodes.map((c) => c.code)).toEqual([
      'N',
      'MASQUE_PS',
      'INVISIBLE_REPRESENTANTS_LEGAUX',
    ]);
  });

  it('falls back to the INS as sourcePatientId and uses the function code label as role', () => {
    const xml = edit(
      '<id extension="1234567890121" root="1.2.3.4.567.8.9.10"/>',
      '',
      edit(
        '<time value="20210104160527+0100"/>',
        '<functionCode code="PCP" displayName="Médecin traitant" codeSystem="2.16.840.1.113883.5.88"/><time value="20210104160527+0100"/>',
      ),
    );
    const e = map(xml).entry;
    expect(e?.sourcePatientId).toBe(e?.patientId);
    expect(e?.authors[0]?.roles).toEqual(['Médecin traitant']);
  });

  it('escapes HL7 v2 delimiters in names', () => {
    const e = map(edit('<family>CAMPARINI</family>', '<family>DUPONT^DURAND</family>')).entry;
    expect(e?.authors[0]?.person).toContain('DUPONT\\S\\DURAND');
  });

  it('reports an unknown class or format and names what is missing', () => {
    const newType = edit(
      /<code code="11502-2"[^>]*\/>/,
      '<code code="101881-1" displayName="Carte d\'implant" codeSystem="2.16.840.1.113883.6.1"/>',
    );
    const r = map(newType);
    expect(r.entry).toBeUndefined();
    expect(r.problems.map((p) => p.code)).toEqual(['CDA_CLASS_CODE_UNKNOWN']);
    expect(r.missing).toEqual(['classCode']);
    const jpeg = map(edit('mediaType="application/pdf"', 'mediaType="image/jpeg"'));
    expect(jpeg.problems.map((p) => p.code)).toEqual(['CDA_FORMAT_CODE_UNKNOWN']);
    const noFacility = map(edit(/<code code="SA07"[^>]*\/>/, ''));
    expect(noFacility.missing).toEqual(['healthcareFacilityTypeCode']);
  });
});
