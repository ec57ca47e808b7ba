// XDS refusals answered in the registry's own way — a RegistryResponse (or AdhocQueryResponse)
// with status Failure and a RegistryErrorList — rather than as SOAP faults, which the DMP keeps
// for authentication and rights problems (DMP-INTERFACE §9).
import type { RegistryErrorItem } from '../../protocol/xds/index.js';

export class XdsFailure extends Error {
  override readonly name = 'XdsFailure';

  constructor(readonly errors: readonly RegistryErrorItem[]) {
    super(errors.map((e) => `${e.errorCode}: ${e.codeContext}`).join('; '));
  }
}

export function xdsError(
  errorCode: string,
  codeContext: string,
  location?: string,
): RegistryErrorItem {
  return {
    errorCode,
    codeContext,
    severity: 'Error',
    ...(location === undefined ? {} : { location }),
  };
}

/** Throws a Failure with one error. */
export function fail(errorCode: string, codeContext: string, location?: string): never {
  throw new XdsFailure([xdsError(errorCode, codeContext, location)]);
}

/** Maps the protocol's XdsError codes to the standard XDS error codes (IHE ITI TF-3 4.2.4). */
export function xdsCodeOf(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'XDS_QUERY_UNKNOWN':
      return 'XDSUnknownStoredQuery';
    case 'XDS_QUERY_PARAMETER_MISSING':
      return 'XDSStoredQueryMissingParam';
    case 'XDS_QUERY_INVALID':
      return 'XDSStoredQueryParamNumber';
    default:
      return 'XDSRegistryMetadataError';
  }
}
