// `navette sandbox init` and `navette sandbox serve` as a user runs them (the built CLI): init
// prints the JSON the issue specifies, with SoftHSM2 tokens for the cards; serve prints its ready
// line, answers over mutual TLS with a card from that JSON, and stops on SIGTERM.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insOfKind } from '../../../src/domain/ins/ins.js';
import { buildTd02Request, parseTd02Response } from '../../../src/protocol/hl7v3/index.js';
import type { SandboxManifest } from '../../../src/sandbox/index.js';
import { isolatedEnv, runCli, spawnCli } from '../../support/cli.js';
import { SandboxTestClient } from '../../support/sandboxClient.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterAll(() => removeTempDirs());

describe('navette sandbox', () => {
  it('init prints the sandbox as one JSON object; serve answers with its cards', async () => {
    const home = makeTempDir('sandbox-cli-home-');
    const dir = path.join(makeTempDir('sandbox-cli-'), 'dmp');
    const init = await runCli(['sandbox', 'init', '--dir', dir], isolatedEnv(home));
    expect(init.code, init.stderr).toBe(0);
    const m = JSON.parse(init.stdout) as SandboxManifest;
    expect(existsSync(m.config)).toBe(true);
    expect(readFileSync(m.ca, 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(m.structure).toMatchObject({ id: expect.any(String), password: expect.any(String) });
    expect(m.cards.map((c) => c.kind).sort()).toEqual(['CPE', 'CPS', 'CPS', 'CPS']);
    for (const card of m.cards) {
      expect(card.token, card.label).toMatchObject({
        module: expect.stringContaining('softhsm2'),
        label: card.label,
      });
      expect(existsSync(card.p12)).toBe(true);
    }
    expect(m.patients.map((p) => p.scenario)).toContain('opposition-acces-urgence');
    const config = JSON.parse(readFileSync(m.config, 'utf8')) as {
      dmp: { endpoint: string; trustAnchors: string[] };
    };
    expect(config.dmp.trustAnchors).toEqual([m.ca]);

    const again = await runCli(['sandbox', 'init', '--dir', dir], isolatedEnv(home));
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('contient déjà un DMP de test');

    const serve = spawnCli(['sandbox', 'serve', '--dir', dir, '--port', '0'], isolatedEnv(home));
    try {
      const ready = await serve.ready(30_000);
      const client = SandboxTestClient.forCard(m, ready.url, 'gp');
      const td02 = buildTd02Request({
        ins: insOfKind('207058575627097', 'NIR_TEST'),
        sender: { oid: '1.2.3.4', softwareName: 'Navette' },
        creationTime: new Date(),
      }).xml;
      const answer = await client.call('patientRegistryQuery', td02, {
        patientIns: '207058575627097',
      });
      client.close();
      expect(parseTd02Response(answer.envelope?.bodyXml ?? '').authorization).toBe('VALIDE');
    } finally {
      serve.child.kill('SIGTERM');
    }
    expect((await serve.exited()).code).toBe(0);
  }, 90_000);
});
