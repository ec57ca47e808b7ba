// A DocumentEntry as an ebRIM ExtrinsicObject, laid out like the official TD2.1 request and
// TD3.1 response: slots in alphabetical order, Name, Description, VersionInfo, then the
// classifications (author, classCode, typeCode, confidentialityCode…, formatCode,
// healthcareFacilityTypeCode, practiceSettingCode, eventCode…) and the patientId / uniqueId
// external identifiers. Registry-side attributes (lid, status, VersionInfo, repositoryUniqueId)
// are written only when the entry carries them: ITI-41 strips them, ITI-57 and the test
// server's query answers keep them.
import { escapeXml } from '../xml/parse.js';
import { metadataInvalid, metadataMissing } from './XdsError.js';
import type { DocumentEntry, XdsCode } from './metadata.js';
import type { IdAllocator } from './rimWriter.js';
import {
  authorClassificationXml,
  checkDtm,
  codeClassificationXml,
  externalIdentifierXml,
  internationalStringXml,
  otherSlotsXml,
  slotsXml,
} from './rimWriter.js';
import {
  DOCUMENT_ENTRY_SCHEMES,
  DOCUMENT_ENTRY_STABLE,
  EXTERNAL_IDENTIFIER_NAMES,
} from './xdsConstants.js';

const SHA1_HEX = /^[0-9a-fA-F]{40}$/;

function optionalDtm(field: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkDtm(field, value);
}

/** Checks what the DMP requires of every entry before anything is written. */
export function checkDocumentEntry(e: DocumentEntry): void {
  const id = e.entryUuid;
  if (e.mimeType === '') metadataMissing('mimeType', id);
  if (e.uniqueId === '') metadataMissing('uniqueId', id);
  if (e.patientId === '') metadataMissing('patientId', id);
  if (e.confidentialityCodes.length === 0) metadataMissing('confidentialityCode', id);
  if (e.authors.length === 0) metadataMissing('author', id);
  if (e.hash !== undefined && !SHA1_HEX.test(e.hash)) {
    metadataInvalid('hash', 'empreinte SHA-1 attendue (40 caractères hexadécimaux)');
  }
  if (e.size !== undefined && (!Number.isSafeInteger(e.size) || e.size < 0)) {
    metadataInvalid('size', 'taille en octets attendue (entier positif)');
  }
}

/** Writes the ExtrinsicObject of a DocumentEntry. */
export function documentEntryXml(e: DocumentEntry, ids: IdAllocator): string {
  checkDocumentEntry(e);
  const id = e.entryUuid;
  const attrs = [
    `id="${escapeXml(id)}"`,
    e.homeCommunityId !== undefined ? `home="${escapeXml(e.homeCommunityId)}"` : '',
    e.logicalId !== undefined ? `lid="${escapeXml(e.logicalId)}"` : '',
    `mimeType="${escapeXml(e.mimeType)}"`,
    `objectType="${escapeXml(e.objectType ?? DOCUMENT_ENTRY_STABLE)}"`,
    e.status !== undefined ? `status="${escapeXml(e.status)}"` : '',
  ].filter((a) => a !== '');
  const slots =
    slotsXml([
      ['creationTime', optionalDtm('creationTime', e.creationTime)],
      ['hash', e.hash?.toLowerCase()],
      ['languageCode', e.languageCode],
      ['legalAuthenticator', e.legalAuthenticator],
      ['repositoryUniqueId', e.repositoryUniqueId],
      ['serviceStartTime', optionalDtm('serviceStartTime', e.serviceStartTime)],
      ['serviceStopTime', optionalDtm('serviceStopTime', e.serviceStopTime)],
      ['size', e.size?.toString()],
      ['sourcePatientId', e.sourcePatientId],
      ['sourcePatientInfo', e.sourcePatientInfo],
    ]) + otherSlotsXml(e.otherSlots);
  const version =
    e.version !== undefined ? `<VersionInfo versionName="${escapeXml(e.version)}"/>` : '';
  const code = (scheme: string, field: string, value: XdsCode): string =>
    codeClassificationXml({ scheme, classifiedObject: id, id: ids.local('cl') }, field, value);
  const s = DOCUMENT_ENTRY_SCHEMES;
  const classifications = [
    ...e.authors.map((a) =>
      authorClassificationXml({ scheme: s.author, classifiedObject: id, id: ids.local('cl') }, a),
    ),
    code(s.classCode, 'classCode', e.classCode),
    code(s.typeCode, 'typeCode', e.typeCode),
    ...e.confidentialityCodes.map((c) => code(s.confidentialityCode, 'confidentialityCode', c)),
    code(s.formatCode, 'formatCode', e.formatCode),
    code(s.healthcareFacilityTypeCode, 'healthcareFacilityTypeCode', e.healthcareFacilityTypeCode),
    code(s.practiceSettingCode, 'practiceSettingCode', e.practiceSettingCode),
    ...(e.eventCodes ?? []).map((c) => code(s.eventCode, 'eventCode', c)),
  ].join('');
  const identifiers =
    externalIdentifierXml({
      id: ids.local('ei'),
      scheme: s.patientId,
      registryObject: id,
      value: e.patientId,
      name: EXTERNAL_IDENTIFIER_NAMES.documentPatientId,
    }) +
    externalIdentifierXml({
      id: ids.local('ei'),
      scheme: s.uniqueId,
      registryObject: id,
      value: e.uniqueId,
      name: EXTERNAL_IDENTIFIER_NAMES.documentUniqueId,
    });
  return (
    `<ExtrinsicObject ${attrs.join(' ')}>` +
    slots +
    internationalStringXml('Name', e.title) +
    internationalStringXml('Description', e.comments) +
    version +
    classifications +
    identifiers +
    '</ExtrinsicObject>'
  );
}
