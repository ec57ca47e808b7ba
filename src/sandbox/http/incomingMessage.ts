// Reading a request as the DMP does: MTOM or plain SOAP, the envelope, the WS-Addressing headers
// the DMP requires, and which operation it is. No network here, so the conformance tests run the
// official sample requests through exactly this code.
import {
  readMtomStream,
  type MtomAttachment,
  type MtomReadOptions,
} from '../../protocol/mtom/index.js';
import {
  DMP_OPERATIONS,
  WSA_NS,
  dmpOperationByAction,
  readSoapEnvelope,
  type DmpOperation,
  type DmpService,
  type SoapEnvelope,
} from '../../protocol/soap/index.js';
import { DmpFault, WSA_MISSING_REASON } from './DmpFault.js';

export interface IncomingSoap {
  readonly service: DmpService;
  readonly operation: DmpOperation;
  readonly envelope: SoapEnvelope;
  /** MTOM parts other than the envelope (ITI-41 documents). */
  readonly attachments: readonly MtomAttachment[];
  attachment(idOrHref: string): MtomAttachment | undefined;
}

export interface ReadIncomingOptions extends MtomReadOptions {
  /**
   * Accept a SOAP 1.1 envelope (the official TD2.1 sample uses one). The server refuses 1.1 —
   * the DMP speaks 1.2 (DMP-INTERFACE §2) — the conformance tests accept it to read the sample.
   */
  readonly acceptSoap11?: boolean;
}

/**
 * The operation of a request. The service comes from the URL path when known; an operation sent
 * to the wrong service is refused, as a real endpoint would not know its action.
 */
function operationOf(service: DmpService | undefined, action: string): DmpOperation {
  const op = dmpOperationByAction(service, action);
  if (op) return op;
  throw new DmpFault(
    'ActionNotSupported',
    `L'action « ${action} » n'est pas prise en charge par ce service.`,
  );
}

/** Reads a request body (stream of bytes) with its Content-Type into an IncomingSoap. */
export async function readIncomingSoap(
  body: AsyncIterable<Uint8Array>,
  contentType: string,
  service: DmpService | undefined,
  options: ReadIncomingOptions = {},
): Promise<IncomingSoap> {
  const message = await readMtomStream(body, contentType, options);
  const envelope = readSoapEnvelope(message.root.xml);
  if (envelope.version !== '1.2' && options.acceptSoap11 !== true) {
    throw new DmpFault(
      'VersionMismatch',
      "Seul SOAP 1.2 est accepté par le DMP (espace de noms d'enveloppe SOAP 1.1 reçu).",
      'VersionMismatch',
    );
  }
  const h = envelope.headers;
  // The DMP requires MessageID, To, ReplyTo and Action (DMP-INTERFACE §2), in the 2005 namespace.
  if (
    h.action === undefined ||
    h.messageId === undefined ||
    h.to === undefined ||
    h.replyTo === undefined ||
    (h.addressingNamespace !== WSA_NS && options.acceptSoap11 !== true)
  ) {
    throw new DmpFault('MessageAddressingHeaderRequired', WSA_MISSING_REASON);
  }
  const operation = operationOf(service, h.action);
  return {
    service: operation.service,
    operation,
    envelope,
    attachments: message.attachments,
    attachment: (id) => message.attachment(id),
  };
}

/** Every operation name the sandbox may be asked for (for its handler table). */
export const ALL_OPERATIONS = Object.keys(DMP_OPERATIONS) as (keyof typeof DMP_OPERATIONS)[];
