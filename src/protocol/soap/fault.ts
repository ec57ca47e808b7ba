// SOAP faults both ways. Building: SOAP 1.2 only, in the DMP's observed form (`soap:Sender`
// with the DMP error code as a subcode in the envelope's own prefix, e.g.
// `soap:DMPInvalidCertificate`, and a French Reason). Reading: SOAP 1.2 and 1.1.
import { escapeXml } from '../xml/parse.js';
import { SoapFault } from './SoapFault.js';
import { buildSoapResponseEnvelope } from './envelopeBuilder.js';
import { SOAP11_NS, SOAP12_NS, WSA_FAULT_ACTION, XML_NS, type SoapVersion } from './namespaces.js';
import { attributeValue, childNamed, childrenNamed, innerXml, textContent, type ScannedElement } from './xmlScanner.js';

export type Soap12FaultCode = 'Sender' | 'Receiver' | 'MustUnderstand' | 'VersionMismatch' | 'DataEncodingUnknown';

export interface SoapFaultInit {
  readonly code: Soap12FaultCode;
  /**
   * Subcode local names, outermost first (usually one: the DMP error code). They are written as
   * QNames in the SOAP envelope namespace (`soap:X`), as the DMP does, unless `subcodeNamespace`
   * is given (then prefix `dmp`).
   */
  readonly subcodes?: readonly string[];
  readonly subcodeNamespace?: string;
  readonly reason: string;
  /** Default 'fr'. */
  readonly lang?: string;
  /** Inner XML of Detail, inserted as is. */
  readonly detailXml?: string;
}

/** Builds a SOAP 1.2 `soap:Fault` element (the `soap` prefix must be bound by the envelope). */
export function buildSoapFaultXml(init: SoapFaultInit): string {
  const prefix = init.subcodeNamespace !== undefined ? 'dmp' : 'soap';
  const nsDecl = init.subcodeNamespace !== undefined ? ` xmlns:dmp="${escapeXml(init.subcodeNamespace)}"` : '';
  let subcodes = '';
  for (const sub of [...(init.subcodes ?? [])].reverse()) {
    subcodes = `<soap:Subcode><soap:Value>${prefix}:${escapeXml(sub)}</soap:Value>${subcodes}</soap:Subcode>`;
  }
  const detail = init.detailXml !== undefined ? `<soap:Detail>${init.detailXml}</soap:Detail>` : '';
  return (
    `<soap:Fault${nsDecl}>` +
    `<soap:Code><soap:Value>soap:${init.code}</soap:Value>${subcodes}</soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="${escapeXml(init.lang ?? 'fr')}">${escapeXml(init.reason)}</soap:Text></soap:Reason>` +
    detail +
    `</soap:Fault>`
  );
}

function localOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

// No catalogue of DMP detail formats was readable (DMP-INTERFACE §9): look for the usual names.
const DETAIL_CODE_NAMES = new Set(['errorCode', 'codeErreur', 'code', 'ErrorCode']);

function detailCode(xml: string, detail: ScannedElement | undefined): string | undefined {
  if (!detail) return undefined;
  const queue = [...detail.children];
  while (queue.length > 0) {
    const el = queue.shift();
    if (!el) break;
    if (DETAIL_CODE_NAMES.has(el.localName) && el.children.length === 0) {
      const text = textContent(xml, el);
      if (text !== '') return text;
    }
    queue.push(...el.children);
  }
  return undefined;
}

function pickText(xml: string, texts: readonly ScannedElement[]): { text: string; lang: string | undefined } {
  const withLang = texts.map((t) => ({ text: textContent(xml, t), lang: attributeValue(t, XML_NS, 'lang') }));
  const fr = withLang.find((t) => t.lang?.toLowerCase().startsWith('fr'));
  return fr ?? withLang[0] ?? { text: '', lang: undefined };
}

function readSoap12(xml: string, fault: ScannedElement): SoapFault {
  const ns = SOAP12_NS;
  const code = childNamed(fault, ns, 'Code');
  const value = code && childNamed(code, ns, 'Value');
  const faultCode = value ? localOf(textContent(xml, value)) : '';
  const subcodes: string[] = [];
  let level = code && childNamed(code, ns, 'Subcode');
  while (level) {
    const v = childNamed(level, ns, 'Value');
    if (v) subcodes.push(localOf(textContent(xml, v)));
    level = childNamed(level, ns, 'Subcode');
  }
  const reasonEl = childNamed(fault, ns, 'Reason');
  const { text, lang } = pickText(xml, reasonEl ? childrenNamed(reasonEl, ns, 'Text') : []);
  const detail = childNamed(fault, ns, 'Detail');
  const node = childNamed(fault, ns, 'Node');
  const role = childNamed(fault, ns, 'Role');
  return new SoapFault({
    soapVersion: '1.2',
    faultCode,
    subcodes,
    dmpErrorCode: subcodes[subcodes.length - 1] ?? detailCode(xml, detail),
    reason: text,
    reasonLang: lang,
    detailXml: detail ? innerXml(xml, detail) : undefined,
    node: node ? textContent(xml, node) : undefined,
    role: role ? textContent(xml, role) : undefined,
  });
}

// SOAP 1.1 fault children are unqualified (faultcode, faultstring, faultactor, detail); some
// stacks qualify them anyway, so match on the local name only.
function child11(fault: ScannedElement, name: string): ScannedElement | undefined {
  return fault.children.find((c) => c.localName === name && (c.namespace === undefined || c.namespace === SOAP11_NS));
}

function readSoap11(xml: string, fault: ScannedElement): SoapFault {
  const codeEl = child11(fault, 'faultcode');
  const rawCode = codeEl ? localOf(textContent(xml, codeEl)) : '';
  // SOAP 1.1 dotted codes: `Client.DMPAccessDenied` → fault code Client, subcode DMPAccessDenied.
  const [faultCode = '', ...dotted] = rawCode.split('.');
  const stringEl = child11(fault, 'faultstring');
  const detail = child11(fault, 'detail');
  const actor = child11(fault, 'faultactor');
  return new SoapFault({
    soapVersion: '1.1',
    faultCode,
    subcodes: dotted,
    dmpErrorCode: dotted.length > 0 ? dotted.join('.') : detailCode(xml, detail),
    reason: stringEl ? textContent(xml, stringEl) : '',
    reasonLang: stringEl ? attributeValue(stringEl, XML_NS, 'lang') : undefined,
    detailXml: detail ? innerXml(xml, detail) : undefined,
    node: undefined,
    role: actor ? textContent(xml, actor) : undefined,
  });
}

/** Reads a scanned `Fault` element into a `SoapFault`. */
export function readSoapFault(xml: string, fault: ScannedElement, version: SoapVersion): SoapFault {
  return version === '1.2' ? readSoap12(xml, fault) : readSoap11(xml, fault);
}

export interface SoapFaultEnvelopeInit extends SoapFaultInit {
  /** MessageID of the request (wsa:RelatesTo). */
  readonly relatesTo?: string;
  /** wsa:Action of the fault; default the WS-Addressing SOAP fault action. */
  readonly action?: string;
  readonly messageId?: string;
}

/** A complete SOAP 1.2 envelope carrying a fault (sandbox side). */
export function buildSoapFaultEnvelope(init: SoapFaultEnvelopeInit): string {
  return buildSoapResponseEnvelope({
    action: init.action ?? WSA_FAULT_ACTION,
    ...(init.relatesTo !== undefined ? { relatesTo: init.relatesTo } : {}),
    ...(init.messageId !== undefined ? { messageId: init.messageId } : {}),
    bodyXml: buildSoapFaultXml(init),
  }).xml;
}
