// Where things are, for tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI entry point (run `npm run build` first). */
export const NAVETTE_BIN = path.join(REPO_ROOT, 'bin', 'navette.js');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');
/** The official reference material (read-only): ../shared/reference beside the checkout. */
export const REFERENCE_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'reference');
