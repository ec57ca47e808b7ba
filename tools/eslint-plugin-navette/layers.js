// The layer rule: which src/ layer may import which, and which packages each layer may use.
// ARCHITECTURE.md is the source of these tables; keep them in step with it.
// We resolve relative specifiers ourselves (no resolver plugin): a layer is the first folder
// under src/, so the check needs only path arithmetic.
import path from 'node:path';

/** Layers each layer may import (besides itself). */
export const LAYER_IMPORTS = {
  domain: [],
  protocol: ['domain'],
  card: ['domain'],
  transport: ['domain'],
  store: ['domain'],
  intake: ['domain', 'protocol'],
  dmp: ['domain', 'protocol'],
  // app is the composition root: it creates the HTTP front end (server) and, in demo mode, the
  // embedded DMP test server (sandbox). ARCHITECTURE.md lets server import app instead; wiring it
  // the other way keeps the server a plain adapter of the api contracts (docs/development.md).
  app: ['domain', 'protocol', 'card', 'transport', 'store', 'intake', 'dmp', 'api', 'server', 'sandbox'],
  api: ['domain'],
  server: ['api', 'domain'],
  cli: ['app', 'api', 'domain'],
  sandbox: ['domain', 'protocol', 'store'],
  main: ['app', 'api', 'domain'],
  preload: ['api'],
  renderer: ['api'],
};

const NODE_BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'cluster', 'console', 'crypto', 'dgram', 'dns', 'events',
  'fs', 'fs/promises', 'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks',
  'process', 'readline', 'stream', 'stream/promises', 'stream/web', 'string_decoder', 'timers',
  'timers/promises', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
]);

/** Node built-ins a layer may use; `true` means any. */
const NODE_ALLOWED = {
  domain: [],
  api: [],
  renderer: [],
  preload: [],
  // protocol: wire formats, no I/O. Buffers, hashes and stream plumbing only.
  protocol: ['buffer', 'crypto', 'stream', 'stream/web', 'string_decoder', 'util'],
};

/** Packages that belong to exactly some layers. Anything not listed here is free to use. */
const PACKAGE_OWNERS = {
  electron: ['main', 'preload'],
  pkcs11js: ['card'],
  'better-sqlite3': ['store', 'sandbox'],
  chokidar: ['intake'],
};

/** Packages a pure layer may use (pure layers see no other package). */
const PURE_PACKAGES = {
  domain: [],
  api: ['zod'],
  renderer: [],
  preload: ['electron'],
};

function layerOf(file, srcRoot) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const first = rel.split(path.sep)[0];
  return Object.hasOwn(LAYER_IMPORTS, first) ? first : undefined;
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Returns a French-free developer message when `spec` imported from `file` breaks a rule. */
export function checkImport(file, spec, srcRoot) {
  const from = layerOf(file, srcRoot);
  if (!from) return undefined;
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const target = path.resolve(path.dirname(file), spec);
    const to = layerOf(target, srcRoot);
    if (!to) {
      const rel = path.relative(srcRoot, target);
      return rel.startsWith('..') ? `src/${from} may not import outside src/ (${spec})` : undefined;
    }
    if (to === from || LAYER_IMPORTS[from].includes(to)) return undefined;
    return `layer '${from}' may not import layer '${to}' (allowed: ${LAYER_IMPORTS[from].join(', ') || 'none'})`;
  }
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  if (spec.startsWith('node:') || NODE_BUILTINS.has(bare)) {
    const allowed = NODE_ALLOWED[from];
    if (allowed && !allowed.includes(bare)) {
      return `layer '${from}' may not use the Node built-in '${bare}'`;
    }
    return undefined;
  }
  const pkg = packageName(spec);
  const owners = PACKAGE_OWNERS[pkg];
  if (owners && !owners.includes(from)) {
    return `package '${pkg}' belongs to ${owners.map((o) => `src/${o}`).join(', ')}, not src/${from}`;
  }
  const pure = PURE_PACKAGES[from];
  if (pure && !pure.includes(pkg)) {
    return `layer '${from}' is pure and may not use the package '${pkg}'`;
  }
  return undefined;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer import rules of ARCHITECTURE.md' },
    schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } }, additionalProperties: false }],
    messages: { forbidden: '{{reason}}' },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const srcRoot = path.resolve(context.cwd, options.srcRoot ?? 'src');
    const file = context.filename;
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const reason = checkImport(file, source.value, srcRoot);
      if (reason) context.report({ node, messageId: 'forbidden', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
    };
  },
};
