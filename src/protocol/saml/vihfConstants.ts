// Names, namespaces and code systems of the VIHF 3.0 (DMP-INTERFACE §4), spelled exactly as the
// official samples reference/dmp/vihf/*.xml spell them.

export const SAML2_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XS_NS = 'http://www.w3.org/2001/XMLSchema';
export const HL7V3_NS = 'urn:hl7-org:v3';

export const X509_SUBJECT_NAME_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName';

/** Every official sample, direct or indirect, says SmartcardPKI. */
export const AUTHN_CONTEXT_SMARTCARD_PKI = 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI';

export const VIHF_VERSION = '3.0';
export const RESOURCE_URN_DMP = 'urn:dmp';

/** SAML Attribute/@Name values. */
export const VIHF_ATTRIBUTE = {
  structureId: 'Identifiant_Structure',
  activitySector: 'Secteur_Activite',
  subjectName: 'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
  role: 'urn:oasis:names:tc:xacml:2.0:subject:role',
  vihfVersion: 'VIHF_Version',
  authenticationMode: 'Authentification_mode',
  patientId: 'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
  resourceUrn: 'Ressource_URN',
  purposeOfUse: 'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
  /**
   * UNCONFIRMED (DMP-INTERFACE §4): no official sample is a bris-de-glace sample; the name is
   * the one Pro Santé Connect and DmpConnect use for the reason.
   */
  accessReason: 'Mode_Acces_Raison',
  /** UNCONFIRMED whether the DMP reads it (PSC-derived; values VRAI/FAUX as PSC writes them). */
  medicalRegulation: 'Acces_Regulation_Medicale',
  softwareId: 'LPS_ID',
  softwareName: 'LPS_Nom',
  softwareVersion: 'LPS_Version',
  homologationNumber: 'LPS_ID_HOMOLOGATION_DMP',
} as const;

/** G15 (profession) code system: code 10 médecin, 21 pharmacien… */
export const PROFESSION_CODE_SYSTEM = '1.2.250.1.71.1.2.7';
/** R01 savoir-faire (speciality) code system, e.g. SM26. */
export const SPECIALTY_CODE_SYSTEM = '1.2.250.1.71.4.2.5';
/** Role of an automaton (indirect feed without a human user). */
export const AUTOMATON_ROLE_CODE_SYSTEM = '1.2.250.1.213.1.1.4.6';
/** Professions for which the DMP demands a speciality ("Aucune spécialité dans le vihf…"). */
export const PROFESSIONS_REQUIRING_SPECIALTY: readonly string[] = ['10', '21'];

/** The AIR sample repeats the class ref as AuthnContextDecl; the kit writes APP_BROWSER_AUTH. */
export const AIR_DEFAULT_AUTHN_CONTEXT_DECL = AUTHN_CONTEXT_SMARTCARD_PKI;
