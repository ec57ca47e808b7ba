import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isValidMatricule } from '../../../src/domain/ins/matricule.js';
import { SEED_PATIENTS } from '../../../src/sandbox/seed/patients.js';
import { SandboxStore } from '../../../src/sandbox/state/SandboxStore.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const CARDS = { gp: '810100000001', cardiologist: '810100000002' };
const open: SandboxStore[] = [];
function openStore(file: string): SandboxStore {
  const s = SandboxStore.open(file);
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  removeTempDirs();
});

describe('sandbox state', () => {
  it('seeds every scenario with valid test NIRs', () => {
    expect(new Set(SEED_PATIENTS.map((p) => p.scenario)).size).toBe(SEED_PATIENTS.length);
    for (const p of SEED_PATIENTS) expect(isValidMatricule(p.ins), p.ins).toBe(true);
  });

  it('seeds patients and authorisations, and keeps them across a restart', () => {
    const file = path.join(makeTempDir('sandbox-store'), 'sandbox.db');
    const a = openStore(file);
    a.seed(SEED_PATIENTS, CARDS);
    expect(a.patient('153078987658513')?.dmpStatus).toBe('FERME');
    expect(a.authorisation('207058575627097', CARDS.gp)).toMatchObject({
      status: 'VALIDE',
      isMedecinTraitant: true,
    });
    expect(a.authorisation('183096912304532', CARDS.cardiologist)?.status).toBe('INTERDIT');
    a.removeAuthorisation('212037505612391', CARDS.gp);
    a.trace({
      transaction: 'TD0.2',
      outcome: 'ok',
      psId: CARDS.gp,
      ins: '279035121518989',
    });
    a.close();
    open.pop();

    const b = openStore(file);
    b.seed(SEED_PATIENTS, CARDS); // idempotent: the removed authorisation stays removed
    expect(b.authorisation('212037505612391', CARDS.gp)).toBeUndefined();
    expect(b.patients()).toHaveLength(SEED_PATIENTS.length);
    expect(b.traces({ ins: '279035121518989' })).toEqual([
      expect.objectContaining({ transaction: 'TD0.2', outcome: 'ok', psId: CARDS.gp }),
    ]);
    expect(b.authorisationsOfProfessional(CARDS.gp).map((r) => r.ins)).toContain('207058575627097');
  });
});
