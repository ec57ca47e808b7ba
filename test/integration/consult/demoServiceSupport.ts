// Tests of the local API's consultation and import operations through `navette serve --demo` run
// in-process: the CLI's output captured, token-bearing JSON posts, and sessions of the demo DMP's
// professionals (the embedded sandbox, its URL read from the health report).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/app/config/index.js';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import type { RunningService } from '../../../src/app/index.js';
import type { SandboxManifest } from '../../../src/app/sandbox.js';
import type { CliIo } from '../../../src/cli/io.js';
import { makeTempDir } from '../../support/tempDir.js';
import { call } from '../server/apiClient.js';

export function cliIo(home: string): CliIo & { stdout: string[] } {
  const stdout: string[] = [];
  return {
    stdout,
    out: (line) => stdout.push(line),
    err: () => undefined,
    env: { NAVETTE_HOME: home },
    onSignal: () => () => undefined,
    onFatal: () => () => undefined,
  };
}

/** POSTs `body` as JSON with the bearer `token`; the answer parsed. */
export async function postJson(
  port: number,
  token: string,
  apiPath: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const answer = await call(port, apiPath, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: answer.status, json: JSON.parse(answer.body) as Record<string, unknown> };
}

/** A session of the demo DMP's professional `key` (its own virtual card). */
export async function openDemoSession(
  service: RunningService,
  manifest: SandboxManifest,
  key: string,
): Promise<DmpSession> {
  const message = service.health().components['dmp']?.message ?? '';
  const url = /\((https:[^)]+)\)/.exec(message)?.[1];
  if (url === undefined) throw new Error(`no demo DMP url in « ${message} »`);
  const file = path.join(makeTempDir('navette-demo-cfg-'), 'settings.json');
  writeFileSync(
    file,
    JSON.stringify({
      configVersion: 2,
      dmp: { endpoint: url, authMode: 'direct', trustAnchors: [manifest.ca] },
      structure: { id: manifest.structure.id, name: manifest.structure.name },
    }),
  );
  const card = manifest.cards.find((c) => c.key === key);
  if (card === undefined) throw new Error(`no card ${key}`);
  return openDmpSession({
    config: loadConfig({ userFile: file }).config,
    env: {},
    demoCard: { p12: card.p12, password: manifest.structure.password },
  });
}
