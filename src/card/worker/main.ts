// Entry point of the card worker: a child process forked by CardWorkerClient (dist/card/worker/
// main.js). It owns the PKCS#11 module; requests arrive over the IPC channel one at a time.
// It never logs a request: a login request carries the PIN. When the parent goes away (IPC
// channel closed) it finalises the module and exits.
import { CardError } from '../errors/CardError.js';
import { Pkcs11CallError } from '../errors/Pkcs11CallError.js';
import { Pkcs11Driver } from './Pkcs11Driver.js';
import {
  WORKER_DEBUG_ENV,
  isWorkerRequest,
  type SerializedWorkerError,
  type WorkerReady,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol.js';

const driver = new Pkcs11Driver();
const debugEnabled = process.env[WORKER_DEBUG_ENV] === '1';

function serialize(error: unknown): SerializedWorkerError {
  if (error instanceof Pkcs11CallError) return { kind: 'pkcs11', fn: error.fn, ckr: error.ckr };
  if (error instanceof CardError) {
    return { kind: 'card', code: error.code, message: error.message, details: error.details };
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'initialize':
      return driver.initialize((request as WorkerRequest<'initialize'>).params.modulePath);
    case 'listSlots':
      return driver.listSlots();
    case 'getTokenInfo':
      return driver.getTokenInfo((request as WorkerRequest<'getTokenInfo'>).params.slotId);
    case 'listObjects':
      return driver.listObjects((request as WorkerRequest<'listObjects'>).params.slotId);
    case 'getMechanisms':
      return driver.getMechanisms((request as WorkerRequest<'getMechanisms'>).params.slotId);
    case 'login': {
      const { slotId, pin } = (request as WorkerRequest<'login'>).params;
      driver.login(slotId, pin);
      return null;
    }
    case 'logout':
      driver.logout((request as WorkerRequest<'logout'>).params.slotId);
      return null;
    case 'sign':
      return driver.sign((request as WorkerRequest<'sign'>).params);
    case 'finalize':
      driver.finalize();
      return null;
    case 'debug': {
      if (!debugEnabled) throw new Error('debug operations are disabled');
      if ((request as WorkerRequest<'debug'>).params.action === 'exit') process.exit(70);
      // Busy loop: stands for a middleware stuck inside a native call.
      for (;;) {
        /* hang */
      }
    }
  }
}

function send(message: WorkerResponse | WorkerReady): void {
  process.send?.(message);
}

process.on('message', (message: unknown) => {
  if (!isWorkerRequest(message)) return;
  try {
    send({ type: 'response', id: message.id, ok: true, result: handle(message) });
  } catch (error: unknown) {
    send({ type: 'response', id: message.id, ok: false, error: serialize(error) });
  }
});

process.on('disconnect', () => {
  driver.finalize();
  process.exit(0);
});

if (process.send === undefined) {
  process.stderr.write(
    'The card worker runs as a child process of Navette (child_process.fork).\n',
  );
  process.exit(2);
}
send({ type: 'ready', pid: process.pid });
