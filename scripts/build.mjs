// Build: compile src/ to dist/ (ESM) and copy the renderer's static files next to its scripts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

// Static renderer assets (html, css, svg, png) are not TypeScript: copy them as they are.
const staticExt = new Set(['.html', '.css', '.svg', '.png', '.ico', '.woff2', '.json']);
function copyStatic(dir) {
  for (const name of readdirSync(dir)) {
    const from = path.join(dir, name);
    if (statSync(from).isDirectory()) copyStatic(from);
    else if (staticExt.has(path.extname(name)) && name !== 'tsconfig.json') {
      const to = path.join(root, 'dist', path.relative(path.join(root, 'src'), from));
      cpSync(from, to);
    }
  }
}
if (existsSync(path.join(root, 'src', 'renderer'))) copyStatic(path.join(root, 'src', 'renderer'));
