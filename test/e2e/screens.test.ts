// The screens of the web UI against `navette serve --demo` in Debian Chromium: three documents
// dropped in the watched folder reach « envoyé » on Envois (and one more given through the file
// chooser, the keyboard's way to drag and drop); the batch wizard over 20 documents of which 2
// are bad, driven with the keyboard only (Tab, Enter), with a bad one fixed and sent again from
// the report; the Journal with its chain verification and CSV export. A screenshot per screen.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../support/tempDir.js';
import {
  demoDocument,
  launchChromium,
  screenshot,
  startDemo,
  watchProblems,
  type DemoService,
} from './support/demo.js';

let demo: DemoService;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.process.stop();
  removeTempDirs();
});

async function open(route: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const problems = watchProblems(page);
  await page.goto(demo.uiUrl);
  await page.waitForFunction(() => !location.hash.includes('jeton'));
  if (route !== 'accueil') {
    await page.click(`nav a[data-route="${route}"]`);
    await page.waitForFunction((r) => location.hash === `#${r}`, route);
  }
  return { page, problems };
}

/** Presses Tab until the focused element matches `selector` (at most `max` times). */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('Envois', () => {
  it('shows documents dropped in the watched folder reach « envoyé », live', async () => {
    const { page, problems } = await open('envois');
    expect(await page.locator('h1').textContent()).toBe('Envois');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Envois');
    for (let n = 1; n <= 3; n++) {
      const doc = demoDocument(n);
      writeFileSync(path.join(demo.exportDir, `depot-${n}.json`), doc.sidecar);
      writeFileSync(path.join(demo.exportDir, `depot-${n}.pdf`), doc.pdf);
    }
    for (let n = 1; n <= 3; n++) {
      const row = page.locator('#envois-table tr', { hasText: `depot-${n}.pdf` });
      await row.locator('td.etat', { hasText: 'envoyé' }).waitFor({ timeout: 60_000 });
    }
    // The file chooser (what the drop zone does, reachable with the keyboard).
    const chosen = makeTempDir('navette-e2e-chosen-');
    const doc = demoDocument(4, 'Document choisi');
    writeFileSync(path.join(chosen, 'choisi.json'), doc.sidecar);
    writeFileSync(path.join(chosen, 'choisi.pdf'), doc.pdf);
    await page.setInputFiles('#depot-fichiers', [
      path.join(chosen, 'choisi.pdf'),
      path.join(chosen, 'choisi.json'),
    ]);
    await page.locator('#depot-etat', { hasText: '2 fichier(s) déposé(s)' }).waitFor();
    const chosenRow = page.locator('#envois-table tr', { hasText: 'choisi.pdf' });
    await chosenRow.locator('td.etat', { hasText: 'envoyé' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#envois-resume').textContent()).toMatch(/4 envoyé\(s\)/);
    await screenshot(page, 'envois');
    expect(problems).toEqual([]);
  });
});

describe('Lot', () => {
  it('runs the wizard over 20 documents (2 bad) with the keyboard only, then re-sends a fixed one', async () => {
    const folder = makeTempDir('navette-e2e-lot-');
    for (let n = 1; n <= 18; n++) {
      const doc = demoDocument(100 + n, `Compte rendu ${n}`);
      const name = `cr-${String(n).padStart(2, '0')}`;
      writeFileSync(path.join(folder, `${name}.json`), doc.sidecar);
      writeFileSync(path.join(folder, `${name}.pdf`), doc.pdf);
    }
    writeFileSync(path.join(folder, 'casse.xml'), '<ClinicalDocument xmlns="urn:hl7-org:v3"><id');
    const orphan = demoDocument(200, 'Sans fiche');
    writeFileSync(path.join(folder, 'sans-fiche.pdf'), orphan.pdf);

    const { page, problems } = await open('accueil');
    // Keyboard only from here: skip link, navigation, the wizard.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lien-evitement');
    await tabTo(page, 'nav a[data-route="lot"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'titre-ecran');
    expect(await page.locator('h1').textContent()).toBe('Lot');
    await tabTo(page, '#lot-dossier');
    await page.keyboard.type(folder);
    await page.keyboard.press('Enter');
    await page.locator('#lot-precontrole').waitFor({ timeout: 60_000 });
    expect(await page.locator('#lot-resume').textContent()).toBe(
      '20 document(s) : 18 prêt, 2 bloqué.',
    );
    const blocked = page.locator('#lot-precontrole tr[data-statut="blocked"]');
    expect(await blocked.count()).toBe(2);
    expect(await blocked.nth(0).locator('td').nth(1).textContent()).toBe('casse.xml');
    expect(await blocked.nth(1).locator('td').nth(1).textContent()).toBe('sans-fiche.pdf');
    expect((await blocked.nth(1).locator('td').nth(5).textContent())?.length).toBeGreaterThan(10);
    await screenshot(page, 'lot-precontrole');

    await tabTo(page, '#lot-envoyer');
    expect(await page.locator('#lot-envoyer').textContent()).toBe(
      'Envoyer les 18 document(s) prêt(s)',
    );
    await page.keyboard.press('Enter');
    await page.locator('#lot-compte-rendu').waitFor({ timeout: 120_000 });
    expect(await page.locator('#lot-bilan').textContent()).toBe(
      '20 document(s) : 2 bloqué, 18 envoyé.',
    );
    await screenshot(page, 'lot-compte-rendu');

    // The fix: the PDF gets its sidecar; « Renvoyer » (keyboard) checks it again and sends it.
    writeFileSync(path.join(folder, 'sans-fiche.json'), orphan.sidecar);
    await tabTo(page, 'button[aria-label="Renvoyer sans-fiche.pdf après correction"]');
    await page.keyboard.press('Enter');
    await page
      .locator('#lot-bilan', { hasText: '1 bloqué, 19 envoyé' })
      .waitFor({ timeout: 60_000 });

    // The CSV report, downloaded.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Télécharger le CSV")'),
    ]);
    const saved = path.join(makeTempDir('navette-e2e-csv-'), 'lot.csv');
    await download.saveAs(saved);
    const csv = readFileSync(saved, 'utf8');
    expect(csv).toContain('sans-fiche.pdf');
    expect(csv.split(/\r?\n/).filter((l) => l.trim() !== '').length).toBeGreaterThanOrEqual(21);
    // Print: the report keeps its table, the navigation goes.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('#lot-compte-rendu').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  });
});

describe('Journal', () => {
  it('lists the DMP exchanges, verifies the chain and exports CSV', async () => {
    const { page, problems } = await open('journal');
    await page.locator('[data-verif="ok"]').waitFor();
    expect(await page.locator('[data-verif="ok"]').textContent()).toMatch(/^Journal intact/);
    await page.locator('#journal-table').waitFor();
    expect(
      await page.locator('#journal-table tbody tr', { hasText: 'TD2.1' }).count(),
    ).toBeGreaterThan(0);
    // A date range with nothing in it.
    await page.fill('#journal-du', '2001-01-01');
    await page.fill('#journal-au', '2001-01-02');
    await page.click('#journal-filtres button[type="submit"]');
    await page.locator('#journal-vide').waitFor();
    await page.fill('#journal-du', '');
    await page.fill('#journal-au', '');
    await page.click('#journal-filtres button[type="submit"]');
    await page.locator('#journal-table').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Exporter en CSV")'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^journal-navette-\d{4}-\d{2}-\d{2}\.csv$/);
    await screenshot(page, 'journal');
    expect(problems).toEqual([]);
  });
});
