// `navette sandbox init --dir DIR`: everything a DMP test server and a Navette pointed at it need —
// the test PKI, SoftHSM2 tokens for the cards when softhsm2 is installed, PKCS#12 files, the
// seeded patients, DIR/config.json for Navette, and DIR/sandbox.json describing it all.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateTestPki, type IssuedCertificate } from './pki/index.js';
import { SEED_PATIENTS } from './seed/patients.js';
import { provisionTestCardTokens } from './softhsm/index.js';
import { SandboxStore } from './state/SandboxStore.js';
import {
  SANDBOX_DATABASE_FILE,
  SANDBOX_DEFAULT_PORT,
  SANDBOX_MANIFEST_FILE,
  SANDBOX_REPOSITORY_UNIQUE_ID,
  type SandboxManifest,
} from './manifest.js';
import { NavetteError } from '../domain/errors/NavetteError.js';

/** The PIN of every test card (DmpConnect's test cards use the same, DMP-INTERFACE §3). */
export const TEST_CARD_PIN = '1234';

export interface InitSandboxOptions {
  readonly dir: string;
  /** Port written into DIR/config.json and the manifest's URL (default 7412). */
  readonly port?: number;
  /** Skip SoftHSM2 even when installed (faster; the virtual card and PKCS#12 still work). */
  readonly withoutSoftHsm?: boolean;
}

export class SandboxInitError extends NavetteError {
  override readonly name = 'SandboxInitError';
}

function paths(c: IssuedCertificate): { cert: string; key: string } {
  if (c.certPath === undefined || c.keyPath === undefined) {
    throw new SandboxInitError(
      'SANDBOX_PKI_NOT_WRITTEN',
      "L'IGC de test n'a pas été écrite sur le disque.",
    );
  }
  return { cert: c.certPath, key: c.keyPath };
}

export function initSandbox(options: InitSandboxOptions): SandboxManifest {
  const dir = path.resolve(options.dir);
  if (existsSync(path.join(dir, SANDBOX_MANIFEST_FILE))) {
    throw new SandboxInitError(
      'SANDBOX_ALREADY_INITIALISED',
      `Le dossier ${dir} contient déjà un DMP de test. Choisissez un dossier vide, ou supprimez celui-ci pour repartir de zéro.`,
      { dir },
    );
  }
  mkdirSync(dir, { recursive: true });
  const pki = generateTestPki({ dir: path.join(dir, 'pki') });
  const tokens = options.withoutSoftHsm
    ? { tokens: null, reason: 'SoftHSM2 non demandé (--sans-softhsm).' }
    : provisionTestCardTokens({
        dir: path.join(dir, 'softhsm'),
        cards: pki.cards,
        pin: TEST_CARD_PIN,
      });
  const port = options.port ?? SANDBOX_DEFAULT_PORT;
  const url = `https://127.0.0.1:${port}/si-dmp-server/v2/services`;
  const database = path.join(dir, SANDBOX_DATABASE_FILE);

  const store = SandboxStore.open(database);
  try {
    store.seed(SEED_PATIENTS, Object.fromEntries(pki.cards.map((c) => [c.key, c.holder.id])));
  } finally {
    store.close();
  }

  const ca = pki.ca.certPath;
  const structureP12 = pki.structure.p12?.combined;
  if (ca === undefined || structureP12 === undefined) {
    throw new SandboxInitError(
      'SANDBOX_PKI_NOT_WRITTEN',
      "L'IGC de test n'a pas été écrite sur le disque.",
    );
  }
  const firstToken = tokens.tokens?.values().next().value;
  const configFile = path.join(dir, 'config.json');
  writeFileSync(
    configFile,
    `${JSON.stringify(
      {
        configVersion: 2,
        dmp: { endpoint: url, authMode: 'direct', trustAnchors: [ca] },
        ...(firstToken ? { card: { pkcs11Module: firstToken.module } } : {}),
        structure: { id: pki.structure.id, name: pki.structure.name, p12: structureP12 },
      },
      null,
      2,
    )}\n`,
  );

  const manifest: SandboxManifest = {
    config: configFile,
    ca,
    structure: {
      id: pki.structure.id,
      name: pki.structure.name,
      p12: structureP12,
      password: pki.p12Password,
      authentication: paths(pki.structure.authentication),
      signature: paths(pki.structure.signature),
    },
    cards: pki.cards.map((c) => {
      const token = tokens.tokens?.get(c.key);
      return {
        key: c.key,
        label: c.label,
        kind: c.kind,
        holder: { ...c.holder },
        pin: TEST_CARD_PIN,
        token: token ? { module: token.module, label: token.tokenLabel, conf: token.conf } : null,
        p12: c.p12Path ?? '',
        authentication: paths(c.authentication),
        signature: paths(c.signature),
      };
    }),
    patients: SEED_PATIENTS.map((p) => ({
      ins: p.ins,
      oid: p.oid,
      family: p.family,
      given: p.given,
      scenario: p.scenario,
    })),
    softhsm: {
      conf: firstToken?.conf ?? null,
      reason: tokens.tokens === null ? tokens.reason : null,
    },
    server: { ...paths(pki.server), url },
    repositoryUniqueId: SANDBOX_REPOSITORY_UNIQUE_ID,
    database,
  };
  writeFileSync(path.join(dir, SANDBOX_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
