// SOAP faults from the DMP as typed errors. The DMP publishes no readable fault catalogue
// (DMP-INTERFACE §9, §13), so the classification relies only on what was observed on the real
// platform: the codes DMPInvalidCertificate and DMPAccessDeniedByRightsService, and the reason
// texts about the structure, the speciality and WS-Addressing. The sandbox's own code names
// (docs/sandbox.md, "unconfirmed") are deliberately NOT used: anything else falls back on the SOAP
// code (Sender: the request; Receiver: the DMP itself) and shows the DMP's own reason text.
import type { SoapFault } from '../../protocol/soap/index.js';
import { DmpFaultError, type DmpErrorCode, type DmpFaultInfo } from './DmpError.js';

function quoted(reason: string): string {
  const text = reason.trim().replace(/\s+/g, ' ');
  if (text === '') return 'aucun motif donné';
  return `« ${text.length > 300 ? `${text.slice(0, 300)}…` : text} »`;
}

interface Classified {
  readonly code: DmpErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}

function classify(info: DmpFaultInfo): Classified {
  const reason = info.reason;
  const said = quoted(reason);
  const code = info.dmpErrorCode ?? '';
  if (code === 'DMPInvalidCertificate' || /not a valid signature certificate/i.test(reason)) {
    return {
      code: 'DMP_INVALID_CERTIFICATE',
      retryable: false,
      message: /signature certificate/i.test(reason)
        ? "Le DMP refuse le certificat qui a signé le jeton d'authentification (VIHF) : ce n'est pas un certificat de signature " +
          `(réponse du DMP : ${said}). Le jeton doit être signé avec la clé de SIGNATURE de la carte CPS ` +
          "(ou le certificat ORG SIGN de la structure), jamais avec sa clé d'authentification. Contactez l'assistance de Navette."
        : `Le DMP refuse le certificat présenté (réponse du DMP : ${said}). ` +
          'Vérifiez que la carte CPS ou le certificat de la structure est valide, non expiré, et reconnu par le DMP.',
    };
  }
  if (/structure introuvable|structure.*inactive/i.test(reason)) {
    return {
      code: 'DMP_STRUCTURE_REFUSED',
      retryable: false,
      message:
        `Le DMP ne reconnaît pas la structure déclarée (réponse du DMP : ${said}). ` +
        "Vérifiez l'identifiant national de la structure (réglage structure.id) : FINESS ou identifiant de l'activité de la carte.",
    };
  }
  if (/PS et Structure non li/i.test(reason)) {
    return {
      code: 'DMP_STRUCTURE_REFUSED',
      retryable: false,
      message:
        `Le DMP indique que le professionnel n'est pas rattaché à la structure déclarée (réponse du DMP : ${said}). ` +
        "Vérifiez l'identifiant de la structure (réglage structure.id) : il doit être celui d'une activité de la carte.",
    };
  }
  if (/aucune sp[ée]cialit[ée]/i.test(reason)) {
    return {
      code: 'DMP_SPECIALTY_MISSING',
      retryable: false,
      message:
        `Le DMP exige la spécialité du professionnel pour un médecin ou un pharmacien (réponse du DMP : ${said}). ` +
        "La carte ne porte pas de spécialité lisible : contactez l'assistance de Navette.",
    };
  }
  if (code === 'DMPAccessDeniedByRightsService' || /^DMPAccessDenied/.test(code)) {
    return {
      code: 'DMP_ACCESS_DENIED',
      retryable: false,
      message: `Le DMP refuse cette action pour votre profil ou votre mode d'accès (réponse du DMP : ${said}).`,
    };
  }
  if (/message addressing property/i.test(reason)) {
    return {
      code: 'DMP_ADDRESSING_REFUSED',
      retryable: false,
      message:
        `Le DMP a refusé le message : en-têtes d'adressage (WS-Addressing) absents (réponse du DMP : ${said}). ` +
        "C'est une anomalie de Navette : signalez-la à l'assistance.",
    };
  }
  if (info.soapCode === 'Receiver' || info.soapCode === 'Server') {
    return {
      code: 'DMP_SERVER_FAULT',
      retryable: true,
      message:
        `Le DMP a rencontré une erreur en traitant la demande (${code || info.soapCode} : ${said}). ` +
        "Elle sera retentée plus tard ; contactez l'assistance si elle persiste.",
    };
  }
  return {
    code: 'DMP_REQUEST_FAULT',
    retryable: false,
    message: `Le DMP a refusé la demande (${code || info.soapCode || 'erreur'} : ${said}).`,
  };
}

/** The fault as a DmpFaultError; `operation` names the DMP operation of the request. */
export function faultToError(
  fault: SoapFault,
  httpStatus: number,
  operation: string,
): DmpFaultError {
  const info: DmpFaultInfo = {
    soapCode: fault.faultCode,
    dmpErrorCode: fault.dmpErrorCode,
    reason: fault.reason,
    httpStatus,
    operation,
  };
  const c = classify(info);
  return new DmpFaultError(c.code, c.message, info, c.retryable, fault);
}

/** Faults that say the VIHF itself (its signer, structure or attributes) was refused. */
export function faultRefusesVihf(error: DmpFaultError): boolean {
  return error.code !== 'DMP_ACCESS_DENIED' && error.code !== 'DMP_SERVER_FAULT';
}
