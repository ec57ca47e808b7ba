// The web UI of `navette serve --demo` in Debian Chromium: opened with the address the service
// prints (session token in the fragment), the token leaves the address bar; the demo banner, the
// « Accueil » cards and component table, and no CSP violation. Opened without the token, the page
// says how to open it properly.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../support/tempDir.js';
import {
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

describe('web UI (demo): Accueil', () => {
  it('shows the demo banner, the card, DMP, folders and queue, in French', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    const problems = watchProblems(page);
    await page.goto(demo.uiUrl);
    // The token is taken out of the address bar at once.
    await page.waitForFunction(() => !location.hash.includes('jeton'));
    expect(new URL(page.url()).hash).toBe('#accueil');
    expect(await page.title()).toBe('Accueil — Navette');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    const banner = page.locator('#demo-banner');
    expect(await banner.textContent()).toBe('DÉMO — DMP de test');
    expect(await banner.isVisible()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('Accueil');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Accueil');

    const database = page.locator('tr[data-component="database"]');
    await database.waitFor();
    expect(await database.locator('td').nth(0).textContent()).toBe('Base de données');
    expect(await database.locator('td').nth(1).textContent()).toBe('En service');
    await page.locator('[data-carte="dmp"] .etat').waitFor();
    expect(await page.locator('[data-carte="dmp"] .etat').textContent()).toBe('En service');
    expect(await page.locator('[data-carte="file"] h2').textContent()).toBe("File d'envoi");
    await page.locator('#file-total').waitFor();
    expect(await page.locator('#version').textContent()).toMatch(
      /^Navette \d+\.\d+\.\d+ — DÉMO — DMP de test$/,
    );
    await screenshot(page, 'accueil');
    expect(problems).toEqual([]);
  });

  it('without the token, says how to open the UI instead of failing silently', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${demo.url}#envois`);
    const message = page.locator('#ecran [role="alert"]');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/jeton de session/);
  });

  it('blocks inline scripts (the CSP is enforced by the browser)', async () => {
    const page = await browser.newPage();
    await page.goto(demo.uiUrl);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true;';
      document.head.append(s);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(ran).toBe(false);
  });
});
