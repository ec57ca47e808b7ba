// `npm start` (after `npm run build`): the desktop app when the Electron runtime is here, the
// headless service with its web UI otherwise (build machines cannot download Electron).
// Demo mode is the default; `--no-demo` turns it off. Other arguments go to the app or service
// as they are (`--port 0`, `--data DIR`, `--config FILE`…).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const mainEntry = path.join(root, 'dist', 'main', 'main.js');
const cliEntry = path.join(root, 'bin', 'navette.js');

/**
 * The Electron executable, or undefined when there is none. This mirrors what
 * `require('electron')` returns (path.txt, ELECTRON_OVERRIDE_DIST_PATH) WITHOUT calling it: from
 * plain Node, electron >= 42 starts a download when the binary is missing, which fails slowly
 * and noisily on a machine without access to it.
 */
function electronExecutable() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : defaultExecutable();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const file =
    override !== undefined && override !== ''
      ? path.join(override, relative)
      : path.join(packageDir, 'dist', relative);
  return existsSync(file) ? file : undefined;
}

function defaultExecutable() {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** `--demo` unless the user said `--no-demo`. */
function withDemoDefault(args) {
  const rest = args.filter((a) => a !== '--no-demo' && a !== '--demo');
  return args.includes('--no-demo') ? rest : ['--demo', ...rest];
}

/**
 * Runs `command` with the terminal, until it exits; Ctrl+C and SIGTERM reach it exactly once.
 * On POSIX the child gets its own process group, so the terminal's SIGINT reaches only us and we
 * forward it (otherwise the child would get it twice and think the user insisted). On Windows
 * the console delivers Ctrl+C to both processes itself, and kill() would not be a signal.
 */
function run(command, args, env) {
  const posix = process.platform !== 'win32';
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: posix,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (posix && child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Navette n'a pas pu être lancé : ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 1 : 128 + signalNumber(signal));
  });
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
}

const args = withDemoDefault(process.argv.slice(2));
const electron = electronExecutable();
if (electron !== undefined) {
  if (!existsSync(mainEntry)) {
    console.error("Navette n'est pas construit : lancez « npm run build », puis « npm start ».");
    process.exit(1);
  }
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(electron, [mainEntry, ...args], env);
} else {
  const mode = args.includes('--demo') ? ' (mode démo)' : '';
  console.error(
    `Electron n'est pas disponible sur cette machine : Navette démarre en service local${mode}, ` +
      "ouvrez l'adresse affichée dans votre navigateur.",
  );
  run(process.execPath, [cliEntry, 'serve', ...args], process.env);
}
