// Reading an incoming SOAP envelope, request or response, 1.2 or 1.1 (the official TD2.1
// sample uses 1.1). Security and Body are handed out as EXACT substrings of the input: the
// VIHF signature is verified over them later, so nothing here re-serialises XML.
import { decodeXml } from '../xml/decode.js';
import { SoapEnvelopeError } from './SoapError.js';
import type { SoapFault } from './SoapFault.js';
import { readSoapFault } from './fault.js';
import { WSA_NS, WSA_SUBMISSION_NS, WSSE_NS, soapVersionOf, type SoapVersion } from './namespaces.js';
import { attributeValue, childNamed, innerXml, outerXml, scanXml, textContent, type ScannedElement } from './xmlScanner.js';

export interface SoapHeaderBlock {
  readonly namespace: string | undefined;
  readonly localName: string;
  /** Trimmed text content (meaningful for simple headers only). */
  readonly text: string;
  /** The header element as received. */
  readonly xml: string;
  /** SOAP mustUnderstand (qualified attribute), or the unqualified form of the official samples. */
  readonly mustUnderstand: boolean;
}

export interface AddressingRead {
  readonly action: string | undefined;
  readonly messageId: string | undefined;
  readonly relatesTo: string | undefined;
  readonly to: string | undefined;
  /** ReplyTo/Address. */
  readonly replyTo: string | undefined;
  readonly faultTo: string | undefined;
  readonly from: string | undefined;
  /** The WS-Addressing namespace used, when any wsa header is present. */
  readonly addressingNamespace: string | undefined;
}

/** Source offsets (UTF-16 indexes into `source`) of a raw fragment. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

export interface SoapEnvelope {
  readonly version: SoapVersion;
  readonly headers: AddressingRead;
  readonly headerBlocks: readonly SoapHeaderBlock[];
  /** Raw inner XML of wsse:Security (the VIHF), byte-exact substring of `source`. */
  readonly securityXml: string | undefined;
  readonly securityRange: SourceRange | undefined;
  /** Namespaces in scope inside wsse:Security (to re-parse `securityXml` standalone). */
  readonly securityNamespaces: ReadonlyMap<string, string> | undefined;
  /** Raw inner XML of Body, byte-exact substring of `source`. */
  readonly bodyXml: string;
  readonly bodyRange: SourceRange;
  /** Namespaces in scope inside Body (e.g. `urn:` declared on the Envelope in the TD0.2 sample). */
  readonly bodyNamespaces: ReadonlyMap<string, string>;
  /** Local name and namespace of the Body's first element (the payload or Fault). */
  readonly payload: { readonly namespace: string | undefined; readonly localName: string } | undefined;
  readonly fault: SoapFault | undefined;
  /** The decoded text every range refers to. */
  readonly source: string;
}

const WSA_NAMESPACES = new Set([WSA_NS, WSA_SUBMISSION_NS]);

function isMustUnderstand(el: ScannedElement, envNs: string): boolean {
  const v = attributeValue(el, envNs, 'mustUnderstand') ?? attributeValue(el, undefined, 'mustUnderstand');
  return v === 'true' || v === '1';
}

function readAddressing(xml: string, blocks: readonly ScannedElement[]): AddressingRead {
  const wsa = blocks.filter((b) => b.namespace !== undefined && WSA_NAMESPACES.has(b.namespace));
  const text = (name: string): string | undefined => {
    const el = wsa.find((b) => b.localName === name);
    return el ? textContent(xml, el) : undefined;
  };
  const address = (name: string): string | undefined => {
    const el = wsa.find((b) => b.localName === name);
    const addr = el && childNamed(el, el.namespace, 'Address');
    return addr ? textContent(xml, addr) : undefined;
  };
  return {
    action: text('Action'),
    messageId: text('MessageID'),
    relatesTo: text('RelatesTo'),
    to: text('To'),
    replyTo: address('ReplyTo'),
    faultTo: address('FaultTo'),
    from: address('From'),
    addressingNamespace: wsa[0]?.namespace,
  };
}

/**
 * Reads a SOAP envelope from text or bytes (bytes are decoded per BOM / XML declaration, then
 * ranges refer to the decoded text). Throws `SoapEnvelopeError` when it is not an envelope.
 * A fault in the Body is returned in `fault`, not thrown: callers decide (`assertNoFault`).
 */
export function readSoapEnvelope(input: string | Uint8Array): SoapEnvelope {
  const source = typeof input === 'string' ? input : decodeXml(input);
  const root = scanXml(source);
  const version = soapVersionOf(root.namespace);
  if (root.localName !== 'Envelope' || version === undefined || root.namespace === undefined) {
    throw new SoapEnvelopeError(
      'SOAP_ENVELOPE_INVALID',
      `La réponse reçue n'est pas une enveloppe SOAP (élément racine « ${root.qname} »).`,
      { root: root.localName, namespace: root.namespace },
    );
  }
  const envNs = root.namespace;
  const header = childNamed(root, envNs, 'Header');
  const body = childNamed(root, envNs, 'Body');
  if (!body) {
    throw new SoapEnvelopeError('SOAP_BODY_MISSING', "L'enveloppe SOAP reçue n'a pas de corps (Body).");
  }
  const blockEls = header?.children ?? [];
  const headerBlocks = blockEls.map(
    (b): SoapHeaderBlock => ({
      namespace: b.namespace,
      localName: b.localName,
      text: b.children.length === 0 ? textContent(source, b) : '',
      xml: outerXml(source, b),
      mustUnderstand: isMustUnderstand(b, envNs),
    }),
  );
  const security = blockEls.find((b) => b.namespace === WSSE_NS && b.localName === 'Security');
  const first = body.children[0];
  const fault = first && first.namespace === envNs && first.localName === 'Fault' ? readSoapFault(source, first, version) : undefined;
  return {
    version,
    headers: readAddressing(source, blockEls),
    headerBlocks,
    securityXml: security ? innerXml(source, security) : undefined,
    securityRange: security ? { start: security.startTagEnd, end: security.endTagStart } : undefined,
    securityNamespaces: security?.namespaces,
    bodyXml: innerXml(source, body),
    bodyRange: { start: body.startTagEnd, end: body.endTagStart },
    bodyNamespaces: body.namespaces,
    payload: first ? { namespace: first.namespace, localName: first.localName } : undefined,
    fault,
    source,
  };
}

/** Throws the envelope's fault, if any; returns the envelope otherwise. */
export function assertNoFault(envelope: SoapEnvelope): SoapEnvelope {
  if (envelope.fault) throw envelope.fault;
  return envelope;
}
