// A stand-in for the card worker process, speaking the worker protocol, for the client's own
// logic (queue, timeouts, restart with backoff) in unit tests. The real worker is exercised by
// the SoftHSM2 integration tests.
import type { SpawnWorker, WorkerProcess } from '../../../src/card/host/workerProcess.js';
import type { WorkerRequest } from '../../../src/card/worker/protocol.js';

/** What the fake does with a request: answer, fail, crash or hang. */
export type FakeWorkerBehaviour = (
  request: WorkerRequest,
  generation: number,
) =>
  { result: unknown } | { error: { kind: 'pkcs11'; fn: string; ckr: number } } | 'crash' | 'hang';

export interface FakeWorkerFleet {
  readonly spawn: SpawnWorker;
  /** Every process spawned, in order. */
  readonly processes: FakeWorker[];
}

export class FakeWorker implements WorkerProcess {
  readonly received: WorkerRequest[] = [];
  killed = false;
  /** Requests sent but not answered yet; the client must never let this exceed 1. */
  outstanding = 0;
  maxOutstanding = 0;
  private messageListener: ((message: unknown) => void) | null = null;
  private exitListener: ((exit: { code: number | null; signal: string | null }) => void) | null =
    null;
  private exited = false;

  constructor(
    readonly pid: number,
    readonly env: Readonly<Record<string, string | undefined>>,
    private readonly behaviour: FakeWorkerBehaviour,
    private readonly generation: number,
    dieAtStart = false,
  ) {
    setImmediate(() => {
      if (dieAtStart) this.exit({ code: 1, signal: null });
      else this.messageListener?.({ type: 'ready', pid });
    });
  }

  send(message: unknown): void {
    const request = message as WorkerRequest;
    this.received.push(request);
    this.outstanding += 1;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const outcome = this.behaviour(request, this.generation);
    setImmediate(() => {
      if (this.exited) return;
      if (outcome === 'hang') return;
      this.outstanding -= 1;
      if (outcome === 'crash') {
        this.exit({ code: 70, signal: null });
        return;
      }
      this.messageListener?.(
        'result' in outcome
          ? { type: 'response', id: request.id, ok: true, result: outcome.result }
          : { type: 'response', id: request.id, ok: false, error: outcome.error },
      );
    });
  }

  onMessage(listener: (message: unknown) => void): void {
    this.messageListener = listener;
  }

  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void {
    this.exitListener = listener;
  }

  stderrTail(): string {
    return 'fake stderr';
  }

  kill(): void {
    this.killed = true;
    setImmediate(() => this.exit({ code: null, signal: 'SIGKILL' }));
  }

  private exit(exit: { code: number | null; signal: string | null }): void {
    if (this.exited) return;
    this.exited = true;
    this.exitListener?.(exit);
  }
}

export function fakeWorkerFleet(
  behaviour: FakeWorkerBehaviour,
  dieAtStart: (generation: number) => boolean = () => false,
): FakeWorkerFleet {
  const processes: FakeWorker[] = [];
  return {
    processes,
    spawn: (options) => {
      const generation = processes.length;
      const worker = new FakeWorker(
        1000 + generation,
        options.env,
        behaviour,
        generation,
        dieAtStart(generation),
      );
      processes.push(worker);
      return worker;
    },
  };
}
