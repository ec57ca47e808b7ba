// ITI-18 AdhocQueryResponse: reader (client) and builder (test server). A LeafClass answer
// carries full objects (ExtrinsicObject, RegistryPackage, Association); an ObjectRef answer
// carries only ids. Official sample: td3.1-recherche-de-document.response.xml (21 Approved
// entries, `ns4:` RIM prefix, registry-assigned urn:uuid ids, lid, VersionInfo).
import { child } from '../hl7v3/xmlTree.js';
import { escapeXml } from '../xml/parse.js';
import { payloadInvalid } from './XdsError.js';
import { documentEntryXml } from './documentEntryWriter.js';
import type { DocumentEntry, RegistryObjects, SubmissionSet, XdsAssociation } from './metadata.js';
import { readRegistryObjectList } from './registryObjectReader.js';
import {
  readRegistryStatus,
  registryErrorListXml,
  registryStatusAttributes,
  type RegistryStatus,
  type RegistryStatusInput,
} from './registryResponse.js';
import { IdAllocator, associationXml } from './rimWriter.js';
import { locateXdsPayload, type XdsInput } from './rimReader.js';
import { submissionSetXml } from './submissionSetWriter.js';
import { QUERY_NS, RIM_NS, RS_NS } from './xdsConstants.js';

export interface AdhocQueryResponseInput extends RegistryStatusInput {
  /** LeafClass answers. */
  readonly submissionSets?: readonly SubmissionSet[];
  readonly documentEntries?: readonly DocumentEntry[];
  readonly associations?: readonly XdsAssociation[];
  /** ObjectRef answers: the matching entryUUIDs. */
  readonly objectRefs?: readonly string[];
}

export type AdhocQueryResponse = RegistryStatus & RegistryObjects;

/** Builds the `query:AdhocQueryResponse` element (test-server side). */
export function buildAdhocQueryResponse(input: AdhocQueryResponseInput): string {
  // Registries give their parts UUID ids, as the official answer shows.
  const ids = new IdAllocator(true);
  const objects =
    (input.submissionSets ?? []).map((s) => submissionSetXml(s, ids)).join('') +
    (input.documentEntries ?? []).map((e) => documentEntryXml(e, ids)).join('') +
    (input.associations ?? []).map((a) => associationXml(a)).join('') +
    (input.objectRefs ?? []).map((id) => `<ObjectRef id="${escapeXml(id)}"/>`).join('');
  return (
    `<query:AdhocQueryResponse xmlns="${RIM_NS}" xmlns:query="${QUERY_NS}" xmlns:rs="${RS_NS}"` +
    `${registryStatusAttributes(input)}>` +
    registryErrorListXml(input.errors ?? []) +
    (objects === ''
      ? '<RegistryObjectList/>'
      : `<RegistryObjectList>${objects}</RegistryObjectList>`) +
    '</query:AdhocQueryResponse>'
  );
}

/** Client side: reads an AdhocQueryResponse (bare, in a Body or in a whole envelope). */
export function parseAdhocQueryResponse(input: XdsInput): AdhocQueryResponse {
  const root = locateXdsPayload(input, 'AdhocQueryResponse');
  const status = readRegistryStatus(root);
  const list = child(root, 'RegistryObjectList');
  // A Failure may come without a list (rim.xsd requires one, some registries omit it).
  if (list === undefined && status.status !== 'Failure') {
    payloadInvalid('AdhocQueryResponse sans RegistryObjectList');
  }
  const empty: RegistryObjects = {
    submissionSets: [],
    documentEntries: [],
    associations: [],
    objectRefs: [],
  };
  return { ...status, ...(list === undefined ? empty : readRegistryObjectList(list)) };
}
