// Serving the web UI's files (dist/renderer) safely: only files inside the folder, only known
// types, never dotfiles, whatever the encoding tricks in the path (`..`, `%2e%2e`, `%2f`, `\`).
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Handler } from './router.js';
import { sendError, sendNotFound } from './responses.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticFilesOptions {
  /** The folder served at `/`. */
  readonly root: string;
  /** Rewrites `index.html` before it is sent (the demo banner goes in here). */
  readonly transformIndex?: (html: string) => string;
}

/**
 * The file under `root` that the raw request path names, or undefined if it names nothing we
 * serve. Pure path arithmetic (the caller checks symbolic links with realpath).
 */
export function resolveStaticPath(root: string, rawPath: string): string | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  // '..' climbs out; any dot-segment or dotfile is refused ('.', '..', '.git', '.env'…).
  if (segments.some((s) => s.startsWith('.') || s.includes(':'))) return undefined;
  if (segments.length === 0) segments.push('index.html');
  const file = path.join(root, ...segments);
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  if (!(path.extname(file).toLowerCase() in CONTENT_TYPES)) return undefined;
  return file;
}

export function staticFiles(options: StaticFilesOptions): Handler {
  const root = path.resolve(options.root);
  let realRoot: Promise<string | undefined> | undefined;
  return async ({ res, path: rawPath }) => {
    realRoot ??= realpath(root).catch(() => undefined);
    const rootDir = await realRoot;
    if (rootDir === undefined) {
      sendError(
        res,
        503,
        'UI_NOT_BUILT',
        "L'interface web de Navette n'est pas disponible : elle n'a pas été construite. " +
          'Lancez « npm run build » puis redémarrez Navette.',
      );
      return;
    }
    const file = resolveStaticPath(rootDir, rawPath);
    const real = file === undefined ? undefined : await realpath(file).catch(() => undefined);
    // A symbolic link inside the folder must not lead outside it.
    if (real === undefined || path.relative(rootDir, real).startsWith('..')) {
      sendNotFound(res);
      return;
    }
    if (!(await stat(real)).isFile()) {
      sendNotFound(res);
      return;
    }
    const ext = path.extname(real).toLowerCase();
    let body: Buffer = await readFile(real);
    if (path.basename(real) === 'index.html' && options.transformIndex !== undefined) {
      body = Buffer.from(options.transformIndex(body.toString('utf8')), 'utf8');
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(body);
  };
}
