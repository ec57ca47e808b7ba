// The DMP test server's state: patients and their DMP, authorisations, the XDS registry and
// repository, access traces. One SQLite file under the sandbox folder, so a restarted sandbox
// finds everything it had (issue 3: "persists in SQLite under DIR and survives restarts"); the
// repository's document bytes are files in `repository/` next to it (DocumentFolder.ts).
import path from 'node:path';
import { immediate, openDatabase, type Database } from '../../store/index.js';
import type { DmpStatus, SeedPatient } from '../seed/patients.js';
import { DocumentFolder } from './DocumentFolder.js';
import { SANDBOX_MIGRATIONS } from './migrations.js';

export type AuthorisationStatus = 'VALIDE' | 'INTERDIT' | 'EXPIRE';

export interface PatientRecord {
  readonly ins: string;
  readonly oid: string;
  readonly family: string;
  readonly given: string;
  readonly sex: 'M' | 'F';
  readonly birthDate: string;
  readonly scenario: string;
  readonly dmpStatus: DmpStatus;
  readonly linkedToMes: boolean;
  readonly opposesEmergencyAccess: boolean;
  readonly minorSecret: boolean;
  readonly allowsMaskedInEmergency: boolean;
}

export interface AuthorisationRecord {
  readonly ins: string;
  readonly psId: string;
  readonly status: AuthorisationStatus;
  readonly isMedecinTraitant: boolean;
  readonly structureId: string | null;
  readonly updatedAt: string;
}

export interface TraceInput {
  readonly transaction: string;
  readonly outcome: 'ok' | 'refused' | 'error';
  readonly psId?: string | undefined;
  readonly structureId?: string | undefined;
  readonly authMode?: string | undefined;
  readonly accessMode?: string | undefined;
  readonly reason?: string | undefined;
  readonly ins?: string | undefined;
  readonly detail?: string | undefined;
}

export interface TraceRecord extends TraceInput {
  readonly id: number;
  readonly at: string;
}

interface PatientRow {
  ins: string;
  oid: string;
  family: string;
  given: string;
  sex: 'M' | 'F';
  birth_date: string;
  scenario: string;
  dmp_status: DmpStatus;
  linked_to_mes: number;
  opposes_emergency: number;
  minor_secret: number;
  allows_masked_in_emergency: number;
}

interface AuthorisationRow {
  ins: string;
  ps_id: string;
  status: AuthorisationStatus;
  is_mt: number;
  structure_id: string | null;
  updated_at: string;
}

function toPatient(r: PatientRow): PatientRecord {
  return {
    ins: r.ins,
    oid: r.oid,
    family: r.family,
    given: r.given,
    sex: r.sex,
    birthDate: r.birth_date,
    scenario: r.scenario,
    dmpStatus: r.dmp_status,
    linkedToMes: r.linked_to_mes === 1,
    opposesEmergencyAccess: r.opposes_emergency === 1,
    minorSecret: r.minor_secret === 1,
    allowsMaskedInEmergency: r.allows_masked_in_emergency === 1,
  };
}

function toAuthorisation(r: AuthorisationRow): AuthorisationRecord {
  return {
    ins: r.ins,
    psId: r.ps_id,
    status: r.status,
    isMedecinTraitant: r.is_mt === 1,
    structureId: r.structure_id,
    updatedAt: r.updated_at,
  };
}

export class SandboxStore {
  private constructor(
    readonly db: Database,
    /** The repository's document files (RegistryStore writes and reads them). */
    readonly documents: DocumentFolder,
    private readonly now: () => Date,
  ) {}

  /** `file`: the SQLite file, on disk; the repository folder goes next to it. */
  static open(file: string, now: () => Date = () => new Date()): SandboxStore {
    const db = openDatabase(file, { migrations: SANDBOX_MIGRATIONS });
    // A test server needs no durability against power loss: WAL with synchronous=NORMAL still
    // survives a crash of the process, and saves an fsync (~5 ms on the dev VM) per commit, i.e.
    // per DMP call (every call writes an access trace).
    db.pragma('synchronous = NORMAL');
    const documents = new DocumentFolder(path.join(path.dirname(path.resolve(file)), 'repository'));
    return new SandboxStore(db, documents, now);
  }

  close(): void {
    this.db.close();
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE). */
  write<T>(fn: () => T): T {
    return immediate(this.db, fn);
  }

  /**
   * Seeds patients and their authorisations (`cardIds` maps the seed's card labels to national
   * ids). Idempotent: a patient already present keeps its current state.
   */
  seed(patients: readonly SeedPatient[], cardIds: Readonly<Record<string, string>>): void {
    const insert = this.db.prepare(`
      INSERT OR IGNORE INTO patients (ins, oid, family, given, sex, birth_date, scenario, dmp_status,
        linked_to_mes, opposes_emergency, minor_secret, allows_masked_in_emergency)
      VALUES (@ins, @oid, @family, @given, @sex, @birthDate, @scenario, @dmpStatus,
        @linkedToMes, @opposes, @minorSecret, @allowsMasked)`);
    this.write(() => {
      for (const p of patients) {
        const created = insert.run({
          ins: p.ins,
          oid: p.oid,
          family: p.family,
          given: p.given,
          sex: p.sex,
          birthDate: p.birthDate,
          scenario: p.scenario,
          dmpStatus: p.dmpStatus,
          linkedToMes: p.linkedToMes ? 1 : 0,
          opposes: p.opposesEmergencyAccess ? 1 : 0,
          minorSecret: p.minorSecret ? 1 : 0,
          allowsMasked: p.allowsMaskedInEmergency ? 1 : 0,
        });
        if (created.changes === 0) continue;
        const idOf = (label: string): string | undefined => cardIds[label];
        for (const label of p.authorised) {
          const id = idOf(label);
          if (id) this.setAuthorisation(p.ins, id, 'VALIDE', label === p.medecinTraitant, null);
        }
        for (const label of p.blocked) {
          const id = idOf(label);
          if (id) this.setAuthorisation(p.ins, id, 'INTERDIT', false, null);
        }
      }
    });
  }

  patient(ins: string): PatientRecord | undefined {
    const row = this.db.prepare('SELECT * FROM patients WHERE ins = ?').get(ins) as
      PatientRow | undefined;
    return row && toPatient(row);
  }

  patients(): PatientRecord[] {
    const rows = this.db.prepare('SELECT * FROM patients ORDER BY ins').all() as PatientRow[];
    return rows.map(toPatient);
  }

  authorisation(ins: string, psId: string): AuthorisationRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM authorisations WHERE ins = ? AND ps_id = ?')
      .get(ins, psId) as AuthorisationRow | undefined;
    return row && toAuthorisation(row);
  }

  authorisationsOfPatient(ins: string): AuthorisationRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM authorisations WHERE ins = ? ORDER BY ps_id')
      .all(ins) as AuthorisationRow[];
    return rows.map(toAuthorisation);
  }

  authorisationsOfProfessional(psId: string): AuthorisationRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM authorisations WHERE ps_id = ? AND status = 'VALIDE' ORDER BY ins`)
      .all(psId) as AuthorisationRow[];
    return rows.map(toAuthorisation);
  }

  setAuthorisation(
    ins: string,
    psId: string,
    status: AuthorisationStatus,
    isMedecinTraitant: boolean,
    structureId: string | null,
  ): void {
    this.db
      .prepare(
        `INSERT INTO authorisations (ins, ps_id, status, is_mt, structure_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (ins, ps_id) DO UPDATE SET status = excluded.status, is_mt = excluded.is_mt,
           structure_id = excluded.structure_id, updated_at = excluded.updated_at`,
      )
      .run(ins, psId, status, isMedecinTraitant ? 1 : 0, structureId, this.timestamp());
  }

  removeAuthorisation(ins: string, psId: string): void {
    this.db.prepare('DELETE FROM authorisations WHERE ins = ? AND ps_id = ?').run(ins, psId);
  }

  /** Clears the médecin traitant flag of the patient (TD0.3 "se supprimer MT"). */
  clearMedecinTraitant(ins: string, psId: string): void {
    this.db
      .prepare('UPDATE authorisations SET is_mt = 0, updated_at = ? WHERE ins = ? AND ps_id = ?')
      .run(this.timestamp(), ins, psId);
  }

  trace(t: TraceInput): void {
    this.db
      .prepare(
        `INSERT INTO access_traces (at, transaction_, ps_id, structure_id, auth_mode, access_mode,
           reason, ins, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.timestamp(),
        t.transaction,
        t.psId ?? null,
        t.structureId ?? null,
        t.authMode ?? null,
        t.accessMode ?? null,
        t.reason ?? null,
        t.ins ?? null,
        t.outcome,
        t.detail ?? null,
      );
  }

  traces(filter: { ins?: string; psId?: string; limit?: number } = {}): TraceRecord[] {
    const rows = this.db
      .prepare(
        `SELECT id, at, transaction_ AS "transaction", ps_id AS psId, structure_id AS structureId,
           auth_mode AS authMode, access_mode AS accessMode, reason, ins, outcome, detail
         FROM access_traces
         WHERE (@ins IS NULL OR ins = @ins) AND (@psId IS NULL OR ps_id = @psId)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ ins: filter.ins ?? null, psId: filter.psId ?? null, limit: filter.limit ?? 1000 });
    return (rows as Record<string, unknown>[]).map((r) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (v !== null) out[k] = v;
      return out as unknown as TraceRecord;
    });
  }
}
