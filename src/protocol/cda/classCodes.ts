// XDS classCode derived from the document type (CDA-CISIS §3): ANS association table
// ASS_X04-CorrespondanceType-Classe-CISIS (OID 1.2.250.1.213.1.1.4.249), version 20240426120000,
// read from the FHIR ConceptMap `ASS-X04-CorrespondanceType-Classe-CISIS.fsh` of
// M-Priour/IG-terminologie-de-sante @ 7fea551 (ANS terminology IG sources). Class codes and
// labels: TRE_A03-ClasseDocument (1.2.250.1.213.1.1.4.1), ansforge/IG-terminologie-de-sante
// `ig/DM-37/CodeSystem-TRE-A03-ClasseDocument.json`. Three JDV_J07 codes added in 2025
// (34876-3, 68814-3, 101881-1) have no row in that version: they are reported, not guessed.
import type { XdsCode } from '../xds/index.js';

export const CLASS_CODE_SYSTEM = '1.2.250.1.213.1.1.4.1';
export const LOINC_SYSTEM = '2.16.840.1.113883.6.1';
/** TRE_A05-TypeDocComplementaire (ANS document types such as SYNTH, CERT_DECL). */
export const ANS_DOCUMENT_TYPE_SYSTEM = '1.2.250.1.213.1.1.4.12';

export const CLASS_LABELS: Readonly<Record<string, string>> = {
  '10': 'Compte rendu',
  '11': 'Synthèse',
  '31': 'Imagerie médicale',
  '42': 'Prescription',
  '43': 'Dispensation',
  '44': 'Plan de soins, protocole de soins',
  '45': 'Traitement administré',
  '52': 'Certificat, déclaration',
  '60': 'Données de remboursement',
  '90': 'Autres documents déposés par le patient',
  '95': 'Document de gestion',
  '99': 'Document technique',
};

/** Class → type codes, one line per class (space-separated, as in the ANS table). */
const LOINC_BY_CLASS: Readonly<Record<string, string>> = {
  '10':
    '10213-7 11488-4 11490-0 11493-4 11502-2 11505-5 11506-3 11526-1 11528-7 15507-7 15508-5 ' +
    '24611-6 27899-4 28617-9 28653-4 29274-8 29554-3 34112-3 34120-6 34749-2 34794-8 34874-8 ' +
    '34875-5 39256-3 46241-6 47420-5 51969-4 59283-2 60568-3 67851-6 70004-7 75482-0 75492-9 ' +
    '75497-8 75496-0 77436-4 78513-9 78601-2 83981-1 85208-7 89233-1 93024-8 96349-6',
  '11':
    '18761-7 34133-9 34842-5 56445-0 57055-6 57057-2 57075-4 60280-5 60591-5 68599-0 68817-6 ' +
    '74207-2 78341-5 78489-2 80820-4 83836-7 83901-9 89235-6 88348-8',
  '31': '18748-4 52040-3',
  '42': '29551-9 52063-5 52521-2 55115-0 57828-6 57832-8 57833-6 61357-0 75468-9',
  '43': '29550-1 60593-1',
  '44': '18776-5 77604-7 80771-9 80788-3 83869-8',
  '45': '80565-5',
  '52': '11369-6 87273-9 89601-9 96874-3 96173-0',
  '90': '74465-6',
  '95': '51851-4 56446-8 59284-0 86531-1',
};

const ANS_BY_CLASS: Readonly<Record<string, string>> = {
  '10': 'BIL_AUTO DOCPAT03 DOCPAT05 DOCPAT06',
  '11': 'EXPORT_DUI DOCPAT01 DOCPAT08 SYNTH',
  '31': 'DOCPAT04 IMG-KOS',
  '42': 'DOCPAT02 PRESC-AAT PRESC-BIO PRESC-KINE PRESC-INF PRESC-PEDI PRESC-ORTHOPHO PRESC-ORTHOPTIE',
  '43': 'DISP_AUT',
  '44': 'PROT_ALD',
  '52': 'CERT_DECL DOCPAT07',
  '60': 'REMB',
  '90': 'EXPPAT_1 EXPPAT_2 EXPPAT_3 DOCPAT10',
  '95':
    'ATTEST-ASS-COMPL ATTEST-HEBGT ATTEST-RESID ATTEST-DROITS-AM AUTORIS-SOINS CONTACTS-URGENCE ' +
    'DOCPAT09 PIECE-IDENTITE FICHE-CONTACTS',
  '99': 'FEUILLE-DE-STYLE',
};

function invert(byClass: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [cls, codes] of Object.entries(byClass)) {
    for (const code of codes.split(' ')) out.set(code, cls);
  }
  return out;
}

const BY_SYSTEM: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [LOINC_SYSTEM, invert(LOINC_BY_CLASS)],
  [ANS_DOCUMENT_TYPE_SYSTEM, invert(ANS_BY_CLASS)],
]);

/** The XDS classCode of a document type, or undefined when ASS_X04 has no row for it. */
export function classCodeFor(typeCode: string, typeCodeSystem: string): XdsCode | undefined {
  const cls = BY_SYSTEM.get(typeCodeSystem)?.get(typeCode);
  if (cls === undefined) return undefined;
  return { code: cls, codingScheme: CLASS_CODE_SYSTEM, displayName: CLASS_LABELS[cls] ?? cls };
}
