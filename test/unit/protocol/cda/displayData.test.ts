// displayDataOf: what to show of a document TD3.2 returned — a raw PDF, a level-1 CDA's PDF or
// text, a level-3 CDA's embedded PDF copy (FR-Document-PDF-copie), or the CDA XML itself.
import { describe, expect, it } from 'vitest';
import { displayDataOf } from '../../../../src/protocol/cda/displayData.js';
import { TINY_PDF } from './cdaTestSupport.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const cda = (body: string) =>
  new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><ClinicalDocument xmlns="urn:hl7-org:v3"><component>${body}</component></ClinicalDocument>`,
  );
const level1 = (mediaType: string, content: Uint8Array) =>
  cda(
    `<nonXMLBody><text mediaType="${mediaType}" representation="B64">${b64(content)}</text></nonXMLBody>`,
  );
const level3 = (sections: string) => cda(`<structuredBody>${sections}</structuredBody>`);
const pdfCopy = (content: Uint8Array) =>
  '<component><section><templateId root="1.2.250.1.213.1.1.2.243"/><code code="55108-5"/>' +
  '<entry><organizer><component><observationMedia classCode="OBS" moodCode="EVN">' +
  `<value mediaType="application/pdf" representation="B64">${b64(content)}</value>` +
  '</observationMedia></component></organizer></entry></section></component>';

describe('displayDataOf', () => {
  it('a raw PDF is shown as it is; a file that only claims to be one is not', () => {
    expect(displayDataOf(TINY_PDF, 'application/pdf')).toEqual({
      kind: 'pdf',
      bytes: TINY_PDF,
      source: 'pdf',
    });
    expect(displayDataOf(new TextEncoder().encode('hello'), 'application/pdf')).toMatchObject({
      kind: 'unsupported',
    });
  });

  it('a level-1 CDA gives its PDF, or its text', () => {
    const pdf = displayDataOf(level1('application/pdf', TINY_PDF), 'text/xml');
    expect(pdf).toMatchObject({ kind: 'pdf', source: 'cda-level-1' });
    expect(pdf.kind === 'pdf' && Buffer.from(pdf.bytes).equals(Buffer.from(TINY_PDF))).toBe(true);
    expect(
      displayDataOf(level1('text/plain', new TextEncoder().encode('Compte rendu')), 'text/xml'),
    ).toEqual({ kind: 'text', text: 'Compte rendu', source: 'cda-level-1' });
  });

  it('a level-3 CDA gives its embedded PDF copy, nested sections included', () => {
    const nested = `<component><section><code code="30954-2"/>${pdfCopy(TINY_PDF)}</section></component>`;
    const shown = displayDataOf(level3(nested), 'text/xml; charset=UTF-8');
    expect(shown).toMatchObject({ kind: 'pdf', source: 'cda-level-3-copy' });
  });

  it('a level-3 CDA without a copy is handed back as XML for the stylesheet', () => {
    const bytes = level3('<component><section><code code="30954-2"/></section></component>');
    expect(displayDataOf(bytes, 'text/xml')).toEqual({
      kind: 'cda-xml',
      xml: Buffer.from(bytes).toString('utf8'),
    });
  });

  it('unreadable XML and other types are unsupported, with a French reason', () => {
    expect(displayDataOf(new TextEncoder().encode('<oops'), 'text/xml')).toMatchObject({
      kind: 'unsupported',
      reason: expect.any(String),
    });
    expect(displayDataOf(new Uint8Array([1, 2]), 'image/jpeg')).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('non affichable'),
    });
  });
});
