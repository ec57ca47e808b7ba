// Log redaction on long texts without separators: a regular expression that backtracks would take
// seconds on these inputs (it once did: 1.7 s for 20 KB); linear redaction takes milliseconds.
// Plain Node against dist/ (npm run bench builds first). Was a timed unit test; measured here.
import { performance } from 'node:perf_hooks';
import { redactText } from '../../dist/app/logging/index.js';

const CASES = {
  'x-64k': 'x'.repeat(64 * 1024),
  'a-dash-64k': 'a-'.repeat(32 * 1024),
  'pin-60k': 'pin'.repeat(20 * 1024),
  'digit-letter-64k': '1a'.repeat(32 * 1024),
  'family-tags-64k': '<family>'.repeat(8 * 1024),
};
const TARGET_MS = 50;

for (const [name, text] of Object.entries(CASES)) {
  redactText(text); // warm-up
  const started = performance.now();
  redactText(text);
  const ms = performance.now() - started;
  const value = Math.round(ms * 100) / 100;
  process.stdout.write(
    `${JSON.stringify({ bench: 'redaction', case: name, metric: 'redact_ms', value, unit: 'ms', target: TARGET_MS, ok: ms <= TARGET_MS })}\n`,
  );
}
