// The DMP side of `navette doctor`: configuration problems, trust anchors, the structure's
// certificate (indirect mode), the DMP's reachability (TLS handshake) and the clock.
import { X509Certificate } from 'node:crypto';
import { readPkcs12 } from '../../../card/index.js';
import { isNavetteError } from '../../../domain/errors/NavetteError.js';
import type { ConfigProblem, NavetteConfig } from '../../config/index.js';
import { STRUCTURE_P12_PASSWORD_VARIABLE } from '../DmpSetupError.js';
import { loadDmpTrustAnchors } from '../dmpTrustAnchors.js';
import { check, failed, frenchDate, type DoctorCheck } from './doctorCheck.js';
import type { ProbeOutcome } from './probeDmpServer.js';

/** Beyond this gap between our clock and the DMP's, the check fails (VIHF dates, certificates). */
export const CLOCK_SKEW_FAIL_MS = 5 * 60_000;
/** Beyond this one, it warns. */
export const CLOCK_SKEW_WARN_MS = 60_000;

const T = {
  configuration: 'Configuration',
  anchors: 'Autorités de confiance du DMP',
  structure: 'Certificat de la structure (authentification indirecte)',
  reachable: 'Connexion au DMP',
  clock: "Horloge de l'ordinateur",
};

export function configurationCheck(
  config: NavetteConfig,
  problems: readonly ConfigProblem[],
): DoctorCheck {
  const messages = problems.map((p) => p.message);
  const fixes = problems.map(
    (p) => `corrigez « ${p.field} » dans ${p.file} (attendu : ${p.expected})`,
  );
  if (config.structure.id === undefined) {
    messages.push(
      "L'identifiant national de la structure (structure.id) n'est pas configuré : le DMP l'exige.",
    );
    fixes.push('indiquez structure.id (par exemple « 1 » suivi du numéro FINESS)');
  }
  if (messages.length === 0) {
    return check(
      'configuration',
      T.configuration,
      'ok',
      `Configuration valide (authentification ${config.dmp.authMode === 'direct' ? 'directe par carte' : 'indirecte par certificat de structure'}).`,
    );
  }
  return check('configuration', T.configuration, 'fail', messages.join(' '), {
    fix: `${fixes.join(' ; ')}.`.replace(/^./, (c) => c.toUpperCase()),
    details: { problems: problems.map((p) => ({ code: p.code, file: p.file, field: p.field })) },
  });
}

/** The anchors as PEM texts (for the TLS check), or null after a failed check. */
export function trustAnchorsCheck(
  config: NavetteConfig,
  now: Date,
): { check: DoctorCheck; anchors: string[] | null } {
  let anchors: string[];
  try {
    anchors = loadDmpTrustAnchors(config);
  } catch (error: unknown) {
    return {
      anchors: null,
      check: failed(
        'trust-anchors',
        T.anchors,
        error,
        'Indiquez dans dmp.trustAnchors les fichiers PEM lisibles des autorités racines IGC-Santé (ou celle du DMP de test, fichier pki/ca/root.pem du dossier du DMP de test).',
      ),
    };
  }
  const expired = anchors
    .map((pem) => new X509Certificate(pem))
    .filter((c) => now > new Date(c.validTo) || now < new Date(c.validFrom));
  if (expired.length > 0) {
    return {
      anchors,
      check: check(
        'trust-anchors',
        T.anchors,
        'fail',
        `Autorité hors de ses dates de validité : ${expired.map((c) => c.subject.replace(/\n/g, ', ')).join(' ; ')}.`,
        {
          fix: "Installez les certificats racines IGC-Santé à jour (ou vérifiez l'horloge de l'ordinateur).",
        },
      ),
    };
  }
  const names = anchors.map(
    (pem) => /CN=([^\n]+)/.exec(new X509Certificate(pem).subject)?.[1] ?? '?',
  );
  return {
    anchors,
    check: check(
      'trust-anchors',
      T.anchors,
      'ok',
      `${anchors.length} autorité(s) lue(s) : ${names.join(', ')}.`,
    ),
  };
}

/** Indirect mode: the structure's PKCS#12 opens with the password and its certificates are in date. */
export function structureCertificateCheck(
  config: NavetteConfig,
  env: Readonly<Record<string, string | undefined>>,
  now: Date,
): DoctorCheck {
  const file = config.structure.p12;
  if (file === undefined) {
    return check(
      'structure-certificate',
      T.structure,
      'fail',
      "Aucun certificat de structure n'est configuré (réglage structure.p12).",
      {
        fix: 'Indiquez dans structure.p12 le fichier PKCS#12 du certificat de la structure (ORG AUTH_CLI et ORG SIGN).',
      },
    );
  }
  const password = env[STRUCTURE_P12_PASSWORD_VARIABLE];
  if (password === undefined) {
    return check(
      'structure-certificate',
      T.structure,
      'fail',
      `Le mot de passe du certificat de la structure n'est pas fourni (variable ${STRUCTURE_P12_PASSWORD_VARIABLE}).`,
      {
        fix: `Définissez la variable d'environnement ${STRUCTURE_P12_PASSWORD_VARIABLE} pour Navette.`,
      },
    );
  }
  try {
    const pairs = readPkcs12(file, password);
    const bad = pairs.filter((p) => now > p.description.notAfter || now < p.description.notBefore);
    if (bad.length > 0) {
      return check(
        'structure-certificate',
        T.structure,
        'fail',
        `Certificat hors de ses dates : ${bad.map((p) => `${p.description.subject} (jusqu'au ${frenchDate(p.description.notAfter)})`).join(' ; ')}.`,
        {
          fix: "Renouvelez le certificat de la structure auprès de l'ANS (ou vérifiez l'horloge de l'ordinateur).",
        },
      );
    }
    return check(
      'structure-certificate',
      T.structure,
      'ok',
      `${pairs.length} certificat(s) lu(s) dans ${file}, valides (jusqu'au ${pairs.map((p) => frenchDate(p.description.notAfter)).join(', ')}).`,
    );
  } catch (error: unknown) {
    const code = isNavetteError(error) ? error.code : '';
    return failed(
      'structure-certificate',
      T.structure,
      error,
      code === 'CARD_P12_PASSWORD'
        ? `Vérifiez le mot de passe donné par ${STRUCTURE_P12_PASSWORD_VARIABLE}.`
        : 'Vérifiez le chemin du fichier (structure.p12) et ses droits de lecture.',
    );
  }
}

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The verdict of the handshake, with the client identity that was presented (if any). */
export function reachabilityCheck(
  endpoint: string,
  outcome: ProbeOutcome,
  identity: string | null,
): DoctorCheck {
  const where = `${new URL(endpoint).host}${isLoopback(endpoint) ? ' (DMP de test local)' : ''}`;
  const id = 'dmp-reachable';
  switch (outcome.kind) {
    case 'connected':
      return check(
        id,
        T.reachable,
        'ok',
        `Connexion sécurisée établie avec ${where} (${outcome.protocol ?? 'TLS'}, ${outcome.cipher})${identity === null ? '' : ` avec ${identity}`}.`,
        {
          details: {
            protocol: outcome.protocol,
            cipher: outcome.cipher,
            httpStatus: outcome.httpStatus,
          },
        },
      );
    case 'client-certificate-required':
      return check(
        id,
        T.reachable,
        'ok',
        `Serveur ${where} joignable et certificat du serveur vérifié ; il demande un certificat client, présenté lors des vrais échanges (carte ou certificat de structure).`,
      );
    case 'unreachable':
      return check(
        id,
        T.reachable,
        'fail',
        `Le DMP ${where} est injoignable (${outcome.reason}).`,
        {
          code: 'TRANSPORT_UNREACHABLE',
          fix: isLoopback(endpoint)
            ? 'Démarrez le DMP de test (« navette sandbox serve --dir DOSSIER ») ou corrigez le port de dmp.endpoint.'
            : "Vérifiez la connexion à Internet, l'adresse dmp.endpoint, et qu'un pare-feu ou un proxy ne bloque pas la connexion.",
        },
      );
    case 'timeout':
      return check(
        id,
        T.reachable,
        'fail',
        `Le DMP ${where} n'a pas répondu en ${Math.round(outcome.timeoutMs / 1000)} s.`,
        {
          code: 'TRANSPORT_TIMEOUT',
          fix: "Vérifiez la connexion réseau et qu'un pare-feu ou un proxy ne retient pas la connexion ; réessayez plus tard.",
        },
      );
    case 'server-untrusted':
      return check(
        id,
        T.reachable,
        'fail',
        `Le certificat du serveur ${where} n'est pas reconnu : ${outcome.reason}.`,
        {
          code: 'TRANSPORT_TLS_SERVER_UNTRUSTED',
          fix: "Vérifiez l'adresse dmp.endpoint et les autorités de dmp.trustAnchors (racines IGC-Santé ; pour le DMP de test, son fichier pki/ca/root.pem).",
        },
      );
    case 'client-refused':
      return check(
        id,
        T.reachable,
        'fail',
        `Le serveur ${where} a refusé le certificat présenté${identity === null ? '' : ` (${identity})`} : ${outcome.reason}.`,
        {
          code: 'TRANSPORT_TLS_CLIENT_REFUSED',
          fix: 'Vérifiez que la carte ou le certificat de la structure est valide et reconnu par ce DMP (plate-forme de test ou de production).',
        },
      );
    case 'tls-failed':
      return check(
        id,
        T.reachable,
        'fail',
        `La connexion sécurisée avec ${where} a échoué : ${outcome.reason}.`,
        {
          code: 'TRANSPORT_TLS_NEGOTIATION_FAILED',
          fix: "Vérifiez l'adresse dmp.endpoint ; le DMP exige TLS 1.2 et les suites de PDT-INF-579. Contactez l'assistance si elle est juste.",
        },
      );
  }
}

export function clockCheck(outcome: ProbeOutcome | null, why: string | null): DoctorCheck {
  const id = 'clock';
  if (outcome?.kind !== 'connected' || outcome.serverDate === null) {
    return check(
      id,
      T.clock,
      'skip',
      `Non vérifié : ${why ?? "l'heure du DMP n'a pas pu être lue"}.`,
    );
  }
  // The Date header is truncated to the second: the server's time lies in [Date, Date + 1 s).
  const skewMs = outcome.localDate.getTime() - (outcome.serverDate.getTime() + 500);
  const seconds = Math.round(skewMs / 1000);
  const sense = seconds > 0 ? 'en avance' : 'en retard';
  const details = { skewMs, roundTripMs: outcome.roundTripMs };
  if (Math.abs(skewMs) >= CLOCK_SKEW_FAIL_MS) {
    return check(
      id,
      T.clock,
      'fail',
      `L'horloge de l'ordinateur est ${sense} de ${Math.abs(seconds)} s sur celle du DMP.`,
      {
        fix: "Réglez la date et l'heure de l'ordinateur (synchronisation automatique de l'heure) : le DMP peut refuser des jetons mal datés.",
        details,
      },
    );
  }
  if (Math.abs(skewMs) >= CLOCK_SKEW_WARN_MS) {
    return check(
      id,
      T.clock,
      'warn',
      `L'horloge de l'ordinateur est ${sense} de ${Math.abs(seconds)} s sur celle du DMP.`,
      {
        fix: "Activez la synchronisation automatique de l'heure de l'ordinateur.",
        details,
      },
    );
  }
  return check(id, T.clock, 'ok', `Horloge à l'heure du DMP (écart ${Math.abs(seconds)} s).`, {
    details,
  });
}
