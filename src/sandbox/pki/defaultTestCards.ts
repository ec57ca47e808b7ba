// The test population of the sandbox: a centre de santé with a GP, a cardiologist, a nurse and a
// medical secretary (CPE). Numbers are fictitious but valid (RPPS and FINESS keys checked by the
// domain's formatters at load time), in the 999… range the official test cards use
// (899900063480 "MAX LIBRE").
import { formatIdNatPs, formatStructureId } from '../../domain/index.js';
import type { TestCardSpec, TestStructureSpec } from './testPkiTypes.js';

const FINESS = '759900012';

export const DEFAULT_TEST_STRUCTURE: TestStructureSpec = {
  id: formatStructureId('FINESS', FINESS),
  name: 'CENTRE DE SANTE NAVETTE (TEST)',
  region: 'Paris (75)',
};

export const DEFAULT_TEST_CARDS: readonly TestCardSpec[] = [
  {
    key: 'gp',
    label: 'CPS MARTIN CLAIRE (TEST)',
    kind: 'CPS',
    holder: {
      id: formatIdNatPs('RPPS', '99900100001'),
      family: 'MARTIN',
      given: 'CLAIRE',
      profession: '10',
      specialty: 'SM54',
    },
  },
  {
    key: 'cardiologist',
    label: 'CPS DURAND PAUL (TEST)',
    kind: 'CPS',
    holder: {
      id: formatIdNatPs('RPPS', '99900100019'),
      family: 'DURAND',
      given: 'PAUL',
      profession: '10',
      specialty: 'SM04',
    },
  },
  {
    key: 'nurse',
    label: 'CPS BERNARD SOPHIE (TEST)',
    kind: 'CPS',
    holder: {
      id: formatIdNatPs('RPPS', '99900100027'),
      family: 'BERNARD',
      given: 'SOPHIE',
      profession: '60',
      specialty: null,
    },
  },
  {
    key: 'secretary',
    label: 'CPE PETIT JULIE (TEST)',
    kind: 'CPE',
    holder: {
      // Establishment staff without a national number: FINESS of the structure + internal id.
      id: formatIdNatPs('FINESS_INTERNAL', FINESS, 'SEC001'),
      family: 'PETIT',
      given: 'JULIE',
      profession: null,
      specialty: null,
    },
  },
];
