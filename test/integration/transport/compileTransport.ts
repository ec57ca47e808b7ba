// Compiles src/transport (and the domain files it uses) to plain ESM in a temp folder, for tests
// that must run the transport in a child Node process started with options vitest's workers do
// not have (the OpenSSL configuration of the engine route is read once, at process start).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths.js';

/** Returns the folder holding transport/index.js. */
export function compileTransport(dir: string): string {
  const out = path.join(dir, 'out');
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
      compilerOptions: {
        noEmit: false,
        outDir: out,
        rootDir: path.join(REPO_ROOT, 'src'),
        types: ['node'],
        typeRoots: [path.join(REPO_ROOT, 'node_modules', '@types')],
      },
      files: [path.join(REPO_ROOT, 'src', 'transport', 'index.ts')],
    }),
  );
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', tsconfig], { stdio: 'pipe' });
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  return out;
}
