// The HTTP Content-Type of a plain (non-MTOM) SOAP 1.2 message.

export const SOAP_CONTENT_TYPE = 'application/soap+xml';

/** `application/soap+xml; charset=UTF-8[; action="…"]` (RFC 3902: the action parameter is optional). */
export function soapContentType(action?: string): string {
  const base = `${SOAP_CONTENT_TYPE}; charset=UTF-8`;
  return action === undefined || action === '' ? base : `${base}; action="${action.replace(/["\\]/g, '\\$&')}"`;
}
