import { NavetteError } from '../../domain/errors/NavetteError.js';
import type { SoapVersion } from './namespaces.js';

export interface SoapFaultData {
  readonly soapVersion: SoapVersion;
  /**
   * Local name of the fault code: SOAP 1.2 `Sender` / `Receiver` / `MustUnderstand` /
   * `VersionMismatch` / `DataEncodingUnknown`; SOAP 1.1 `Client` / `Server` / …
   */
  readonly faultCode: string;
  /** Local names of the subcodes, outermost first (SOAP 1.2 only). */
  readonly subcodes: readonly string[];
  /**
   * The DMP error code: the innermost subcode (the DMP answers `soap:Sender` /
   * `soap:DMPInvalidCertificate`), else an `errorCode`/`code` element of the Detail, else the
   * SOAP 1.1 dotted faultcode suffix (`Client.DMPxxx`).
   */
  readonly dmpErrorCode: string | undefined;
  /** The reason text (French preferred when several languages are given). */
  readonly reason: string;
  readonly reasonLang: string | undefined;
  /** Raw inner XML of Detail / detail, as received. */
  readonly detailXml: string | undefined;
  readonly node: string | undefined;
  readonly role: string | undefined;
}

/**
 * A SOAP fault received from (or to be sent by) a DMP endpoint. The `dmp/` layer maps
 * `dmpErrorCode` to specific domain errors; this class is the generic fallback.
 */
export class SoapFault extends NavetteError implements SoapFaultData {
  override readonly name = 'SoapFault';
  readonly soapVersion: SoapVersion;
  readonly faultCode: string;
  readonly subcodes: readonly string[];
  readonly dmpErrorCode: string | undefined;
  readonly reason: string;
  readonly reasonLang: string | undefined;
  readonly detailXml: string | undefined;
  readonly node: string | undefined;
  readonly role: string | undefined;

  constructor(data: SoapFaultData) {
    const code = data.dmpErrorCode ?? data.faultCode;
    const reason = data.reason.trim() === '' ? 'aucun motif fourni' : data.reason.trim();
    super(
      'SOAP_FAULT',
      `Le DMP a refusé la requête (erreur ${code}) : ${reason}. Si le problème persiste, contactez votre support.`,
      { faultCode: data.faultCode, subcodes: [...data.subcodes], dmpErrorCode: data.dmpErrorCode, soapVersion: data.soapVersion },
    );
    this.soapVersion = data.soapVersion;
    this.faultCode = data.faultCode;
    this.subcodes = data.subcodes;
    this.dmpErrorCode = data.dmpErrorCode;
    this.reason = data.reason;
    this.reasonLang = data.reasonLang;
    this.detailXml = data.detailXml;
    this.node = data.node;
    this.role = data.role;
  }
}
