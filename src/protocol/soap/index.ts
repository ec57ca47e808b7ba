// SOAP 1.2 for the DMP: envelopes with WS-Addressing, the operations table, faults both ways.
export {
  SOAP11_NS,
  SOAP12_NS,
  WSA_ANONYMOUS,
  WSA_FAULT_ACTION,
  WSA_NS,
  WSA_SUBMISSION_NS,
  WSSE_NS,
  XOP_NS,
  soapVersionOf,
  type SoapVersion,
} from './namespaces.js';
export { SoapEnvelopeError } from './SoapError.js';
export { SoapFault, type SoapFaultData } from './SoapFault.js';
export {
  DMP_OPERATIONS,
  DMP_SERVICE_BASE_PATH,
  dmpEndpointUrl,
  dmpOperationByAction,
  dmpServicePath,
  httpActionOf,
  type DmpOperation,
  type DmpOperationName,
  type DmpService,
} from './dmpOperations.js';
export {
  buildDmpRequestEnvelope,
  buildSoapEnvelope,
  buildSoapResponseEnvelope,
  newMessageId,
  type AddressingHeaders,
  type BuiltEnvelope,
  type DmpRequestInput,
  type EnvelopeInput,
  type SoapResponseInput,
} from './envelopeBuilder.js';
export {
  buildSoapFaultEnvelope,
  buildSoapFaultXml,
  type Soap12FaultCode,
  type SoapFaultEnvelopeInit,
  type SoapFaultInit,
} from './fault.js';
export {
  assertNoFault,
  readSoapEnvelope,
  type AddressingRead,
  type SoapEnvelope,
  type SoapHeaderBlock,
  type SourceRange,
} from './envelopeReader.js';
export { SOAP_CONTENT_TYPE, soapContentType } from './contentType.js';
