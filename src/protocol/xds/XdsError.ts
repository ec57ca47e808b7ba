// Errors of the XDS.b wire layer: a payload that is missing or malformed, metadata that is
// incomplete (reading) or that we refuse to send (building). Errors the DMP itself reports in a
// RegistryResponse are RegistryResponseError (registryErrors.ts).
import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * Codes: XDS_PAYLOAD_MISSING (the expected element is not there), XDS_PAYLOAD_INVALID (an XDS
 * message we cannot read), XDS_METADATA_MISSING (a required metadata field is absent),
 * XDS_METADATA_INVALID (a value we refuse to send or cannot understand), XDS_QUERY_INVALID (a
 * stored query parameter that does not parse), XDS_QUERY_PARAMETER_MISSING (a required stored
 * query parameter is absent), XDS_QUERY_UNKNOWN (a stored query id Navette does not serve).
 */
export class XdsError extends NavetteError {
  override readonly name = 'XdsError';
}

const SUPPORT = 'Réessayez ; si le problème persiste, contactez le support.';

export function payloadMissing(expected: string): never {
  throw new XdsError(
    'XDS_PAYLOAD_MISSING',
    `Le message reçu ne contient pas l'élément XDS attendu « ${expected} ». ` +
      'Le service DMP a peut-être renvoyé une erreur. ' +
      SUPPORT,
    { expected },
  );
}

export function payloadInvalid(
  what: string,
  details: Readonly<Record<string, unknown>> = {},
): never {
  throw new XdsError('XDS_PAYLOAD_INVALID', `Message XDS invalide : ${what}. ${SUPPORT}`, details);
}

/** A required metadata field is absent (`objectId` says which entry, never patient data). */
export function metadataMissing(field: string, objectId: string | undefined): never {
  throw new XdsError(
    'XDS_METADATA_MISSING',
    `Métadonnée obligatoire absente : ${field}` +
      (objectId !== undefined ? ` (objet ${objectId.slice(0, 80)})` : '') +
      '. Complétez les informations du document puis recommencez.',
    { field, objectId: objectId?.slice(0, 80) },
  );
}

export function metadataInvalid(
  field: string,
  reason: string,
  details: Readonly<Record<string, unknown>> = {},
): never {
  throw new XdsError(
    'XDS_METADATA_INVALID',
    `Métadonnée invalide (${field}) : ${reason}. Corrigez les informations du document puis recommencez.`,
    { field, ...details },
  );
}

export function queryInvalid(parameter: string, reason: string): never {
  throw new XdsError(
    'XDS_QUERY_INVALID',
    `Paramètre de recherche invalide (${parameter}) : ${reason}.`,
    { parameter: parameter.slice(0, 80) },
  );
}

export function queryParameterMissing(parameter: string): never {
  throw new XdsError(
    'XDS_QUERY_PARAMETER_MISSING',
    `Paramètre de recherche obligatoire absent : ${parameter}.`,
    { parameter: parameter.slice(0, 80) },
  );
}

export function queryUnknown(queryId: string): never {
  throw new XdsError(
    'XDS_QUERY_UNKNOWN',
    `Requête enregistrée inconnue : ${queryId.slice(0, 80)}.`,
    {
      queryId: queryId.slice(0, 80),
    },
  );
}
