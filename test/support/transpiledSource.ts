// A copy of some src/ layers, transpiled to plain JavaScript (types stripped, nothing else), in a
// folder whose node_modules points at the repository's: a child process killed with SIGKILL in the
// crash tests runs the real code without a TypeScript loader.
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './paths.js';

function transpileTree(fromDir: string, toDir: string): void {
  for (const name of readdirSync(fromDir)) {
    const from = path.join(fromDir, name);
    if (statSync(from).isDirectory()) {
      transpileTree(from, path.join(toDir, name));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      const out = ts.transpileModule(readFileSync(from, 'utf8'), {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
        },
      });
      mkdirSync(toDir, { recursive: true });
      writeFileSync(path.join(toDir, name.replace(/\.ts$/, '.js')), out.outputText);
    }
  }
}

/** Transpiles `src/<part>` for each part (a layer or a sub-folder) into `work/src/…`. */
export function transpileSource(work: string, parts: readonly string[]): void {
  for (const part of parts) {
    transpileTree(path.join(REPO_ROOT, 'src', part), path.join(work, 'src', part));
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
}
