// Large documents end to end (issue 5): one 1 MB and one 20 MB document through Navette's whole
// send path against the DMP test server (mutual TLS, MTOM), compared in the same run with a bare
// HTTPS POST (mutual TLS) of the same bytes to the same server.
//
// Run after the build:  node test/bench/sending-large.bench.mjs   (or: npm run bench -- sending-large)
// Prints one JSON object per line: {"bench":"sending-large","case":…,"metric":…,"value":…,"unit":…,"target":…,"ok":…}
//
// What is measured, per size (a level-1 CDA around a generated PDF, the CDA file being 1 MB or
// 20 MB):
// - `navette`: from the intake's `claimed` event (the file is complete and ours: the stability
//   delay, an idle wait, is over) to the file in sent/ — read, hash, the real document checks
//   (schema included), the outbox, TD0.2, the lot built and signed, TD2.1 (MTOM), the move —
//   minus the time spent inside the signer's sign() calls (the card's signatures: VIHF and lot).
//   Digests of the document for the lot signature are work of Navette and stay counted.
// - `bare-post`: the same CDA bytes as the single MTOM part of a minimal SOAP message, POSTed
//   over a fresh mutual-TLS connection to the same repository URL; timed until the answer is
//   read. The server reads and parses the whole MTOM body, then refuses it (no VIHF): transfer
//   and parsing, none of Navette's work and none of the registry's.
// Each is the median of 3 runs. Target: navette ≤ 1.5 × bare-post. Also reported: the time the
// test DMP spent in its handlers during Navette's run (`server-handlers-ms`, from the sandbox's
// request reports) and Navette's time without it, so that the DMP's share is visible; and the
// time of the passes over the bytes that no correct sender can skip (two SHA-256, one SHA-1, one
// base64 scan), with the ratio they alone would give (`best-possible-ratio`).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = (p) => import(path.join(root, 'dist', p));
const MB = 1024 * 1024;
const RUNS = 3;
const PATIENT = '207058575627097';

const round = (x) => Math.round(x * 100) / 100;
function emit(caseName, metric, value, unit, target, ok) {
  process.stdout.write(
    `${JSON.stringify({ bench: 'sending-large', case: caseName, metric, value: round(value), unit, target, ok })}\n`,
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A PDF of about `size` bytes: a tiny valid PDF with a large comment (random text). */
function pdfOfSize(size) {
  const head = '%PDF-1.4\n';
  const tail =
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const filler = randomBytes(Math.ceil((size * 3) / 4))
    .toString('base64')
    .slice(0, size);
  const lines = filler.match(/.{1,120}/g).map((l) => `%${l}\n`);
  return Buffer.from(head + lines.join('') + tail, 'latin1');
}

async function main() {
  const { initSandbox, startSandbox } = await dist('app/sandbox.js');
  const { loadConfig } = await dist('app/config/index.js');
  const { openDmpSession } = await dist('app/dmp/index.js');
  const { createSendingService } = await dist('app/sending/index.js');
  const { createSendingPath } = await dist('app/sending/sendingPath.js');
  const { DmpDocumentSender } = await dist('app/sending/DmpDocumentSender.js');
  const { DmpClient } = await dist('dmp/index.js');
  const { openDatabase } = await dist('store/index.js');
  const { buildLevel1Cda, parseSidecar } = await dist('protocol/cda/index.js');
  const { loadCdaResources } = await dist('app/documents/cdaResources.js');
  const { writeMtom } = await dist('protocol/mtom/index.js');
  const { largeBase64Runs } = await dist('protocol/cda/largeTexts.js');
  const { DMP_OPERATIONS, buildDmpRequestEnvelope, dmpEndpointUrl } =
    await dist('protocol/soap/index.js');

  const work = mkdtempSync(path.join(os.tmpdir(), 'navette-bench-large-'));
  const dmpDir = path.join(work, 'dmp');
  const manifest = initSandbox({ dir: dmpDir, withoutSoftHsm: true, port: 0 });
  // The test DMP's own work per request (its handlers: VIHF, lot signature, registry), reported
  // apart: the real DMP's share of the time is not Navette's.
  let serverMs = 0;
  const sandbox = await startSandbox({
    dir: dmpDir,
    port: 0,
    onRequest: (e) => {
      serverMs += e.handlerMs ?? 0;
    },
  });
  const gp = manifest.cards.find((c) => c.key === 'gp');
  const folder = path.join(work, 'export');
  mkdirSync(folder);
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
      watch: { folders: [folder], stableDelayMs: 200, rescanIntervalSec: 5, polling: 'never' },
    }),
  );
  const config = loadConfig({ userFile: configFile }).config;
  const db = openDatabase(path.join(work, 'navette.db'));
  const session = await openDmpSession({
    config,
    env: {},
    demoCard: { p12: gp.p12, password: manifest.structure.password },
  });
  // The session's signer, timed: the card's signatures are excluded from Navette's time.
  let signMs = 0;
  const signer = {
    certificateDer: session.signer.certificateDer,
    async sign(data, algorithm) {
      const t = performance.now();
      try {
        return await session.signer.sign(data, algorithm);
      } finally {
        signMs += performance.now() - t;
      }
    },
  };
  const client = new DmpClient({
    transport: session.transport,
    endpoint: sandbox.url,
    signer,
    context: session.identity.context,
  });
  const sendingPath = await createSendingPath({ config, db, dataDir: work, session });
  const service = createSendingService({
    db,
    checker: sendingPath.checker,
    // As createSendingPath wires it: the sender takes what the checks learnt (no second read).
    sender: new DmpDocumentSender({ client, signer, checked: sendingPath.checked }),
    watch: config.watch,
    instanceId: 'bench',
    worker: { concurrency: 1 },
  });
  // One document at a time: the last time of each event is this document's.
  const at = {};
  service.onIntakeEvent((e) => {
    at[`intake-${e.type}`] = performance.now();
  });
  service.onWorkerEvent((e) => {
    at[`worker-${e.type}`] = performance.now();
  });
  await service.start();

  const { valueSets } = loadCdaResources();
  function document(targetBytes, n) {
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
          title: `Gros document ${n}`,
          date: '2026-05-04T10:15:00+02:00',
        },
      }),
    );
    const built = buildLevel1Cda({
      // base64 in the CDA: 4/3 of the PDF, plus the header (a few KB).
      pdf: pdfOfSize(Math.floor(((targetBytes - 8 * 1024) * 3) / 4)),
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
      valueSets,
    });
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    return Buffer.from(built.bytes);
  }

  async function throughNavette(bytes, name) {
    signMs = 0;
    serverMs = 0;
    writeFileSync(path.join(folder, name), bytes);
    const sent = path.join(folder, 'sent');
    for (;;) {
      let names = [];
      try {
        names = readdirSync(sent);
      } catch {
        // not created yet
      }
      if (names.includes(name)) break;
      const errors = (() => {
        try {
          return readdirSync(path.join(folder, 'error'));
        } catch {
          return [];
        }
      })();
      if (errors.includes(name)) {
        throw new Error(readFileSync(path.join(folder, 'error', `${name}.erreur.txt`), 'utf8'));
      }
      await sleep(2);
    }
    const end = performance.now();
    return {
      total: end - at['intake-claimed'],
      sign: signMs,
      server: serverMs,
      // Phases: the checks (claimed → recorded), the send (TD0.2, lot, TD2.1 and the server's
      // registration), the move to sent/.
      checks: at['intake-recorded'] - at['intake-claimed'],
      send: at['worker-sent'] - at['worker-sending'] - signMs,
      place: end - at['worker-sent'],
    };
  }

  const agent = new https.Agent({
    cert: readFileSync(gp.authentication.cert),
    key: readFileSync(gp.authentication.key),
    ca: readFileSync(manifest.ca),
    maxVersion: 'TLSv1.2',
    keepAlive: false,
  });
  async function barePost(bytes) {
    const op = DMP_OPERATIONS.provideAndRegisterDocumentSet;
    const url = dmpEndpointUrl(sandbox.url, op.service);
    const xml = buildDmpRequestEnvelope({
      operation: op,
      to: url,
      bodyXml: '<x:Vide xmlns:x="urn:bench"/>',
    }).xml;
    const t = performance.now();
    const out = writeMtom({
      envelopeXml: xml,
      attachments: [{ contentId: 'doc1@navette.bench', contentType: 'text/xml', content: bytes }],
      action: op.action,
    });
    const status = await new Promise((resolve, reject) => {
      const req = https.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': out.contentType } },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', reject);
      req.setNoDelay(true); // as Navette's transport: no Nagle wait on the last small write
      (async () => {
        for await (const chunk of out.body) {
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })().catch(reject);
    });
    return { total: performance.now() - t, status };
  }

  try {
    for (const [label, size] of [
      ['1MB', 1 * MB],
      ['20MB', 20 * MB],
    ]) {
      const navette = [];
      const own = [];
      const server = [];
      const phases = { checks: [], send: [], place: [] };
      const signs = [];
      const bare = [];
      const floor = [];
      let status;
      for (let run = 0; run < RUNS; run++) {
        const bytes = document(size, `${label}-${run}`);
        const r = await throughNavette(bytes, `gros-${label}-${run}.xml`);
        navette.push(r.total - r.sign);
        own.push(r.total - r.sign - r.server);
        server.push(r.server);
        for (const k of Object.keys(phases)) phases[k].push(r[k]);
        signs.push(r.sign);
        const b = await barePost(bytes);
        bare.push(b.total);
        // The passes over the bytes no correct sender can skip: the idempotency key (SHA-256),
        // the XDS hash the DMP checks (SHA-1), the lot signature's digest (SHA-256), and one
        // scan that the body is base64 (the checks). Their sum bounds how close to a bare POST
        // any implementation can come on this machine.
        const t = performance.now();
        createHash('sha256').update(bytes).digest();
        createHash('sha1').update(bytes).digest();
        createHash('sha256').update(bytes).digest();
        largeBase64Runs(bytes);
        floor.push(performance.now() - t);
        status = b.status;
      }
      const n = median(navette);
      const b = median(bare);
      emit(label, 'navette-ms-excluding-signatures', n, 'ms');
      emit(label, 'signatures-ms', median(signs), 'ms');
      for (const [k, v] of Object.entries(phases)) emit(label, `navette-${k}-ms`, median(v), 'ms');
      emit(label, 'bare-post-ms', b, 'ms', undefined, undefined);
      emit(label, 'bare-post-status', status, 'http');
      emit(label, 'ratio-navette-to-bare-post', n / b, 'x', '<= 1.5', n / b <= 1.5);
      emit(label, 'unavoidable-passes-ms', median(floor), 'ms');
      emit(label, 'best-possible-ratio', (b + median(floor)) / b, 'x');
      // Diagnostics (no target): the test DMP's handlers, and Navette without them.
      emit(label, 'server-handlers-ms', median(server), 'ms');
      emit(label, 'navette-without-server-ms', median(own), 'ms');
      emit(label, 'ratio-navette-without-server-to-bare-post', median(own) / b, 'x');
    }
  } finally {
    agent.destroy();
    await service.stop({ drainMs: 1000 });
    sendingPath.dispose();
    await session.close();
    db.close();
    await sandbox.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
