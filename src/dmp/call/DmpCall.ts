// One exchange with the DMP, whatever the transaction: the VIHF for the patient and access mode
// (signed once per validity window, VihfIssuer), the SOAP 1.2 envelope with its WS-Addressing
// headers, plain or MTOM (ITI-41), the POST over the mutual-TLS transport, then the answer read
// in any form (readDmpResponse) and a fault turned into a typed error. Every transaction of the
// DMP client (TD0.2, TD0.3, TD0.4, TD2.1, TD3.1–TD3.3) builds its body, calls `invoke`, and
// parses the Body it gets back.
import type { Ins } from '../../domain/ins/ins.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { HttpsTransport, TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  writeMtom,
  type MtomAttachment,
  type MtomAttachmentInput,
} from '../../protocol/mtom/index.js';
import {
  DMP_OPERATIONS,
  buildDmpRequestEnvelope,
  dmpEndpointUrl,
  httpActionOf,
  soapContentType,
  type DmpOperation,
  type DmpOperationName,
  type SoapEnvelope,
} from '../../protocol/soap/index.js';
import { DmpResponseError } from '../errors/DmpError.js';
import { faultRefusesVihf, faultToError } from '../errors/faultToError.js';
import type { VihfIssuer } from '../vihf/VihfIssuer.js';
import type { DmpAccess } from '../vihf/VihfContext.js';
import { DEFAULT_READ_LIMITS, readDmpResponse, type ReadLimits } from './readDmpResponse.js';

export const DEFAULT_DMP_TIMEOUT_MS = 60_000;

export interface DmpCallOptions {
  readonly transport: HttpsTransport;
  /** dmp.endpoint: `https://<host>/si-dmp-server/v2/services` (or the host alone). */
  readonly endpoint: string;
  readonly vihf: VihfIssuer;
  /** Inactivity limit of one exchange (default 60 s). */
  readonly timeoutMs?: number;
  readonly limits?: ReadLimits;
  readonly logger?: Logger;
}

export interface DmpRequest {
  readonly operation: DmpOperation | DmpOperationName;
  /** The Body's content (the transaction payload), inserted as is. */
  readonly bodyXml: string;
  /** The patient the call is about (VIHF resource-id); none for TD0.4. */
  readonly patient?: Ins;
  readonly access: DmpAccess;
  /** MTOM parts referenced by `xop:Include` in `bodyXml`; MTOM is used when the operation needs it. */
  readonly attachments?: readonly MtomAttachmentInput[];
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

export interface DmpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The answer's envelope (never a fault: faults are thrown). */
  readonly envelope: SoapEnvelope;
  /** MTOM parts of the answer (ITI-43 documents), in message order. */
  readonly attachments: readonly MtomAttachment[];
  /** wsa:MessageID of the request. */
  readonly messageId: string;
}

export class DmpCall {
  private readonly transport: HttpsTransport;
  private readonly endpoint: string;
  readonly vihf: VihfIssuer;
  private readonly timeoutMs: number;
  private readonly limits: ReadLimits;
  private readonly log: Logger | undefined;

  constructor(options: DmpCallOptions) {
    this.transport = options.transport;
    this.endpoint = options.endpoint;
    this.vihf = options.vihf;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DMP_TIMEOUT_MS;
    this.limits = options.limits ?? DEFAULT_READ_LIMITS;
    this.log = options.logger;
  }

  /** The URL of a DMP service (e.g. …/services/patients). */
  urlOf(operation: DmpOperation): string {
    return dmpEndpointUrl(this.endpoint, operation.service);
  }

  async invoke(request: DmpRequest): Promise<DmpReply> {
    const operation =
      typeof request.operation === 'string' ? DMP_OPERATIONS[request.operation] : request.operation;
    const url = this.urlOf(operation);
    const origin = new URL(url).origin;
    const vihfXml = await this.vihf.vihfFor(request.patient, request.access);
    const envelope = buildDmpRequestEnvelope({
      operation,
      to: url,
      vihfXml,
      bodyXml: request.bodyXml,
    });
    const started = Date.now();
    const response = await this.transport.post(url, {
      ...this.bodyOf(operation, envelope.xml, request.attachments),
      timeoutMs: request.timeoutMs ?? this.timeoutMs,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    const read = await readDmpResponse(response, origin, this.limits);
    this.log?.debug('dmp exchange', {
      operation: operation.name,
      status: response.status,
      ms: Date.now() - started,
      fault: read.envelope.fault?.dmpErrorCode ?? read.envelope.fault?.faultCode,
    });
    if (read.envelope.fault !== undefined) {
      const error = faultToError(read.envelope.fault, response.status, operation.name);
      // The next call must not present an assertion the DMP just refused.
      if (faultRefusesVihf(error)) this.vihf.invalidate(request.patient, request.access);
      throw error;
    }
    if (response.status >= 400) {
      // An envelope without a fault under an error status: not an answer to rely on.
      throw new DmpResponseError(
        'DMP_RESPONSE_INVALID',
        `Le DMP a répondu par une erreur HTTP ${response.status} sans motif lisible. Réessayez plus tard.`,
        {
          retryable: response.status >= 500,
          details: { status: response.status, operation: operation.name },
        },
      );
    }
    const relatesTo = read.envelope.headers.relatesTo;
    if (relatesTo !== undefined && relatesTo !== envelope.messageId) {
      throw new DmpResponseError(
        'DMP_RESPONSE_MISMATCH',
        "La réponse reçue du DMP ne correspond pas à la demande envoyée (identifiant de message différent). Réessayez ; contactez l'assistance si le problème persiste.",
        { retryable: true, details: { operation: operation.name } },
      );
    }
    return {
      status: response.status,
      headers: response.headers,
      envelope: read.envelope,
      attachments: read.attachments,
      messageId: envelope.messageId,
    };
  }

  private bodyOf(
    operation: DmpOperation,
    envelopeXml: string,
    attachments: readonly MtomAttachmentInput[] | undefined,
  ): { headers: Record<string, string>; body: Uint8Array | AsyncIterable<Uint8Array> } {
    const action = httpActionOf(operation);
    if (operation.mtomRequest || (attachments !== undefined && attachments.length > 0)) {
      const mtom = writeMtom({ envelopeXml, attachments: attachments ?? [], action });
      return {
        headers: {
          'content-type': mtom.contentType,
          ...(mtom.contentLength === undefined
            ? {}
            : { 'content-length': String(mtom.contentLength) }),
        },
        body: mtom.body,
      };
    }
    return {
      headers: { 'content-type': soapContentType(action) },
      body: Buffer.from(envelopeXml, 'utf8'),
    };
  }
}
