// Proves that the layer rules of ARCHITECTURE.md are enforced twice: by the lint rule (with the
// project's real ESLint configuration) and by the per-layer typecheck (src/domain sees no Node,
// DOM or Electron types). Each violation here is deliberate and must be caught.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImport } from '../../../tools/eslint-plugin-navette/layers.js';

const root = path.resolve(import.meta.dirname, '../../..');
const src = path.join(root, 'src');
const at = (p: string) => path.join(src, p);

describe('layer rule (unit)', () => {
  it.each([
    ['domain/a.ts', 'node:fs'],
    ['domain/a.ts', 'fs'],
    ['domain/a.ts', 'zod'],
    ['domain/a.ts', '../protocol/xml/parse.js'],
    ['protocol/a.ts', 'node:fs'],
    ['protocol/a.ts', 'node:https'],
    ['protocol/a.ts', '../store/index.js'],
    ['app/a.ts', 'electron'],
    ['renderer/a.ts', '../app/index.js'],
    ['renderer/a.ts', 'node:path'],
    ['store/a.ts', 'pkcs11js'],
    ['card/a.ts', 'better-sqlite3'],
    ['sandbox/a.ts', '../dmp/client.js'],
    ['server/a.ts', '../app/index.js'],
    ['api/a.ts', '../app/index.js'],
    ['preload/a.ts', '../app/index.js'],
    ['domain/a.ts', '../../test/stubs/electron.js'],
  ])('%s may not import %s', (file, spec) => {
    expect(checkImport(at(file), spec, src)).toEqual(expect.any(String));
  });

  it.each([
    ['domain/ins/nir.ts', '../errors/NavetteError.js'],
    ['protocol/a.ts', 'node:crypto'],
    ['protocol/a.ts', '../domain/index.js'],
    ['protocol/a.ts', 'fast-xml-parser'],
    ['app/a.ts', '../store/index.js'],
    ['main/a.ts', 'electron'],
    ['preload/a.ts', 'electron'],
    ['card/a.ts', 'pkcs11js'],
    ['api/a.ts', 'zod'],
    ['renderer/a.ts', '../api/index.js'],
  ])('%s may import %s', (file, spec) => {
    expect(checkImport(at(file), spec, src)).toBeUndefined();
  });
});

describe('layer rule (the real ESLint configuration)', () => {
  const eslint = new ESLint({ cwd: root });
  // An existing file of the layer is linted with new content: the project service then type-checks
  // the text we give, and the project's own configuration decides.
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: at(file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'navette/layers').map((m) => m.message);
  };

  it('rejects a Node import in src/domain', async () => {
    const messages = await lint(
      'domain/errors/NavetteError.ts',
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    );
    expect(messages).toEqual(["layer 'domain' may not use the Node built-in 'fs'"]);
  });

  it('rejects an upward import from src/protocol', async () => {
    const messages = await lint(
      'protocol/xml/XmlError.ts',
      "import { z } from 'zod';\nimport type { Database } from '../../store/index.js';\nexport type D = Database;\nexport const s = z.string();\n",
    );
    expect(messages).toEqual(["layer 'protocol' may not import layer 'store' (allowed: domain)"]);
  });

  it('rejects electron outside src/main and src/preload', async () => {
    const messages = await lint(
      'domain/errors/NavetteError.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
    );
    expect(messages).toEqual(["package 'electron' belongs to src/main, src/preload, not src/domain"]);
  });

  it('accepts the file as it is', async () => {
    const messages = await lint(
      'protocol/xml/XmlError.ts',
      "import { NavetteError } from '../../domain/errors/NavetteError.js';\nexport class E extends NavetteError {}\n",
    );
    expect(messages).toEqual([]);
  });
});

describe('per-layer typecheck', () => {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // Scratch projects live inside the repository (git-ignored .scratch/) so that type packages
  // resolve as they do for src/; node_modules would be excluded from `include`.
  const scratch = () => {
    const base = path.join(root, '.scratch');
    mkdirSync(base, { recursive: true });
    return mkdtempSync(path.join(base, 'navette-layer-'));
  };
  const check = (project: string) =>
    spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });

  it('compiles src/domain with its canary (no Node, DOM or Electron types leak in)', () => {
    const r = check(path.join(src, 'domain', 'tsconfig.json'));
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  afterAll(() => rmSync(path.join(root, '.scratch'), { recursive: true, force: true }));

  it('fails on a domain file that uses Node or DOM globals', () => {
    const dir = scratch();
    writeFileSync(
      path.join(dir, 'violation.ts'),
      [
        'export const env = process.env.HOME;',
        'export const title = document.title;',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(src, 'domain', 'tsconfig.json'), include: [path.join(dir, '*.ts')] }),
    );
    const r = check(path.join(dir, 'tsconfig.json'));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain("Cannot find name 'process'");
    expect(r.stdout).toContain("Cannot find name 'document'");
  });

  it('rejects electron in any layer but main and preload, though the package is installed', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'violation.ts'), "export type W = import('electron').BrowserWindow;\n");
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(src, 'domain', 'tsconfig.json'), include: [path.join(dir, '*.ts')] }),
    );
    const r = check(path.join(dir, 'tsconfig.json'));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/electron-forbidden-here.*has no exported member .BrowserWindow./);
  });
});
