// Errors the DMP reports in a RegistryErrorList, turned into one typed NavetteError with a
// stable code and a French message per family of XDS error codes (IHE ITI TF-3 Table
// 4.2.4.1-2). Which codes the DMP really uses is UNCONFIRMED (DMP-INTERFACE §9): the table
// covers the standard XDS.b codes plus XDSDocumentUniqueIdError, which the DMP is known to
// return; anything else falls back to DMP_REGISTRY_ERROR with the DMP's own words.
import { NavetteError } from '../../domain/errors/NavetteError.js';
import type { RegistryErrorItem, RegistryStatus } from './registryResponse.js';

interface ErrorFamily {
  readonly code: string;
  readonly message: string;
  /** Worth retrying later unchanged (the registry was busy or unavailable). */
  readonly retryable: boolean;
}

const BUSY: ErrorFamily = {
  code: 'DMP_BUSY',
  message: 'Le DMP est momentanément surchargé ou indisponible. Navette réessaiera plus tard.',
  retryable: true,
};
const METADATA: ErrorFamily = {
  code: 'DMP_METADATA_REJECTED',
  message:
    'Le DMP refuse les informations (métadonnées) du document. Vérifiez-les puis renvoyez-le.',
  retryable: false,
};
const QUERY: ErrorFamily = {
  code: 'DMP_QUERY_REJECTED',
  message: 'Le DMP refuse la recherche demandée. Modifiez les critères puis recommencez.',
  retryable: false,
};
const UPDATE: ErrorFamily = {
  code: 'DMP_UPDATE_REJECTED',
  message:
    'Le DMP refuse la modification : le document a peut-être changé entre-temps. Actualisez la liste puis recommencez.',
  retryable: false,
};

const FAMILIES: Readonly<Record<string, ErrorFamily>> = {
  XDSRegistryBusy: BUSY,
  XDSRepositoryBusy: BUSY,
  XDSRegistryOutOfResources: BUSY,
  XDSRepositoryOutOfResources: BUSY,
  XDSRegistryNotAvailable: BUSY,
  XDSRegistryMetadataError: METADATA,
  XDSRepositoryMetadataError: METADATA,
  XDSMissingDocumentMetadata: METADATA,
  XDSMissingDocument: {
    code: 'DMP_DOCUMENT_MISSING',
    message: 'Le DMP n’a pas reçu le contenu du document annoncé. Renvoyez le lot.',
    retryable: false,
  },
  XDSNonIdenticalHash: {
    code: 'DMP_DOCUMENT_CORRUPTED',
    message: 'Le contenu reçu par le DMP ne correspond pas à son empreinte : renvoyez le document.',
    retryable: false,
  },
  XDSNonIdenticalSize: {
    code: 'DMP_DOCUMENT_CORRUPTED',
    message:
      'Le contenu reçu par le DMP ne correspond pas à sa taille annoncée : renvoyez le document.',
    retryable: false,
  },
  XDSDocumentUniqueIdError: {
    code: 'DMP_DOCUMENT_UNIQUE_ID',
    message:
      'Le DMP refuse l’identifiant unique du document (inconnu, déjà utilisé, ou un identifiant technique a été donné à la place).',
    retryable: false,
  },
  XDSDuplicateUniqueIdInRegistry: {
    code: 'DMP_DUPLICATE_UNIQUE_ID',
    message: 'Un document portant le même identifiant unique existe déjà dans le DMP du patient.',
    retryable: false,
  },
  XDSPatientIdDoesNotMatch: {
    code: 'DMP_PATIENT_MISMATCH',
    message: 'Les documents du lot ne concernent pas tous le même patient.',
    retryable: false,
  },
  XDSUnknownPatientId: {
    code: 'DMP_PATIENT_UNKNOWN',
    message: 'Le DMP ne connaît pas ce patient (INS). Vérifiez l’identité du patient.',
    retryable: false,
  },
  XDSUnknownRepositoryId: {
    code: 'DMP_REPOSITORY_UNKNOWN',
    message:
      'L’entrepôt de documents indiqué est inconnu du DMP. Relancez la recherche du document.',
    retryable: false,
  },
  XDSUnknownStoredQuery: QUERY,
  XDSStoredQueryParamNumber: QUERY,
  XDSStoredQueryMissingParam: QUERY,
  XDSResultNotSinglePatient: QUERY,
  XDSTooManyResults: {
    code: 'DMP_TOO_MANY_RESULTS',
    message: 'La recherche renvoie trop de documents. Affinez les critères (dates, types).',
    retryable: false,
  },
  XDSMetadataVersionError: UPDATE,
  XDSMetadataUpdateError: UPDATE,
  XDSMetadataUpdateOperationError: UPDATE,
  XDSMetadataIdentifierError: UPDATE,
  XDSRegistryDeprecatedDocumentError: {
    code: 'DMP_DOCUMENT_ALREADY_REPLACED',
    message: 'Ce document a déjà été remplacé dans le DMP : remplacez sa dernière version.',
    retryable: false,
  },
  UnresolvedReferenceException: {
    code: 'DMP_REFERENCE_UNKNOWN',
    message: 'Le document visé est introuvable dans le DMP. Actualisez la liste des documents.',
    retryable: false,
  },
};

const GENERIC: ErrorFamily = {
  code: 'DMP_REGISTRY_ERROR',
  message: 'Le DMP a refusé la demande.',
  retryable: false,
};

/** The family of an XDS error code (DMP_REGISTRY_ERROR for unknown codes). */
export function registryErrorFamily(errorCode: string): ErrorFamily {
  return FAMILIES[errorCode] ?? GENERIC;
}

/** What the DMP answered, as one error. `errors` keeps every item for the journal and support. */
export class RegistryResponseError extends NavetteError {
  override readonly name = 'RegistryResponseError';
  readonly errors: readonly RegistryErrorItem[];
  readonly retryable: boolean;

  constructor(status: RegistryStatus) {
    const first = status.errors.find((e) => e.severity === 'Error') ?? status.errors[0];
    const family = registryErrorFamily(first?.errorCode ?? '');
    const context = first?.codeContext.trim().slice(0, 300) ?? '';
    super(
      family.code,
      context === '' ? family.message : `${family.message} Réponse du DMP : « ${context} ».`,
      {
        status: status.status,
        errorCodes: status.errors.map((e) => e.errorCode.slice(0, 80)),
      },
    );
    this.errors = status.errors;
    this.retryable = family.retryable;
  }
}

/** The typed error of a response, or undefined when it succeeded without errors. */
export function registryResponseError(status: RegistryStatus): RegistryResponseError | undefined {
  if (status.status === 'Success' && !status.errors.some((e) => e.severity === 'Error'))
    return undefined;
  if (status.status === 'PartialSuccess' && status.errors.length === 0) return undefined;
  return new RegistryResponseError(status);
}

/**
 * Throws RegistryResponseError when the DMP answered Failure. PartialSuccess is returned (an
 * ITI-43 answer may carry some documents and errors for the others: the caller decides).
 */
export function assertRegistrySuccess<T extends RegistryStatus>(status: T): T {
  if (status.status === 'Failure') throw new RegistryResponseError(status);
  return status;
}
