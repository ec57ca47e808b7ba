// The four SOAP endpoints of the DMP test server over one HTTPS server: path → service, fault
// injection, request reading, dispatch to the transaction handlers, answer as SOAP 1.2 (MTOM for
// ITI-43, faults included, as the real DMP does — DMP-INTERFACE §2).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { writeMtom, type MtomAttachmentInput } from '../../protocol/mtom/index.js';
import {
  DMP_SERVICE_BASE_PATH,
  SOAP_CONTENT_TYPE,
  buildSoapFaultEnvelope,
  buildSoapResponseEnvelope,
  soapContentType,
  type DmpOperationName,
  type DmpService,
} from '../../protocol/soap/index.js';
import { SERVICES, type FaultInjector } from '../faults/index.js';
import { DmpFault } from './DmpFault.js';
import { readIncomingSoap, type IncomingSoap } from './incomingMessage.js';

/** What a handler learns about the caller from TLS. */
export interface ClientIdentity {
  /** DER of the client certificate presented in the handshake. */
  readonly certificateDer: Buffer;
  readonly subject: string;
}

export interface SoapRequestContext extends IncomingSoap {
  readonly client: ClientIdentity;
}

export interface SoapAnswer {
  readonly bodyXml: string;
  readonly attachments?: readonly MtomAttachmentInput[];
}

export type SoapHandler = (request: SoapRequestContext) => Promise<SoapAnswer>;
export type SoapHandlers = Partial<Record<DmpOperationName, SoapHandler>>;

export interface SoapEndpointOptions {
  readonly handlers: SoapHandlers;
  readonly faults?: FaultInjector;
  /** Largest accepted request (default 256 MiB). */
  readonly maxRequestBytes?: number;
  /** Called for every request with its outcome (the server's log; never patient data). */
  readonly onRequest?: (event: {
    service: string;
    operation?: string;
    status: number;
    fault?: string;
    injected?: string;
    /**
     * Time in the operation's handler, request read to answer built (ms): the DMP's own work
     * (VIHF, signatures, registry), apart from the transfer. Benchmarks take it out of the
     * client's time.
     */
    handlerMs?: number;
  }) => void;
  /** Sockets held open by an injected timeout, released when the server stops. */
  readonly heldSockets: Set<TLSSocket>;
}

function serviceOfPath(pathname: string): DmpService | undefined {
  const prefix = `${DMP_SERVICE_BASE_PATH}/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const name = pathname.slice(prefix.length);
  return (SERVICES as readonly string[]).includes(name) ? (name as DmpService) : undefined;
}

function clientOf(req: IncomingMessage): ClientIdentity {
  const socket = req.socket as TLSSocket;
  const peer = socket.getPeerCertificate();
  return {
    certificateDer: peer.raw,
    subject: Object.entries(peer.subject)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', '),
  };
}

async function sendAnswer(
  res: ServerResponse,
  status: number,
  envelopeXml: string,
  asMtom: boolean,
  action: string,
  attachments: readonly MtomAttachmentInput[] = [],
): Promise<void> {
  if (!asMtom && attachments.length === 0) {
    const body = Buffer.from(envelopeXml, 'utf8');
    res.writeHead(status, {
      'content-type': soapContentType(action),
      'content-length': body.byteLength,
    });
    res.end(body);
    return;
  }
  const out = writeMtom({ envelopeXml, attachments, ...(action === '' ? {} : { action }) });
  res.writeHead(status, {
    'content-type': out.contentType,
    ...(out.contentLength === undefined ? {} : { 'content-length': out.contentLength }),
  });
  for await (const chunk of out.body) {
    if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

function faultEnvelope(fault: DmpFault, relatesTo: string | undefined): string {
  const standard = ['VersionMismatch', 'MustUnderstand'].includes(fault.soapCode);
  return buildSoapFaultEnvelope({
    code: fault.soapCode,
    ...(standard ? {} : { subcodes: [fault.dmpCode] }),
    reason: fault.reason,
    ...(relatesTo === undefined ? {} : { relatesTo }),
  });
}

/** Handles one HTTP request to a DMP service path. Returns false when the path is not one. */
export async function handleSoapRequest(
  req: IncomingMessage,
  res: ServerResponse,
  opts: SoapEndpointOptions,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
  const service = serviceOfPath(url.pathname);
  if (service === undefined) return false;
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Méthode non autorisée : les services du DMP attendent POST.\n');
    return true;
  }
  const report = opts.onRequest ?? (() => undefined);
  // Read the peer certificate and keep the socket now: once an MTOM body is consumed,
  // `req.socket` may already be detached from the request.
  const client = clientOf(req);
  const socket = req.socket as TLSSocket;
  let incoming: IncomingSoap | undefined;
  try {
    incoming = await readIncomingSoap(
      req,
      req.headers['content-type'] ?? SOAP_CONTENT_TYPE,
      service,
      {
        maxPartBytes: opts.maxRequestBytes ?? 256 * 1024 * 1024,
      },
    );
  } catch (error) {
    const fault =
      error instanceof DmpFault
        ? error
        : new DmpFault('InvalidRequest', `Requête illisible : ${(error as Error).message}`);
    report({ service, status: fault.httpStatus, fault: fault.dmpCode });
    await sendAnswer(res, fault.httpStatus, faultEnvelope(fault, undefined), false, '');
    return true;
  }

  const injected = opts.faults?.next(service);
  if (injected && injected.delayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, injected.delayMs));
  }
  const failure = injected?.failure;
  if (failure?.kind === 'reset') {
    report({ service, operation: incoming.operation.name, status: 0, injected: 'reset' });
    socket.destroy();
    return true;
  }
  if (failure?.kind === 'timeout') {
    report({ service, operation: incoming.operation.name, status: 0, injected: 'timeout' });
    opts.heldSockets.add(socket);
    socket.once('close', () => opts.heldSockets.delete(socket));
    return true;
  }
  if (failure?.kind === 'http') {
    report({
      service,
      operation: incoming.operation.name,
      status: failure.status,
      injected: 'http',
    });
    res.writeHead(failure.status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<html><body><h1>${failure.status}</h1>Service indisponible (panne simulée).</body></html>`,
    );
    return true;
  }

  const op = incoming.operation;
  const relatesTo = incoming.envelope.headers.messageId;
  try {
    const handler = opts.handlers[op.name];
    if (!handler) {
      throw new DmpFault(
        'DMPOperationNotSupported',
        `La transaction ${op.transactions.join('/')} n'est pas simulée par le DMP de test.`,
        'Receiver',
      );
    }
    const started = performance.now();
    const answer = await handler({ ...incoming, client });
    const envelope = buildSoapResponseEnvelope({
      action: op.responseAction,
      bodyXml: answer.bodyXml,
      ...(relatesTo === undefined ? {} : { relatesTo }),
    }).xml;
    report({ service, operation: op.name, status: 200, handlerMs: performance.now() - started });
    await sendAnswer(res, 200, envelope, op.mtomResponse, op.responseAction, answer.attachments);
  } catch (error) {
    const fault =
      error instanceof DmpFault
        ? error
        : new DmpFault('DMPInternalError', 'Erreur interne du DMP de test.', 'Receiver');
    report({ service, operation: op.name, status: fault.httpStatus, fault: fault.dmpCode });
    if (!(error instanceof DmpFault)) {
      report({ service, operation: op.name, status: 500, fault: `internal: ${String(error)}` });
    }
    await sendAnswer(res, fault.httpStatus, faultEnvelope(fault, relatesTo), op.mtomResponse, '');
  }
  return true;
}
