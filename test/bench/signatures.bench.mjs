// Signature benchmark: how fast the card signs, and how few signatures a DMP workload costs.
//
// Run after the build:  node test/bench/signatures.bench.mjs   (or: npm run bench -- signatures)
// Prints one JSON object per line: {"bench":"signatures","case":…,"metric":…,"value":…,"unit":…,"target":…,"ok":…}
//
// Everything is real: a DMP test server (sandbox init + serve on a free port), the GP's SoftHSM2
// test card through the card worker process, the VIHF signed on the card's SIGNATURE key, mutual
// TLS with its AUTHENTICATION key (OpenSSL pkcs11 engine), TD0.2 exchanges.
// Cases:
// - `card`: raw RSA-SHA256 signatures through the card worker (the worker's IPC round trip plus
//   SoftHSM2's RSA-2048), per second, with p50/p95 latency;
// - `vihf`: VIHF assertions built and signed on the card, per second (xml-crypto C14N included);
// - `batch`: a batch of N feed-like calls (one TD0.2 per document, as the send flow checks the
//   DMP before TD2.1) for P patients: card signatures per document (target ≤ 1 on average;
//   with the VIHF cache it is P / N);
// - `consultation`: one consultation per patient (TD0.2 then the calls a consultation makes;
//   TD3.x are not written yet, so TD0.2 stands for them): card signatures per consultation
//   (target 1).
// A real card signs in 100–500 ms (ARCHITECTURE.md): SoftHSM2 measures the software around it.
// Exit code 0 even when a target is missed (the runner reports); non-zero when something breaks.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = (p) => path.join(root, 'dist', p);
const { initSandbox, startSandbox } = await import(dist('app/sandbox.js'));
const { loadConfig } = await import(dist('app/config/index.js'));
const { openDmpSession } = await import(dist('app/dmp/index.js'));
const { openCardService, loginCard } = await import(dist('app/card/index.js'));
const { Pkcs11CardSigner } = await import(dist('card/index.js'));
const { buildSignedVihf } = await import(dist('protocol/saml/index.js'));
const { insOfKind } = await import(dist('domain/ins/ins.js'));

const CARD_SIGNATURES = 200;
const VIHFS = 100;
const BATCH_DOCUMENTS = 40;
const BATCH_PATIENTS = 4;
const CONSULTATIONS = 5;
const CALLS_PER_CONSULTATION = 6;
const PATIENTS = [
  '207058575627097',
  '212037505612391',
  '183096912304532',
  '279035121518989',
  '157069329642881',
];

const round = (v) => Math.round(v * 100) / 100;
function emit(caseName, metric, value, unit, target = null, ok = undefined) {
  const line = { bench: 'signatures', case: caseName, metric, value: round(value), unit };
  if (target !== null) Object.assign(line, { target, ok });
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const work = mkdtempSync(path.join(os.tmpdir(), 'navette-bench-signatures-'));
let sandbox;
const closers = [];
try {
  const dir = path.join(work, 'dmp');
  const manifest = initSandbox({ dir });
  const gp = manifest.cards.find((c) => c.key === 'gp');
  if (!gp?.token || !manifest.softhsm.conf)
    throw new Error(`SoftHSM2 is required: ${manifest.softhsm.reason}`);
  sandbox = await startSandbox({ dir, port: 0 });
  const configFile = path.join(dir, 'bench-config.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    configFile,
    JSON.stringify({
      configVersion: 2,
      dmp: { endpoint: sandbox.url, authMode: 'direct', trustAnchors: [manifest.ca] },
      card: { pkcs11Module: gp.token.module },
      structure: { id: manifest.structure.id, name: manifest.structure.name },
    }),
  );
  const { config } = loadConfig({ userFile: configFile });
  const env = { ...process.env, SOFTHSM2_CONF: manifest.softhsm.conf };

  // card: raw signatures through the worker.
  {
    const opened = openCardService({ config, env });
    closers.push(() => opened.close());
    const card = await opened.service.findCard(gp.label);
    await loginCard(opened.service, card, () => Promise.resolve(gp.pin));
    const data = randomBytes(120);
    await opened.service.sign(card, 'signature', data, 'rsa-sha256'); // warm-up
    const latencies = [];
    const started = performance.now();
    for (let i = 0; i < CARD_SIGNATURES; i += 1) {
      const t = performance.now();
      await opened.service.sign(card, 'signature', data, 'rsa-sha256');
      latencies.push(performance.now() - t);
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    emit('card', 'signatures_per_second', CARD_SIGNATURES / seconds, 'sig/s');
    emit('card', 'latency_p50', percentile(latencies, 50), 'ms');
    emit('card', 'latency_p95', percentile(latencies, 95), 'ms');

    // vihf: build + C14N + card signature.
    const signer = await Pkcs11CardSigner.create(opened.service, card);
    const input = {
      subjectId: gp.holder.id,
      authenticationMode: 'DIRECTE',
      structureId: manifest.structure.id,
      activitySector: 'SA07^1.2.250.1.71.4.2.4',
      profession: { code: '10', codeSystem: '1.2.250.1.71.1.2.7' },
      specialty: { code: 'SM54', codeSystem: '1.2.250.1.71.4.2.5' },
      accessMode: 'normal',
      patientId: `${PATIENTS[0]}^^^&1.2.250.1.213.1.4.10&ISO^NH`,
      software: { instanceId: 'bench', name: 'Navette', version: '0', homologationNumber: 'TEST' },
    };
    await buildSignedVihf(input, signer);
    const vStarted = performance.now();
    for (let i = 0; i < VIHFS; i += 1) await buildSignedVihf(input, signer);
    emit('vihf', 'vihf_per_second', VIHFS / ((performance.now() - vStarted) / 1000), 'vihf/s');
    await opened.close();
  }

  // batch and consultation: a DMP session, counting what actually reaches the card.
  const session = await openDmpSession({
    config,
    env,
    cardLabel: gp.label,
    pin: () => Promise.resolve(gp.pin),
  });
  closers.push(() => session.close());
  const service = session.card.service;
  const realSign = service.sign.bind(service);
  let cardSignatures = 0;
  service.sign = (...args) => {
    cardSignatures += 1;
    return realSign(...args);
  };
  const ins = PATIENTS.map((m) => insOfKind(m, 'NIR_TEST'));

  {
    session.client.forgetVihfs();
    cardSignatures = 0;
    const started = performance.now();
    for (let i = 0; i < BATCH_DOCUMENTS; i += 1) {
      // Documents arrive grouped by patient, as an export of a day's notes does.
      const patient = ins[Math.floor((i * BATCH_PATIENTS) / BATCH_DOCUMENTS)];
      await session.client.testExistence(patient);
    }
    const ms = performance.now() - started;
    const perDocument = cardSignatures / BATCH_DOCUMENTS;
    emit('batch', 'card_signatures_per_document', perDocument, 'sig/doc', 1, perDocument <= 1);
    emit(
      'batch',
      'card_signatures',
      cardSignatures,
      `sig for ${BATCH_DOCUMENTS} docs, ${BATCH_PATIENTS} patients`,
    );
    emit('batch', 'calls_per_second', BATCH_DOCUMENTS / (ms / 1000), 'TD0.2/s');
  }
  {
    session.client.forgetVihfs();
    cardSignatures = 0;
    for (let c = 0; c < CONSULTATIONS; c += 1) {
      for (let k = 0; k < CALLS_PER_CONSULTATION; k += 1)
        await session.client.testExistence(ins[c]);
    }
    const perConsultation = cardSignatures / CONSULTATIONS;
    emit(
      'consultation',
      'card_signatures_per_consultation',
      perConsultation,
      'sig/consultation',
      1,
      perConsultation <= 1,
    );
  }
  {
    // Without the cache (window 0): what the cache saves.
    const uncached = await openDmpSession({
      config,
      env,
      cardLabel: gp.label,
      pin: () => Promise.resolve(gp.pin),
      vihf: { ttlMs: 0 },
    });
    closers.push(() => uncached.close());
    const before = uncached.client.vihfStats().signatures;
    for (let i = 0; i < 10; i += 1) await uncached.client.testExistence(ins[0]);
    emit(
      'batch-uncached',
      'card_signatures_per_document',
      (uncached.client.vihfStats().signatures - before) / 10,
      'sig/doc',
    );
  }
} finally {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await sandbox?.stop();
  rmSync(work, { recursive: true, force: true });
}
