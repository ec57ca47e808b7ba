// TD0.3 setAuthorization (service /habilitations, Habilitations.wsdl): the PS adds or removes
// their own authorisation on the patient's DMP (the patient is the VIHF resource-id, not in the
// body), or the médecin traitant removes their MT role. Official samples:
// td0.3-mise-a-jour-de-l-autorisation.{request,response}.xml.
import {
  childText,
  invalidPayload,
  locatePayload,
  child,
  type XmlInput,
} from '../hl7v3/xmlTree.js';
import {
  HABILITATIONS_NS,
  optionalElement,
  readWebServiceStatus,
  writeWebServiceStatus,
  type WebServiceStatus,
  type WebServiceStatusInput,
} from './webServiceResponse.js';

export type AuthorizationAction = 'AJOUT' | 'SUPPRESSION';
export type AuthorizationRole = 'MEDECIN_TRAITANT';

export interface SetAuthorizationRequest {
  readonly action: AuthorizationAction;
  /** MEDECIN_TRAITANT: act on the MT role (only the MT may remove it, PDT-INF-526). */
  readonly role?: AuthorizationRole;
}

const ACTIONS: readonly string[] = ['AJOUT', 'SUPPRESSION'];

export function buildSetAuthorizationRequest(request: SetAuthorizationRequest): string {
  return (
    `<setAuthorization xmlns="${HABILITATIONS_NS}">` +
    `<action>${request.action}</action>` +
    optionalElement('role', request.role) +
    '</setAuthorization>'
  );
}

/** Test-server side: reads a setAuthorization request. Action and role are checked against the WSDL enums. */
export function parseSetAuthorizationRequest(input: XmlInput): SetAuthorizationRequest {
  const el = locatePayload(input, 'setAuthorization');
  const action = childText(el, 'action');
  if (action === undefined || !ACTIONS.includes(action)) {
    invalidPayload(
      "action de mise à jour de l'autorisation absente ou inconnue (attendu AJOUT ou SUPPRESSION)",
      {
        action: action?.slice(0, 20),
      },
    );
  }
  const role = childText(el, 'role');
  if (role !== undefined && role !== 'MEDECIN_TRAITANT') {
    invalidPayload('rôle inconnu (attendu MEDECIN_TRAITANT)', { role: role.slice(0, 30) });
  }
  return { action: action as AuthorizationAction, ...(role !== undefined ? { role } : {}) };
}

export function buildSetAuthorizationResponse(status: WebServiceStatusInput): string {
  return (
    `<setAuthorizationResponse xmlns="${HABILITATIONS_NS}">` +
    `<output>${writeWebServiceStatus(status)}</output>` +
    '</setAuthorizationResponse>'
  );
}

export function parseSetAuthorizationResponse(input: XmlInput): WebServiceStatus {
  const el = locatePayload(input, 'setAuthorizationResponse');
  return readWebServiceStatus(child(el, 'output'));
}
