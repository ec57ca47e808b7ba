// What to show for a document retrieved from the DMP (TD3.2): a raw PDF as it is; a level-1 CDA
// its body (the PDF, or plain text); a level-3 CDA the PDF copy it embeds in a
// FR-Document-PDF-copie section (templateId 1.2.250.1.213.1.1.2.243, LOINC 55108-5; CDA-CISIS
// §2: "consumers must display that PDF first"); any other level-3 CDA is handed back as XML, to
// be rendered by the CI-SIS stylesheet (an XSLT port, later). Pure: bytes in, bytes out.
import { Buffer } from 'node:buffer';
import { decodeNonXmlBody, nonXmlBodyText } from './rules/bodyRules.js';
import { readCda } from './readCda.js';
import { attr, hl7All, hl7Children, type XmlElement } from './xmlElement.js';

export const PDF_COPY_SECTION_TEMPLATE = '1.2.250.1.213.1.1.2.243';
export const PDF_COPY_SECTION_CODE = '55108-5';

export type DisplayData =
  | {
      readonly kind: 'pdf';
      readonly bytes: Uint8Array;
      /** Where the PDF came from. */
      readonly source: 'pdf' | 'cda-level-1' | 'cda-level-3-copy';
    }
  | { readonly kind: 'text'; readonly text: string; readonly source: 'text' | 'cda-level-1' }
  | { readonly kind: 'cda-xml'; readonly xml: string }
  | { readonly kind: 'unsupported'; readonly mimeType: string; readonly reason: string };

const PDF_MAGIC = '%PDF-';

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes(PDF_MAGIC);
}

function baseType(mimeType: string): string {
  return mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
}

function sections(root: XmlElement): XmlElement[] {
  // Sections nest (component/section/component/section…): walk them all.
  const out: XmlElement[] = [];
  const walk = (s: XmlElement) => {
    out.push(s);
    for (const c of hl7Children(s, 'component')) hl7Children(c, 'section').forEach(walk);
  };
  hl7All(root, 'component/structuredBody/component/section').forEach(walk);
  return out;
}

function isPdfCopySection(s: XmlElement): boolean {
  return (
    hl7Children(s, 'templateId').some((t) => attr(t, 'root') === PDF_COPY_SECTION_TEMPLATE) ||
    hl7Children(s, 'code').some((c) => attr(c, 'code') === PDF_COPY_SECTION_CODE)
  );
}

function mediaValues(el: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === 'observationMedia') found.push(...hl7Children(e, 'value'));
    else e.children.forEach(walk);
  };
  walk(el);
  return found;
}

function embeddedPdf(root: XmlElement): Uint8Array | undefined {
  for (const section of sections(root).filter(isPdfCopySection)) {
    for (const value of mediaValues(section)) {
      if (attr(value, 'mediaType') !== 'application/pdf') continue;
      const bytes = decodeNonXmlBody(value);
      if (bytes !== undefined && isPdf(bytes)) return bytes;
    }
  }
  return undefined;
}

/** What to display for the bytes and mimeType TD3.2 returned. */
export function displayDataOf(bytes: Uint8Array, mimeType: string): DisplayData {
  const type = baseType(mimeType);
  if (type === 'application/pdf') {
    return isPdf(bytes)
      ? { kind: 'pdf', bytes, source: 'pdf' }
      : { kind: 'unsupported', mimeType, reason: "Le fichier annoncé comme PDF n'en est pas un." };
  }
  if (type === 'text/plain') {
    return { kind: 'text', text: Buffer.from(bytes).toString('utf8'), source: 'text' };
  }
  if (type !== 'text/xml' && type !== 'application/xml' && !type.endsWith('+xml')) {
    return { kind: 'unsupported', mimeType, reason: `Type de document non affichable (${type}).` };
  }
  const read = readCda(bytes);
  if (!read.ok) {
    return { kind: 'unsupported', mimeType, reason: read.problem.message };
  }
  const { root, level } = read.document;
  if (level === 1) {
    const text = nonXmlBodyText(root);
    const content = text === undefined ? undefined : decodeNonXmlBody(text);
    const media = attr(text, 'mediaType');
    if (content !== undefined && media === 'application/pdf' && isPdf(content)) {
      return { kind: 'pdf', bytes: content, source: 'cda-level-1' };
    }
    if (content !== undefined && media === 'text/plain') {
      return { kind: 'text', text: Buffer.from(content).toString('utf8'), source: 'cda-level-1' };
    }
    return {
      kind: 'unsupported',
      mimeType,
      reason: 'Le corps du document (niveau 1) est illisible ou d’un type non pris en charge.',
    };
  }
  const copy = embeddedPdf(root);
  if (copy !== undefined) return { kind: 'pdf', bytes: copy, source: 'cda-level-3-copy' };
  return { kind: 'cda-xml', xml: Buffer.from(bytes).toString('utf8') };
}
