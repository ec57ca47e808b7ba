// "Since my last visit" (EX_3.1-1020): one cursor per user (idNat_PS and structure) and per
// patient (keyed reference, never the INS), in the settings table under
// `consult.lastVisit.<actor>.<patientRef>`. The cursor is the time a successful look STARTED,
// minus a margin for the clocks of this computer and the DMP: a lot submitted during the look, or
// stamped by a DMP clock slightly behind ours, comes again rather than being missed (the list
// deduplicates by uniqueId anyway).
import { toXdsDateTime } from '../../protocol/xds/index.js';
import { SettingsRepository, type Database } from '../../store/index.js';

export const LAST_VISIT_KEY_PREFIX = 'consult.lastVisit.';
/** Clock tolerance between this computer and the DMP. */
export const LAST_VISIT_MARGIN_MS = 5 * 60 * 1000;

export interface LastVisit {
  /** HL7 DTM (UTC) for FindSubmissionSets. */
  readonly cursor: string;
  /** ISO time of the look, for the user. */
  readonly at: string;
}

function isLastVisit(value: unknown): value is LastVisit {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LastVisit).cursor === 'string' &&
    /^\d{8,14}$/.test((value as LastVisit).cursor) &&
    typeof (value as LastVisit).at === 'string'
  );
}

export class LastVisitCursors {
  private readonly settings: SettingsRepository;

  constructor(db: Database, now: () => Date = () => new Date()) {
    this.settings = new SettingsRepository(db, now);
  }

  static keyOf(actor: string, structure: string, patientRef: string): string {
    return `${LAST_VISIT_KEY_PREFIX}${actor}/${structure}.${patientRef}`;
  }

  /** The cursor, or undefined (never looked, or an unreadable value: then a first look). */
  get(key: string): LastVisit | undefined {
    const value = this.settings.get(key);
    return isLastVisit(value) ? value : undefined;
  }

  set(key: string, lookStartedAt: Date): void {
    const cursor = toXdsDateTime(new Date(lookStartedAt.getTime() - LAST_VISIT_MARGIN_MS));
    this.settings.set(key, { cursor, at: lookStartedAt.toISOString() });
  }
}
