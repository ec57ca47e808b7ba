// SOAP faults as typed errors: the codes and texts observed on the real DMP get their own codes
// and French messages; anything else falls back on the SOAP code and shows the DMP's text.
import { describe, expect, it } from 'vitest';
import { DmpFaultError, faultRefusesVihf, faultToError } from '../../../src/dmp/index.js';
import {
  buildSoapFaultEnvelope,
  readSoapEnvelope,
  type Soap12FaultCode,
  type SoapFault,
} from '../../../src/protocol/soap/index.js';

function fault(code: Soap12FaultCode, subcode: string | undefined, reason: string): SoapFault {
  const xml = buildSoapFaultEnvelope({
    code,
    ...(subcode === undefined ? {} : { subcodes: [subcode] }),
    reason,
  });
  const read = readSoapEnvelope(xml).fault;
  if (read === undefined) throw new Error('no fault read');
  return read;
}

describe('faultToError', () => {
  it('DMPInvalidCertificate "Not a valid signature certificate": the VIHF was signed with the wrong key', () => {
    const error = faultToError(
      fault('Sender', 'DMPInvalidCertificate', 'Not a valid signature certificate'),
      400,
      'patientRegistryQuery',
    );
    expect(error).toBeInstanceOf(DmpFaultError);
    expect(error.code).toBe('DMP_INVALID_CERTIFICATE');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('clé de SIGNATURE');
    expect(error.message).toContain('« Not a valid signature certificate »');
    expect(error.fault).toMatchObject({
      soapCode: 'Sender',
      dmpErrorCode: 'DMPInvalidCertificate',
      httpStatus: 400,
      operation: 'patientRegistryQuery',
    });
    expect(error.details).toMatchObject({
      dmpErrorCode: 'DMPInvalidCertificate',
      retryable: false,
    });
    expect(faultRefusesVihf(error)).toBe(true);
  });

  it('another certificate refusal says to check the card or certificate', () => {
    const error = faultToError(
      fault('Sender', 'DMPInvalidCertificate', 'Certificat révoqué'),
      400,
      'x',
    );
    expect(error.code).toBe('DMP_INVALID_CERTIFICATE');
    expect(error.message).toMatch(/^Le DMP refuse le certificat présenté.*Certificat révoqué/);
  });

  it.each([
    ['Structure introuvable ou Inactive', 'DMP_STRUCTURE_REFUSED', /structure\.id/],
    ['PS et Structure non liés', 'DMP_STRUCTURE_REFUSED', /n'est pas rattaché/],
    ['Aucune spécialité dans le vihf pour un médecin', 'DMP_SPECIALTY_MISSING', /spécialité/],
    [
      'A required header representing a Message Addressing Property is not present',
      'DMP_ADDRESSING_REFUSED',
      /anomalie de Navette/,
    ],
  ])('the observed text « %s » → %s', (reason, code, message) => {
    // The DMP's subcode for these is unknown: the text decides, whatever the subcode says.
    const error = faultToError(fault('Sender', 'DMPSomething', reason), 400, 'x');
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.retryable).toBe(false);
  });

  it('the rights service refusal is an access denial, which keeps the VIHF', () => {
    const error = faultToError(
      fault('Sender', 'DMPAccessDeniedByRightsService', 'Action non autorisée'),
      400,
      'x',
    );
    expect(error.code).toBe('DMP_ACCESS_DENIED');
    expect(error.message).toContain('« Action non autorisée »');
    expect(faultRefusesVihf(error)).toBe(false);
  });

  it('relies on Sender / Receiver for names the DMP was never seen to use', () => {
    const sender = faultToError(fault('Sender', 'DMPInvalidVihf', 'Jeton VIHF invalide'), 400, 'x');
    expect(sender.code).toBe('DMP_REQUEST_FAULT');
    expect(sender.message).toBe(
      'Le DMP a refusé la demande (DMPInvalidVihf : « Jeton VIHF invalide »).',
    );
    expect(sender.retryable).toBe(false);
    const receiver = faultToError(fault('Receiver', undefined, 'Erreur interne'), 500, 'x');
    expect(receiver.code).toBe('DMP_SERVER_FAULT');
    expect(receiver.retryable).toBe(true);
    expect(receiver.message).toContain('Receiver');
    expect(faultRefusesVihf(receiver)).toBe(false);
  });

  it('an empty reason still gives a sentence', () => {
    expect(faultToError(fault('Sender', undefined, ''), 400, 'x').message).toContain(
      'aucun motif donné',
    );
  });
});
