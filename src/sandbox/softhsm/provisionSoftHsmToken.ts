// Test tokens on SoftHSM2, one per card, in a private token store: `DIR/softhsm2.conf` points
// SoftHSM at `DIR/tokens`, so nothing touches the user's or the system's tokens. Whoever loads
// the module (Navette's card worker, pkcs11-tool) must get SOFTHSM2_CONF=DIR/softhsm2.conf in its
// environment. Keys are imported with `softhsm2-util --import` (PKCS#8), certificates with
// `pkcs11-tool --write-object --type cert`, both under the card's CKA_ID and labels.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { NavetteError } from '../../domain/index.js';
import { locateSoftHsm, type LocateOptions, type SoftHsmInstallation } from './locateSoftHsm.js';

export class SoftHsmProvisioningError extends NavetteError {
  override readonly name = 'SoftHsmProvisioningError';
}

export interface TokenKeyPair {
  readonly ckaIdHex: string;
  readonly keyLabel: string;
  readonly certificateLabel: string;
  /** PKCS#8 PEM. */
  readonly keyPem: string;
  readonly certPem: string;
}

/** What goes on one token. A `TestCard` fits (see `tokenContentOf`). */
export interface TokenContent {
  readonly label: string;
  readonly keyPairs: readonly TokenKeyPair[];
}

/**
 * Which mechanisms the slots offer. 'all' is SoftHSM's default. 'no-pss' emulates a card whose
 * middleware lacks RSA-PSS (TECH-NOTES §2). 'no-hash-and-sign' also removes the combined
 * CKM_SHA1/SHA256_RSA_PKCS mechanisms, leaving raw CKM_RSA_PKCS: the DigestInfo fallback case.
 */
export type MechanismProfile = 'all' | 'no-pss' | 'no-hash-and-sign';

export interface ProvisionOptions {
  /** Folder of the token store (created): softhsm2.conf and tokens/ go there. */
  readonly dir: string;
  readonly content: TokenContent;
  /** User PIN (default '1234', DmpConnect's test PIN). */
  readonly pin?: string;
  readonly soPin?: string;
  readonly mechanisms?: MechanismProfile;
  /** Default: `locateSoftHsm(locate)`. */
  readonly installation?: SoftHsmInstallation;
  readonly locate?: LocateOptions;
}

export interface SoftHsmToken {
  readonly module: string;
  /** Give this to the process that loads the module, as SOFTHSM2_CONF. */
  readonly conf: string;
  readonly tokenLabel: string;
  readonly serial: string;
  readonly pin: string;
  readonly soPin: string;
  readonly keyPairs: readonly {
    readonly ckaIdHex: string;
    readonly keyLabel: string;
    readonly certificateLabel: string;
  }[];
}

export type SoftHsmProvisioning =
  | { readonly token: SoftHsmToken; readonly reason?: undefined }
  | { readonly token: null; readonly reason: string };

const PSS = [
  'CKM_RSA_PKCS_PSS',
  'CKM_SHA1_RSA_PKCS_PSS',
  'CKM_SHA224_RSA_PKCS_PSS',
  'CKM_SHA256_RSA_PKCS_PSS',
  'CKM_SHA384_RSA_PKCS_PSS',
  'CKM_SHA512_RSA_PKCS_PSS',
];
const HASH_AND_SIGN = [
  'CKM_SHA1_RSA_PKCS',
  'CKM_SHA224_RSA_PKCS',
  'CKM_SHA256_RSA_PKCS',
  'CKM_SHA384_RSA_PKCS',
  'CKM_SHA512_RSA_PKCS',
];

function mechanismsLine(profile: MechanismProfile): string {
  if (profile === 'all') return '';
  const removed = profile === 'no-pss' ? PSS : [...PSS, ...HASH_AND_SIGN];
  // SoftHSM 2.6.1 applies the leading "-" to the whole list but keeps its first entry
  // (TECH-NOTES §1): CKM_MD5 is a harmless first entry.
  return `slots.mechanisms = -CKM_MD5,${removed.join(',')}\n`;
}

/** Writes DIR/softhsm2.conf (private token store) and returns its path. */
export function writeSoftHsmConf(dir: string, mechanisms: MechanismProfile = 'all'): string {
  const root = path.resolve(dir);
  mkdirSync(path.join(root, 'tokens'), { recursive: true });
  const conf = path.join(root, 'softhsm2.conf');
  writeFileSync(
    conf,
    `# Navette sandbox: private SoftHSM2 token store (test cards only).\n` +
      `directories.tokendir = ${path.join(root, 'tokens')}\n` +
      `objectstore.backend = file\n` +
      `log.level = ERROR\n` +
      // Card readers are removable devices; SoftHSM reports its slots as such with this.
      `slots.removable = true\n` +
      mechanismsLine(mechanisms),
  );
  return conf;
}

function run(tool: string, args: readonly string[], conf: string, what: string): string {
  try {
    return execFileSync(tool, [...args], {
      env: { ...process.env, SOFTHSM2_CONF: conf },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e: unknown) {
    const stderr = (e as { stderr?: unknown }).stderr;
    // The arguments hold the PINs: only the tool's own diagnostic is kept.
    throw new SoftHsmProvisioningError(
      'SOFTHSM_PROVISIONING_FAILED',
      `La création du jeton de test SoftHSM a échoué (${what}). Vérifiez l'installation de softhsm2 et d'opensc.`,
      { tool: path.basename(tool), stderr: typeof stderr === 'string' ? stderr.slice(0, 500) : '' },
      { cause: e },
    );
  }
}

interface ShownToken {
  readonly label: string;
  readonly serial: string;
}

/** Initialised tokens listed by `softhsm2-util --show-slots`. */
function showTokens(installation: SoftHsmInstallation, conf: string): ShownToken[] {
  const out = run(installation.softhsmUtil, ['--show-slots'], conf, 'liste des jetons');
  const tokens: ShownToken[] = [];
  for (const block of out.split(/^Slot /m)) {
    const serial = /Serial number:\s*(\S+)/.exec(block)?.[1];
    const label = /Label:\s*(.*?)\s*$/m.exec(block)?.[1];
    if (serial !== undefined && label !== undefined && /Initialized:\s*yes/.test(block)) {
      tokens.push({ label, serial });
    }
  }
  return tokens;
}

/** One token holding `content`'s key pairs; an existing token with the same label is replaced. */
export function provisionSoftHsmToken(options: ProvisionOptions): SoftHsmProvisioning {
  let installation = options.installation;
  if (installation === undefined) {
    const lookup = locateSoftHsm(options.locate);
    if (lookup.installation === null) return { token: null, reason: lookup.reason };
    installation = lookup.installation;
  }
  const pin = options.pin ?? '1234';
  const soPin = options.soPin ?? '12345678';
  const label = options.content.label;
  if (Buffer.byteLength(label, 'utf8') > 32) {
    throw new SoftHsmProvisioningError(
      'SOFTHSM_LABEL_TOO_LONG',
      `Le libellé de carte « ${label} » dépasse 32 octets, la limite PKCS#11 d'un libellé de jeton.`,
      { label },
    );
  }
  const conf = writeSoftHsmConf(options.dir, options.mechanisms);
  if (showTokens(installation, conf).some((t) => t.label === label)) {
    run(installation.softhsmUtil, ['--delete-token', '--token', label], conf, 'suppression');
  }
  run(
    installation.softhsmUtil,
    ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', pin],
    conf,
    'initialisation',
  );
  const scratch = path.join(path.resolve(options.dir), `.import-${process.pid}`);
  mkdirSync(scratch, { recursive: true, mode: 0o700 });
  try {
    for (const pair of options.content.keyPairs) {
      const keyFile = path.join(scratch, 'key.pem');
      writeFileSync(keyFile, pair.keyPem, { mode: 0o600 });
      run(
        installation.softhsmUtil,
        [
          '--import',
          keyFile,
          '--token',
          label,
          '--label',
          pair.keyLabel,
          '--id',
          pair.ckaIdHex,
          '--pin',
          pin,
        ],
        conf,
        'import de clé',
      );
      const certFile = path.join(scratch, 'cert.der');
      writeFileSync(certFile, new X509Certificate(pair.certPem).raw);
      run(
        installation.pkcs11Tool,
        [
          '--module',
          installation.module,
          '--token-label',
          label,
          '--login',
          '--pin',
          pin,
          '--write-object',
          certFile,
          '--type',
          'cert',
          '--id',
          pair.ckaIdHex,
          '--label',
          pair.certificateLabel,
        ],
        conf,
        'écriture du certificat',
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const serial = showTokens(installation, conf).find((t) => t.label === label)?.serial ?? '';
  return {
    token: {
      module: installation.module,
      conf,
      tokenLabel: label,
      serial,
      pin,
      soPin,
      keyPairs: options.content.keyPairs.map(({ ckaIdHex, keyLabel, certificateLabel }) => ({
        ckaIdHex,
        keyLabel,
        certificateLabel,
      })),
    },
  };
}
