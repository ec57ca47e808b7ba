// EX_AIR-090: every DMP call of a consultation is journaled with the end user, the structure, the
// patient's keyed reference (never the INS), the transaction code, the access mode, the result
// and the time (the journal's clock). One entry per transaction the user asked for (TD3.1 is one
// entry even when it takes several ITI-18 exchanges); a bris de glace entry carries its reason.
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { AccessMode } from '../../domain/access/accessModes.js';
import type { AuditJournal } from '../../store/index.js';
import { type JsonObject } from '../../store/index.js';
import { JOURNAL_ACCESS_MODE } from './consultAccess.js';

export type ConsultTransaction = 'TD0.2' | 'TD0.3' | 'TD0.4' | 'TD3.1' | 'TD3.2' | 'TD3.3';

export interface JournalCall {
  readonly transaction: ConsultTransaction;
  readonly actor: string;
  readonly structure: string;
  readonly patientRef: string | null;
  readonly access: { readonly mode: AccessMode; readonly reason?: string };
  /** Non-identifying facts (uniqueId, action, counts). */
  readonly details?: JsonObject;
}

export class ConsultJournal {
  constructor(
    private readonly journal: AuditJournal,
    private readonly log?: Logger,
  ) {}

  /** Runs `call` and journals its outcome (success, or the error's code), then returns or rethrows. */
  async around<T>(
    entry: JournalCall,
    call: () => Promise<T>,
    describe?: (value: T) => JsonObject,
  ): Promise<T> {
    let value: T;
    try {
      value = await call();
    } catch (error) {
      this.append(entry, isNavetteError(error) ? error.code : 'failure', {});
      throw error;
    }
    this.append(entry, 'success', describe?.(value) ?? {});
    return value;
  }

  append(entry: JournalCall, result: string, extra: JsonObject): void {
    try {
      this.journal.append({
        actor: entry.actor,
        structure: entry.structure,
        transaction: entry.transaction,
        accessMode: JOURNAL_ACCESS_MODE[entry.access.mode],
        result,
        patientRef: entry.patientRef,
        details: {
          ...entry.details,
          ...extra,
          ...(entry.access.mode === 'bris_de_glace' && entry.access.reason !== undefined
            ? { reason: entry.access.reason }
            : {}),
        },
      });
    } catch (error) {
      // The DMP call happened; a journal failure is logged loudly but does not change the answer.
      this.log?.error('audit journal append failed', {
        transaction: entry.transaction,
        error: String(error),
      });
    }
  }
}
