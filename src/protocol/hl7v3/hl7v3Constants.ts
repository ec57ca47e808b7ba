// Identifiers and code systems of the DMP's HL7v3 patient service ("Gestion Dossier Patient
// Partagé", GestionDossierPatientPartage.wsdl), as used by the official TD0.2 samples.

export const HL7V3_NS = 'urn:hl7-org:v3';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Root of interactionId values (HL7 interaction identifiers). */
export const HL7_INTERACTION_ROOT = '2.16.840.1.113883.1.6';

/** The DMP's device / custodian OID (receiver of requests, sender of responses). */
export const DMP_DEVICE_OID = '1.2.250.1.213.4.1.1.1';
export const DMP_SOFTWARE_NAME = 'DMP';

/** controlActProcess/reasonCode code system (TD0.2 TEST_EXST, TD1.3a CNSLT_DATA, TD1.4 FERM). */
export const DMP_REASON_CODE_SYSTEM = '1.2.250.1.213.1.1.4.11';

export type Td02ReasonCode = 'TEST_EXST' | 'CNSLT_DATA';

export const TD02_REASON_DISPLAY: Readonly<Record<Td02ReasonCode, string>> = {
  TEST_EXST: "Test d'existence de dossier",
  CNSLT_DATA: 'Consultation des données administratives',
};

/** attentionLine keyword code systems of the PRPA_IN201308UV02 response. */
export const ATTENTION_AUTORISATION_SYSTEM = '1.2.250.1.213.4.1.2.6.1';
export const ATTENTION_AUTORISATION_VALUE_SYSTEM = '1.2.250.1.213.4.1.2.6.2';
export const ATTENTION_STATUT_MT_SYSTEM = '1.2.250.1.213.4.1.2.6.3';

/** administrativeObservation code systems of the response. */
export const OBSERVATION_COMPTE_INTERNET_SYSTEM = '1.2.250.1.213.4.1.2.9';
export const OBSERVATION_RATTACHEMENT_ENS_SYSTEM = '1.2.250.1.213.4.1.2.3';
