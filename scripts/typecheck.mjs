// Per-layer typecheck: each src/<layer>/tsconfig.json sees only the platform types that layer may
// use (src/domain: none; src/renderer: DOM; the rest: Node). Then the tests. Any failure fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const projects = readdirSync(path.join(root, 'src'))
  .map((layer) => path.join('src', layer, 'tsconfig.json'))
  .filter((p) => existsSync(path.join(root, p)));
projects.push(path.join('test', 'tsconfig.json'));

/** True when the project's folder holds at least one .ts file (tsc refuses an empty project). */
function hasSources(dir) {
  return readdirSync(dir).some((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? hasSources(full) : name.endsWith('.ts');
  });
}

let failed = 0;
for (const project of projects) {
  // A layer folder waiting for its first file (its issue is not done yet) has nothing to check.
  if (!hasSources(path.join(root, path.dirname(project)))) {
    process.stdout.write(`skip ${project} (no source yet)\n`);
    continue;
  }
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok) failed += 1;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${project}\n`);
  if (!ok) process.stdout.write(r.stdout + r.stderr);
}
process.exit(failed === 0 ? 0 : 1);
