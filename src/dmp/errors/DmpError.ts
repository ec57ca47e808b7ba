// The typed errors of the DMP client. Every failure of a DMP exchange reaches the caller as one of
// these, a TransportError (network, TLS, HTTP status without a SOAP answer), or a signer's own
// error (card PIN, card removed…), so the outbox, the CLI and the UI can decide on `code` and
// `retryable` alone.
import { NavetteError } from '../../domain/errors/NavetteError.js';

export type DmpErrorCode =
  /** The DMP refused the certificate that signed the VIHF (or the TLS certificate). */
  | 'DMP_INVALID_CERTIFICATE'
  /** "Structure introuvable ou Inactive" / "PS et Structure non liés". */
  | 'DMP_STRUCTURE_REFUSED'
  /** "Aucune spécialité dans le vihf…": a médecin or pharmacien without a speciality. */
  | 'DMP_SPECIALTY_MISSING'
  /** The rights service refused the action (profile, access mode, patient's choice). */
  | 'DMP_ACCESS_DENIED'
  /** The DMP says the WS-Addressing headers are missing: a Navette bug. */
  | 'DMP_ADDRESSING_REFUSED'
  /** Another fault the DMP attributes to the request (soap:Sender). */
  | 'DMP_REQUEST_FAULT'
  /** A fault the DMP attributes to itself (soap:Receiver): may pass. */
  | 'DMP_SERVER_FAULT'
  /** An HL7v3 acknowledgement error (AE/AR) that says nothing the client understands. */
  | 'DMP_REQUEST_REJECTED'
  /** The answer could not be read (not SOAP, not the expected payload). */
  | 'DMP_RESPONSE_INVALID'
  /** The answer is not the answer to our request (RelatesTo, queryId). */
  | 'DMP_RESPONSE_MISMATCH'
  /** TD0.3 add without the patient's consent (the app must collect it first). */
  | 'DMP_CONSENT_REQUIRED'
  /** TD0.3: the DMP answered with a status other than DMPOk. */
  | 'DMP_AUTHORIZATION_REJECTED'
  /** TD3.2: the DMP did not return the document (unknown, or not readable by the caller). */
  | 'DMP_DOCUMENT_UNAVAILABLE'
  /** TD3.3: the DMP refused the action (rights: not the author, not in this access mode). */
  | 'DMP_DOCUMENT_ACTION_REFUSED'
  /** TD3.3: the action does not apply to the document as it is (status, version, visibility). */
  | 'DMP_DOCUMENT_ACTION_IMPOSSIBLE';

export interface DmpErrorOptions {
  readonly retryable: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class DmpError extends NavetteError {
  override readonly name: string = 'DmpError';
  declare readonly code: DmpErrorCode;
  /** Trying the same exchange again later may succeed. */
  readonly retryable: boolean;

  constructor(code: DmpErrorCode, message: string, options: DmpErrorOptions) {
    super(
      code,
      message,
      { ...options.details, retryable: options.retryable },
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.retryable = options.retryable;
  }
}

/** Where a fault came from: what the DMP said, as received. */
export interface DmpFaultInfo {
  /** SOAP 1.2 code local name: Sender, Receiver, MustUnderstand, VersionMismatch… */
  readonly soapCode: string;
  /** The innermost subcode (e.g. DMPInvalidCertificate), when there is one. */
  readonly dmpErrorCode: string | undefined;
  /** The fault's reason text, as the DMP wrote it. */
  readonly reason: string;
  readonly httpStatus: number;
  /** The DMP operation (DMP_OPERATIONS key) and transaction (TD0.2…) of the request. */
  readonly operation: string;
}

/** A SOAP fault from the DMP, classified. `fault` keeps what the DMP said. */
export class DmpFaultError extends DmpError {
  override readonly name = 'DmpFaultError';
  readonly fault: DmpFaultInfo;

  constructor(
    code: DmpErrorCode,
    message: string,
    fault: DmpFaultInfo,
    retryable: boolean,
    cause?: unknown,
  ) {
    super(code, message, {
      retryable,
      details: {
        soapCode: fault.soapCode,
        dmpErrorCode: fault.dmpErrorCode,
        reason: fault.reason.slice(0, 500),
        httpStatus: fault.httpStatus,
        operation: fault.operation,
      },
      cause,
    });
    this.fault = fault;
  }
}

/** An answer Navette cannot read or that does not answer its request. */
export class DmpResponseError extends DmpError {
  override readonly name = 'DmpResponseError';
}

/** An HL7v3 application acknowledgement error (AE/AR) with the DMP's codes. */
export class DmpRejectionError extends DmpError {
  override readonly name = 'DmpRejectionError';
  /** acknowledgementDetail / detectedIssueEvent codes (e.g. DMPClosed). */
  readonly dmpCodes: readonly string[];

  constructor(
    message: string,
    dmpCodes: readonly string[],
    details: Readonly<Record<string, unknown>>,
  ) {
    super('DMP_REQUEST_REJECTED', message, { retryable: false, details: { ...details, dmpCodes } });
    this.dmpCodes = dmpCodes;
  }
}

export function isDmpError(value: unknown): value is DmpError {
  return value instanceof DmpError;
}
