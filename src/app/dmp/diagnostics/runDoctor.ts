// `navette doctor`: every check Navette can make, each independent (one failing does not stop the
// others; a check that needs a failed one says it was not made). The card is read without its
// PIN unless the user asks (`--pin`): only then can the TLS check present the card's
// authentication key and read the DMP's clock in direct mode. In indirect mode the structure's
// certificate is presented when its password is available.
import { X509Certificate } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import { engineSecureContext, pkcs12SecureContext } from '../../../transport/index.js';
import { exportModuleEnvironment, type Environment } from '../../card/cardEnvironment.js';
import { runCardChecks, type CardTlsIdentity } from '../../card/cardChecks.js';
import type { PinSource } from '../../card/cardLogin.js';
import type { ConfigProblem, NavetteConfig } from '../../config/index.js';
import { STRUCTURE_P12_PASSWORD_VARIABLE } from '../DmpSetupError.js';
import { DMP_NODE_TLS_POLICY } from '../dmpTlsPolicy.js';
import { readStructureCertificate } from '../structureCertificate.js';
import { check, failed, type DoctorCheck, type DoctorReport } from './doctorCheck.js';
import {
  clockCheck,
  configurationCheck,
  reachabilityCheck,
  structureCertificateCheck,
  trustAnchorsCheck,
} from './dmpChecks.js';
import { probeDmpServer, type ProbeOutcome } from './probeDmpServer.js';

export interface DoctorOptions {
  readonly config: NavetteConfig;
  readonly problems: readonly ConfigProblem[];
  readonly env: Environment;
  readonly cardLabel?: string;
  /** `--pin`: check the PIN and present the card's key in the TLS check. */
  readonly pin?: PinSource;
  readonly workerPath?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

interface ClientIdentity {
  readonly context: SecureContext;
  /** French: what was presented. */
  readonly description: string;
}

function cardIdentity(
  identity: CardTlsIdentity,
  anchors: string[],
  env: Environment,
): ClientIdentity {
  exportModuleEnvironment(env);
  return {
    context: engineSecureContext({
      modulePath: identity.modulePath,
      key: { tokenLabel: identity.tokenLabel, keyIdHex: identity.keyIdHex },
      certificatePem: new X509Certificate(identity.certificateDer).toString(),
      pin: identity.pin,
      trustAnchorsPem: anchors,
      tls: DMP_NODE_TLS_POLICY,
    }),
    description: `la carte « ${identity.tokenLabel} »`,
  };
}

function structureIdentity(
  config: NavetteConfig,
  env: Environment,
  anchors: string[],
): ClientIdentity | null {
  const file = config.structure.p12;
  const password = env[STRUCTURE_P12_PASSWORD_VARIABLE];
  if (file === undefined || password === undefined) return null;
  const structure = readStructureCertificate(file, password);
  return {
    context: pkcs12SecureContext({
      pfx: structure.tlsPfx,
      passphrase: password,
      trustAnchorsPem: anchors,
      tls: DMP_NODE_TLS_POLICY,
    }),
    description: 'le certificat de la structure',
  };
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const now = options.now ?? (() => new Date());
  const { config, env } = options;
  const checks: DoctorCheck[] = [configurationCheck(config, options.problems)];
  const anchors = trustAnchorsCheck(config, now());
  checks.push(anchors.check);

  let cardIdentityFound: CardTlsIdentity | undefined;
  let closeCard = (): Promise<void> => Promise.resolve();
  if (config.dmp.authMode === 'direct') {
    const card = await runCardChecks({
      config,
      env,
      ...(options.cardLabel === undefined ? {} : { cardLabel: options.cardLabel }),
      ...(options.pin === undefined ? {} : { pin: options.pin }),
      ...(options.workerPath === undefined ? {} : { workerPath: options.workerPath }),
      now,
    });
    checks.push(...card.checks);
    cardIdentityFound = card.identity;
    closeCard = () => card.close();
  } else {
    checks.push(structureCertificateCheck(config, env, now()));
  }

  try {
    let outcome: ProbeOutcome | null = null;
    let clockWhy: string | null = null;
    if (anchors.anchors === null) {
      checks.push(
        check(
          'dmp-reachable',
          'Connexion au DMP',
          'skip',
          'Non vérifié : aucune autorité de confiance utilisable.',
        ),
      );
      clockWhy = 'la connexion au DMP n’a pas été testée';
    } else {
      let identity: ClientIdentity | null = null;
      try {
        if (cardIdentityFound !== undefined)
          identity = cardIdentity(cardIdentityFound, anchors.anchors, env);
        else if (config.dmp.authMode === 'indirect')
          identity = structureIdentity(config, env, anchors.anchors);
      } catch (error: unknown) {
        checks.push(
          failed(
            'client-identity',
            'Identité présentée au DMP',
            error,
            'Vérifiez la carte (ou le certificat de la structure) et relancez le diagnostic.',
          ),
        );
      }
      outcome = await probeDmpServer({
        endpoint: config.dmp.endpoint,
        trustAnchorsPem: anchors.anchors,
        ...(identity === null ? {} : { clientContext: identity.context }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        now,
      });
      checks.push(reachabilityCheck(config.dmp.endpoint, outcome, identity?.description ?? null));
      if (outcome.kind !== 'connected' && outcome.kind !== 'client-certificate-required') {
        clockWhy = "la connexion au DMP n'a pas abouti";
      } else if (identity === null) {
        clockWhy =
          config.dmp.authMode === 'direct'
            ? "l'heure du DMP n'est lisible qu'après une connexion authentifiée : relancez avec --pin pour la tester avec la carte"
            : `l'heure du DMP n'est lisible qu'après une connexion authentifiée : fournissez ${STRUCTURE_P12_PASSWORD_VARIABLE}`;
      }
    }
    checks.push(clockCheck(outcome, clockWhy));
  } finally {
    await closeCard();
  }
  return {
    ok: checks.every((c) => c.status !== 'fail'),
    authMode: config.dmp.authMode,
    endpoint: config.dmp.endpoint,
    checks,
  };
}
