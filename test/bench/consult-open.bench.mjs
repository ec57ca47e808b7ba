// "Open the patient" (issue 6): from the click to the document list — the consultation service's
// documents(), which runs TD0.2 and TD3.1 at the same time — against the DMP test server answering
// every call 200 ms late (`--faults latency:200ms`).
//
// Run after the build:  node test/bench/consult-open.bench.mjs   (or: npm run bench -- consult-open)
// Prints one JSON object per line: {"bench":"consult-open","case":…,"metric":…,"value":…,"unit":…,"target":…,"ok":…}
//
// The DMP client is built over a transport that records when each exchange starts and when its
// answer has been read: the critical path is the longest chain of exchanges each starting after
// the previous one ended (sequential round trips). Targets: at most 2 sequential round trips and
// under 0.6 s. The VIHF signature is made BEFORE the measurement (the card signs once per patient
// and access mode, and the session is open before the user clicks): it is not counted in the main
// case; the `cold` case counts it (and new TLS connections) for a patient seen for the first time.
// The `client` case is the DMP client's own findDocuments beside TD0.2, for comparison.
// BENCH_TRACE=1 prints each exchange's [start, end] in ms on stderr; BENCH_DOCS, BENCH_LATENCY_MS.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = (p) => import(path.join(root, 'dist', p));
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const DOCUMENTS = Number(process.env.BENCH_DOCS ?? 12);
const PATIENT = '207058575627097';
const OTHER = '279035121518989';
const TARGET_ROUND_TRIPS = 2;
const TARGET_MS = 600;
const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const TRAITS = {
  [PATIENT]: {
    birthFamily: 'PATB-QUATRE',
    birthGivens: 'LAURENCE',
    birthDate: '2007-05-14',
    sex: 'F',
    birthPlaceCode: '85191',
  },
  [OTHER]: {
    birthFamily: 'PAT-TROIS',
    birthGivens: 'DOMINIQUE',
    birthDate: '1979-03-21',
    sex: 'F',
    birthPlaceCode: '51215',
  },
};

const round = (x) => Math.round(x * 100) / 100;
function emit(caseName, metric, value, unit, target, ok) {
  process.stdout.write(
    `${JSON.stringify({ bench: 'consult-open', case: caseName, metric, value: round(value), unit, target, ok })}\n`,
  );
}

/** A transport that timestamps each exchange: start of the POST, end of the answer's body. */
function recording(inner) {
  const exchanges = [];
  return {
    exchanges,
    transport: {
      ...inner,
      close: inner.close?.bind(inner),
      async post(url, request) {
        const x = { start: performance.now(), end: undefined };
        exchanges.push(x);
        const response = await inner.post(url, request);
        async function* body() {
          for await (const chunk of response.body) yield chunk;
          x.end = performance.now();
        }
        return { ...response, body: body() };
      },
    },
  };
}

/** Longest chain of exchanges, each starting after the previous one's answer was read. */
function sequentialDepth(exchanges) {
  const done = exchanges.filter((x) => x.end !== undefined).sort((a, b) => a.start - b.start);
  const depth = done.map(() => 1);
  for (let i = 0; i < done.length; i++) {
    for (let j = 0; j < i; j++) {
      if (done[j].end <= done[i].start) depth[i] = Math.max(depth[i], depth[j] + 1);
    }
  }
  return Math.max(0, ...depth);
}

async function main() {
  const { initSandbox, startSandbox } = await dist('app/sandbox.js');
  const { loadConfig } = await dist('app/config/index.js');
  const { openDmpSession } = await dist('app/dmp/index.js');
  const { ConsultService } = await dist('app/consult/index.js');
  const { XsltprocRenderer } = await dist('app/display/XsltprocRenderer.js');
  const { DmpClient, signLot, submissionSetFor } = await dist('dmp/index.js');
  const { buildLevel1Cda, parseSidecar, readCda, cdaToDocumentEntry } =
    await dist('protocol/cda/index.js');
  const { loadCdaResources } = await dist('app/documents/cdaResources.js');
  const { openDatabase } = await dist('store/index.js');
  const { insOfKind } = await dist('domain/ins/ins.js');

  const work = mkdtempSync(path.join(os.tmpdir(), 'navette-bench-consult-open-'));
  try {
    const dmpDir = path.join(work, 'dmp');
    const manifest = initSandbox({ dir: dmpDir, withoutSoftHsm: true, port: 0 });
    let calls = 0;
    const sandbox = await startSandbox({
      dir: dmpDir,
      port: 0,
      faults: `latency:${LATENCY_MS}ms`,
      onRequest: () => {
        calls += 1;
      },
    });
    const configFile = path.join(work, 'settings.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        configVersion: 2,
        dmp: { endpoint: sandbox.url, authMode: 'direct', trustAnchors: [manifest.ca] },
        structure: { id: manifest.structure.id, name: manifest.structure.name },
      }),
    );
    const config = loadConfig({ userFile: configFile }).config;
    const gp = manifest.cards.find((c) => c.key === 'gp');
    const session = await openDmpSession({
      config,
      env: {},
      demoCard: { p12: gp.p12, password: manifest.structure.password },
    });
    const resources = loadCdaResources();
    try {
      // The patients' DMPs: DOCUMENTS level-1 CDAs each, in lots of one (TD2.1, 200 ms each).
      for (const ins of [PATIENT, OTHER]) {
        for (let i = 0; i < DOCUMENTS; i++) {
          const sidecar = parseSidecar(
            JSON.stringify({
              version: 1,
              patient: { ins, insOid: '1.2.250.1.213.1.4.10', ...TRAITS[ins] },
              document: {
                typeCode: '11488-4',
                title: `Compte rendu ${i + 1}`,
                date: '2026-05-04T10:15:00+02:00',
              },
            }),
          );
          const built = buildLevel1Cda({
            pdf: TINY_PDF,
            sidecar: sidecar.sidecar,
            cardHolder: {
              idNatPs: gp.holder.id,
              family: gp.holder.family,
              given: gp.holder.given,
              specialty: {
                code: `G15_${gp.holder.profession ?? '10'}/${gp.holder.specialty ?? 'SM54'}`,
              },
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
          const read = readCda(built.bytes);
          const entry = cdaToDocumentEntry(read.document, { bytes: built.bytes }).entry;
          const lot = await signLot({
            submissionSet: submissionSetFor(entry, { submissionTime: new Date() }),
            documents: [{ entry, content: built.bytes }],
            signer: session.signer,
          });
          await session.client.submitDocuments(lot);
        }
      }

      // The GP is the médecin traitant of PATIENT; for OTHER, they declare themselves authorised.
      await session.client.setAuthorization(insOfKind(OTHER, 'NIR_TEST'), 'add', 'normal', true);

      // The measured client: the session's identity and signer, a recording transport (its own
      // VIHF cache: nothing signed above is reused).
      const recorder = recording(session.transport);
      const client = new DmpClient({
        transport: recorder.transport,
        endpoint: config.dmp.endpoint,
        signer: session.signer,
        context: session.identity.context,
      });
      const db = openDatabase(path.join(work, 'navette.db'));
      const service = new ConsultService({
        session: () => Promise.resolve({ client, identity: session.identity }),
        db,
        patientKey: new Uint8Array(32).fill(7),
        renderer: new XsltprocRenderer(),
        defaultInsOid: '1.2.250.1.213.1.4.10',
      });
      const open = async (ins) => {
        recorder.exchanges.length = 0;
        const before = calls;
        const t0 = performance.now();
        const list = await service.documents({
          patient: { ins },
          access: { mode: 'normal' },
          allStatuses: false,
        });
        const ms = performance.now() - t0;
        return {
          ms,
          depth: sequentialDepth(recorder.exchanges),
          trace: recorder.exchanges.map((x) => [
            Math.round(x.start - t0),
            Math.round((x.end ?? NaN) - t0),
          ]),
          calls: calls - before,
          documents: list.documents.length,
          status: list.status !== null,
        };
      };

      // Cold: first look at OTHER — its VIHF is signed inside the measurement (TLS connections
      // are the session transport's, already open: the sandbox's handshake is not counted).
      const cold = await open(OTHER);
      // Main case: the session is open, the VIHF for PATIENT signed beforehand (not counted).
      await client.vihf.vihfFor(insOfKind(PATIENT, 'NIR_TEST'), { mode: 'normal' });
      const warm = await open(PATIENT);
      if (process.env.BENCH_TRACE)
        process.stderr.write(`${JSON.stringify({ cold: cold.trace, warm: warm.trace })}\n`);
      if (warm.documents !== DOCUMENTS || !warm.status) {
        throw new Error(
          `expected ${DOCUMENTS} documents and a status, got ${JSON.stringify(warm)}`,
        );
      }
      emit(
        'open',
        'sequential-round-trips',
        warm.depth,
        'round trips',
        TARGET_ROUND_TRIPS,
        warm.depth <= TARGET_ROUND_TRIPS,
      );
      emit('open', 'total', warm.ms / 1000, 's', TARGET_MS / 1000, warm.ms < TARGET_MS);
      emit('open', 'dmp-calls', warm.calls, 'calls', null, true);
      emit(
        'open',
        'documents',
        warm.documents,
        'documents',
        DOCUMENTS,
        warm.documents === DOCUMENTS,
      );
      emit(
        'cold',
        'sequential-round-trips',
        cold.depth,
        'round trips',
        TARGET_ROUND_TRIPS,
        cold.depth <= TARGET_ROUND_TRIPS,
      );
      emit('cold', 'total-with-vihf-signature', cold.ms / 1000, 's', null, true);

      // For comparison: the DMP client's findDocuments (FindDocuments → GetAssociations →
      // FindSubmissionSets) beside TD0.2.
      recorder.exchanges.length = 0;
      const ins = insOfKind(PATIENT, 'NIR_TEST');
      const t0 = performance.now();
      await Promise.all([client.testExistence(ins), client.findDocuments(ins, 'normal')]);
      const clientMs = performance.now() - t0;
      emit(
        'client',
        'sequential-round-trips',
        sequentialDepth(recorder.exchanges),
        'round trips',
        null,
        true,
      );
      emit('client', 'total', clientMs / 1000, 's', null, true);
      db.close();
    } finally {
      resources.dispose();
      await session.close();
      await sandbox.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
