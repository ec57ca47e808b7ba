// What makes a certificate "CPS-like": the private extensions and the naming that IGC-Santé puts
// into the certificates of CPx cards, read from the official samples under
// ../shared/reference/dmp/ (the signing certificate of `messages/td2.1-signaturexades.xml`, test
// card 899900063480 "MAX LIBRE", and the ORG certificates of the indirect-mode VIHF samples):
//
//   subject (personal): C=FR, title=<profession label>, { GN=<given> + SN=<family> + CN=<idNat_PS> }
//                       (the last RDN is multi-valued; every string is a UTF8String)
//   subject (ORG):      C=FR, ST=<département>, O=<raison sociale>, OU=<IdNatStruct>, CN=<name>
//   1.2.250.1.71.1.2.5  OCTET STRING (1 byte): product category, TRE_G01 (0x80 = "CPx de TEST",
//                       0x83 = "certificat logiciel de TEST"; 0x00/0x03 are the production values)
//   1.2.250.1.71.1.2.2  INTEGER: card type, TRE_G02 (0 CPS, 1 CPF, 2 CDE/CPE, 3 CDA/CPA)
//   1.2.250.1.71.1.2.7  INTEGER: profession, TRE_G15 (10 médecin, 60 infirmier, …)
//   1.2.250.1.71.4.2.5  SEQUENCE OF UTF8String: specialities, TRE_R01 savoir-faire (e.g. SM26)
//
// The card layer (src/card/certificates) reads the same extensions; keep the two in step. They
// would belong in src/domain, which this helper could not edit.

export const CPS_OIDS = {
  productCategory: '1.2.250.1.71.1.2.5',
  cardType: '1.2.250.1.71.1.2.2',
  profession: '1.2.250.1.71.1.2.7',
  specialty: '1.2.250.1.71.4.2.5',
  /** IGC-Santé test policy seen in the official test certificates (PC TEST). */
  testPolicy: '1.2.250.1.213.1.7.2.1.1.1.1',
} as const;

/** TRE_G01 product categories used by the test PKI (production values are 0x00 and 0x03). */
export const PRODUCT_CATEGORY = {
  testCard: 0x80,
  testSoftwareCertificate: 0x83,
} as const;

export type CardKind = 'CPS' | 'CPF' | 'CPE' | 'CPA';

/** TRE_G02 card types. */
export const CARD_TYPE_CODE: Readonly<Record<CardKind, number>> = {
  CPS: 0,
  CPF: 1,
  CPE: 2,
  CPA: 3,
};

/** TRE_G15 labels of the professions the test cards use (the `title` of the subject). */
export const PROFESSION_LABELS: Readonly<Record<string, string>> = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '40': 'Chirurgien-Dentiste',
  '50': 'Sage-Femme',
  '60': 'Infirmier',
};

/**
 * Labels and CKA_IDs of the two key pairs of a card. The labels are the Cryptolib CPS ones
 * ("Certificat d'Authentification CPS", "Certificat de Signature CPS"); the CKA_IDs end in 0x20
 * (authentication) and 0x10 (signature) as on real cards (DMP-INTERFACE §3, the CNAM kit).
 */
export const CARD_KEY_SLOTS = {
  authentication: {
    ckaIdHex: '0120',
    certificateLabel: "Certificat d'Authentification CPS",
    keyLabel: "Clé privée d'Authentification CPS",
  },
  signature: {
    ckaIdHex: '0110',
    certificateLabel: 'Certificat de Signature CPS',
    keyLabel: 'Clé privée de Signature CPS',
  },
} as const;

export type KeyRole = keyof typeof CARD_KEY_SLOTS;
