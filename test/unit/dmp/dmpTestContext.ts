// A VIHF context and a test signer for the DMP client's unit tests (direct mode, a GP).
import type { VihfContext } from '../../../src/dmp/index.js';
import { createIns, type Ins } from '../../../src/domain/ins/ins.js';
import { createTestSigner, type TestSigner } from '../../support/testSigner.js';

export const GP_CONTEXT: VihfContext = {
  authenticationMode: 'DIRECTE',
  subjectId: '899900100001',
  structureId: '1759900012',
  activitySector: 'SA07^1.2.250.1.71.4.2.4',
  profession: { code: '10', codeSystem: '1.2.250.1.71.1.2.7' },
  specialty: { code: 'SM54', codeSystem: '1.2.250.1.71.4.2.5' },
  software: {
    instanceId: 'poste-1',
    name: 'Navette',
    version: '0.1.0',
    homologationNumber: 'TEST',
  },
};

export const ENDPOINT = 'https://dmp.test.invalid/si-dmp-server/v2/services';

/** Test patients of the official samples (NIR under the test root). */
export const PATIENT_A: Ins = createIns('207058575627097', '1.2.250.1.213.1.4.10');
export const PATIENT_B: Ins = createIns('279035121518989', '1.2.250.1.213.1.4.10');

let shared: TestSigner | undefined;

/** One RSA key for the file (generating keys is the slow part). */
export function testSigner(): TestSigner {
  shared ??= createTestSigner({
    subject: {
      commonName: '899900100001',
      organization: 'CENTRE DE SANTE',
      organizationalUnit: 'Médecin',
    },
  });
  return shared;
}
