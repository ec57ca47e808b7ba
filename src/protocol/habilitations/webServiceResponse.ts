// The status/context pair every DMP-specific (non-HL7) response ends with (WSDL type
// WebServiceResponse, and the tail of AuthorizationByPatientResponse / PatientListDataResponse).
// `DMPOk` means success; other values are DMP error codes (DMP-INTERFACE §9).
import { escapeXml } from '../xml/parse.js';
import { childText } from '../hl7v3/xmlTree.js';

export const HABILITATIONS_NS = 'urn:si-dmp-habilitations';
export const PATIENTS_SPECIFIC_NS = 'urn:si-dmp-patients';
export const DMP_OK = 'DMPOk';

export interface WebServiceStatus {
  readonly status: string | undefined;
  /** Free French text from the DMP (e.g. "Autorisation déjà présente aucune action effectuée"). */
  readonly context: string | undefined;
  /** status === 'DMPOk'. */
  readonly ok: boolean;
}

export function readWebServiceStatus(output: unknown): WebServiceStatus {
  const status = childText(output, 'status');
  const context = childText(output, 'context');
  return { status, context, ok: status === DMP_OK };
}

export interface WebServiceStatusInput {
  /** Default DMPOk. */
  readonly status?: string;
  readonly context?: string;
}

export function writeWebServiceStatus(input: WebServiceStatusInput): string {
  return (
    `<status>${escapeXml(input.status ?? DMP_OK)}</status>` +
    (input.context === undefined ? '' : `<context>${escapeXml(input.context)}</context>`)
  );
}

/** An optional simple element, omitted when the value is undefined. */
export function optionalElement(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;
}
