// The card side of `navette doctor`: module, readers, card, certificates, PIN state — and, only
// when the user asked for it (`--pin`), the PIN itself. Each check says what it found; a check
// that depends on a failed one is marked skipped, the failure is reported once.
import { type CardCertificate, type CardDetails, type CardHandle } from '../../card/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { NavetteConfig } from '../config/index.js';
import { check, failed, frenchDate, type DoctorCheck } from '../dmp/diagnostics/doctorCheck.js';
import type { Environment } from './cardEnvironment.js';
import { loginCard, type PinSource } from './cardLogin.js';
import { locateCardModule, openCardService, type OpenedCardService } from './openCardService.js';

/** A certificate expiring sooner than this is a warning. */
export const CERTIFICATE_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface CardChecksOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  readonly cardLabel?: string;
  /** Given only with `navette doctor --pin`: then the PIN is checked too. */
  readonly pin?: PinSource;
  readonly workerPath?: string;
  readonly now?: () => Date;
}

/** What a successful login leaves for the TLS check (the PIN goes to the engine only). */
export interface CardTlsIdentity {
  readonly modulePath: string;
  readonly tokenLabel: string;
  readonly keyIdHex: string;
  readonly certificateDer: Uint8Array;
  readonly pin: string;
}

export interface CardChecks {
  readonly checks: DoctorCheck[];
  readonly identity?: CardTlsIdentity;
  /** Stops the card worker. */
  close(): Promise<void>;
}

const T = {
  module: 'Module PKCS#11 de la carte (Cryptolib CPS)',
  reader: 'Lecteur de cartes',
  card: 'Carte insérée',
  certificates: 'Certificats de la carte',
  pin: 'État du code porteur',
  login: 'Code porteur',
};

function skipped(id: string, title: string, because: string): DoctorCheck {
  return check(id, title, 'skip', `Non vérifié : ${because}.`);
}

function certificateCheck(details: CardDetails, now: Date): DoctorCheck {
  const roles: [string, CardCertificate | null][] = [
    ["d'authentification", details.authentication],
    ['de signature', details.signature],
  ];
  const problems: string[] = [];
  const soon: string[] = [];
  for (const [name, cert] of roles) {
    if (cert === null) {
      problems.push(`pas de certificat ${name}`);
    } else if (cert.validity === 'expired') {
      problems.push(`certificat ${name} expiré le ${frenchDate(cert.notAfter)}`);
    } else if (cert.validity === 'not-yet-valid') {
      problems.push(
        `certificat ${name} valable seulement à partir du ${frenchDate(cert.notBefore)}`,
      );
    } else if (cert.notAfter.getTime() - now.getTime() < CERTIFICATE_WARNING_DAYS * DAY_MS) {
      soon.push(`certificat ${name} expire le ${frenchDate(cert.notAfter)}`);
    }
  }
  const dates = roles
    .flatMap(([name, c]) => (c === null ? [] : [`${name} jusqu'au ${frenchDate(c.notAfter)}`]))
    .join(', ');
  if (problems.length > 0) {
    return check(
      'card-certificates',
      T.certificates,
      'fail',
      `Carte « ${details.label} » : ${problems.join(' ; ')}.`,
      {
        fix:
          "Une carte aux certificats expirés ou incomplets ne permet pas d'accéder au DMP : commandez son renouvellement " +
          "auprès de l'ANS. Si les dates semblent fausses, vérifiez l'horloge de l'ordinateur.",
      },
    );
  }
  if (soon.length > 0) {
    return check(
      'card-certificates',
      T.certificates,
      'warn',
      `Carte « ${details.label} » : ${soon.join(' ; ')}.`,
      {
        fix: "Commandez dès maintenant le renouvellement de la carte auprès de l'ANS.",
      },
    );
  }
  return check('card-certificates', T.certificates, 'ok', `Certificats valides (${dates}).`);
}

function pinCheck(details: CardDetails): DoctorCheck {
  const pin = details.pin;
  if (pin.locked) {
    return check(
      'card-pin',
      T.pin,
      'fail',
      'La carte est bloquée (trop de codes porteur erronés).',
      {
        fix: 'Débloquez-la avec son code de déblocage (outil « CPS Gestion » de la Cryptolib CPS) ou contactez le service CPS de l’ANS.',
      },
    );
  }
  if (!pin.initialized) {
    return check(
      'card-pin',
      T.pin,
      'fail',
      "Le code porteur de cette carte n'a jamais été initialisé.",
      {
        fix: "Initialisez le code porteur avec les outils de la Cryptolib CPS avant d'utiliser la carte.",
      },
    );
  }
  if (pin.finalTry || pin.countLow) {
    return check(
      'card-pin',
      T.pin,
      'warn',
      pin.finalTry
        ? 'Il ne reste qu’un seul essai avant le blocage de la carte.'
        : 'Des codes porteur erronés ont été saisis : il reste peu d’essais avant le blocage.',
      {
        fix: 'Saisissez le code avec soin ; en cas de doute, ne réessayez pas et vérifiez-le d’abord.',
      },
    );
  }
  return check('card-pin', T.pin, 'ok', 'Code porteur utilisable (il n’a pas été demandé).');
}

/** Runs the card checks. The caller closes the result (the card worker stays up for the TLS check). */
export async function runCardChecks(options: CardChecksOptions): Promise<CardChecks> {
  const now = options.now ?? (() => new Date());
  const checks: DoctorCheck[] = [];
  const rest = (because: string): void => {
    checks.push(skipped('card-reader', T.reader, because));
    checks.push(skipped('card-present', T.card, because));
    checks.push(skipped('card-certificates', T.certificates, because));
    checks.push(skipped('card-pin', T.pin, because));
  };
  const search = locateCardModule(options.config);
  const noop = { close: () => Promise.resolve() };
  if (search.found === null) {
    checks.push(
      check(
        'card-module',
        T.module,
        'fail',
        `Aucun module trouvé. Emplacements vérifiés : ${search.searched.join(', ')}.`,
        {
          code: 'CARD_MODULE_MISSING',
          fix: options.config.card.pkcs11Module
            ? 'Le fichier indiqué par le réglage card.pkcs11Module n’existe pas : corrigez le chemin, ou réinstallez la Cryptolib CPS.'
            : "Installez la Cryptolib CPS de l'ANS, ou indiquez le chemin de son module PKCS#11 dans le réglage card.pkcs11Module.",
          details: { searched: search.searched },
        },
      ),
    );
    rest('le module PKCS#11 est introuvable');
    return { checks, ...noop };
  }
  let opened: OpenedCardService | undefined;
  try {
    opened = openCardService(options);
    const library = await opened.backend.initialize();
    checks.push(
      check(
        'card-module',
        T.module,
        'ok',
        `Module chargé : ${search.found.path} (${library.libraryDescription} ${library.libraryVersion}).`,
        {
          details: { path: search.found.path, source: search.found.source },
        },
      ),
    );
  } catch (error: unknown) {
    await opened?.close();
    checks.push(
      failed(
        'card-module',
        T.module,
        error,
        'Vérifiez que le module correspond à ce système (64 bits) et que la Cryptolib CPS est complète ; réinstallez-la au besoin.',
      ),
    );
    rest('le module PKCS#11 ne se charge pas');
    return { checks, ...noop };
  }
  const cards = opened;
  const close = (): Promise<void> => cards.close();
  try {
    const slots = await cards.backend.listSlots();
    if (slots.length === 0) {
      checks.push(
        check('card-reader', T.reader, 'fail', 'Aucun lecteur de cartes détecté.', {
          code: 'CARD_NO_READER',
          fix: 'Branchez le lecteur de cartes, vérifiez son pilote (PC/SC), puis relancez le diagnostic.',
        }),
      );
      checks.push(skipped('card-present', T.card, 'aucun lecteur'));
      checks.push(skipped('card-certificates', T.certificates, 'aucun lecteur'));
      checks.push(skipped('card-pin', T.pin, 'aucun lecteur'));
      return { checks, close };
    }
    checks.push(
      check(
        'card-reader',
        T.reader,
        'ok',
        `${slots.length} lecteur(s) ou emplacement(s) détecté(s).`,
      ),
    );
    let card: CardHandle;
    try {
      card = await cards.service.findCard(options.cardLabel);
    } catch (error: unknown) {
      const code = isNavetteError(error) ? error.code : '';
      checks.push(
        failed(
          'card-present',
          T.card,
          error,
          code === 'CARD_AMBIGUOUS'
            ? 'Choisissez la carte avec l’option --card LIBELLÉ (« navette card » liste les cartes).'
            : code === 'CARD_NOT_FOUND'
              ? 'Vérifiez le libellé donné à --card (« navette card » liste les cartes présentes).'
              : 'Insérez votre carte CPS (ou CPE) dans le lecteur, puis relancez le diagnostic.',
        ),
      );
      checks.push(skipped('card-certificates', T.certificates, 'pas de carte choisie'));
      checks.push(skipped('card-pin', T.pin, 'pas de carte choisie'));
      return { checks, close };
    }
    const details = await cards.service.readCard(card);
    const holder = details.holder;
    checks.push(
      check(
        'card-present',
        T.card,
        'ok',
        `Carte « ${card.label} »${details.kind === null ? '' : ` (${details.kind}${details.test ? ' de TEST' : ''})`}${holder === null ? '' : `, titulaire ${[holder.given, holder.family].filter(Boolean).join(' ')} (${holder.nationalId})`}.`,
      ),
    );
    checks.push(certificateCheck(details, now()));
    checks.push(pinCheck(details));
    if (options.pin === undefined || details.pin.locked) return { checks, close };
    try {
      const pin = await loginCard(cards.service, card, options.pin);
      const authentication = await cards.service.usableCertificate(card, 'authentication');
      await cards.service.usableCertificate(card, 'signature');
      checks.push(
        check(
          'card-login',
          T.login,
          'ok',
          'Code porteur accepté ; les clés de la carte sont utilisables.',
        ),
      );
      return {
        checks,
        close,
        identity: {
          modulePath: cards.module.path,
          tokenLabel: card.label,
          keyIdHex: authentication.token.idHex,
          certificateDer: authentication.token.der,
          pin,
        },
      };
    } catch (error: unknown) {
      checks.push(
        failed(
          'card-login',
          T.login,
          error,
          'Vérifiez le code porteur de la carte. Attention : la carte se bloque après plusieurs codes erronés.',
        ),
      );
      return { checks, close };
    }
  } catch (error: unknown) {
    checks.push(
      failed(
        'card-present',
        T.card,
        error,
        'Retirez puis réinsérez la carte, et relancez le diagnostic.',
      ),
    );
    return { checks, close };
  }
}
