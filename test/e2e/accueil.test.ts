// The web UI of `navette serve --demo` in Debian Chromium: the demo banner, the « Accueil » view
// filled from /health, and no CSP violation.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, spawnCli, type CliProcess } from '../support/cli.js';
import { REPO_ROOT } from '../support/paths.js';
import { makeTempDir, removeTempDirs } from '../support/tempDir.js';

const SCREENSHOTS = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');

let service: CliProcess;
let browser: Browser;
let url: string;

beforeAll(async () => {
  service = spawnCli(['serve', '--demo', '--port', '0', '--data', makeTempDir()], isolatedEnv(makeTempDir()));
  url = (await service.ready()).url;
  browser = await chromium.launch({
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
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  removeTempDirs();
});

describe('web UI (demo)', () => {
  it('shows the permanent demo banner and the state of each component, in French', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(url);
    expect(await page.title()).toBe('Navette');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    const banner = page.locator('#demo-banner');
    expect(await banner.textContent()).toBe('DÉMO — DMP de test');
    expect(await banner.isVisible()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('Accueil');

    // Filled from /health by the module script (so the CSP let it run).
    const database = page.locator('tr[data-component="database"]');
    await database.waitFor();
    expect(await database.locator('td').nth(0).textContent()).toBe('Base de données');
    expect(await database.locator('td').nth(1).textContent()).toBe('En service');
    expect(await page.locator('#etat-resume').textContent()).toBe('Navette fonctionne normalement.');
    expect(await page.locator('tr[data-component="card"] td').nth(1).textContent()).toBe('Non configuré');
    expect(await page.locator('#version').textContent()).toMatch(/^Navette \d+\.\d+\.\d+ — DÉMO — DMP de test$/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'accueil.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('blocks inline scripts (the CSP is enforced by the browser)', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true;';
      document.head.append(s);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(ran).toBe(false);
  });
});
