// XDS formatCode (CDA-CISIS §3). Level 3: from the document's templateIds, ANS association table
// ASS_A11-CorresModeleCDA-XdsFormatCode-CISIS (ConceptMap published 2024-05-03,
// ansforge/IG-terminologie-de-sante `ig/DM-37/ConceptMap-ASS-A11-…json`); level 1: from the
// nonXMLBody media type, ASS_A12 (same IG). Two code systems: ANS formats (TRE_A06,
// 1.2.250.1.213.1.1.4.2.282; the ANS VSM XDM sample uses it for urn:asip:ci-sis:vsm:2012) and
// IHE formats (TRE_A11, 1.3.6.1.4.1.19376.1.2.3). Templates newer than that table (BIO-TROD
// 1.2.250.1.213.1.1.1.59, DLU 2025 .61/.62) have no row: reported, never guessed.
import type { XdsCode } from '../xds/index.js';

export const ANS_FORMAT_SYSTEM = '1.2.250.1.213.1.1.4.2.282';
export const IHE_FORMAT_SYSTEM = '1.3.6.1.4.1.19376.1.2.3';

const CISIS = '1.2.250.1.213.1.1.1.';
const APSR = '1.3.6.1.4.1.19376.1.8.1.1.';

/** templateId → [formatCode, display name] in the ANS system (TRE_A06). */
const ANS_FORMATS: ReadonlyArray<readonly [string, string, string]> = [
  ['5.1', 'urn:asip:ci-sis:cse-cs8:2017', "Certificat de santé du 8ème jour de l'enfant"],
  ['5.2', 'urn:asip:ci-sis:cse-cs9:2017', "Certificat de santé du 9ème mois de l'enfant"],
  ['5.3', 'urn:asip:ci-sis:cse-cs24:2017', "Certificat de santé du 24ème mois de l'enfant"],
  ['5.4', 'urn:ans:ci-sis:cse-mde:2023', 'Mesures de signes vitaux'],
  ['8', 'urn:asip:ci-sis:frcp:2011', 'Fiche de réunion de concertation pluridisciplinaire'],
  ['9', 'urn:asip:ci-sis:idap:2011', 'Information et Directives anticipées du patient'],
  ['10', 'urn:asip:ci-sis:cva:2017', 'Carnet de vaccination électronique'],
  ['12.1', 'urn:asip:ci-sis:obp-sap:2023', 'Synthèse antepartum'],
  ['12.2', 'urn:asip:ci-sis:obp-snm:2023', 'Synthèse Salle de Naissance Mère'],
  ['12.3', 'urn:asip:ci-sis:obp-sne:2023', 'Synthèse Salle de Naissance Enfant'],
  ['12.4', 'urn:asip:ci-sis:obp-scm:2023', 'Synthèse Suites de Couches Mère'],
  ['12.5', 'urn:asip:ci-sis:obp-sem:2023', 'Synthèse Enfant en Maternité'],
  ['13', 'urn:asip:ci-sis:vsm:2012', 'Synthèse médicale'],
  ['15', 'urn:asip:ci-sis:aunv:2013', "Fiche d'admission en unité neuro-vasculaire"],
  ['16', 'urn:asip:ci-sis:eunv:2013', "Fiche d'épisode de soin en unité neuro-vasculaire"],
  ['17', 'urn:asip:ci-sis:sunv:2013', "Fiche de sortie d'unité neuro-vasculaire"],
  ['18', 'urn:asip:ci-sis:crrtn:2013', 'Compte-rendu de rétinographie'],
  ['2.1.1', 'urn:asip:ci-sis:avk:2009', 'Fiche patient à risque en cardiologie - Traitement AVK'],
  [
    '2.1.2',
    'urn:asip:ci-sis:tap:2009',
    'Fiche patient à risque en cardiologie - Trait. antiagrég. plaquettaire, stent',
  ],
  [
    '2.1.3',
    'urn:asip:ci-sis:dci:2009',
    'Fiche patient à risque en cardiologie - Défibrillateur cardiaque interne',
  ],
  [
    '2.1.4',
    'urn:asip:ci-sis:psc:2009',
    "Fiche patient à risque en cardiologie - Porteur d'un stimulateur cardiaque",
  ],
  [
    '2.1.5',
    'urn:asip:ci-sis:ppv:2009',
    "Fiche patient à risque en cardiologie - Porteur d'une prothèse valvulaire",
  ],
  ['20', 'urn:asip:ci-sis:pps-paerpa:2017', 'Plan Personnalisé de Santé - PAERPA'],
  [
    '21',
    'urn:asip:ci-sis:ldl-ees:2017',
    "Lettre de Liaison à l'entrée d'un établissement de santé",
  ],
  ['22', 'urn:asip:ci-sis:dlu:2015', "Document de liaison d'urgence"],
  [
    '23',
    'urn:asip:ci-sis:fludt:2017',
    "Fiche de liaison d'urgence - Transfert de l'EHPAD vers les urgences",
  ],
  [
    '24',
    'urn:asip:ci-sis:fludr:2017',
    "Fiche de liaison d'urgence - Retour des urgences vers l'EHPAD",
  ],
  [
    '25',
    'urn:asip:ci-sis:pavc:2016',
    "CR consultation d'évaluation pluri-professionnelle post AVC",
  ],
  ['26', 'urn:asip:ci-sis:pps-cancer:2017', 'Programme Personnalisé de Soins - Cancer'],
  ['27', 'urn:asip:ci-sis:d2lm-fin:2017', "D2LM - Fiche d'interprétation nationale"],
  [
    '28',
    'urn:asip:ci-sis:d2lm-fidd:2017',
    "D2LM - Fiche d'interprétation du bilan de diagnostic différé",
  ],
  [
    '29',
    'urn:asip:ci-sis:ldl-ses:2017',
    "Lettre de Liaison à la sortie de l'établissement de santé",
  ],
  ['30', 'urn:asip:ci-sis:sdm-mr:2017', 'Set de Données Minimum - Maladies Rares'],
  ['32', 'urn:asip:ci-sis:crgm:2018', 'Compte rendu de génétique moléculaire'],
  ['36', 'urn:asip:ci-sis:hr:2019', 'Données de remboursement'],
  ['37', 'urn:asip:ci-sis:vac:2019', 'Historique des vaccinations'],
  ['38', 'urn:asip:ci-sis:tlm-da:2020', "Demande d'acte de télémédecine"],
  ['40', 'urn:asip:ci-sis:cr-anest:2020', "Compte rendu d'anesthésie"],
  ['41', 'urn:asip:ci-sis:cr-cpa:2020', 'Compte rendu de consultation pré-anesthésique'],
  ['46', 'urn:asip:ci-sis:vac-note:2021', 'Note de vaccination'],
  ['47', 'urn:ans:ci-sis:img-da:2022', "Demande d'actes d'imagerie"],
  ['48', 'urn:asip:ci-sis:dlu-dlu-dom:2022', "Document de liaison d'urgence DOM"],
  [
    '49',
    'urn:asip:ci-sis:dlu-fludt-dom:2022',
    "Fiche de liaison d'urgence - Transfert du domicile vers les urgences",
  ],
  [
    '50',
    'urn:asip:ci-sis:dlu-fludr-dom:2022',
    "Fiche de liaison d'urgence - Retour des urgences vers le domicile",
  ],
  ['52', 'urn:ans:ci-sis:bio-ep-bio:2022', "Prescription d'actes de biologie médicale"],
  ['56', 'urn:asip:ci-sis:ppp:2023', 'Plan personnalisé de prévention'],
  ['58', 'urn:asip:ci-sis:export-dui:2023', 'Export du Dossier Usager informatisé'],
];

const LAB = ['urn:ihe:lab:xd-lab:2008', "Compte rendu structuré d'examens de biologie médicale"];
const EYE = ['urn:ihe:eyecare:geneyeevalcn:2014', 'Compte-rendu de consultation en ophtalmologie'];

/** Full templateId → [formatCode, display name] in the IHE system (TRE_A11). */
const IHE_FORMATS: ReadonlyArray<readonly [string, string, string]> = [
  [`${CISIS}39`, 'urn:ihe:pharm:pre:2010', 'Prescription de médicaments'],
  [`${CISIS}54`, 'urn:ihe:pharm:dis:2010', 'Dispensation médicamenteuse'],
  [`${CISIS}42`, EYE[0] ?? '', EYE[1] ?? ''],
  [`${CISIS}43`, EYE[0] ?? '', EYE[1] ?? ''],
  [`${CISIS}44`, EYE[0] ?? '', EYE[1] ?? ''],
  [
    `${CISIS}45`,
    'urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013',
    "Compte-rendu d'imagerie médicale",
  ],
  [`${CISIS}55`, LAB[0] ?? '', LAB[1] ?? ''],
  ['1.3.6.1.4.1.19376.1.3.3', LAB[0] ?? '', LAB[1] ?? ''],
  [`${CISIS}57`, 'urn:ihe:palm:apsr:2016', "CR d'anatomie et de cytologie pathologiques"],
  [`${CISIS}51`, 'urn:ihe:pcc:ips:2020', 'Synthèse médicale'],
  [
    `${APSR}1`,
    'urn:ihe:pat:apsr:all:2010',
    "Compte rendu d'anatomie et de cytologie pathologiques - modèle générique",
  ],
];

/** IHE APSR organ templates 1.3.6.1.4.1.19376.1.8.1.1.2.<n> → urn:ihe:pat:apsr:<organ>:2010. */
const APSR_ORGANS: ReadonlyArray<readonly [string, string]> = [
  ['breast', 'sein'],
  ['colon', 'côlon'],
  ['prostate', 'prostate'],
  ['thyroid', 'thyroïde'],
  ['lung', 'poumon'],
  ['skin', 'mélanome cutané'],
  ['kidney', 'rein'],
  ['cervix', "col de l'utérus"],
  ['endometrium', 'corps utérin'],
  ['ovary', 'ovaires'],
  ['esophagus', 'oesophage'],
  ['stomach', 'estomac'],
  ['liver', 'foie'],
  ['pancreas', 'pancréas'],
  ['testis', 'testicule'],
  ['urinary_bladder', 'vessie'],
  ['lip_oral_cavity', 'cavité buccale'],
  ['pharynx', 'pharynx'],
  ['salivary_gland', 'glandes salivaires'],
  ['larynx', 'larynx'],
];

const BY_TEMPLATE: ReadonlyMap<string, XdsCode> = new Map([
  ...ANS_FORMATS.map(([suffix, code, displayName]): [string, XdsCode] => [
    `${CISIS}${suffix}`,
    { code, codingScheme: ANS_FORMAT_SYSTEM, displayName },
  ]),
  ...IHE_FORMATS.map(([template, code, displayName]): [string, XdsCode] => [
    template,
    { code, codingScheme: IHE_FORMAT_SYSTEM, displayName },
  ]),
  ...APSR_ORGANS.map(([organ, label], i): [string, XdsCode] => [
    `${APSR}2.${i + 1}`,
    {
      code: `urn:ihe:pat:apsr:${organ}:2010`,
      codingScheme: IHE_FORMAT_SYSTEM,
      displayName: `Compte rendu d'anatomie et de cytologie pathologiques - ${label}`,
    },
  ]),
]);

/** Level-1 media types (ASS_A12; CI-SIS admits PDF and plain text in a CDA N1). */
const BY_MEDIA_TYPE: ReadonlyMap<string, XdsCode> = new Map([
  [
    'application/pdf',
    {
      code: 'urn:ihe:iti:xds-sd:pdf:2008',
      codingScheme: IHE_FORMAT_SYSTEM,
      displayName: 'Document à corps non structuré en Pdf/A-1',
    },
  ],
  [
    'text/plain',
    {
      code: 'urn:ihe:iti:xds-sd:text:2008',
      codingScheme: IHE_FORMAT_SYSTEM,
      displayName: 'Document à corps non structuré en texte brut',
    },
  ],
]);

/** The formatCode of a level-3 document: the first of its templateIds that has a row. */
export function formatCodeForTemplates(templateIds: readonly string[]): XdsCode | undefined {
  for (const id of templateIds) {
    const found = BY_TEMPLATE.get(id);
    if (found) return found;
  }
  return undefined;
}

/** The formatCode of a level-1 document from its nonXMLBody/text@mediaType. */
export function formatCodeForMediaType(mediaType: string): XdsCode | undefined {
  return BY_MEDIA_TYPE.get(mediaType);
}
