// Writing the ebRIM 3.0 building blocks (Slot, Name/Description, Classification,
// ExternalIdentifier, Association) in the layout of the official DMP samples: RIM elements in
// the default namespace, LocalizedString with charset="UTF8" and xml:lang="FR". Every value is
// escaped, and lengths are checked against rim.xsd (LongName 256, FreeFormText 1024) so the DMP
// never receives a message its own schema rejects.
import { randomUUID } from 'node:crypto';
import { escapeXml } from '../xml/parse.js';
import { metadataInvalid } from './XdsError.js';
import type { XdsAssociation, XdsAuthor, XdsCode, XdsSlot } from './metadata.js';
import { ASSOCIATION_OBJECT_TYPE } from './xdsConstants.js';

const LONG_NAME = 256;
const FREE_FORM_TEXT = 1024;
const DTM = /^[0-9]{4}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2})?)?)?)?)?$/;

/**
 * Hands out the ids of one message. Entries get `urn:uuid:` ids unless given; parts
 * (classifications, external identifiers, associations) get short ids unique in the message,
 * like the samples' `cla1`/`ei1` in requests, or `urn:uuid:` ids as a registry answers
 * (`uuidParts`).
 */
export class IdAllocator {
  private readonly counters = new Map<string, number>();

  constructor(private readonly uuidParts = false) {}

  /** An id for a part (`cl1`, `ei1`, `as1`…, or a fresh `urn:uuid:`). */
  local(prefix: string): string {
    if (this.uuidParts) return `urn:uuid:${randomUUID()}`;
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n}`;
  }

  /** The given id, or a fresh `urn:uuid:` (the registry keeps UUID ids as the entryUUID). */
  entry(given: string | undefined): string {
    return given ?? `urn:uuid:${randomUUID()}`;
  }
}

function checkLength(field: string, value: string, max: number): void {
  if (value.length > max) {
    metadataInvalid(field, `${value.length} caractères pour ${max} au plus`, {
      length: value.length,
      max,
    });
  }
}

/** Checks an HL7 DTM (YYYY[MM[DD[HH[MM[SS]]]]]), the only time format XDS metadata accepts. */
export function checkDtm(field: string, value: string): string {
  if (!DTM.test(value)) metadataInvalid(field, 'date attendue au format AAAAMMJJ[HHMMSS] (UTC)');
  return value;
}

/** An HL7 DTM in UTC with second precision, as XDS requires (`20210604135051`). */
export function toXdsDateTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function slotXml(name: string, values: readonly string[]): string {
  checkLength('Slot', name, LONG_NAME);
  const list = values
    .map((v) => {
      checkLength(name, v, LONG_NAME);
      return `<Value>${escapeXml(v)}</Value>`;
    })
    .join('');
  return `<Slot name="${escapeXml(name)}"><ValueList>${list}</ValueList></Slot>`;
}

/** Slots for the present values only (undefined or empty lists are skipped). */
export function slotsXml(
  slots: ReadonlyArray<readonly [string, readonly string[] | string | undefined]>,
): string {
  return slots
    .map(([name, values]) => {
      if (values === undefined) return '';
      const list = typeof values === 'string' ? [values] : values;
      return list.length === 0 ? '' : slotXml(name, list);
    })
    .join('');
}

export function otherSlotsXml(slots: readonly XdsSlot[] | undefined): string {
  return (slots ?? []).map((s) => slotXml(s.name, s.values)).join('');
}

function localizedString(value: string): string {
  return `<LocalizedString charset="UTF8" value="${escapeXml(value)}" xml:lang="FR"/>`;
}

/** `<Name>` or `<Description>` with one LocalizedString; '' when there is no value. */
export function internationalStringXml(
  tag: 'Name' | 'Description',
  value: string | undefined,
): string {
  if (value === undefined) return '';
  checkLength(tag === 'Name' ? 'title' : 'comments', value, FREE_FORM_TEXT);
  return `<${tag}>${localizedString(value)}</${tag}>`;
}

export interface ClassificationRef {
  readonly scheme: string;
  readonly classifiedObject: string;
  readonly id: string;
}

/** A coded Classification: nodeRepresentation, codingScheme slot, Name = displayName. */
export function codeClassificationXml(
  ref: ClassificationRef,
  field: string,
  code: XdsCode,
): string {
  if (code.code === '') metadataInvalid(field, 'code vide');
  if (code.codingScheme === '') metadataInvalid(field, 'système de codes (codingScheme) vide');
  checkLength(field, code.code, LONG_NAME);
  return (
    `<Classification classificationScheme="${ref.scheme}" classifiedObject="${escapeXml(ref.classifiedObject)}" ` +
    `id="${escapeXml(ref.id)}" nodeRepresentation="${escapeXml(code.code)}">` +
    slotXml('codingScheme', [code.codingScheme]) +
    internationalStringXml('Name', code.displayName) +
    '</Classification>'
  );
}

/** An author Classification (IHE: empty nodeRepresentation, one slot per author attribute). */
export function authorClassificationXml(ref: ClassificationRef, author: XdsAuthor): string {
  const slots = slotsXml([
    ['authorPerson', author.person],
    ['authorInstitution', author.institutions],
    ['authorRole', author.roles],
    ['authorSpecialty', author.specialties],
    ['authorTelecommunication', author.telecoms],
  ]);
  if (slots === '') metadataInvalid('author', 'auteur sans aucune information');
  return (
    `<Classification classificationScheme="${ref.scheme}" classifiedObject="${escapeXml(ref.classifiedObject)}" ` +
    `id="${escapeXml(ref.id)}" nodeRepresentation="">${slots}</Classification>`
  );
}

/** The Classification that makes a RegistryPackage a submission set (or a folder). */
export function nodeClassificationXml(node: string, classifiedObject: string, id: string): string {
  return `<Classification classificationNode="${node}" classifiedObject="${escapeXml(classifiedObject)}" id="${escapeXml(id)}"/>`;
}

export interface ExternalIdentifierInput {
  readonly id: string;
  readonly scheme: string;
  readonly registryObject: string;
  readonly value: string;
  /** The Name the samples give (e.g. XDSDocumentEntry.uniqueId). */
  readonly name: string;
}

export function externalIdentifierXml(e: ExternalIdentifierInput): string {
  if (e.value === '') metadataInvalid(e.name, 'valeur vide');
  checkLength(e.name, e.value, LONG_NAME);
  return (
    `<ExternalIdentifier id="${escapeXml(e.id)}" identificationScheme="${e.scheme}" ` +
    `registryObject="${escapeXml(e.registryObject)}" value="${escapeXml(e.value)}">` +
    internationalStringXml('Name', e.name) +
    '</ExternalIdentifier>'
  );
}

/** An Association; `withObjectType` writes the objectType attribute as the ITI-57 samples do. */
export function associationXml(a: XdsAssociation, withObjectType = false): string {
  const objectType = withObjectType ? ` objectType="${ASSOCIATION_OBJECT_TYPE}"` : '';
  const status = a.status !== undefined ? ` status="${escapeXml(a.status)}"` : '';
  const slots =
    slotsXml([
      ['SubmissionSetStatus', a.submissionSetStatus],
      ['PreviousVersion', a.previousVersion],
      ['OriginalStatus', a.originalStatus],
      ['NewStatus', a.newStatus],
    ]) + otherSlotsXml(a.otherSlots);
  const open =
    `<Association associationType="${escapeXml(a.associationType)}" id="${escapeXml(a.id)}"${objectType}` +
    ` sourceObject="${escapeXml(a.sourceObject)}"${status} targetObject="${escapeXml(a.targetObject)}"`;
  return slots === '' ? `${open}/>` : `${open}>${slots}</Association>`;
}
