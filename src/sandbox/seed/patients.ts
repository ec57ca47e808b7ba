// The patients the DMP test server starts with. The first four are the GIE-SV fictitious test
// patients (DMP-INTERFACE §7.4, test NIR OID 1.2.250.1.213.1.4.10) and the fifth appears in the
// official TD2.1 sample; the last two are made-up NIRs with valid keys for the scenarios the
// samples do not cover. Every NIR here passes the key check of src/domain/ins.
import { INS_OIDS } from '../../domain/ins/insOids.js';

export type DmpStatus = 'ACTIF' | 'FERME' | 'INEXISTANT';

/** What each seeded patient is for (the README's sandbox table lists them). */
export type PatientScenario =
  | 'dmp-actif-medecin-traitant'
  | 'dmp-actif'
  | 'dmp-ferme'
  | 'opposition-acces-urgence'
  | 'sans-dmp'
  | 'mineur-connexion-secrete'
  | 'professionnel-bloque';

export interface SeedPatient {
  readonly ins: string;
  readonly oid: string;
  readonly family: string;
  readonly given: string;
  readonly sex: 'M' | 'F';
  /** YYYYMMDD */
  readonly birthDate: string;
  readonly scenario: PatientScenario;
  readonly dmpStatus: DmpStatus;
  /** The DMP is linked to Mon Espace Santé (TD0.2 RATTACHEMENT_ENS). */
  readonly linkedToMes: boolean;
  /** The patient opposed access in bris de glace and centre 15. */
  readonly opposesEmergencyAccess: boolean;
  /** A minor with a secret connection (EX_GEN-1550). */
  readonly minorSecret: boolean;
  /** The patient allowed masked documents to be read in bris de glace / centre 15 (matrix (7)). */
  readonly allowsMaskedInEmergency: boolean;
  /** Test card keys (src/sandbox/pki: gp, cardiologist, nurse, secretary) authorised, blocked, or MT. */
  readonly authorised: readonly string[];
  readonly blocked: readonly string[];
  readonly medecinTraitant?: string;
}

const TEST = INS_OIDS.NIR_TEST;

export const SEED_PATIENTS: readonly SeedPatient[] = [
  {
    ins: '207058575627097',
    oid: TEST,
    family: 'PATB-QUATRE',
    given: 'LAURENCE',
    sex: 'F',
    birthDate: '19700512',
    scenario: 'dmp-actif-medecin-traitant',
    dmpStatus: 'ACTIF',
    linkedToMes: true,
    opposesEmergencyAccess: false,
    minorSecret: false,
    allowsMaskedInEmergency: true,
    authorised: ['gp'],
    blocked: [],
    medecinTraitant: 'gp',
  },
  {
    ins: '279035121518989',
    oid: TEST,
    family: 'PAT-TROIS',
    given: 'DOMINIQUE',
    sex: 'F',
    birthDate: '19790321',
    scenario: 'dmp-actif',
    dmpStatus: 'ACTIF',
    linkedToMes: true,
    opposesEmergencyAccess: false,
    minorSecret: false,
    allowsMaskedInEmergency: false,
    authorised: [],
    blocked: [],
  },
  {
    ins: '153078987658513',
    oid: TEST,
    family: 'FERME',
    given: 'ALAIN',
    sex: 'M',
    birthDate: '19530704',
    scenario: 'dmp-ferme',
    dmpStatus: 'FERME',
    linkedToMes: false,
    opposesEmergencyAccess: false,
    minorSecret: false,
    allowsMaskedInEmergency: false,
    authorised: [],
    blocked: [],
  },
  {
    ins: '188102B17295165',
    oid: TEST,
    family: 'CORSE',
    given: 'FIGATELLIX',
    sex: 'M',
    birthDate: '19881015',
    scenario: 'opposition-acces-urgence',
    dmpStatus: 'ACTIF',
    linkedToMes: true,
    opposesEmergencyAccess: true,
    minorSecret: false,
    allowsMaskedInEmergency: false,
    authorised: [],
    blocked: [],
  },
  {
    ins: '157069329642881',
    oid: TEST,
    family: 'SANSDMP',
    given: 'MARCEL',
    sex: 'M',
    birthDate: '19570602',
    scenario: 'sans-dmp',
    dmpStatus: 'INEXISTANT',
    linkedToMes: false,
    opposesEmergencyAccess: false,
    minorSecret: false,
    allowsMaskedInEmergency: false,
    authorised: [],
    blocked: [],
  },
  {
    ins: '212037505612391',
    oid: TEST,
    family: 'MINEURE',
    given: 'CHLOE',
    sex: 'F',
    birthDate: '20120309',
    scenario: 'mineur-connexion-secrete',
    dmpStatus: 'ACTIF',
    linkedToMes: true,
    opposesEmergencyAccess: false,
    minorSecret: true,
    allowsMaskedInEmergency: false,
    authorised: ['gp'],
    blocked: [],
  },
  {
    ins: '183096912304532',
    oid: TEST,
    family: 'BLOQUANT',
    given: 'PIERRE',
    sex: 'M',
    birthDate: '19830918',
    scenario: 'professionnel-bloque',
    dmpStatus: 'ACTIF',
    linkedToMes: true,
    opposesEmergencyAccess: false,
    minorSecret: false,
    allowsMaskedInEmergency: false,
    authorised: ['gp'],
    blocked: ['cardiologist'],
  },
];
