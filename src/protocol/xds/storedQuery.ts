// ITI-18 AdhocQueryRequest: builder (client) and reader (test server). Layout of the official
// sample td3.1-recherche-de-document.request.xml: ResponseOption returnComposedObjects="true",
// then the AdhocQuery with one Slot per parameter. See storedQueryTypes.ts for the parameters.
import { attr, child, type XmlNode } from '../hl7v3/xmlTree.js';
import { escapeXml } from '../xml/parse.js';
import { payloadInvalid, queryInvalid, queryParameterMissing, queryUnknown } from './XdsError.js';
import {
  formatQueryCode,
  listQueryValues,
  parseQueryCode,
  parseQueryValues,
  singleQueryValue,
} from './queryValues.js';
import { checkDtm, slotXml } from './rimWriter.js';
import { locateXdsPayload, slotsOf, type XdsInput } from './rimReader.js';
import {
  QUERY_PARAMETERS,
  type ParameterSpec,
  type QueryCode,
  type QueryReturnType,
  type StoredQuery,
  type StoredQueryKind,
} from './storedQueryTypes.js';
import {
  DOCUMENT_STATUSES,
  QUERY_NS,
  RIM_NS,
  STORED_QUERIES,
  documentStatusOf,
  type DocumentStatus,
} from './xdsConstants.js';

export interface AdhocQueryRequestInput {
  readonly query: StoredQuery;
  /** Default LeafClass (full metadata); ObjectRef returns entryUUIDs only. */
  readonly returnType?: QueryReturnType;
}

function valuesOf(spec: ParameterSpec, value: unknown): string[] {
  switch (spec.kind) {
    case 'string':
      return singleQueryValue(value as string);
    case 'time':
      // Times are numbers in stored queries: written bare, never quoted.
      return [checkDtm(spec.field, value as string)];
    case 'strings':
      return listQueryValues(value as readonly string[], spec.slot);
    case 'codes':
      return listQueryValues((value as readonly QueryCode[]).map(formatQueryCode), spec.slot);
    case 'statuses':
      return listQueryValues(
        (value as readonly DocumentStatus[]).map((s) => DOCUMENT_STATUSES[s]),
        spec.slot,
      );
  }
}

function checkIdentifiers(query: StoredQuery): void {
  if (query.kind !== 'GetDocuments' && query.kind !== 'GetDocumentsAndAssociations') return;
  const byUuid = (query.entryUuids ?? []).length > 0;
  const byUniqueId = (query.uniqueIds ?? []).length > 0;
  if (!byUuid && !byUniqueId)
    queryParameterMissing('$XDSDocumentEntryEntryUUID ou $XDSDocumentEntryUniqueId');
  if (byUuid && byUniqueId)
    queryInvalid(query.kind, 'entryUUID et uniqueId ne peuvent pas être combinés');
}

/** Builds the `query:AdhocQueryRequest` element. */
export function buildAdhocQueryRequest(input: AdhocQueryRequestInput): string {
  const { query } = input;
  checkIdentifiers(query);
  const fields = query as unknown as Readonly<Record<string, unknown>>;
  const slots = QUERY_PARAMETERS[query.kind]
    .map((spec) => {
      const value = fields[spec.field];
      const empty = value === undefined || (Array.isArray(value) && value.length === 0);
      if (empty) {
        if (spec.required) queryParameterMissing(spec.slot);
        return '';
      }
      return slotXml(spec.slot, valuesOf(spec, value));
    })
    .join('');
  return (
    `<query:AdhocQueryRequest xmlns="${RIM_NS}" xmlns:query="${QUERY_NS}">` +
    `<query:ResponseOption returnComposedObjects="true" returnType="${input.returnType ?? 'LeafClass'}"/>` +
    `<AdhocQuery id="${escapeXml(STORED_QUERIES[query.kind])}">${slots}</AdhocQuery>` +
    '</query:AdhocQueryRequest>'
  );
}

export interface AdhocQueryRequest {
  readonly query: StoredQuery;
  readonly returnType: QueryReturnType;
  readonly returnComposedObjects: boolean;
  /** Slots the query does not define (IHE: ignored by the registry; reported for the journal). */
  readonly unknownParameters: readonly string[];
}

function readValue(spec: ParameterSpec, values: readonly string[]): unknown {
  const atoms = parseQueryValues(values, spec.slot);
  switch (spec.kind) {
    case 'string':
    case 'time': {
      if (atoms.length !== 1) queryInvalid(spec.slot, 'une seule valeur attendue');
      const atom = atoms[0] as string;
      return spec.kind === 'time' && !/^[0-9]{4,14}$/.test(atom)
        ? queryInvalid(spec.slot, 'date AAAAMMJJ[HHMMSS] attendue')
        : atom;
    }
    case 'strings':
      return atoms;
    case 'codes':
      return atoms.map(parseQueryCode);
    case 'statuses':
      return atoms.map(
        (urn) =>
          documentStatusOf(urn) ??
          queryInvalid(spec.slot, `statut inconnu « ${urn.slice(0, 80)} »`),
      );
  }
}

function kindOf(queryId: string): StoredQueryKind {
  const found = (Object.keys(QUERY_PARAMETERS) as StoredQueryKind[]).find(
    (kind) => STORED_QUERIES[kind] === queryId,
  );
  return found ?? queryUnknown(queryId);
}

/** Test-server side: reads an AdhocQueryRequest into a typed stored query. */
export function parseAdhocQueryRequest(input: XdsInput): AdhocQueryRequest {
  const root = locateXdsPayload(input, 'AdhocQueryRequest');
  const option = child(root, 'ResponseOption');
  const adhoc = child(root, 'AdhocQuery') as XmlNode | undefined;
  if (adhoc === undefined) payloadInvalid('AdhocQueryRequest sans AdhocQuery');
  const returnType = attr(option, 'returnType') ?? 'RegistryObject';
  if (returnType !== 'LeafClass' && returnType !== 'ObjectRef') {
    queryInvalid('returnType', `type de retour non pris en charge « ${returnType.slice(0, 40)} »`);
  }
  const kind = kindOf(attr(adhoc, 'id') ?? '');
  const slots = slotsOf(adhoc);
  const specs = QUERY_PARAMETERS[kind];
  const fields: Record<string, unknown> = { kind };
  for (const spec of specs) {
    const matching = slots.filter((s) => s.name === spec.slot);
    if (matching.length === 0) {
      if (spec.required) queryParameterMissing(spec.slot);
      continue;
    }
    if (matching.length > 1)
      queryInvalid(spec.slot, 'paramètre répété (combinaison ET non prise en charge)');
    fields[spec.field] = readValue(spec, matching[0]?.values ?? []);
  }
  const query = fields as unknown as StoredQuery;
  checkIdentifiers(query);
  const known = new Set(specs.map((s) => s.slot));
  return {
    query,
    returnType,
    returnComposedObjects: attr(option, 'returnComposedObjects') === 'true',
    unknownParameters: slots.map((s) => s.name).filter((name) => !known.has(name)),
  };
}
