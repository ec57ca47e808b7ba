// RegistryResponse (ebRS 3.0 rs.xsd) and its RegistryErrorList: the answer to ITI-41 and
// ITI-57, and the status part of ITI-18 (AdhocQueryResponse extends it) and ITI-43
// (RetrieveDocumentSetResponse embeds it). Official samples: td2.1, td3.3c and td3.3d
// responses (Success, with prefixes ns2…ns6 declared on the element).
import { attr, child, children, text, type XmlNode } from '../hl7v3/xmlTree.js';
import { escapeXml } from '../xml/parse.js';
import { payloadInvalid } from './XdsError.js';
import { definedOnly } from './definedOnly.js';
import { locateXdsPayload, type XdsInput } from './rimReader.js';
import {
  ERROR_SEVERITIES,
  RESPONSE_STATUSES,
  RS_NS,
  type ErrorSeverity,
  type ResponseStatus,
} from './xdsConstants.js';

export interface RegistryErrorItem {
  /** XDS error code (XDSRegistryMetadataError, XDSDocumentUniqueIdError…). */
  readonly errorCode: string;
  /** The registry's explanation (free text). */
  readonly codeContext: string;
  readonly severity: ErrorSeverity;
  /** Where it happened (an id, a field), when the registry says. */
  readonly location?: string;
  /** Text content of the RegistryError element, when any. */
  readonly text?: string;
}

export interface RegistryStatus {
  readonly status: ResponseStatus;
  readonly requestId?: string;
  readonly errors: readonly RegistryErrorItem[];
}

export interface RegistryStatusInput {
  readonly status: ResponseStatus;
  readonly requestId?: string;
  readonly errors?: readonly RegistryErrorItem[];
}

function severityOf(urn: string | undefined): ErrorSeverity {
  // rs.xsd: the default severity is Error; an unknown URN is treated as an error too (safe side).
  return urn === ERROR_SEVERITIES.Warning ? 'Warning' : 'Error';
}

function statusOf(urn: string | undefined): ResponseStatus {
  const found = Object.entries(RESPONSE_STATUSES).find(([, value]) => value === urn);
  if (!found) payloadInvalid('statut de réponse XDS inconnu', { status: urn?.slice(0, 100) });
  return found[0] as ResponseStatus;
}

/** The RegistryErrorList element (prefix `rs` declared by the caller); '' without errors. */
export function registryErrorListXml(errors: readonly RegistryErrorItem[], prefix = 'rs'): string {
  if (errors.length === 0) return '';
  const highest = errors.some((e) => e.severity === 'Error') ? 'Error' : 'Warning';
  const items = errors
    .map((e) => {
      const location = e.location !== undefined ? ` location="${escapeXml(e.location)}"` : '';
      const open =
        `<${prefix}:RegistryError codeContext="${escapeXml(e.codeContext)}" errorCode="${escapeXml(e.errorCode)}"` +
        `${location} severity="${ERROR_SEVERITIES[e.severity]}"`;
      return e.text !== undefined && e.text !== ''
        ? `${open}>${escapeXml(e.text)}</${prefix}:RegistryError>`
        : `${open}/>`;
    })
    .join('');
  return `<${prefix}:RegistryErrorList highestSeverity="${ERROR_SEVERITIES[highest]}">${items}</${prefix}:RegistryErrorList>`;
}

/** The attributes `status` and `requestId` of any RegistryResponseType element. */
export function registryStatusAttributes(s: RegistryStatusInput): string {
  const requestId = s.requestId !== undefined ? ` requestId="${escapeXml(s.requestId)}"` : '';
  return `${requestId} status="${RESPONSE_STATUSES[s.status]}"`;
}

/** Builds a standalone `rs:RegistryResponse` (ITI-41 and ITI-57 answers, test-server side). */
export function buildRegistryResponse(s: RegistryStatusInput): string {
  const list = registryErrorListXml(s.errors ?? []);
  const open = `<rs:RegistryResponse xmlns:rs="${RS_NS}"${registryStatusAttributes(s)}`;
  return list === '' ? `${open}/>` : `${open}>${list}</rs:RegistryResponse>`;
}

/** Reads status and errors of any element of RegistryResponseType. */
export function readRegistryStatus(node: XmlNode): RegistryStatus {
  const errors = children(child(node, 'RegistryErrorList'), 'RegistryError').map(
    (e): RegistryErrorItem => {
      const content = text(e);
      return {
        errorCode: attr(e, 'errorCode') ?? '',
        codeContext: attr(e, 'codeContext') ?? '',
        severity: severityOf(attr(e, 'severity')),
        ...definedOnly({
          location: attr(e, 'location'),
          text: content === '' ? undefined : content,
        }),
      };
    },
  );
  return {
    status: statusOf(attr(node, 'status')),
    errors,
    ...definedOnly({ requestId: attr(node, 'requestId') }),
  };
}

/** Client side: reads a RegistryResponse (bare, in a Body or in a whole envelope). */
export function parseRegistryResponse(input: XdsInput): RegistryStatus {
  return readRegistryStatus(locateXdsPayload(input, 'RegistryResponse'));
}
