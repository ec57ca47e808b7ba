// A DMP session: the DmpClient wired for the configured authentication mode, with what it holds
// open (card worker, TLS connections) and how to close it.
//
//   direct    the card (CardService over the card worker): login with the user's PIN; the
//             SIGNATURE key signs the VIHF (Pkcs11CardSigner); the AUTHENTICATION key does mutual
//             TLS through the OpenSSL pkcs11 engine (headless Linux and tests; Electron brings its
//             own transport in src/main).
//   indirect  the structure's PKCS#12: ORG SIGN signs (Pkcs12Signer), ORG AUTH_CLI does TLS; its
//             password comes from NAVETTE_STRUCTURE_P12_PASSWORD, never from the configuration.
//   demo      the virtual TEST card written by the sandbox (both keys in a PKCS#12).
//
// Everything that can be checked without the card (structure id, trust anchors) is checked
// before the PIN is asked, so a configuration mistake never costs a PIN entry.
import { X509Certificate } from 'node:crypto';
import {
  Pkcs11CardSigner,
  VirtualTestCard,
  readPkcs12,
  type CardHandle,
  type CardService,
  type HolderIdentity,
} from '../../card/index.js';
import { DmpClient, type VihfContext } from '../../dmp/index.js';
import type { HttpsTransport } from '../../domain/ports/HttpsTransport.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { XmlSigner } from '../../domain/ports/XmlSigner.js';
import type { VihfSoftware } from '../../protocol/saml/index.js';
import { Pkcs11EngineHttpsTransport, Pkcs12HttpsTransport } from '../../transport/index.js';
import { exportModuleEnvironment, type Environment } from '../card/cardEnvironment.js';
import { loginCard, type PinSource } from '../card/cardLogin.js';
import { openCardService } from '../card/openCardService.js';
import type { NavetteConfig } from '../config/index.js';
import { readPackageVersion } from '../service/packageInfo.js';
import { STRUCTURE_P12_PASSWORD_VARIABLE, dmpSetupErrors } from './DmpSetupError.js';
import { loadDmpTrustAnchors } from './dmpTrustAnchors.js';
import { DMP_NODE_TLS_POLICY } from './dmpTlsPolicy.js';
import { readStructureCertificate, singleKeyPkcs12 } from './structureCertificate.js';
import {
  directVihfContext,
  indirectVihfContext,
  navetteSoftware,
  type VihfDefaults,
} from './vihfContexts.js';

export type DmpSessionMode = 'direct' | 'indirect' | 'demo';

export interface DmpSessionOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  /** Asks the card's PIN (direct mode only). */
  readonly pin?: PinSource;
  /** `--card LABEL`: which card, when several are present. */
  readonly cardLabel?: string;
  /** Demo mode: the sandbox's virtual test card (its PKCS#12 and password). */
  readonly demoCard?: { readonly p12: string; readonly password: string };
  /** The user's name for indirect calls ("NOM Prénom"); default: the automaton. */
  readonly userName?: string;
  readonly vihf?: VihfDefaults & { readonly ttlMs?: number; readonly conditions?: boolean };
  /** The OpenSSL engine: its path (default: found) or `pkcs11` when registered by OPENSSL_CONF. */
  readonly engine?: string;
  readonly workerPath?: string;
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

/** Who the session speaks for, in plain values (no key material). */
export interface DmpSessionIdentity {
  readonly mode: DmpSessionMode;
  /** French, for people: which card or certificate is used. */
  readonly description: string;
  readonly context: VihfContext;
  readonly signatureCertificateSubject: string;
  readonly authenticationCertificateSubject: string;
  readonly cardLabel?: string;
}

export interface DmpSession {
  readonly client: DmpClient;
  readonly identity: DmpSessionIdentity;
  readonly transport: HttpsTransport;
  readonly signer: XmlSigner;
  /** Direct mode: the card service and the card (diagnostics, benchmarks). */
  readonly card?: { readonly service: CardService; readonly handle: CardHandle };
  /** Demo mode: the holder of the virtual test card (direct mode reads it from `card`). */
  readonly virtualHolder?: HolderIdentity | null;
  /** Closes the TLS connections and stops the card worker. Idempotent. */
  close(): Promise<void>;
}

function subjectOf(der: Uint8Array): string {
  return new X509Certificate(der).subject.replace(/\n/g, ', ');
}

function pemOf(der: Uint8Array): string {
  return new X509Certificate(der).toString();
}

function software(options: DmpSessionOptions): VihfSoftware {
  return navetteSoftware(readPackageVersion(), options.vihf?.software);
}

function clientOf(
  options: DmpSessionOptions,
  transport: HttpsTransport,
  signer: XmlSigner,
  context: VihfContext,
): DmpClient {
  const vihf = options.vihf ?? {};
  return new DmpClient({
    transport,
    endpoint: options.config.dmp.endpoint,
    signer,
    context,
    signatureAlgorithm: options.config.dmp.signatureAlgorithm,
    ...(vihf.ttlMs === undefined ? {} : { vihfTtlMs: vihf.ttlMs }),
    ...(vihf.conditions === undefined ? {} : { vihfConditions: vihf.conditions }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.logger === undefined ? {} : { logger: options.logger.child('dmp') }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}

function closer(steps: readonly (() => Promise<void> | void)[]): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      for (const step of steps) {
        try {
          await step();
        } catch {
          // Closing goes on: a transport that fails to close must not keep the worker alive.
        }
      }
    })();
    return closing;
  };
}

async function openDirect(options: DmpSessionOptions): Promise<DmpSession> {
  const { config } = options;
  const anchors = loadDmpTrustAnchors(config);
  if (config.structure.id === undefined) throw dmpSetupErrors.structureIdMissing();
  const pinSource = options.pin;
  if (pinSource === undefined) throw new TypeError('direct mode needs a PIN source');
  const opened = openCardService({
    config,
    env: options.env,
    ...(options.workerPath === undefined ? {} : { workerPath: options.workerPath }),
  });
  try {
    const { service } = opened;
    const card = await service.findCard(options.cardLabel);
    const details = await service.readCard(card);
    const context = directVihfContext(
      details.holder,
      card.label,
      config,
      software(options),
      options.vihf,
    );
    const pin = await loginCard(service, card, pinSource);
    const signer = await Pkcs11CardSigner.create(service, card);
    const authentication = await service.usableCertificate(card, 'authentication');
    // The engine loads the module in this process: it must see SOFTHSM2_CONF too.
    exportModuleEnvironment(options.env);
    const transport = new Pkcs11EngineHttpsTransport({
      ...(options.engine === undefined ? {} : { engine: options.engine }),
      ...(options.engine !== undefined && !options.engine.includes('/')
        ? {}
        : { modulePath: opened.module.path }),
      key: { tokenLabel: card.label, keyIdHex: authentication.token.idHex },
      certificatePem: pemOf(authentication.token.der),
      pin,
      trustAnchorsPem: anchors,
      tls: DMP_NODE_TLS_POLICY,
    });
    return {
      client: clientOf(options, transport, signer, context),
      transport,
      signer,
      card: { service, handle: card },
      identity: {
        mode: 'direct',
        description: `Carte « ${card.label} »`,
        context,
        cardLabel: card.label,
        signatureCertificateSubject: subjectOf(signer.certificateDer),
        authenticationCertificateSubject: subjectOf(authentication.token.der),
      },
      close: closer([() => transport.close(), () => service.logout(card), () => opened.close()]),
    };
  } catch (error: unknown) {
    await opened.close();
    throw error;
  }
}

function openIndirect(options: DmpSessionOptions): DmpSession {
  const { config } = options;
  const anchors = loadDmpTrustAnchors(config);
  const file = config.structure.p12;
  if (file === undefined) throw dmpSetupErrors.structureP12Missing();
  const password = options.env[STRUCTURE_P12_PASSWORD_VARIABLE];
  if (password === undefined) throw dmpSetupErrors.structurePasswordMissing();
  const context = indirectVihfContext(
    config,
    software(options),
    options.userName === undefined ? {} : { name: options.userName },
    options.vihf,
  );
  const structure = readStructureCertificate(file, password);
  const transport = new Pkcs12HttpsTransport({
    pfx: structure.tlsPfx,
    passphrase: password,
    trustAnchorsPem: anchors,
    tls: DMP_NODE_TLS_POLICY,
  });
  return {
    client: clientOf(options, transport, structure.signer, context),
    transport,
    signer: structure.signer,
    identity: {
      mode: 'indirect',
      description: structure.signer.description,
      context,
      signatureCertificateSubject: subjectOf(structure.signer.certificateDer),
      authenticationCertificateSubject: structure.authenticationSubject,
    },
    close: closer([() => transport.close()]),
  };
}

function openDemo(options: DmpSessionOptions, demo: { p12: string; password: string }): DmpSession {
  const { config } = options;
  const anchors = loadDmpTrustAnchors(config);
  const card = new VirtualTestCard({ path: demo.p12, password: demo.password });
  const context = directVihfContext(
    card.holder,
    card.label,
    config,
    software(options),
    options.vihf,
  );
  const authentication = readPkcs12(demo.p12, demo.password).find(
    (p) => p.certificatePem === card.authentication.certificatePem,
  );
  if (authentication === undefined)
    throw dmpSetupErrors.structureKeyMissing(demo.p12, 'authentication');
  const transport = new Pkcs12HttpsTransport({
    pfx: singleKeyPkcs12(authentication, demo.password),
    passphrase: demo.password,
    trustAnchorsPem: anchors,
    tls: DMP_NODE_TLS_POLICY,
  });
  return {
    client: clientOf(options, transport, card.signer, context),
    transport,
    signer: card.signer,
    virtualHolder: card.holder,
    identity: {
      mode: 'demo',
      description: card.signer.description,
      context,
      cardLabel: card.label,
      signatureCertificateSubject: subjectOf(card.signer.certificateDer),
      authenticationCertificateSubject: subjectOf(authentication.certificateDer),
    },
    close: closer([() => transport.close()]),
  };
}

/** Opens the session of the configured mode (demo when a demo card is given). */
export async function openDmpSession(options: DmpSessionOptions): Promise<DmpSession> {
  if (options.demoCard !== undefined) return openDemo(options, options.demoCard);
  return options.config.dmp.authMode === 'indirect' ? openIndirect(options) : openDirect(options);
}
