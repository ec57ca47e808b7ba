// What the UI end-to-end tests share: `navette serve --demo` in a child process (the embedded test
// DMP and its virtual card, so documents really go somewhere), Debian's Chromium through
// playwright-core, demo documents (a PDF and its sidecar), and a collector of page problems
// (console errors, uncaught errors, CSP violations, HTTP errors) that each test expects empty.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { isolatedEnv, spawnCli, type CliProcess } from '../../support/cli.js';
import { REPO_ROOT } from '../../support/paths.js';
import { makeTempDir } from '../../support/tempDir.js';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** A patient of the embedded test DMP whose DMP is open (test/integration/dmp/sandboxFixture.ts). */
const PATIENT = {
  ins: '207058575627097',
  insOid: '1.2.250.1.213.1.4.10',
  birthFamily: 'PATB-QUATRE',
  birthGivens: 'LAURENCE',
  birthDate: '2007-05-14',
  sex: 'F',
  birthPlaceCode: '85191',
};

export interface DemoService {
  readonly process: CliProcess;
  readonly url: string;
  /** The UI address with the session token in the fragment. */
  readonly uiUrl: string;
  readonly dataDir: string;
  /** `<data>/demo/export`, watched by the demo. */
  readonly exportDir: string;
}

export async function startDemo(): Promise<DemoService> {
  const dataDir = makeTempDir('navette-e2e-data-');
  const process = spawnCli(
    ['serve', '--demo', '--port', '0', '--data', dataDir],
    isolatedEnv(makeTempDir('navette-e2e-home-')),
  );
  const ready = (await process.ready(60_000)) as unknown as { url: string; uiUrl: string };
  return {
    process,
    url: ready.url,
    uiUrl: ready.uiUrl,
    dataDir,
    exportDir: path.join(dataDir, 'demo', 'export'),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A PDF (distinct bytes per `n`: each is its own document) and its sidecar. */
export function demoDocument(
  n: number,
  title = `Compte rendu de démonstration ${n}`,
): {
  readonly pdf: Uint8Array;
  readonly sidecar: string;
} {
  const pdf = new TextEncoder().encode(
    `%PDF-1.4\n%navette-e2e-${n}-${Date.now()}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n` +
      '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const sidecar = JSON.stringify({
    version: 1,
    patient: PATIENT,
    document: { typeCode: '11488-4', title, date: '2026-05-04T10:15:00+02:00' },
  });
  return { pdf, sidecar };
}

/** Records what should never happen on a page; `expect(problems).toEqual([])` at the end. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
