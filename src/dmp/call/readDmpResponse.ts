// Reading the DMP's answer, whatever its form: plain SOAP 1.2, MTOM (ITI-43 answers, faults
// included: DMP-INTERFACE §2), or something that is not SOAP at all (a proxy's or load balancer's
// HTML error page). Only this step can tell a SOAP fault carried by a 500 from a gateway's 503, so
// the transport hands every status over (src/domain/ports/HttpsTransport.ts).
import { transportErrors, type HttpsResponse } from '../../domain/ports/HttpsTransport.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import {
  collectBytes,
  readMtomStream,
  type MtomAttachment,
  type MtomReadOptions,
} from '../../protocol/mtom/index.js';
import { readSoapEnvelope, type SoapEnvelope } from '../../protocol/soap/index.js';
import { DmpResponseError } from '../errors/DmpError.js';

export interface ReadResponse {
  readonly envelope: SoapEnvelope;
  readonly attachments: readonly MtomAttachment[];
}

export interface ReadLimits {
  /** A plain SOAP answer larger than this is refused (default 32 MiB). */
  readonly maxSoapBytes: number;
  readonly mtom?: MtomReadOptions;
}

const MiB = 1024 * 1024;
export const DEFAULT_READ_LIMITS: ReadLimits = { maxSoapBytes: 32 * MiB };

function mediaTypeOf(headers: Readonly<Record<string, string>>): string {
  return (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function looksLikeXml(mediaType: string): boolean {
  return (
    mediaType === 'application/soap+xml' || mediaType.endsWith('/xml') || mediaType.endsWith('+xml')
  );
}

/** Drains what is left of a body we will not read (frees the connection for keep-alive). */
async function drain(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<void> {
  let seen = 0;
  for await (const chunk of body) {
    seen += chunk.byteLength;
    if (seen > maxBytes) break;
  }
}

/**
 * The SOAP envelope of the answer (and its MTOM attachments). An answer that is not SOAP is a
 * TRANSPORT_HTTP_STATUS error when its status is an error, a DMP_RESPONSE_INVALID one otherwise.
 */
export async function readDmpResponse(
  response: HttpsResponse,
  origin: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadResponse> {
  const mediaType = mediaTypeOf(response.headers);
  const notSoap = (reason: string, cause?: unknown): Error => {
    if (response.status >= 400) return transportErrors.httpStatus(response.status, origin);
    return new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La réponse du DMP est illisible (${reason}). Réessayez plus tard ; contactez l'assistance si le problème persiste.`,
      {
        retryable: false,
        details: { status: response.status, contentType: mediaType, reason },
        ...(cause === undefined ? {} : { cause }),
      },
    );
  };
  try {
    if (mediaType === 'multipart/related') {
      const message = await readMtomStream(
        response.body,
        response.headers['content-type'] ?? '',
        limits.mtom,
      );
      return { envelope: readSoapEnvelope(message.root.xml), attachments: message.attachments };
    }
    if (!looksLikeXml(mediaType)) {
      await drain(response.body, 1 * MiB).catch(() => undefined);
      throw notSoap(`type de contenu « ${mediaType || 'absent'} » au lieu d'un message SOAP`);
    }
    const bytes = await collectBytes(response.body, limits.maxSoapBytes);
    return { envelope: readSoapEnvelope(bytes), attachments: [] };
  } catch (error: unknown) {
    if (
      error instanceof DmpResponseError ||
      (isNavetteError(error) && error.code.startsWith('TRANSPORT_'))
    ) {
      throw error;
    }
    // SoapEnvelopeError, MtomError, XmlError: the bytes are not a DMP answer.
    const reason = isNavetteError(error) ? error.code : 'contenu inattendu';
    throw notSoap(`message non conforme : ${reason}`, error);
  }
}
