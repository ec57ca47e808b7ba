// Outbox benchmark (issue 5): the durable outbox on a real SQLite file (WAL, synchronous=FULL), and
// a 300-document batch end to end (folder → intake → outbox → worker → fake DMP → sent/).
//
// Run after the build:  node test/bench/outbox.bench.mjs   (or: npm run bench -- outbox)
// Prints one JSON object per line: {"bench":"outbox","case":…,"metric":…,"value":…,"unit":…,"target":…,"ok":…}
//
// Cases:
// - `throughput`: 2,000 documents (4 KB payload each) through enqueue → takeNextDue → markSent,
//   each step its own immediate transaction, with and without the audit journal. Target: at least
//   200 documents per second for the whole life cycle (1,000 documents cost the outbox < 5 s).
// - `batch-300`: 300 CDA files dropped at once into a watched folder, a fake DMP answering in
//   200 ms, concurrency 4. The bound is ceil(300 / 4) × 200 ms = 15 s; target: the sending phase
//   within 1.3× of it, and end to end (drop → last file in sent/) within 1.3× of bound + the
//   stability delay. Peak RSS target: under 300 MB. Every document must reach the fake DMP exactly
//   once (the run fails otherwise).
//
// Each case runs in its own child process so that memory figures are its own. Exit 0 even when a
// target is missed (the runner reports); non-zero only when something breaks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = (p) => import(path.join(root, 'dist', p));
const MB = 1024 * 1024;

const round = (x) => Math.round(x * 100) / 100;
function emit(caseName, metric, value, unit, target, ok) {
  process.stdout.write(
    `${JSON.stringify({ bench: 'outbox', case: caseName, metric, value: round(value), unit, target, ok })}\n`,
  );
}

function memorySampler() {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { baseMb: base / MB, peakMb: peak / MB };
    },
  };
}

async function throughput(withJournal) {
  const { openDatabase, AuditJournal } = await dist('store/index.js');
  const { OutboxRepository } = await dist('store/outbox/index.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'navette-bench-outbox-'));
  try {
    const db = openDatabase(path.join(dir, 'navette.db'));
    const sync = db.pragma('synchronous', { simple: true });
    const journal = withJournal ? new AuditJournal(db, () => new Date()) : undefined;
    const outbox = new OutboxRepository(db, journal ? { journal } : {});
    const n = 2000;
    const payload = new Uint8Array(4096).fill(7);
    const mem = memorySampler();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      outbox.enqueue({
        uniqueId: `1.2.250.1.213.99^${i}`,
        contentHash: i.toString(16).padStart(64, '0'),
        fileName: `cr-${i}.xml`,
        kind: 'cda-n3',
        payload,
      });
    }
    const t1 = performance.now();
    for (let i = 0; i < n; i++) {
      const item = outbox.takeNextDue();
      outbox.markSent(item.id, { entryUuid: `urn:uuid:${i}` });
    }
    const t2 = performance.now();
    const memory = mem.stop();
    const counts = outbox.counts();
    db.close();
    if (counts.sent !== n) throw new Error(`expected ${n} sent, found ${counts.sent}`);
    return {
      synchronous: sync,
      enqueuePerSecond: n / ((t1 - t0) / 1000),
      transitionsPerSecond: (2 * n) / ((t2 - t1) / 1000),
      lifecyclePerSecond: n / ((t2 - t0) / 1000),
      transactionsPerSecond: (3 * n) / ((t2 - t0) / 1000),
      peakRssMb: memory.peakMb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function batch() {
  const { openDatabase } = await dist('store/index.js');
  const { createSendingService } = await dist('app/sending/index.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'navette-bench-batch-'));
  const folder = path.join(dir, 'export');
  mkdirSync(folder);
  const n = 300;
  const latencyMs = 200;
  const concurrency = 4;
  const stableDelayMs = 500;
  const registry = new Map();
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const checker = {
    check(input) {
      const uniqueId = /uniqueId="([^"]+)"/.exec(Buffer.from(input.bytes).toString('utf8'))?.[1];
      return { verdict: 'accepted', document: { uniqueId, kind: 'cda-n3', title: 'VSM' } };
    },
  };
  const sender = {
    async send(doc) {
      await sleep(latencyMs);
      registry.set(doc.uniqueId, (registry.get(doc.uniqueId) ?? 0) + 1);
      return { kind: 'accepted', receipt: { entryUuid: `urn:uuid:${doc.itemId}` } };
    },
    async findByUniqueId(uniqueId) {
      await sleep(latencyMs);
      return registry.has(uniqueId) ? { kind: 'found' } : { kind: 'absent' };
    },
  };
  const db = openDatabase(path.join(dir, 'navette.db'));
  const service = createSendingService({
    db,
    checker,
    sender,
    instanceId: 'bench',
    watch: { folders: [folder], rescanIntervalSec: 30, stableDelayMs, polling: 'never' },
    worker: { concurrency },
  });
  await service.start();
  // A synthesis note of about 20 KB, as a level-3 CDA of a VSM would be.
  const body = 'x'.repeat(20 * 1024);
  const mem = memorySampler();
  let firstSending;
  let lastSent;
  service.onWorkerEvent((e) => {
    if (e.type === 'sending') firstSending ??= performance.now();
    if (e.type === 'sent') lastSent = performance.now();
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    writeFileSync(path.join(folder, `vsm-${i}.xml`), `<doc uniqueId="1.2.250.77^${i}"/>${body}`);
  }
  const dropped = performance.now();
  const sentDir = path.join(folder, 'sent');
  while (readdirSync(sentDir).length < n) {
    if (performance.now() - t0 > 120_000) throw new Error('batch did not finish in 120 s');
    await sleep(20);
  }
  const placed = performance.now();
  const memory = mem.stop();
  await service.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const duplicates = [...registry.values()].filter((c) => c !== 1).length;
  if (registry.size !== n || duplicates > 0) {
    throw new Error(`fake DMP holds ${registry.size} documents, ${duplicates} more than once`);
  }
  const boundMs = Math.ceil(n / concurrency) * latencyMs;
  return {
    n,
    boundMs,
    stableDelayMs,
    dropMs: dropped - t0,
    sendPhaseMs: lastSent - firstSending,
    endToEndMs: placed - t0,
    peakRssMb: memory.peakMb,
    rssGrowthMb: memory.peakMb - memory.baseMb,
  };
}

async function child(caseName) {
  if (caseName === 'throughput') return throughput(false);
  if (caseName === 'throughput-journal') return throughput(true);
  if (caseName === 'batch-300') return batch();
  throw new Error(`unknown case ${caseName}`);
}

function runChild(caseName) {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), '--child', caseName],
    { encoding: 'utf8', maxBuffer: 16 * MB },
  );
  if (r.status !== 0) throw new Error(`child ${caseName} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function main() {
  if (process.argv[2] === '--child') {
    process.stdout.write(`${JSON.stringify(await child(process.argv[3]))}\n`);
    return;
  }
  for (const caseName of ['throughput', 'throughput-journal']) {
    const r = runChild(caseName);
    emit(caseName, 'synchronous_full', r.synchronous === 2 ? 1 : 0, 'bool', 1, r.synchronous === 2);
    emit(caseName, 'enqueue_per_s', r.enqueuePerSecond, 'docs/s', null, true);
    emit(caseName, 'transitions_per_s', r.transitionsPerSecond, 'transitions/s', null, true);
    emit(caseName, 'transactions_per_s', r.transactionsPerSecond, 'tx/s', null, true);
    emit(
      caseName,
      'lifecycle_per_s',
      r.lifecyclePerSecond,
      'docs/s',
      200,
      r.lifecyclePerSecond >= 200,
    );
    emit(caseName, 'peak_rss_mb', r.peakRssMb, 'MB', 300, r.peakRssMb <= 300);
  }
  const b = runChild('batch-300');
  const sendTarget = 1.3 * b.boundMs;
  const e2eTarget = 1.3 * (b.boundMs + b.stableDelayMs);
  emit('batch-300', 'bound_ms', b.boundMs, 'ms', null, true);
  emit('batch-300', 'drop_ms', b.dropMs, 'ms', null, true);
  emit(
    'batch-300',
    'send_phase_ms',
    b.sendPhaseMs,
    'ms',
    round(sendTarget),
    b.sendPhaseMs <= sendTarget,
  );
  emit(
    'batch-300',
    'send_phase_vs_bound',
    b.sendPhaseMs / b.boundMs,
    'x',
    1.3,
    b.sendPhaseMs <= sendTarget,
  );
  emit(
    'batch-300',
    'end_to_end_ms',
    b.endToEndMs,
    'ms',
    round(e2eTarget),
    b.endToEndMs <= e2eTarget,
  );
  emit('batch-300', 'peak_rss_mb', b.peakRssMb, 'MB', 300, b.peakRssMb <= 300);
  emit('batch-300', 'rss_growth_mb', b.rssGrowthMb, 'MB', null, true);
  emit('batch-300', 'exactly_once', 1, 'bool', 1, true);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
