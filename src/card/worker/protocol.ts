// The message protocol between the card service (parent) and the card worker (child process).
// Node IPC with `serialization: 'advanced'` (structured clone), so byte arrays travel as they are.
// One request at a time: the parent sends the next request only after the previous answer, so a
// request's timeout measures the worker's own work.
import type { CardErrorCode } from '../errors/CardError.js';
import type {
  ModuleDescription,
  SignRequest,
  SlotDescription,
  TokenDescription,
  TokenObjects,
} from '../backend/CardBackend.js';

/** Each operation: what the parent sends, what the worker answers. */
export interface WorkerOperations {
  initialize: { params: { modulePath: string }; result: ModuleDescription };
  listSlots: { params: Record<string, never>; result: readonly SlotDescription[] };
  getTokenInfo: { params: { slotId: string }; result: TokenDescription };
  listObjects: { params: { slotId: string }; result: TokenObjects };
  getMechanisms: { params: { slotId: string }; result: readonly number[] };
  login: { params: { slotId: string; pin: string }; result: null };
  logout: { params: { slotId: string }; result: null };
  sign: { params: SignRequest; result: Uint8Array };
  finalize: { params: Record<string, never>; result: null };
  /**
   * Fault injection for tests, honoured only when the worker was started with
   * NAVETTE_CARD_WORKER_DEBUG=1: 'exit' kills the worker, 'hang' blocks it forever.
   */
  debug: { params: { action: 'exit' | 'hang' }; result: null };
}

export type WorkerOperation = keyof WorkerOperations;

export interface WorkerRequest<K extends WorkerOperation = WorkerOperation> {
  readonly type: 'request';
  readonly id: number;
  readonly op: K;
  readonly params: WorkerOperations[K]['params'];
}

/** How an error crosses the process boundary. */
export type SerializedWorkerError =
  | { readonly kind: 'pkcs11'; readonly fn: string; readonly ckr: number }
  | {
      readonly kind: 'card';
      readonly code: CardErrorCode;
      readonly message: string;
      readonly details: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'internal'; readonly message: string };

export type WorkerResponse =
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: unknown }
  | {
      readonly type: 'response';
      readonly id: number;
      readonly ok: false;
      readonly error: SerializedWorkerError;
    };

/** Sent once by the worker when it listens. */
export interface WorkerReady {
  readonly type: 'ready';
  readonly pid: number;
}

export type WorkerMessage = WorkerResponse | WorkerReady;

export const WORKER_DEBUG_ENV = 'NAVETTE_CARD_WORKER_DEBUG';

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'response';
}

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'request' &&
    typeof (value as { id?: unknown }).id === 'number' &&
    typeof (value as { op?: unknown }).op === 'string'
  );
}
