// Where the compiled card worker is. The worker is always run from JavaScript compiled by
// `npm run build` (dist/card/worker/main.js): child_process.fork needs a file Node can execute,
// and Node 20 does not run TypeScript. From dist, the worker sits next to this module. From the
// TypeScript sources (vitest imports src/ directly), the same relative place under dist/ is used,
// so tests that fork the worker rely on the build that `npm test` runs first (pretest).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER_RELATIVE = path.join('card', 'worker', 'main.js');

/** The worker next to the running card layer, mapped from src/ to dist/ when running from source. */
export function defaultWorkerPath(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(moduleUrl);
  const cardDir = path.resolve(path.dirname(here), '..');
  const layerRoot = path.dirname(cardDir); // dist/ or src/
  if (here.endsWith('.ts')) {
    return path.join(path.dirname(layerRoot), 'dist', WORKER_RELATIVE);
  }
  return path.join(layerRoot, WORKER_RELATIVE);
}

export function workerExists(workerPath: string): boolean {
  return existsSync(workerPath);
}
