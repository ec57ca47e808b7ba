// What the intake reports while it works (progress in the UI, the worker's wake-up, tests).
import type { IntakeRecordStatus } from './IntakeOutbox.js';

export type IntakeEvent =
  /** A document (and its sidecar) left the watched folder for a claim folder of ours. */
  | {
      readonly type: 'claimed';
      readonly folder: string;
      readonly fileName: string;
      readonly claimId: string;
    }
  /** The outbox recorded the verdict on a claimed document. */
  | {
      readonly type: 'recorded';
      readonly folder: string;
      readonly fileName: string;
      readonly status: IntakeRecordStatus;
      readonly itemId: number;
    }
  /** The checks could not decide now; the file went back to the folder. */
  | {
      readonly type: 'postponed';
      readonly folder: string;
      readonly fileName: string;
      readonly reason: string;
    }
  /** The system refused the claim: the file is still in use by its writer. */
  | { readonly type: 'busy'; readonly folder: string; readonly fileName: string }
  /** Another instance (or the user) took the file first. */
  | { readonly type: 'lost'; readonly folder: string; readonly fileName: string }
  /** The file changed after we claimed it: given back, to be taken once stable. */
  | { readonly type: 'changed'; readonly folder: string; readonly fileName: string }
  /** A finished document's files reached sent/ or error/. */
  | {
      readonly type: 'placed';
      readonly itemId: number;
      readonly destination: 'sent' | 'error';
      readonly path: string;
    }
  /** A scan could not read a folder (unplugged share…); the next rescan tries again. */
  | { readonly type: 'folder-error'; readonly folder: string; readonly error: unknown };

export type IntakeListener = (event: IntakeEvent) => void;

export { Listeners } from '../domain/events/Listeners.js';
