// A fault the DMP test server answers with: SOAP 1.2 code, the DMP error code as subcode (the
// form DMP-INTERFACE §9 describes, e.g. soap:Sender / DMPInvalidCertificate) and the reason
// text the real DMP uses where it is known.
import type { Soap12FaultCode } from '../../protocol/soap/index.js';

export class DmpFault extends Error {
  override readonly name = 'DmpFault';

  constructor(
    readonly dmpCode: string,
    readonly reason: string,
    readonly soapCode: Soap12FaultCode = 'Sender',
  ) {
    super(reason);
  }

  /** HTTP status of the fault: 400 for the client's fault, 500 otherwise (SOAP 1.2 HTTP binding). */
  get httpStatus(): number {
    return this.soapCode === 'Sender' ? 400 : 500;
  }
}

/** The WS-Addressing fault text the DMP returns (DMP-INTERFACE §9, observed). */
export const WSA_MISSING_REASON =
  'A required header representing a Message Addressing Property is not present';
