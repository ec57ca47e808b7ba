// The « Patient » screen of `navette serve --demo` in Debian Chromium: two documents are first sent
// into the demo DMP through its export folder (a PDF with its sidecar, which Navette wraps in a
// level-1 CDA, and a level-3 CDA without any PDF), then the screen opens the patient (typed INS
// and the #patient fragment), shows the PDF from a blob: URL, the CDA as sandboxed HTML, imports a
// document into the import folder, runs bris de glace with its reason, and works with the keyboard.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDA_STYLE_CLASSES } from '../../src/app/display/cdaStyleBlock.js';
import { buildLevel1Cda, parseSidecar } from '../../src/protocol/cda/index.js';
import { sandboxManifestSchema } from '../../src/sandbox/manifest.js';
import { isolatedEnv, spawnCli, type CliProcess } from '../support/cli.js';
import { REPO_ROOT } from '../support/paths.js';
import { makeTempDir, removeTempDirs } from '../support/tempDir.js';
import { bundledValueSets, TINY_PDF } from '../unit/protocol/cda/cdaTestSupport.js';

const SCREENSHOTS = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');
/** Sandbox patient PATB-QUATRE LAURENCE, whose médecin traitant is the demo card's GP. */
const INS = '207058575627097';
const PATIENT = {
  ins: INS,
  insOid: '1.2.250.1.213.1.4.10',
  birthFamily: 'PATB-QUATRE',
  birthGivens: 'LAURENCE',
  birthDate: '2007-05-14',
  sex: 'F',
  birthPlaceCode: '85191',
};
const PDF_TITLE = 'Compte rendu PDF (démo)';
const CDA_TITLE = 'Synthèse structurée (démo)';
const CDA_TEXT = 'Examen clinique normal, aucune allergie connue.';

let service: CliProcess;
let browser: Browser;
let uiUrl: string;
let dataDir: string;

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

async function until<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A level-3 CDA of the demo GP without any PDF: the level-1 CDA Navette would build, with its
 * body replaced by a structured section and the « synthèse médicale » template (a level-3 format
 * the checks know), so that the DMP hands it back as XML for the ANS stylesheet.
 */
function level3Cda(manifestFile: string): Uint8Array {
  const manifest = sandboxManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  const gp = manifest.cards.find((c) => c.key === 'gp');
  if (gp === undefined) throw new Error('no gp card in the demo DMP');
  const sidecar = parseSidecar(
    JSON.stringify({
      version: 1,
      patient: PATIENT,
      document: { typeCode: '11488-4', title: CDA_TITLE, date: '2026-05-03T09:00:00+02:00' },
    }),
  );
  if (!sidecar.ok) throw new Error(sidecar.problems.map((p) => p.message).join('; '));
  const built = buildLevel1Cda({
    pdf: TINY_PDF,
    sidecar: sidecar.sidecar,
    cardHolder: {
      idNatPs: gp.holder.id,
      family: gp.holder.family,
      given: gp.holder.given,
      specialty: { code: 'G15_10/SM54' },
    },
    organization: {
      idNatStruct: manifest.structure.id,
      name: manifest.structure.name,
      practiceSetting: 'AMBULATOIRE',
      facilityType: 'SA07',
    },
    valueSets: bundledValueSets(),
  });
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('; '));
  const xml = built.xml
    .replace(
      /<component>\s*<nonXMLBody[\s\S]*<\/nonXMLBody>\s*<\/component>/,
      '<component><structuredBody><component><section>' +
        '<code code="29545-1" codeSystem="2.16.840.1.113883.6.1" displayName="Examen physique"/>' +
        `<title>Examen</title><text><paragraph>${CDA_TEXT}</paragraph></text>` +
        '</section></component></structuredBody></component>',
    )
    .replace(
      '<templateId root="1.3.6.1.4.1.19376.1.2.20"/>',
      '<templateId root="1.2.250.1.213.1.1.1.13"/>',
    );
  if (!xml.includes('structuredBody')) throw new Error('level-3 body not put in');
  return new TextEncoder().encode(xml);
}

beforeAll(async () => {
  dataDir = makeTempDir('navette-e2e-patient-');
  service = spawnCli(
    ['serve', '--demo', '--port', '0', '--data', dataDir],
    isolatedEnv(makeTempDir()),
  );
  const ready = (await service.ready(60_000)) as { uiUrl?: string };
  if (ready.uiUrl === undefined) throw new Error('no uiUrl in the ready line');
  uiUrl = ready.uiUrl;

  const exportDir = path.join(dataDir, 'demo', 'export');
  const manifest = path.join(dataDir, 'demo', 'dmp', 'sandbox.json');
  await until('the demo DMP', () => (existsSync(manifest) ? true : undefined));
  writeFileSync(path.join(exportDir, 'synthese.xml'), level3Cda(manifest));
  writeFileSync(
    path.join(exportDir, 'cr.json'),
    JSON.stringify({
      version: 1,
      patient: PATIENT,
      document: { typeCode: '11488-4', title: PDF_TITLE, date: '2026-05-04T10:15:00+02:00' },
    }),
  );
  writeFileSync(path.join(exportDir, 'cr.pdf'), TINY_PDF);
  await until('the three files in sent/', () => {
    const refused = filesIn(path.join(exportDir, 'error'));
    if (refused.length > 0) {
      const reasons = refused.map((f) => readFileSync(path.join(exportDir, 'error', f), 'utf8'));
      throw new Error(`refused by the demo: ${reasons.join('\n')}`);
    }
    return filesIn(path.join(exportDir, 'sent')).length >= 3 ? true : undefined;
  });

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
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  removeTempDirs();
});

/** A page with the UI session open; records page errors and failed requests. */
async function openUi(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(uiUrl);
  // The shell has taken the session token out of the address (and set #accueil) once the
  // navigation is built: only then may a test change the fragment.
  await page.locator('#navigation a[data-route="patient"]').waitFor();
  return { page, problems };
}

async function go(page: Page, fragment: string): Promise<void> {
  await page.evaluate((f) => {
    window.location.hash = f;
  }, fragment);
}

function row(page: Page, title: string) {
  return page.locator('tr[data-unique-id]', { hasText: title });
}

async function openByTypedIns(page: Page): Promise<void> {
  await go(page, '#patient');
  await page.getByLabel('INS du patient').fill(' 2 07 05 85 756 270 97 ');
  await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  await page.locator('dd[data-fait="dmp"]').waitFor();
}

describe('Patient screen (demo)', () => {
  it('opens a typed INS, shows the PDF and the CDA (sandboxed), imports a document', async () => {
    const { page, problems } = await openUi();
    await openByTypedIns(page);
    expect(await page.locator('#titre-ecran').textContent()).toBe('Patient');
    expect(await page.locator('dd[data-fait="dmp"]').textContent()).toBe('DMP ouvert');
    // The INS never stays in the address (nor in the browser's history).
    expect(page.url()).not.toContain(INS);
    await row(page, PDF_TITLE).waitFor();
    await row(page, CDA_TITLE).waitFor();
    expect(await row(page, PDF_TITLE).locator('.statut').textContent()).toBe('approuvé');

    await row(page, PDF_TITLE).getByRole('button', { name: 'Lire' }).click();
    const pdf = page.locator('iframe.visionneuse-pdf');
    await pdf.waitFor();
    expect(await pdf.getAttribute('src')).toMatch(/^blob:/);
    await until('the PDF frame', () =>
      page.frames().some((f) => f.url().startsWith('blob:')) ? true : undefined,
    );
    await page.waitForTimeout(500);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'patient-pdf.png'), fullPage: true });

    await row(page, CDA_TITLE).getByRole('button', { name: 'Lire' }).click();
    const html = page.locator('iframe.visionneuse-html');
    await html.waitFor();
    // Untrusted: sandboxed with no permission at all (no scripts, opaque origin).
    expect(await html.getAttribute('sandbox')).toBe('');
    expect(await html.getAttribute('srcdoc')).toContain(CDA_TEXT);
    expect(
      await page.frameLocator('iframe.visionneuse-html').locator('body').textContent(),
    ).toContain(CDA_TEXT);
    const frameCanReachParent = await page
      .frames()
      .find((f) => f.url() === 'about:srcdoc')
      ?.evaluate(() => {
        try {
          return window.parent.document !== undefined;
        } catch {
          return false;
        }
      })
      .catch(() => false);
    expect(frameCanReachParent ?? false).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'patient-cda.png'), fullPage: true });

    // Scrolled first: clicking while the page still scrolls to the viewer's focused title can
    // land in the document frame below.
    const importButton = row(page, PDF_TITLE).getByRole('button', { name: 'Importer' });
    await importButton.scrollIntoViewIfNeeded();
    await importButton.click();
    const importDir = path.join(dataDir, 'import');
    const said = page.locator('.resume', { hasText: /import|Échec/i });
    await said.waitFor();
    const imported = await until(
      'a file in the import folder',
      () => {
        const files = filesIn(importDir).filter((f) => !f.endsWith('.json'));
        return files.length > 0 ? files : undefined;
      },
      10_000,
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; the screen said: ${await said.textContent()}`);
    });
    expect(imported.length).toBe(1);
    await page.locator('.resume', { hasText: 'importé' }).waitFor();
    await row(page, PDF_TITLE).locator('.etiquette', { hasText: 'importé' }).waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows the CDA with the ANS stylesheet’s styles, and the page reports no CSP violation', async () => {
    const { page, problems } = await openUi();
    // Chromium logs every CSP violation of the page and of its frames (the srcdoc frame runs no
    // script, so no securitypolicyviolation listener can run inside it) to the console.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.evaluate(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content Security Policy violation: ${e.violatedDirective}`);
      });
    });
    await openByTypedIns(page);
    await row(page, CDA_TITLE).getByRole('button', { name: 'Lire' }).click();
    const frame = page.frameLocator('iframe.visionneuse-html');
    await frame.locator('body').getByText(CDA_TEXT).waitFor();
    // The srcdoc holds one <style> (the constant block the CSP allows by its hash), no style
    // attribute and no script.
    const srcdoc = (await page.locator('iframe.visionneuse-html').getAttribute('srcdoc')) ?? '';
    expect(srcdoc.match(/<style[\s>]/g)).toHaveLength(1);
    expect(srcdoc).not.toMatch(/\sstyle="|<script/);
    // The stylesheet's CSS applies (body text #003366, h1 12pt)…
    const computed = (selector: string, property: string) =>
      frame
        .locator(selector)
        .first()
        .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    expect(await computed('body', 'color')).toBe('rgb(0, 51, 102)');
    // …and so do its inline styles, now classes: the header cells' 1px solid border.
    const bordered = CDA_STYLE_CLASSES.get(
      'background-color: white;border-width:1px;border-style:solid;',
    );
    expect(await frame.locator(`td.${bordered}`).count()).toBeGreaterThan(0);
    expect(await computed(`td.${bordered}`, 'border-top-width')).toBe('1px');
    expect(await computed(`td.${bordered}`, 'border-top-style')).toBe('solid');
    const bold = CDA_STYLE_CLASSES.get('font-weight:bold; color:black;');
    expect(await computed(`.${bold}`, 'font-weight')).toBe('700');
    await page.waitForTimeout(300);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'patient-cda-styles.png'),
      fullPage: true,
    });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('opens the patient named in the #patient fragment, and refuses a bad INS in French', async () => {
    const { page } = await openUi();
    await go(page, `#patient/${INS}`);
    await page.locator('dd[data-fait="dmp"]').waitFor();
    expect(page.url()).not.toContain(INS);
    expect(await page.locator('.patient-etat h2').textContent()).toBe(
      'Patient 2 07 05 85 756 270 97',
    );
    await row(page, CDA_TITLE).waitFor();

    // The form navette:// links and `navette open` write (src/api/patientView.ts).
    await go(page, `#/patient/${INS}?oid=1.2.250.1.213.1.4.10`);
    await page.locator('.patient-etat h2', { hasText: 'Patient 2 07 05 85 756 270 97' }).waitFor();
    await row(page, CDA_TITLE).waitFor();

    await go(page, '#patient');
    await page.getByLabel('INS du patient').waitFor();
    await page.getByLabel('INS du patient').fill('12345');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    expect(await page.locator('.formulaire-ins .erreur').textContent()).toBe(
      "L'INS compte 15 caractères (clé comprise) ; vous en avez saisi 5.",
    );
    expect(await page.getByLabel('INS du patient').getAttribute('aria-invalid')).toBe('true');
  }, 60_000);

  it('bris de glace: refused without a reason, then a banner on every screen until ended', async () => {
    const { page } = await openUi();
    await go(page, '#patient');
    await page.getByLabel('bris de glace', { exact: true }).check();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Activer le bris de glace' }).click();
    expect(await dialog.locator('.erreur').textContent()).toContain('elle est obligatoire');
    expect(await dialog.isVisible()).toBe(true);
    await dialog
      .getByLabel('Raison du bris de glace (obligatoire)')
      .fill('Patient inconscient aux urgences');
    await dialog.getByRole('button', { name: 'Activer le bris de glace' }).click();
    const banner = page.locator('#bandeau-acces');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain('« Patient inconscient aux urgences »');

    await page.getByLabel('INS du patient').fill(INS);
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.locator('dd', { hasText: 'bris de glace' }).waitFor();
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'patient-bris-de-glace.png'),
      fullPage: true,
    });

    for (const screen of ['#accueil', '#envois', '#journal', '#reglages']) {
      await go(page, screen);
      await page.waitForTimeout(100);
      expect(await banner.isVisible(), screen).toBe(true);
    }
    await page.reload();
    await page.locator('#navigation a[data-route="patient"]').waitFor();
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Terminer ce mode' }).click();
    expect(await banner.count()).toBe(0);
  }, 60_000);

  it('works with the keyboard only: open, read, manage dialog closed by Escape', async () => {
    const { page } = await openUi();
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return `${a?.tagName ?? ''}|${a?.textContent?.trim() ?? ''}|${a?.getAttribute('aria-label') ?? ''}|${a?.id ?? ''}`;
      });
    async function tabTo(match: (f: string) => boolean, max = 80): Promise<void> {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (match(await focused())) return;
      }
      throw new Error(`focus never reached the target; last: ${await focused()}`);
    }
    await tabTo((f) => f.startsWith('A|Patient|'));
    await page.keyboard.press('Enter');
    await page.getByLabel('INS du patient').waitFor();
    await tabTo((f) => f.startsWith('INPUT|') && f.includes('ins-'));
    await page.keyboard.type(INS);
    await page.keyboard.press('Enter');
    await row(page, CDA_TITLE).waitFor();
    await tabTo((f) => f.includes(`Lire « ${CDA_TITLE} »`));
    await page.keyboard.press('Enter');
    await page.locator('iframe.visionneuse-html').waitFor();
    expect(await focused()).toContain(CDA_TITLE);

    await go(page, `#patient/${INS}`);
    await row(page, CDA_TITLE).waitFor();
    await tabTo((f) => f.startsWith('SUMMARY|Gérer'));
    await page.keyboard.press('Enter');
    await tabTo((f) => f.startsWith('BUTTON|Archiver'));
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await focused()).toMatch(/^BUTTON\|Annuler/);
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await focused()).toMatch(/^BUTTON\|Archiver/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'patient-clavier.png'), fullPage: true });
  }, 60_000);

  it('archives one of the user’s documents after confirmation; « archivé » shows with the filter', async () => {
    const { page, problems } = await openUi();
    await go(page, `#patient/${INS}`);
    await row(page, CDA_TITLE).waitFor();
    await row(page, CDA_TITLE).locator('summary', { hasText: 'Gérer' }).click();
    await row(page, CDA_TITLE).getByRole('button', { name: 'Archiver' }).click();
    const dialog = page.locator('dialog[open]');
    expect(await dialog.locator('h2').textContent()).toBe('Archiver ce document ?');
    await dialog.getByRole('button', { name: 'Archiver' }).click();
    // Archived documents leave the default list…
    await row(page, CDA_TITLE).waitFor({ state: 'detached' });
    await row(page, PDF_TITLE).waitFor();
    // …and come back, labelled, with « inclure archivés et obsolètes ».
    await page.getByLabel('Inclure les documents archivés et obsolètes').check();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await row(page, CDA_TITLE).waitFor();
    expect(await row(page, CDA_TITLE).locator('.statut').textContent()).toBe('archivé');
    expect(await row(page, CDA_TITLE).getAttribute('data-statut')).toBe('archived');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'patient-archives.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
