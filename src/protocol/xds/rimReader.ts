// Reading ebRIM 3.0 building blocks from `parseXml` trees (fast-xml-parser, prefixes removed:
// the official samples use a default RIM namespace in requests and `ns4:` in responses, and
// the element names of ebRIM are unambiguous across the XDS namespaces). Entities are decoded
// exactly once, by the shared reader (xml/parse.ts and the hl7v3/xmlTree.ts helpers).
import { asArray, attr, child, children, isNode, text, type XmlNode } from '../hl7v3/xmlTree.js';
import { parseXml } from '../xml/parse.js';
import { payloadMissing } from './XdsError.js';
import type { XdsAuthor, XdsCode, XdsSlot } from './metadata.js';
import { definedOnly } from './definedOnly.js';

/** Elements that may repeat anywhere in an XDS message: always read as arrays. */
const REPEATED = [
  'Slot',
  'Value',
  'Classification',
  'ExternalIdentifier',
  'ExtrinsicObject',
  'RegistryPackage',
  'Association',
  'ObjectRef',
  'LocalizedString',
  'Document',
  'DocumentRequest',
  'DocumentResponse',
  'RegistryError',
];

/** Parses XDS XML text with the repeated elements as arrays. */
export function parseXdsXml(xml: string): XmlNode {
  return parseXml(xml, { arrays: REPEATED });
}

/** Text or an already parsed tree. */
export type XdsInput = string | XmlNode;

/**
 * Finds the payload element `name`: the element itself at the root, inside a Body, or inside
 * a whole SOAP envelope (1.2 or 1.1). Throws XDS_PAYLOAD_MISSING when it is not there.
 */
export function locateXdsPayload(input: XdsInput, name: string): XmlNode {
  const tree = typeof input === 'string' ? parseXdsXml(input) : input;
  const candidates = [
    tree[name],
    child(tree.Body, name),
    child(child(tree.Envelope, 'Body'), name),
  ];
  for (const c of candidates) {
    const first = asArray(c)[0];
    if (isNode(first)) return first;
    if (first === '') return {};
  }
  return payloadMissing(name);
}

export function slotsOf(node: unknown): XdsSlot[] {
  return children(node, 'Slot').map((slot) => ({
    name: attr(slot, 'name') ?? '',
    values: children(child(slot, 'ValueList'), 'Value').map((v) => text(v) ?? ''),
  }));
}

/** Values of the first slot named `name` (an empty list when absent). */
export function slotValues(slots: readonly XdsSlot[], name: string): readonly string[] {
  return slots.find((s) => s.name === name)?.values ?? [];
}

export function slotValue(slots: readonly XdsSlot[], name: string): string | undefined {
  return slotValues(slots, name)[0];
}

/** The first LocalizedString value of Name or Description. */
export function localizedText(node: unknown, tag: 'Name' | 'Description'): string | undefined {
  return attr(child(child(node, tag), 'LocalizedString'), 'value');
}

export interface ReadClassification {
  readonly id: string | undefined;
  readonly scheme: string | undefined;
  readonly node: string | undefined;
  readonly classifiedObject: string | undefined;
  readonly nodeRepresentation: string | undefined;
  readonly slots: readonly XdsSlot[];
  readonly name: string | undefined;
}

export function readClassification(c: unknown): ReadClassification {
  return {
    id: attr(c, 'id'),
    scheme: attr(c, 'classificationScheme'),
    node: attr(c, 'classificationNode'),
    classifiedObject: attr(c, 'classifiedObject'),
    nodeRepresentation: attr(c, 'nodeRepresentation'),
    slots: slotsOf(c),
    name: localizedText(c, 'Name'),
  };
}

export function classificationsOf(node: unknown): ReadClassification[] {
  return children(node, 'Classification').map(readClassification);
}

export interface ReadExternalIdentifier {
  readonly scheme: string | undefined;
  readonly value: string | undefined;
  readonly registryObject: string | undefined;
}

export function externalIdentifiersOf(node: unknown): ReadExternalIdentifier[] {
  return children(node, 'ExternalIdentifier').map((e) => ({
    scheme: attr(e, 'identificationScheme'),
    value: attr(e, 'value'),
    registryObject: attr(e, 'registryObject'),
  }));
}

export function externalIdentifierValue(
  identifiers: readonly ReadExternalIdentifier[],
  scheme: string,
): string | undefined {
  return identifiers.find((e) => e.scheme === scheme)?.value;
}

export function readCode(c: ReadClassification): XdsCode {
  return {
    code: c.nodeRepresentation ?? '',
    codingScheme: slotValue(c.slots, 'codingScheme') ?? '',
    ...definedOnly({ displayName: c.name }),
  };
}

export function readAuthor(c: ReadClassification): XdsAuthor {
  const list = (name: string): readonly string[] | undefined => {
    const values = slotValues(c.slots, name).filter((v) => v !== '');
    return values.length > 0 ? values : undefined;
  };
  return definedOnly({
    person: list('authorPerson')?.[0],
    institutions: list('authorInstitution'),
    roles: list('authorRole'),
    specialties: list('authorSpecialty'),
    telecoms: list('authorTelecommunication'),
  });
}
