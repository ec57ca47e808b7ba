// `npm run bench`: runs every test/bench/*.bench.mjs in its own Node process (so memory figures
// are not polluted by other benchmarks), collects the JSON lines each prints on stdout, and writes
// them to bench-results/results.json (machine-readable) with a one-line-per-result summary.
// Benchmarks import the compiled code from dist/ (the npm script builds first).
//   npm run bench                # all
//   npm run bench -- mtom        # only benchmarks whose file name contains "mtom"
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const benchDir = path.join(root, 'test', 'bench');
const filter = process.argv[2];
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const results = [];
let errors = 0;
for (const file of files) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(benchDir, file)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of r.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      results.push({ file, ...JSON.parse(line) });
    } catch {
      // not a result line
    }
  }
  if (r.status !== 0) {
    errors += 1;
    results.push({ file, bench: file, metric: 'error', value: r.status, ok: false });
  }
  process.stderr.write(`${file}: ${r.status === 0 ? 'done' : 'FAILED'} in ${Date.now() - started} ms\n`);
}

const report = {
  when: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  results,
};
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
writeFileSync(path.join(root, 'bench-results', 'results.json'), JSON.stringify(report, null, 2) + '\n');
for (const r of results) {
  const target = r.target === undefined ? '' : ` (target ${r.target})`;
  const verdict = r.ok === undefined ? '' : r.ok ? ' ok' : ' MISSED';
  console.log(`${r.bench}${r.case ? ` [${r.case}]` : ''} ${r.metric}: ${r.value}${r.unit ? ` ${r.unit}` : ''}${target}${verdict}`);
}
console.log(`bench-results/results.json: ${results.length} results from ${files.length} benchmarks`);
process.exit(errors === 0 ? 0 : 1);
