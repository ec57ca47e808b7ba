// The compiled card worker for integration tests. The worker is a child process and runs
// JavaScript only: these tests use dist/card/worker/main.js, which `npm test` builds first
// (pretest). NAVETTE_CARD_WORKER_PATH points at a worker compiled elsewhere (e.g. a scratch
// `tsc --outDir` while dist/ is being rebuilt).
import { existsSync } from 'node:fs';
import {
  CardWorkerClient,
  defaultWorkerPath,
  type CardWorkerClientOptions,
} from '../../../src/card/index.js';

export function cardWorkerPath(): string {
  const workerPath = process.env['NAVETTE_CARD_WORKER_PATH'] ?? defaultWorkerPath();
  if (!existsSync(workerPath)) {
    throw new Error(`The card worker is not built (${workerPath}): run \`npm run build\` first.`);
  }
  return workerPath;
}

const open: CardWorkerClient[] = [];

/** A worker client on SoftHSM2 with the given token store; closed by `closeClients()`. */
export function softHsmClient(
  module: string,
  conf: string,
  options: Partial<CardWorkerClientOptions> = {},
): CardWorkerClient {
  const client = new CardWorkerClient({
    modulePath: module,
    workerPath: cardWorkerPath(),
    env: { SOFTHSM2_CONF: conf },
    ...options,
  });
  open.push(client);
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}
