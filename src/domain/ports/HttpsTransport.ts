/**
 * The HTTPS transport port: how the DMP client (src/dmp) posts a SOAP or MTOM message over mutual
 * TLS without knowing who holds the client key. Implementations: the structure's PKCS#12 and a key
 * on a PKCS#11 token through the OpenSSL engine (src/transport, plain Node), and Chromium's network
 * stack in Electron (src/main/transport). See docs/transport.md.
 *
 * Bodies stream both ways: an ITI-41 submission can exceed 50 MB and an ITI-43 answer too, so
 * neither side is ever held whole by the transport.
 *
 * Every HTTP status is a response, not an error: SOAP 1.2 carries its faults with 500 (receiver)
 * and 400 (sender), and the DMP sends ITI-43 faults as MTOM, so only the caller can tell a fault
 * worth parsing from a proxy's error page. A caller that finds no fault in a 5xx answer raises
 * `transportErrors.httpStatus(status, origin)`.
 *
 * The transport also fails with a typed `TransportError` (codes below) whose `retryable` tells the
 * outbox whether trying again later may help, and whose `mayHaveReachedServer` tells it whether
 * the DMP may already have processed the request (then it must reconcile before resending).
 */
import { NavetteError } from '../errors/NavetteError.js';

/** The part of an AbortSignal the transport uses (the domain layer sees no DOM or Node types). */
export interface TransportAbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export type TransportBody = Uint8Array | AsyncIterable<Uint8Array>;

export interface HttpsRequest {
  /**
   * Request headers (names in any case). A `Uint8Array` body gets its `content-length`; an
   * iterable body is sent chunked unless the caller gives `content-length` itself.
   */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: TransportBody;
  /**
   * Inactivity limit, in milliseconds: the exchange fails with TRANSPORT_TIMEOUT when no byte
   * moves in either direction for this long (connection, handshake, upload, waiting for the
   * answer, download). A long upload that keeps moving never times out. Time spent by the caller
   * between two reads of the response body does not count.
   */
  readonly timeoutMs: number;
  /** Aborting fails the exchange with TRANSPORT_ABORTED and closes its connection. */
  readonly signal?: TransportAbortSignal;
}

export interface HttpsResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body as it arrives. Read it to the end, or stop early (`break` out of `for await`), which
   * closes the connection. Errors while reading are `TransportError`s too.
   */
  readonly body: AsyncIterable<Uint8Array>;
}

export interface HttpsTransport {
  /** POST `body` to `url` (https only). Resolves once the response headers have arrived. */
  post(url: string, request: HttpsRequest): Promise<HttpsResponse>;
  /**
   * Closes the connections (an exchange still running fails) and refuses new exchanges with
   * TRANSPORT_CLOSED; idempotent.
   */
  close(): Promise<void>;
}

/** Stable codes of `TransportError`. */
export type TransportErrorCode =
  | 'TRANSPORT_TLS_SERVER_UNTRUSTED'
  | 'TRANSPORT_TLS_CLIENT_REFUSED'
  | 'TRANSPORT_TLS_NEGOTIATION_FAILED'
  | 'TRANSPORT_CLIENT_IDENTITY_INVALID'
  | 'TRANSPORT_CLIENT_PIN_INCORRECT'
  | 'TRANSPORT_CLIENT_PIN_LOCKED'
  | 'TRANSPORT_TRUST_ANCHORS_INVALID'
  | 'TRANSPORT_TIMEOUT'
  | 'TRANSPORT_CONNECTION_RESET'
  | 'TRANSPORT_UNREACHABLE'
  | 'TRANSPORT_HTTP_STATUS'
  | 'TRANSPORT_ABORTED'
  | 'TRANSPORT_CLOSED';

export interface TransportErrorOptions {
  readonly retryable: boolean;
  readonly mayHaveReachedServer: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** A transport failure. `details` never holds a PIN, a key, a header value or a body byte. */
export class TransportError extends NavetteError {
  override readonly name: string = 'TransportError';
  declare readonly code: TransportErrorCode;
  /** Trying the same exchange again later may succeed (network, server load, timeout). */
  readonly retryable: boolean;
  /**
   * The request may have reached the server and been processed (the connection was up when it
   * failed). False only when nothing was sent: then a retry cannot create a duplicate.
   */
  readonly mayHaveReachedServer: boolean;

  constructor(code: TransportErrorCode, message: string, options: TransportErrorOptions) {
    super(
      code,
      message,
      { ...options.details, retryable: options.retryable },
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.retryable = options.retryable;
    this.mayHaveReachedServer = options.mayHaveReachedServer;
  }
}

/** TRANSPORT_HTTP_STATUS: the server answered with an error status and no usable content. */
export class TransportHttpStatusError extends TransportError {
  override readonly name = 'TransportHttpStatusError';
  readonly status: number;

  constructor(status: number, origin: string) {
    super(
      'TRANSPORT_HTTP_STATUS',
      `Le serveur DMP (${origin}) a répondu par une erreur HTTP ${status}. ` +
        (isRetryableStatus(status)
          ? "Le service est peut-être momentanément indisponible : l'envoi sera retenté."
          : "Contactez l'assistance si l'erreur persiste."),
      {
        retryable: isRetryableStatus(status),
        mayHaveReachedServer: true,
        details: { origin, status },
      },
    );
    this.status = status;
  }
}

export function isTransportError(value: unknown): value is TransportError {
  return value instanceof TransportError;
}

/** 5xx may pass (overload, gateway, maintenance); 501 and 505 will not change by waiting. */
function isRetryableStatus(status: number): boolean {
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

type Where = { readonly origin: string; readonly cause?: unknown; readonly reason?: string };

function causeOf(where: Where): { cause?: unknown } {
  return where.cause === undefined ? {} : { cause: where.cause };
}

function detailsOf(where: Where): Readonly<Record<string, unknown>> {
  return where.reason === undefined
    ? { origin: where.origin }
    : { origin: where.origin, reason: where.reason };
}

/** The French sentences of the transport errors, in one place: what happened, then what to do. */
export const transportErrors = {
  serverUntrusted(where: Where): TransportError {
    return new TransportError(
      'TRANSPORT_TLS_SERVER_UNTRUSTED',
      `Le certificat du serveur ${where.origin} n'a pas pu être vérifié avec les autorités de confiance configurées : ` +
        "la connexion a été refusée pour protéger les données. Vérifiez l'adresse du DMP configurée et les certificats d'autorité (IGC-Santé) installés.",
      {
        retryable: false,
        mayHaveReachedServer: false,
        details: detailsOf(where),
        ...causeOf(where),
      },
    );
  },

  clientRefused(where: Where): TransportError {
    return new TransportError(
      'TRANSPORT_TLS_CLIENT_REFUSED',
      `Le serveur ${where.origin} a refusé le certificat d'authentification présenté (carte CPS ou certificat de structure). ` +
        'Vérifiez que la carte ou le certificat est valide, non expiré, et reconnu par ce serveur.',
      {
        retryable: false,
        mayHaveReachedServer: false,
        details: detailsOf(where),
        ...causeOf(where),
      },
    );
  },

  negotiationFailed(where: Where): TransportError {
    return new TransportError(
      'TRANSPORT_TLS_NEGOTIATION_FAILED',
      `La connexion sécurisée (TLS 1.2) n'a pas pu être établie avec ${where.origin} : aucun protocole ou algorithme commun. ` +
        "Vérifiez l'adresse du DMP configurée ; si elle est juste, contactez l'assistance.",
      {
        retryable: false,
        mayHaveReachedServer: false,
        details: detailsOf(where),
        ...causeOf(where),
      },
    );
  },

  clientIdentityInvalid(reason: string, cause?: unknown): TransportError {
    return new TransportError(
      'TRANSPORT_CLIENT_IDENTITY_INVALID',
      `Le certificat d'authentification n'a pas pu être chargé (${reason}). ` +
        'Vérifiez le fichier du certificat, son mot de passe, ou la carte insérée.',
      {
        retryable: false,
        mayHaveReachedServer: false,
        details: { reason },
        ...(cause === undefined ? {} : { cause }),
      },
    );
  },

  clientPinIncorrect(cause?: unknown): TransportError {
    return new TransportError(
      'TRANSPORT_CLIENT_PIN_INCORRECT',
      "Code porteur incorrect : la clé d'authentification de la carte n'a pas pu être utilisée. " +
        'Attention : la carte se bloque après plusieurs codes faux.',
      {
        retryable: false,
        mayHaveReachedServer: false,
        ...(cause === undefined ? {} : { cause }),
      },
    );
  },

  clientPinLocked(cause?: unknown): TransportError {
    return new TransportError(
      'TRANSPORT_CLIENT_PIN_LOCKED',
      'La carte est bloquée après trop de codes porteur faux. ' +
        "Débloquez-la avec son code de déblocage (outils de l'ANS) avant de vous reconnecter au DMP.",
      {
        retryable: false,
        mayHaveReachedServer: false,
        ...(cause === undefined ? {} : { cause }),
      },
    );
  },

  trustAnchorsInvalid(reason: string, cause?: unknown): TransportError {
    return new TransportError(
      'TRANSPORT_TRUST_ANCHORS_INVALID',
      `Les certificats d'autorité de confiance configurés sont inutilisables (${reason}). ` +
        'Vérifiez les fichiers PEM des autorités IGC-Santé dans la configuration.',
      {
        retryable: false,
        mayHaveReachedServer: false,
        details: { reason },
        ...(cause === undefined ? {} : { cause }),
      },
    );
  },

  timeout(
    where: Where & { readonly timeoutMs: number; readonly connected: boolean },
  ): TransportError {
    return new TransportError(
      'TRANSPORT_TIMEOUT',
      `Le serveur ${where.origin} n'a pas répondu dans le délai imparti (${Math.round(where.timeoutMs / 1000)} s sans activité). ` +
        "L'envoi sera retenté.",
      {
        retryable: true,
        mayHaveReachedServer: where.connected,
        details: { ...detailsOf(where), timeoutMs: where.timeoutMs },
        ...causeOf(where),
      },
    );
  },

  connectionReset(where: Where & { readonly connected: boolean }): TransportError {
    return new TransportError(
      'TRANSPORT_CONNECTION_RESET',
      `La connexion avec ${where.origin} a été interrompue. L'envoi sera retenté.`,
      {
        retryable: true,
        mayHaveReachedServer: where.connected,
        details: detailsOf(where),
        ...causeOf(where),
      },
    );
  },

  unreachable(where: Where): TransportError {
    return new TransportError(
      'TRANSPORT_UNREACHABLE',
      `Le serveur ${where.origin} est injoignable. Vérifiez la connexion réseau et l'adresse du DMP configurée.`,
      {
        retryable: true,
        mayHaveReachedServer: false,
        details: detailsOf(where),
        ...causeOf(where),
      },
    );
  },

  httpStatus(status: number, origin: string): TransportHttpStatusError {
    return new TransportHttpStatusError(status, origin);
  },

  aborted(where: Where & { readonly connected: boolean }): TransportError {
    return new TransportError('TRANSPORT_ABORTED', "L'échange avec le serveur a été annulé.", {
      retryable: false,
      mayHaveReachedServer: where.connected,
      details: detailsOf(where),
      ...causeOf(where),
    });
  },

  closed(): TransportError {
    return new TransportError(
      'TRANSPORT_CLOSED',
      "La connexion au DMP a été fermée (arrêt en cours) : l'échange n'a pas été tenté.",
      { retryable: true, mayHaveReachedServer: false },
    );
  },
};
