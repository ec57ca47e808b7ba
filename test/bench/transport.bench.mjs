// Transport benchmark: a 20 MB (and a 50 MB) request body streamed through the PKCS#12 HTTPS
// transport to a mutual-TLS server on 127.0.0.1, and a 20 MB response body streamed back.
// Measures the client's peak RSS growth and throughput. A "buffered" control (the same body
// concatenated in memory before sending) shows what holding the body whole would cost, so the
// memory figure is known to discriminate.
//
// Run after the build:  node test/bench/transport.bench.mjs
// (NAVETTE_BENCH_DIST=<folder> points it at another compiled tree than dist/.)
// Prints one JSON object per line: {"bench":"transport","case":…,"metric":…,"value":…,"unit":…,"target":…,"ok":…}
// Target: streaming keeps the client's peak live memory growth (RSS right after a forced GC) under
// a quarter of the body size: the body is never held whole. Raw peak RSS and throughput are
// informational. Exit 0 even when a target is missed;
// non-zero only when something breaks (including a body that arrives altered).
//
// The server runs in this process; each client measurement runs in its own child (`--expose-gc`)
// so that the server's buffers and other cases' garbage do not count.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const distDir =
  process.env.NAVETTE_BENCH_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url));
const dist = (p) => import(pathToFileURL(path.join(distDir, p)).href);

/** Chunk i of the generated body: content depends on i, a fresh allocation each time. */
function chunkAt(i) {
  return Buffer.alloc(CHUNK, i % 251);
}

function expectedSha(count) {
  const hash = createHash('sha256');
  for (let i = 0; i < count; i++) hash.update(chunkAt(i));
  return hash.digest('hex');
}

/**
 * Two peaks: raw RSS (garbage included: each chunk is a fresh allocation) and live memory, sampled
 * right after a forced GC every 16 chunks (1 MB), which is what the transport actually holds.
 */
function sampler() {
  globalThis.gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakLive = base.rss;
  let n = 0;
  return {
    sample(force = false) {
      const rss = process.memoryUsage().rss;
      if (rss > peakRss) peakRss = rss;
      if (force || ++n % 16 === 0) {
        globalThis.gc();
        const live = process.memoryUsage().rss;
        if (live > peakLive) peakLive = live;
      }
    },
    rssGrowthMb: () => (peakRss - base.rss) / MB,
    liveGrowthMb: () => (peakLive - base.rss) / MB,
  };
}

async function child(config) {
  const { Pkcs12HttpsTransport } = await dist('transport/index.js');
  const { DMP_LPS_CIPHERS_OPENSSL, DMP_TLS_MAX_VERSION, DMP_TLS_MIN_VERSION, DMP_TLS_SIGALGS } =
    await dist('protocol/tls/dmpTlsPolicy.js');
  const transport = new Pkcs12HttpsTransport({
    pfx: readFileSync(config.p12),
    passphrase: config.password,
    trustAnchorsPem: [readFileSync(config.ca, 'utf8')],
    tls: {
      minVersion: DMP_TLS_MIN_VERSION,
      maxVersion: DMP_TLS_MAX_VERSION,
      ciphers: DMP_LPS_CIPHERS_OPENSSL,
      sigalgs: DMP_TLS_SIGALGS,
    },
  });
  const count = (config.sizeMb * MB) / CHUNK;
  // Warm-up exchange: handshake, agent, module code paths are not part of the measurement.
  const warm = await transport.post(`${config.url}/upload`, {
    headers: {},
    body: Buffer.from('w'),
    timeoutMs: 10_000,
  });
  for await (const chunk of warm.body) void chunk;
  const mem = sampler();
  async function* body() {
    for (let i = 0; i < count; i++) {
      mem.sample();
      yield chunkAt(i);
    }
  }
  let requestBody;
  if (config.mode === 'buffered') {
    const all = [];
    for await (const c of body()) all.push(c);
    requestBody = Buffer.concat(all);
    all.length = 0;
    mem.sample(true);
  } else if (config.mode === 'upload') {
    requestBody = body();
  } else {
    requestBody = Buffer.from(String(count));
  }
  const t0 = process.hrtime.bigint();
  const response = await transport.post(
    `${config.url}/${config.mode === 'download' ? 'download' : 'upload'}`,
    {
      headers: { 'Content-Type': 'application/octet-stream' },
      body: requestBody,
      timeoutMs: 30_000,
    },
  );
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of response.body) {
    mem.sample();
    bytes += chunk.byteLength;
    hash.update(chunk);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  mem.sample(true);
  await transport.close();
  return {
    mode: config.mode,
    sizeMb: config.sizeMb,
    seconds,
    mbPerSecond: config.sizeMb / seconds,
    rssGrowthMb: mem.rssGrowthMb(),
    liveGrowthMb: mem.liveGrowthMb(),
    downloadSha: config.mode === 'download' ? hash.digest('hex') : null,
    downloadBytes: config.mode === 'download' ? bytes : null,
  };
}

function startServer(pki) {
  const uploads = [];
  const server = https.createServer(
    {
      key: pki.server.keyPem,
      cert: pki.server.certPem,
      ca: pki.ca.certPem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      if (req.url === '/download') {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const count = Number(body);
          let i = 0;
          const push = () => {
            while (i < count) {
              if (!res.write(chunkAt(i++))) return void res.once('drain', push);
            }
            res.end();
          };
          push();
        });
        return;
      }
      const hash = createHash('sha256');
      let bytes = 0;
      req.on('data', (c) => {
        bytes += c.length;
        hash.update(c);
      });
      req.on('end', () => {
        const sha = hash.digest('hex');
        uploads.push({ bytes, sha });
        res.end(JSON.stringify({ bytes, sha }));
      });
    },
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, uploads, url: `https://127.0.0.1:${server.address().port}` }),
    ),
  );
}

function runChild(config) {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), '--child', JSON.stringify(config)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    proc.stdout.on('data', (c) => (out += c));
    proc.stderr.on('data', (c) => (err += c));
    proc.on('close', (code) => {
      if (code !== 0)
        reject(new Error(`child ${config.mode} ${config.sizeMb} MB failed (${code}): ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

const round = (x) => Math.round(x * 100) / 100;

function emit(caseName, metric, value, unit, target, ok) {
  process.stdout.write(
    `${JSON.stringify({ bench: 'transport', case: caseName, metric, value: round(value), unit, target: target === null ? null : round(target), ok })}\n`,
  );
}

async function main() {
  if (process.argv[2] === '--child') {
    process.stdout.write(`${JSON.stringify(await child(JSON.parse(process.argv[3])))}\n`);
    return;
  }
  const { generateTestPki } = await dist('sandbox/pki/index.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'navette-transport-bench-'));
  try {
    const pki = generateTestPki({ cards: [], dir });
    const { server, uploads, url } = await startServer(pki);
    const base = {
      url,
      p12: pki.structure.p12.auth,
      password: pki.p12Password,
      ca: pki.ca.certPath,
    };
    let broken = false;
    for (const [mode, sizeMb] of [
      ['upload', 20],
      ['buffered', 20],
      ['upload', 50],
      ['download', 20],
    ]) {
      const caseName = `${mode}_${sizeMb}MB`;
      const before = uploads.length;
      const r = await runChild({ ...base, mode, sizeMb });
      const count = (sizeMb * MB) / CHUNK;
      const intact =
        mode === 'download'
          ? r.downloadBytes === sizeMb * MB && r.downloadSha === expectedSha(count)
          : uploads
              .slice(before)
              .some((u) => u.bytes === sizeMb * MB && u.sha === expectedSha(count));
      if (!intact) broken = true;
      emit(caseName, 'intact', intact ? 1 : 0, 'bool', 1, intact);
      // Throughput includes the forced GCs of the live-memory sampling: compare cases, not absolutes.
      emit(caseName, 'throughput', r.mbPerSecond, 'MB/s', null, true);
      emit(caseName, 'peak_rss_growth', r.rssGrowthMb, 'MB', null, true);
      const target = mode === 'buffered' ? null : sizeMb / 4;
      emit(
        caseName,
        'peak_live_growth',
        r.liveGrowthMb,
        'MB',
        target,
        target === null || r.liveGrowthMb < target,
      );
    }
    server.close();
    if (broken) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
