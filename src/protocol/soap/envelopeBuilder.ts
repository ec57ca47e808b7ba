// SOAP 1.2 envelopes as the DMP expects them (DMP-INTERFACE §2): mandatory WS-Addressing
// headers laid out exactly like the official sample requests (each wsa element declares the wsa
// namespace as its default, MessageID / To / ReplyTo / Action order, `mustUnderstand="true"` on
// ReplyTo and Action as the samples write it), then wsse:Security with the signed VIHF inserted
// VERBATIM: the assertion's signature covers its exact bytes, so it is never parsed and
// re-serialised here.
import { randomUUID } from 'node:crypto';
import { escapeXml } from '../xml/parse.js';
import type { DmpOperation } from './dmpOperations.js';
import { SOAP12_NS, WSA_ANONYMOUS, WSA_NS, WSSE_NS } from './namespaces.js';

export interface AddressingHeaders {
  readonly action: string;
  readonly messageId: string;
  /** Endpoint URL for requests; anonymous for responses. Omitted → empty `<To/>` as in the samples. */
  readonly to?: string;
  /** ReplyTo address (requests: anonymous). Omitted → no ReplyTo (responses). */
  readonly replyTo?: string;
  /** MessageID of the request a response answers. */
  readonly relatesTo?: string;
}

export interface EnvelopeInput {
  readonly addressing: AddressingHeaders;
  /** Inner XML of wsse:Security (the signed VIHF), inserted as is. Omitted → no Security header. */
  readonly securityXml?: string;
  /** XML of the Body's content, inserted as is. */
  readonly bodyXml: string;
}

/** A fresh WS-Addressing MessageID (`urn:uuid:` + random UUID). */
export function newMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

// An XML declaration (and a BOM) is legal at the top of a standalone document but not in the
// middle of an envelope. Dropping it changes no signed byte: signatures cover elements only.
function stripProlog(xml: string): string {
  return xml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>\s*/, '').replace(/^\uFEFF/, '');
}

function wsa(name: string, value: string | undefined, mustUnderstand = false): string {
  const mu = mustUnderstand ? ' mustUnderstand="true"' : '';
  if (value === undefined || value === '') return `<${name}${mu} xmlns="${WSA_NS}"/>`;
  return `<${name}${mu} xmlns="${WSA_NS}">${escapeXml(value)}</${name}>`;
}

/** Builds a SOAP 1.2 envelope (UTF-8 text, with an XML declaration). */
export function buildSoapEnvelope(input: EnvelopeInput): string {
  const a = input.addressing;
  const headers: string[] = [];
  const isRequest = a.replyTo !== undefined;
  if (isRequest) {
    // Request order of the official samples: MessageID, To, ReplyTo, Action.
    headers.push(wsa('MessageID', a.messageId));
    headers.push(wsa('To', a.to));
    headers.push(
      `<ReplyTo mustUnderstand="true" xmlns="${WSA_NS}"><Address>${escapeXml(a.replyTo ?? WSA_ANONYMOUS)}</Address></ReplyTo>`,
    );
    headers.push(wsa('Action', a.action, true));
    if (a.relatesTo !== undefined) headers.push(wsa('RelatesTo', a.relatesTo));
  } else {
    // Response order of the official samples: Action, MessageID, To, RelatesTo.
    headers.push(wsa('Action', a.action));
    headers.push(wsa('MessageID', a.messageId));
    headers.push(wsa('To', a.to ?? WSA_ANONYMOUS));
    if (a.relatesTo !== undefined) headers.push(wsa('RelatesTo', a.relatesTo));
  }
  if (input.securityXml !== undefined) {
    headers.push(`<wsse:Security xmlns:wsse="${WSSE_NS}">${stripProlog(input.securityXml)}</wsse:Security>`);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12_NS}">` +
    `<soap:Header>${headers.join('')}</soap:Header>` +
    `<soap:Body>${stripProlog(input.bodyXml)}</soap:Body>` +
    `</soap:Envelope>`
  );
}

export interface DmpRequestInput {
  readonly operation: DmpOperation;
  /** The endpoint URL (wsa:To). */
  readonly to: string;
  /** The signed VIHF assertion (XML text), inserted verbatim. */
  readonly vihfXml?: string;
  readonly bodyXml: string;
  /** Defaults to a fresh urn:uuid. */
  readonly messageId?: string;
}

export interface BuiltEnvelope {
  readonly xml: string;
  readonly messageId: string;
  readonly action: string;
}

/** Builds the request envelope of a DMP operation. */
export function buildDmpRequestEnvelope(input: DmpRequestInput): BuiltEnvelope {
  const messageId = input.messageId ?? newMessageId();
  const xml = buildSoapEnvelope({
    addressing: { action: input.operation.action, messageId, to: input.to, replyTo: WSA_ANONYMOUS },
    ...(input.vihfXml !== undefined ? { securityXml: input.vihfXml } : {}),
    bodyXml: input.bodyXml,
  });
  return { xml, messageId, action: input.operation.action };
}

export interface SoapResponseInput {
  readonly action: string;
  /** MessageID of the request (wsa:RelatesTo). */
  readonly relatesTo?: string;
  readonly bodyXml: string;
  readonly messageId?: string;
}

/** Builds a response envelope the way the DMP answers (sandbox side). */
export function buildSoapResponseEnvelope(input: SoapResponseInput): BuiltEnvelope {
  const messageId = input.messageId ?? newMessageId();
  const xml = buildSoapEnvelope({
    addressing: {
      action: input.action,
      messageId,
      to: WSA_ANONYMOUS,
      ...(input.relatesTo !== undefined ? { relatesTo: input.relatesTo } : {}),
    },
    bodyXml: input.bodyXml,
  });
  return { xml, messageId, action: input.action };
}
