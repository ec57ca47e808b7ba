// Safe reading of a CDA: encodings, size limit, malformed XML with line and column, DOCTYPE
// refusal, accepted roots (ClinicalDocument, self-presentable xsl:stylesheet) and body level.
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, readCda } from '../../../../src/protocol/cda/readCda.js';
import { N1_FIXTURE, edit, encode } from './cdaTestSupport.js';

function problemOf(bytes: Uint8Array, maxBytes?: number) {
  const r = readCda(bytes, maxBytes !== undefined ? { maxBytes } : {});
  if (r.ok) throw new Error('expected a read failure');
  return r.problem;
}

describe('readCda: bytes and encodings', () => {
  it('reads the level-1 fixture and finds its ClinicalDocument', () => {
    const r = readCda(encode(N1_FIXTURE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.root.name).toBe('ClinicalDocument');
    expect(r.document.root.path).toBe('/ClinicalDocument');
    expect(r.document.wrapper).toBe('none');
    expect(r.document.level).toBe(1);
    expect(r.document.bom).toBe(false);
  });

  it('strips a UTF-8 BOM and keeps accented text intact', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(N1_FIXTURE)]);
    const r = readCda(withBom);
    expect(r.ok && r.document.bom).toBe(true);
    if (!r.ok) return;
    const name = r.document.root.children.find((c) => c.name === 'author');
    expect(JSON.stringify(name)).toContain('Rue Frédéric Bastia');
  });

  it('refuses UTF-16, a declared Latin-1 encoding and invalid UTF-8 bytes (with their line)', () => {
    expect(problemOf(new Uint8Array([0xff, 0xfe, 0x3c, 0x00])).code).toBe('CDA_ENCODING');
    const latin1 = N1_FIXTURE.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const declared = problemOf(encode(latin1));
    expect(declared.code).toBe('CDA_ENCODING');
    expect(declared.message).toContain('ISO-8859-1');
    const bytes = encode(N1_FIXTURE);
    const at = bytes.indexOf(0xc3); // first "é": a Latin-1 export writes one byte 0xe9
    const broken = new Uint8Array([...bytes.subarray(0, at), 0xe9, ...bytes.subarray(at + 2)]);
    const invalid = problemOf(broken);
    expect(invalid.code).toBe('CDA_ENCODING');
    const line = N1_FIXTURE.slice(0, N1_FIXTURE.indexOf('é')).split('\n').length;
    expect(invalid.line).toBe(line);
    expect(invalid.message).toContain(`ligne ${line}`);
  });

  it('finds the first byte that is not UTF-8 (overlong forms and surrogates included)', () => {
    expect(firstInvalidUtf8(encode('abc é € 𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
  });

  it('refuses a file over the size limit before reading it, and an empty file', () => {
    const big = problemOf(encode(N1_FIXTURE), 1000);
    expect(big.code).toBe('CDA_TOO_LARGE');
    expect(big.message).toContain('1000 octets');
    expect(problemOf(encode('  \n')).code).toBe('CDA_EMPTY');
  });
});

describe('readCda: XML safety', () => {
  it('names the line and column of malformed XML, in French', () => {
    const broken = edit(
      "<title>Compte rendu d'examens biologiques</title>",
      '<title>Compte rendu</titre>',
    );
    const p = problemOf(encode(broken));
    expect(p.code).toBe('CDA_XML_MALFORMED');
    const line = broken.slice(0, broken.indexOf('</titre>')).split('\n').length;
    expect(p.line).toBe(line);
    expect(p.column).toBeGreaterThan(0);
    expect(p.message).toMatch(
      new RegExp(`^Le document n'est pas un XML bien formé \\(ligne ${line}, colonne \\d+\\)`),
    );
    expect(p.fix).toContain('Corrigez le XML');
  });

  it('refuses a DOCTYPE (entity bombs, external entities) without expanding anything', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' +
      '<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol2;</title></ClinicalDocument>';
    expect(problemOf(encode(bomb)).code).toBe('CDA_DOCTYPE_FORBIDDEN');
    const external =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>';
    expect(problemOf(encode(external)).code).toBe('CDA_DOCTYPE_FORBIDDEN');
  });

  it('refuses absurd nesting instead of crashing', () => {
    const deep = `<ClinicalDocument xmlns="urn:hl7-org:v3">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</ClinicalDocument>`;
    expect(problemOf(encode(deep)).code).toBe('CDA_XML_TOO_DEEP');
  });

  it('decodes the predefined entities and character references, nothing else', () => {
    const r = readCda(
      encode(edit(/<title>[^<]*<\/title>/, '<title>A &amp; B &#233;&#x20AC;</title>')),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.root.children.find((c) => c.name === 'title')?.text).toBe('A & B é€');
  });
});

describe('readCda: roots', () => {
  it('refuses a root that is not a CDA, and a ClinicalDocument outside the HL7 namespace', () => {
    const other = problemOf(
      encode('<?xml version="1.0"?><facture><montant>12</montant></facture>'),
    );
    expect(other.code).toBe('CDA_ROOT_UNKNOWN');
    expect(other.message).toContain('facture');
    const noNs = problemOf(encode('<ClinicalDocument><title>x</title></ClinicalDocument>'));
    expect(noNs.code).toBe('CDA_NAMESPACE');
  });

  it('extracts the ClinicalDocument of a self-presentable document, whatever its prefix', () => {
    const inner = N1_FIXTURE.slice(N1_FIXTURE.indexOf('<ClinicalDocument'))
      .replace(/<(\/?)([A-Za-z])/g, '<$1c:$2')
      .replace('xmlns="urn:hl7-org:v3"', '');
    const wrapped =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" ' +
      'xmlns:c="urn:hl7-org:v3" xmlns:data="urn:asip-sante:ci-sis">\n' +
      `<data:Contenu>${inner}</data:Contenu>\n<xsl:template match="/"/>\n</xsl:stylesheet>\n`;
    const r = readCda(encode(wrapped));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.wrapper).toBe('xsl-stylesheet');
    expect(r.document.root.qname).toBe('c:ClinicalDocument');
    expect(r.document.root.path).toBe('/xsl:stylesheet/data:Contenu/ClinicalDocument');
    expect(r.document.level).toBe(1);
  });

  it('reports a stylesheet without ClinicalDocument', () => {
    const xsl =
      '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"/></xsl:stylesheet>';
    expect(problemOf(encode(xsl)).code).toBe('CDA_SELF_PRESENTABLE_EMPTY');
  });

  it('keeps sdtc: elements apart from HL7 elements of the same local name', () => {
    const xml = edit(
      '<birthTime value="19790328"/>',
      '<birthTime value="19790328"/><sdtc:birthTime xmlns:sdtc="urn:hl7-org:sdtc" value="19790101"/>',
    );
    const r = readCda(encode(xml));
    if (!r.ok) throw new Error('unreadable');
    const patient = r.document.root.children
      .find((c) => c.name === 'recordTarget')
      ?.children[0]?.children.find((c) => c.name === 'patient');
    const births = patient?.children.filter((c) => c.name === 'birthTime') ?? [];
    expect(births.map((b) => [b.ns, b.path])).toEqual([
      ['urn:hl7-org:v3', '/ClinicalDocument/recordTarget/patientRole/patient/birthTime'],
      ['urn:hl7-org:sdtc', '/ClinicalDocument/recordTarget/patientRole/patient/sdtc:birthTime'],
    ]);
  });
});
