// A SubmissionSet as an ebRIM RegistryPackage, laid out like the official TD2.1 and TD3.3
// requests: submissionTime slot, Name (title), Description (comments), the author and
// contentTypeCode classifications, the submission-set classification node, then the patientId,
// sourceId and uniqueId external identifiers. The samples of TD3.3 omit `classifiedObject` on
// the author classification; rim.xsd requires it, so it is always written here.
import { escapeXml } from '../xml/parse.js';
import { metadataMissing } from './XdsError.js';
import type { SubmissionSet } from './metadata.js';
import type { IdAllocator } from './rimWriter.js';
import {
  authorClassificationXml,
  checkDtm,
  codeClassificationXml,
  externalIdentifierXml,
  internationalStringXml,
  nodeClassificationXml,
  otherSlotsXml,
  slotsXml,
} from './rimWriter.js';
import {
  EXTERNAL_IDENTIFIER_NAMES,
  SUBMISSION_SET_NODE,
  SUBMISSION_SET_SCHEMES,
} from './xdsConstants.js';

/** Writes the RegistryPackage of a submission set. */
export function submissionSetXml(ss: SubmissionSet, ids: IdAllocator): string {
  const id = ss.entryUuid;
  if (ss.uniqueId === '') metadataMissing('uniqueId', id);
  if (ss.sourceId === '') metadataMissing('sourceId', id);
  if (ss.patientId === '') metadataMissing('patientId', id);
  if (ss.authors.length === 0) metadataMissing('author', id);
  const s = SUBMISSION_SET_SCHEMES;
  const attrs = [
    `id="${escapeXml(id)}"`,
    ss.homeCommunityId !== undefined ? `home="${escapeXml(ss.homeCommunityId)}"` : '',
    ss.status !== undefined ? `status="${escapeXml(ss.status)}"` : '',
  ].filter((a) => a !== '');
  const slots =
    slotsXml([
      ['submissionTime', checkDtm('submissionTime', ss.submissionTime)],
      ['intendedRecipient', ss.intendedRecipients],
    ]) + otherSlotsXml(ss.otherSlots);
  const identifier = (scheme: string, value: string, name: string): string =>
    externalIdentifierXml({ id: ids.local('ei'), scheme, registryObject: id, value, name });
  return (
    `<RegistryPackage ${attrs.join(' ')}>` +
    slots +
    internationalStringXml('Name', ss.title) +
    internationalStringXml('Description', ss.comments) +
    ss.authors
      .map((a) =>
        authorClassificationXml({ scheme: s.author, classifiedObject: id, id: ids.local('cl') }, a),
      )
      .join('') +
    codeClassificationXml(
      { scheme: s.contentTypeCode, classifiedObject: id, id: ids.local('cl') },
      'contentTypeCode',
      ss.contentTypeCode,
    ) +
    nodeClassificationXml(SUBMISSION_SET_NODE, id, ids.local('cl')) +
    identifier(s.patientId, ss.patientId, EXTERNAL_IDENTIFIER_NAMES.submissionSetPatientId) +
    identifier(s.sourceId, ss.sourceId, EXTERNAL_IDENTIFIER_NAMES.submissionSetSourceId) +
    identifier(s.uniqueId, ss.uniqueId, EXTERNAL_IDENTIFIER_NAMES.submissionSetUniqueId) +
    '</RegistryPackage>'
  );
}
