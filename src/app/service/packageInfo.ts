// Where Navette is installed, and its version: read from package.json, found by walking up from
// this file. Works from src/ (tests), dist/ (CLI) and inside a packaged app alike.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'navette';

/** The folder holding Navette's package.json. */
export function findPackageRoot(
  start: string = path.dirname(fileURLToPath(import.meta.url)),
): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && readPackageJson(candidate).name === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${PACKAGE_NAME} not found above ${start}`);
    dir = parent;
  }
}

/** The version in package.json. */
export function readPackageVersion(root: string = findPackageRoot()): string {
  const version = readPackageJson(path.join(root, 'package.json')).version;
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}

/** The compiled web UI (built by `npm run build` into dist/renderer). */
export function defaultUiDir(root: string = findPackageRoot()): string {
  return path.join(root, 'dist', 'renderer');
}

function readPackageJson(file: string): { name?: unknown; version?: unknown } {
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
}
