// The « Réglages » screen of `navette serve --demo` in Debian Chromium: the settings form (a
// refused value is explained next to its field, a good one is saved into the user settings
// file), a local API token created (shown once, then usable), listed and revoked, and the
// diagnostics with « Copier le rapport » copying a redacted report.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, spawnCli, type CliProcess } from '../support/cli.js';
import { REPO_ROOT } from '../support/paths.js';
import { makeTempDir, removeTempDirs } from '../support/tempDir.js';

const SCREENSHOTS = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');

let service: CliProcess;
let browser: Browser;
let uiUrl: string;
let baseUrl: string;
let settingsFile: string;

beforeAll(async () => {
  const home = makeTempDir('navette-e2e-reglages-home-');
  settingsFile = path.join(home, 'settings.json');
  service = spawnCli(
    [
      'serve',
      '--demo',
      '--port',
      '0',
      '--data',
      makeTempDir('navette-e2e-reglages-'),
      '--config',
      settingsFile,
    ],
    isolatedEnv(home),
  );
  const ready = (await service.ready(60_000)) as { uiUrl?: string; url: string };
  if (ready.uiUrl === undefined) throw new Error('no uiUrl in the ready line');
  uiUrl = ready.uiUrl;
  baseUrl = ready.url;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  removeTempDirs();
});

async function openReglages(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseUrl).origin,
  });
  const page = await context.newPage();
  await page.goto(uiUrl);
  await page.locator('#navigation a[data-route="reglages"]').waitFor();
  await page.locator('#navigation a[data-route="reglages"]').click();
  await page.locator('form.reglages').waitFor();
  return page;
}

describe('Réglages screen (demo)', () => {
  it('explains a refused value next to its field, then saves a good one', async () => {
    const page = await openReglages();
    expect(await page.locator('#titre-ecran').textContent()).toBe('Réglages');
    const pattern = page.getByLabel('Modèle de nom des fichiers');
    expect(await pattern.inputValue()).toBe('{date}_{type}_{title}_{uniqueId}');

    await pattern.fill('{date}_sans-identifiant');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    const field = page.locator('[data-reglage="importNamePattern"]');
    await field.locator('.erreur', { hasText: 'Valeur refusée' }).waitFor();
    expect(await pattern.getAttribute('aria-invalid')).toBe('true');
    expect(existsSync(settingsFile)).toBe(false);

    await pattern.fill('{date}_{uniqueId}');
    await page.getByLabel('Invisibles pour le patient').check();
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page
      .locator('form.reglages [role="status"]', { hasText: 'Réglages enregistrés' })
      .waitFor();
    const saved = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      import: { namePattern: '{date}_{uniqueId}' },
      documents: { defaultVisibility: { hiddenFromPatient: true } },
    });
    // Only what changed was written: not the defaults, not the demo's DMP.
    expect(Object.keys(saved).sort()).toEqual(['configVersion', 'documents', 'import']);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reglages.png'), fullPage: true });
  }, 60_000);

  it('creates a token shown once that works, lists it, and revokes it', async () => {
    const page = await openReglages();
    await page.getByLabel('Nom du logiciel qui utilisera le jeton').fill('Logiciel de test');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    const shown = page.locator('input.jeton-valeur');
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^nvt_/);
    const status = await fetch(new URL('/api/status', baseUrl), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(status.status).toBe(200);
    const row = page.locator('tr[data-jeton="Logiciel de test"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Actif');
    expect(await row.textContent()).not.toContain(token);

    await row.getByRole('button', { name: /Révoquer/ }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('button', { name: 'Révoquer' }).click();
    await row.locator('td', { hasText: 'Révoqué le' }).waitFor();
    const after = await fetch(new URL('/api/status', baseUrl), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  }, 60_000);

  it('runs the diagnostics and copies a redacted report', async () => {
    const page = await openReglages();
    await page.getByRole('button', { name: 'Lancer le diagnostic' }).click();
    await page
      .locator('table.diagnostic tr[data-verification]')
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await page.locator('tr[data-verification="configuration"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Copier le rapport' }).click();
    await page
      .getByRole('region', { name: 'Diagnostic' })
      .getByRole('status')
      .filter({ hasText: 'Rapport copié' })
      .waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^Diagnostic de Navette — /);
    expect(copied).toMatch(/\[(OK|ÉCHEC|ATTENTION|NON FAIT)\] /);
    expect(copied).not.toMatch(/nvt_/);
    expect(copied).not.toMatch(/\b\d{12}\b/);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'reglages-diagnostic.png'),
      fullPage: true,
    });
  }, 90_000);
});
