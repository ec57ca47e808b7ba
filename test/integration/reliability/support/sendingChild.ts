// Navette's send path in a child process that the crash suite kills with SIGKILL: the same
// composition as the service's startSending (settings file → DMP session → real document checks
// and journalled DMP sender → intake, outbox, worker), from src/ transpiled to JavaScript (types
// stripped) so that no TypeScript loader sits between the kill and the real code. Two differences
// with `navette serve`, both through options the service does not expose yet: the worker's
// concurrency and a short retry backoff (seconds instead of minutes, so a run fits in CI), and the
// GP's virtual card (PKCS#12) instead of a SoftHSM2 token (no card worker to orphan on a kill).
import { spawn, type ChildProcess } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../support/paths.js';
import { transpileSource } from '../../../support/transpiledSource.js';

const CHILD = `
import path from 'node:path';
import { loadConfig } from './src/app/config/index.js';
import { openDmpSession } from './src/app/dmp/index.js';
import { createSendingService } from './src/app/sending/index.js';
import { createSendingPath } from './src/app/sending/sendingPath.js';
import { openDatabase } from './src/store/index.js';

const [configFile, dataDir, p12, password, concurrency] = process.argv.slice(2);
const loaded = loadConfig({ userFile: configFile });
if (loaded.problems.length > 0) throw new Error(JSON.stringify(loaded.problems));
const config = loaded.config;
const db = openDatabase(path.join(dataDir, 'navette.db'));
const session = await openDmpSession({
  config, env: {}, demoCard: { p12, password }, timeoutMs: 3000,
});
const sendingPath = await createSendingPath({ config, db, dataDir, session });
const service = createSendingService({
  db,
  checker: sendingPath.checker,
  sender: sendingPath.sender,
  watch: config.watch,
  maxBytes: config.documents.maxSizeMb * 1024 * 1024,
  instanceId: 'poste-a',
  worker: { concurrency: Number(concurrency), backoff: { initialMs: 100, maxMs: 1000 } },
});
service.onWorkerEvent((e) => {
  if (e.type === 'error') process.stderr.write('worker error ' + JSON.stringify(e) + '\\n');
});
await service.start();
process.stdout.write('started\\n');
`;

/** Transpiles src/ into `work` and writes the child there (once per suite). */
export function prepareSendingChild(work: string): void {
  transpileSource(work, [
    'domain',
    'protocol',
    'card',
    'transport',
    'store',
    'intake',
    'dmp',
    'sandbox',
    'api',
    'app',
  ]);
  // findPackageRoot() looks for Navette's package.json (for its version and resources/cda).
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'navette', version: '0.0.0-test', type: 'module' }),
  );
  symlinkSync(path.join(REPO_ROOT, 'resources'), path.join(work, 'resources'), 'dir');
  writeFileSync(path.join(work, 'child.js'), CHILD);
}

export interface SendingChild {
  readonly child: ChildProcess;
  /** Resolves once the service watches and sends; rejects if the child exits first. */
  readonly started: Promise<void>;
  stderr(): string;
}

export interface SendingChildArgs {
  readonly work: string;
  readonly configFile: string;
  readonly dataDir: string;
  readonly demoCard: { readonly p12: string; readonly password: string };
  readonly concurrency: number;
}

export function startSendingChild(args: SendingChildArgs): SendingChild {
  const child = spawn(
    process.execPath,
    [
      'child.js',
      args.configFile,
      args.dataDir,
      args.demoCard.p12,
      args.demoCard.password,
      String(args.concurrency),
    ],
    { cwd: args.work, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('started')) resolve();
    });
    child.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`child exited ${code}: ${err}`));
    });
  });
  started.catch(() => undefined);
  return { child, started, stderr: () => err };
}

/** kill -9, and wait for the exit. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
