// VIHF inputs shaped like the official samples (reference/dmp/vihf): test card 899900063480
// "MAX LIBRE", structure 499900063480001, fictitious INS 207058575627097.
import type { VihfInput } from '../../../../src/protocol/saml/index.js';

export const SAMPLE_PATIENT = '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH';

export const DIRECT_INPUT: VihfInput = {
  id: '_ce088e5a-e31d-42d0-ba37-fda5fcbc889d',
  issueInstant: new Date('2019-06-26T08:08:55.469Z'),
  subjectId: '899900063480',
  authenticationMode: 'DIRECTE',
  structureId: '499900063480001',
  activitySector: 'SA07^1.2.250.1.71.4.2.4',
  profession: { code: '10', codeSystem: '1.2.250.1.71.1.2.7', displayName: 'Médecin' },
  specialty: {
    code: 'SM26',
    codeSystem: '1.2.250.1.71.4.2.5',
    displayName: 'Qualifié en Médecine Générale (SM)',
  },
  accessMode: 'normal',
  patientId: SAMPLE_PATIENT,
  software: {
    instanceId: '01.01.01.01',
    name: 'LPS GIE-SV',
    version: '1',
    homologationNumber: 'NumAutorisation',
  },
};

export const INDIRECT_INPUT: VihfInput = {
  ...DIRECT_INPUT,
  authenticationMode: 'INDIRECTE',
  structureId: '339172288100052',
  subjectName: 'MAX LIBRE',
};

export const AIR_INPUT: VihfInput = {
  ...DIRECT_INPUT,
  authenticationMode: 'INDIRECTE_RENFORCEE',
  structureId: '10B0127189',
  subjectName: 'MAX LIBRE',
  profession: { ...DIRECT_INPUT.profession, codeSystemName: 'professions' },
};
