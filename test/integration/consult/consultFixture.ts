// Consultation service tests: documents fed to the DMP test server by a professional's session
// (test/integration/dmp/consultationSupport.ts), and the consultation service over a session,
// with its own database.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConsultService } from '../../../src/app/consult/index.js';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { XsltprocRenderer } from '../../../src/app/display/XsltprocRenderer.js';
import { oidOfInsKind } from '../../../src/domain/ins/insOids.js';
import { openDatabase, type Database } from '../../../src/store/index.js';
import { makeTempDir } from '../../support/tempDir.js';

// The same feeding as the DMP client's consultation tests (level 1, or its level-3 twin).
export { LEVEL3_SECTION_TEXT, feedDocumentAs as feedDocument } from '../dmp/consultationSupport.js';

/** The consultation service over an open session, with a database of its own. */
export function consultServiceFor(
  session: DmpSession,
  db: Database = openDatabase(path.join(makeTempDir('navette-consult-'), 'navette.db')),
  patientKey: Uint8Array = randomBytes(32),
): { service: ConsultService; db: Database } {
  return {
    service: new ConsultService({
      session: () => Promise.resolve(session),
      db,
      patientKey,
      renderer: new XsltprocRenderer(),
      defaultInsOid: oidOfInsKind('NIR_TEST'),
    }),
    db,
  };
}
