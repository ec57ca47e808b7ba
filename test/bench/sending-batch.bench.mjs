// 1,000 documents dropped at once (issue 5), sent by Navette's real send path to the DMP test
// server answering every call 200 ms late (`--faults latency:200ms`), concurrency 4.
//
// Run after the build:  node test/bench/sending-batch.bench.mjs   (or: npm run bench -- sending-batch)
// Prints one JSON object per line: {"bench":"sending-batch","case":…,"metric":…,"value":…,"unit":…,"target":…,"ok":…}
//
// The bound: each document costs 2 sequential DMP round trips — TD0.2 (the DMP's status: closed,
// missing, blocked professional) then TD2.1 (the lot); no TD3.1b since nothing is replaced — each
// at least 200 ms, 4 documents in flight: 2 × 200 ms × 1000 / 4 = 100 s. The run checks that
// count: calls received by the server / documents must be 2. TLS handshakes and transfer are not
// counted (the latency is injected after the request is read). Targets: drop → last file in
// sent/ within 1.3 × (bound + the stability delay, an idle wait of 0.5 s), and the sending phase
// (first TD0.2 → last file in sent/) within 1.3 × bound; Navette's peak RSS under 300 MB.
//
// Navette runs in a child process (the same composition as the service: settings file, DMP
// session, real document checks, journalled DMP sender, intake, outbox, worker) so that its
// memory is its own: the test server and the 1,000 documents' generation stay in this process.
// Every document must be registered exactly once (the run fails otherwise).
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = (p) => import(path.join(root, 'dist', p));
const N = Number(process.env.BENCH_N ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const CONCURRENCY = 4;
const ROUND_TRIPS = 2;
const STABLE_DELAY_MS = 500;
const PATIENT = '207058575627097';
const MB = 1024 * 1024;

const round = (x) => Math.round(x * 100) / 100;
function emit(caseName, metric, value, unit, target, ok) {
  process.stdout.write(
    `${JSON.stringify({ bench: 'sending-batch', case: caseName, metric, value: round(value), unit, target, ok })}\n`,
  );
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The child: Navette's send path from dist/, reporting its peak RSS (sampled every 20 ms).
const CHILD = `
import path from 'node:path';
const dist = (p) => import(path.join(${JSON.stringify(root)}, 'dist', p));
const { loadConfig } = await dist('app/config/index.js');
const { openDmpSession } = await dist('app/dmp/index.js');
const { createSendingService } = await dist('app/sending/index.js');
const { createSendingPath } = await dist('app/sending/sendingPath.js');
const { openDatabase } = await dist('store/index.js');
const [configFile, dataDir, p12, password, concurrency] = process.argv.slice(2);
let peak = process.memoryUsage().rss;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const config = loadConfig({ userFile: configFile }).config;
const db = openDatabase(path.join(dataDir, 'navette.db'));
const session = await openDmpSession({ config, env: {}, demoCard: { p12, password } });
const sendingPath = await createSendingPath({ config, db, dataDir, session });
const service = createSendingService({
  db, checker: sendingPath.checker, sender: sendingPath.sender, watch: config.watch,
  instanceId: 'bench', worker: { concurrency: Number(concurrency) },
});
await service.start();
const cpuAtStart = process.cpuUsage();
process.send({ type: 'started', rss: process.memoryUsage().rss });
process.on('message', async () => {
  peak = Math.max(peak, process.memoryUsage().rss);
  const cpu = process.cpuUsage(cpuAtStart);
  process.send({
    type: 'report', peakRss: peak, counts: service.outbox.counts(),
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
  await service.stop({ drainMs: 1000 });
  process.exit(0);
});
`;

async function main() {
  const { initSandbox, startSandbox } = await dist('app/sandbox.js');
  const { buildLevel1Cda, parseSidecar } = await dist('protocol/cda/index.js');
  const { loadCdaResources } = await dist('app/documents/cdaResources.js');
  const { RegistryStore } = await dist('sandbox/state/RegistryStore.js');

  const work = mkdtempSync(path.join(os.tmpdir(), 'navette-bench-sending-batch-'));
  const dmpDir = path.join(work, 'dmp');
  const manifest = initSandbox({ dir: dmpDir, withoutSoftHsm: true, port: 0 });
  let calls = 0;
  let firstCall;
  const sandbox = await startSandbox({
    dir: dmpDir,
    port: 0,
    faults: `latency:${LATENCY_MS}ms`,
    onRequest: () => {
      calls += 1;
    },
  });
  const gp = manifest.cards.find((c) => c.key === 'gp');
  const folder = path.join(work, 'export');
  const dataDir = path.join(work, 'data');
  mkdirSync(folder);
  mkdirSync(dataDir);
  const configFile = path.join(work, 'settings.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      configVersion: 2,
      dmp: { endpoint: sandbox.url, authMode: 'direct', trustAnchors: [manifest.ca] },
      structure: {
        id: manifest.structure.id,
        name: manifest.structure.name,
        p12: manifest.structure.p12,
      },
      watch: {
        folders: [folder],
        stableDelayMs: STABLE_DELAY_MS,
        rescanIntervalSec: 5,
        polling: 'never',
      },
    }),
  );

  // The documents, built before the drop (level-1 CDAs around a tiny PDF, about 5 KB each).
  const resources = loadCdaResources();
  const documents = [];
  for (let i = 0; i < N; i++) {
    const sidecar = parseSidecar(
      JSON.stringify({
        version: 1,
        patient: {
          ins: PATIENT,
          insOid: '1.2.250.1.213.1.4.10',
          birthFamily: 'PATB-QUATRE',
          birthGivens: 'LAURENCE',
          birthDate: '2007-05-14',
          sex: 'F',
          birthPlaceCode: '85191',
        },
        document: {
          typeCode: '11488-4',
          title: `Compte rendu ${i}`,
          date: '2026-05-04T10:15:00+02:00',
        },
      }),
    );
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
        '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const built = buildLevel1Cda({
      pdf,
      sidecar: sidecar.sidecar,
      cardHolder: {
        idNatPs: gp.holder.id,
        family: gp.holder.family,
        given: gp.holder.given,
        specialty: { code: 'G15_10/SM54' },
      },
      organization: {
        idNatStruct: manifest.structure.id,
        name: manifest.structure.name,
        practiceSetting: 'AMBULATOIRE',
        facilityType: 'SA07',
      },
      valueSets: resources.valueSets,
    });
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    documents.push(built);
  }
  resources.dispose();

  const childFile = path.join(work, 'navette-child.mjs');
  writeFileSync(childFile, CHILD);
  const child = fork(
    childFile,
    [configFile, dataDir, gp.p12, manifest.structure.password, String(CONCURRENCY)],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const started = await next();
  calls = 0;

  const sentDir = path.join(folder, 'sent');
  const count = (dir) => {
    try {
      return readdirSync(dir).length;
    } catch {
      return 0;
    }
  };
  const t0 = performance.now();
  const serverCpuAtDrop = process.cpuUsage();
  documents.forEach((d, i) => writeFileSync(path.join(folder, `cr-${i}.xml`), d.bytes));
  const dropMs = performance.now() - t0;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (firstCall === undefined && calls > 0) firstCall = performance.now();
    if (count(sentDir) >= N) break;
    if (count(path.join(folder, 'error')) > 0) throw new Error('a document went to error/');
    if (Date.now() > deadline) throw new Error(`timed out: ${count(sentDir)} of ${N} sent`);
    await sleep(firstCall === undefined ? 5 : 50);
  }
  const end = performance.now();
  const serverCpu = process.cpuUsage(serverCpuAtDrop);
  const report = await (async () => {
    const answer = next();
    child.send('report');
    return answer;
  })();
  await new Promise((resolve) => child.once('exit', resolve));

  const registry = new RegistryStore(sandbox.store);
  const duplicates = documents.filter((d) => registry.entriesByUniqueId(d.uniqueId).length !== 1);
  const callsPerDocument = calls / N;
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
  if (duplicates.length > 0) throw new Error(`${duplicates.length} documents not registered once`);
  if (report.counts.sent !== N) throw new Error(`outbox: ${JSON.stringify(report.counts)}`);

  const bound = (ROUND_TRIPS * LATENCY_MS * N) / CONCURRENCY;
  const total = end - t0;
  const sending = end - firstCall;
  const peakMb = report.peakRss / MB;
  emit('batch-1000', 'drop-ms', dropMs, 'ms');
  emit(
    'batch-1000',
    'dmp-calls-per-document',
    callsPerDocument,
    'calls',
    ROUND_TRIPS,
    callsPerDocument === ROUND_TRIPS,
  );
  emit('batch-1000', 'bound-ms', bound, 'ms');
  emit(
    'batch-1000',
    'total-ms',
    total,
    'ms',
    `<= ${1.3 * (bound + STABLE_DELAY_MS)}`,
    total <= 1.3 * (bound + STABLE_DELAY_MS),
  );
  emit(
    'batch-1000',
    'total-to-bound',
    total / (bound + STABLE_DELAY_MS),
    'x',
    '<= 1.3',
    total <= 1.3 * (bound + STABLE_DELAY_MS),
  );
  emit(
    'batch-1000',
    'sending-phase-to-bound',
    sending / bound,
    'x',
    '<= 1.3',
    sending <= 1.3 * bound,
  );
  emit('batch-1000', 'documents-per-second', N / (total / 1000), 'doc/s');
  // CPU time per document (user + system), for comparisons that a busy machine does not blur:
  // Navette's whole process (intake, checks, outbox, sender), and this process (mostly the test
  // server: VIHF and lot signature checks, registration; plus this loop's polling).
  emit('batch-1000', 'navette-cpu-ms-per-document', report.cpuMs / N, 'ms');
  emit(
    'batch-1000',
    'server-cpu-ms-per-document',
    (serverCpu.user + serverCpu.system) / 1000 / N,
    'ms',
  );
  emit('batch-1000', 'navette-rss-at-start-mb', started.rss / MB, 'MB');
  emit('batch-1000', 'navette-peak-rss-mb', peakMb, 'MB', '< 300', peakMb < 300);
}

await main();
