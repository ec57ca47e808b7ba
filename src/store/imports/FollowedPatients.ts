// The patients whose new DMP documents are imported automatically (opt-in, per patient). The INS
// is stored because the automatic import queries the DMP with it (see migration 0060-imports).
import type { Database } from '../Database.js';
import { immediate } from '../transaction.js';

export interface FollowedPatient {
  readonly oid: string;
  readonly matricule: string;
  readonly followedSince: string;
  /** When the automatic import last looked for new documents (its "since" for the next look). */
  readonly lastChecked: string | null;
}

interface Row {
  ins_oid: string;
  ins_matricule: string;
  followed_since: string;
  last_checked: string | null;
}

export class FollowedPatients {
  private readonly insert;
  private readonly remove;
  private readonly selectAll;
  private readonly touch;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.prepare<[string, string, string]>(
      `INSERT INTO followed_patients (ins_oid, ins_matricule, followed_since) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.remove = db.prepare<[string, string]>(
      'DELETE FROM followed_patients WHERE ins_oid = ? AND ins_matricule = ?',
    );
    this.selectAll = db.prepare<[], Row>(
      'SELECT * FROM followed_patients ORDER BY followed_since, ins_matricule',
    );
    this.touch = db.prepare<[string, string, string]>(
      'UPDATE followed_patients SET last_checked = ? WHERE ins_oid = ? AND ins_matricule = ?',
    );
  }

  follow(oid: string, matricule: string): boolean {
    return immediate(
      this.db,
      () => this.insert.run(oid, matricule, this.now().toISOString()).changes > 0,
    );
  }

  unfollow(oid: string, matricule: string): boolean {
    return immediate(this.db, () => this.remove.run(oid, matricule).changes > 0);
  }

  list(): FollowedPatient[] {
    return this.selectAll.all().map((r) => ({
      oid: r.ins_oid,
      matricule: r.ins_matricule,
      followedSince: r.followed_since,
      lastChecked: r.last_checked,
    }));
  }

  markChecked(oid: string, matricule: string, at: Date = this.now()): void {
    immediate(this.db, () => this.touch.run(at.toISOString(), oid, matricule));
  }
}
