// Prints the plain closing line CI readers understand ("N passed, N failed, N skipped") from
// vitest's JSON report, and fails if the run executed no test at all.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results.json';
const r = JSON.parse(readFileSync(file, 'utf8'));
const passed = r.numPassedTests ?? 0;
const failed = r.numFailedTests ?? 0;
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed + failed === 0) {
  console.error('no test was executed');
  process.exit(1);
}
process.exit(failed === 0 && r.success !== false ? 0 : 1);
