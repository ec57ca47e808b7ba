// Namespace URIs of the SOAP stack the DMP speaks. One place, so builders and readers agree.

export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** SOAP 1.1: only read (the official TD2.1 sample envelope uses it), never written. */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export const WSA_NS = 'http://www.w3.org/2005/08/addressing';
/** The older "submission" WS-Addressing namespace: accepted when reading, never written. */
export const WSA_SUBMISSION_NS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
export const WSA_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';
/** Default wsa:Action of a SOAP fault (WS-Addressing 1.0 SOAP binding §6). */
export const WSA_FAULT_ACTION = 'http://www.w3.org/2005/08/addressing/soap/fault';

export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const XOP_NS = 'http://www.w3.org/2004/08/xop/include';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export type SoapVersion = '1.2' | '1.1';

/** The SOAP version an envelope namespace stands for, or undefined for anything else. */
export function soapVersionOf(namespace: string | undefined): SoapVersion | undefined {
  if (namespace === SOAP12_NS) return '1.2';
  if (namespace === SOAP11_NS) return '1.1';
  return undefined;
}
