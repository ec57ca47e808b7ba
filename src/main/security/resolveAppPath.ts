// Which file of the compiled UI (dist/renderer) an app:// URL path names. Pure path arithmetic,
// and deliberately stricter than a web server: the UI is ours, so anything unusual in a path is
// an attack or a bug, and both get "not found".

/** The file types the UI is made of, with the Content-Type they are served with. */
export const APP_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export const APP_INDEX = 'index.html';

/** The path module the resolver uses (node:path, or node:path/win32 in tests). */
export interface PathOps {
  readonly sep: string;
  resolve(...segments: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(p: string): boolean;
  extname(p: string): string;
}

/**
 * The absolute file under `root` named by `urlPath` (the path of an app:// URL, still
 * percent-encoded), or undefined. Refused: anything not starting with '/', bad or double
 * percent-encoding, NUL and control characters, backslashes, empty segments ('//'), dot
 * segments and dotfiles ('..', '.', '.git'), ':' (drive letters, alternate data streams),
 * unknown file types, and any result that would leave `root`.
 */
export function resolveAppPath(root: string, urlPath: string, ops: PathOps): string | undefined {
  if (!urlPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // A '%' left after one decoding is double encoding ('%252e%252e'): never legitimate here.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\%]/.test(decoded)) return undefined;
  const rest = decoded.slice(1);
  const segments = rest === '' ? [APP_INDEX] : rest.split('/');
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('.') || segment.includes(':')) return undefined;
  }
  if (!(ops.extname(segments[segments.length - 1] ?? '').toLowerCase() in APP_CONTENT_TYPES)) {
    return undefined;
  }
  const base = ops.resolve(root);
  const file = ops.resolve(base, ...segments);
  return isInside(base, file, ops) ? file : undefined;
}

/** True when `file` is `root` itself or below it (after resolution, on the same drive). */
export function isInside(root: string, file: string, ops: PathOps): boolean {
  const rel = ops.relative(root, file);
  if (rel === '') return true;
  return !ops.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${ops.sep}`);
}

/** The Content-Type of a resolved file. */
export function contentTypeOf(file: string, ops: Pick<PathOps, 'extname'>): string {
  return APP_CONTENT_TYPES[ops.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
