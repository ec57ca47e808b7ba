// The one way Navette reads XML into plain objects (fast-xml-parser, TECH-NOTES §5):
// - parseTagValue/parseAttributeValue false: an INS like 0123… must stay a string;
// - entities: the five predefined ones and numeric references are decoded (entities.ts);
// - no DOCTYPE at all: the DMP and CDA never need one, and refusing it rules out entity bombs and
//   external entities before any parser sees them;
// - size limit checked before parsing.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unescapeXml } from './entities.js';
import { XmlReadError } from './XmlError.js';

export interface ParseXmlOptions {
  /** Drop namespace prefixes (namespace-blind: fine for reading responses). Default true. */
  readonly removeNSPrefix?: boolean;
  /** Element names (after prefix removal) always returned as arrays. */
  readonly arrays?: readonly string[];
  /** Maximum accepted size in characters. Default 100 MB. */
  readonly maxLength?: number;
  /** Keep element order (fast-xml-parser preserveOrder). Default false. */
  readonly preserveOrder?: boolean;
}

/** Attribute keys are prefixed with `@_`; text content is under `#text` when mixed with attributes. */
export const ATTR = '@_';
export const TEXT = '#text';

const DEFAULT_MAX = 100 * 1024 * 1024;

/** Throws a typed error if the text carries a DOCTYPE (entity declarations live there). */
export function assertNoDoctype(xml: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new XmlReadError(
      'XML_DOCTYPE_FORBIDDEN',
      'Le fichier XML contient une déclaration DOCTYPE ou ENTITY, refusée par sécurité.',
    );
  }
}

/** Parses XML text into a plain object tree. Throws `XmlReadError` on malformed or unsafe input. */
export function parseXml(xml: string, options: ParseXmlOptions = {}): Record<string, unknown> {
  const max = options.maxLength ?? DEFAULT_MAX;
  if (xml.length > max) {
    throw new XmlReadError(
      'XML_TOO_LARGE',
      `Le fichier XML dépasse la taille maximale autorisée (${max} caractères).`,
      {
        length: xml.length,
        max,
      },
    );
  }
  assertNoDoctype(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new XmlReadError(
      'XML_MALFORMED',
      `XML mal formé (ligne ${line}, colonne ${col}) : ${msg}`,
      {
        line,
        col,
      },
    );
  }
  const arrays = new Set(options.arrays ?? []);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    textNodeName: TEXT,
    parseTagValue: false,
    parseAttributeValue: false,
    // Entities are decoded by us, in one pass (entities.ts): the parser expands nothing.
    processEntities: false,
    htmlEntities: false,
    tagValueProcessor: (_name: string, value: string) => unescapeXml(value),
    attributeValueProcessor: (_name: string, value: string) => unescapeXml(value),
    removeNSPrefix: options.removeNSPrefix ?? true,
    preserveOrder: options.preserveOrder ?? false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  return parser.parse(xml) as Record<string, unknown>;
}

/** Escapes text for use in XML content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
