// `navette card`: what Navette sees of the card without asking for its PIN — where it looked for
// the PKCS#11 module and which one it loaded, the readers, each card with its holder, its
// certificates and their dates, and the PIN state the card reports.
import {
  readCardReport,
  type CardEntryReport,
  type CardReport,
  type CertificateReport,
} from '../../app/card/index.js';
import { CARD_OPTION, CONFIG_OPTION, loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import { stringValue, type CommandDefinition } from '../command.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';

const VALIDITY: Readonly<Record<CertificateReport['validity'], string>> = {
  valid: 'valide',
  expired: 'EXPIRÉ',
  'not-yet-valid': 'PAS ENCORE VALIDE',
};

function day(iso: string): string {
  return new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
}

function certificateLine(name: string, c: CertificateReport | null): string {
  if (c === null) return `  Certificat ${name} : absent`;
  return `  Certificat ${name} : ${c.subject} — du ${day(c.notBefore)} au ${day(c.notAfter)} (${VALIDITY[c.validity]})`;
}

function pinLine(card: CardEntryReport): string {
  const pin = card.pin;
  if (pin.locked) return '  Code porteur : BLOQUÉ (trop de codes erronés)';
  if (!pin.initialized) return '  Code porteur : jamais initialisé';
  if (pin.finalTry) return '  Code porteur : attention, un seul essai restant';
  if (pin.countLow)
    return '  Code porteur : attention, des codes erronés ont été saisis (peu d’essais restants)';
  return `  Code porteur : utilisable${pin.protectedAuthenticationPath ? ' (à saisir sur le clavier du lecteur)' : ''}`;
}

export function cardLines(report: CardReport): string[] {
  const m = report.module;
  const lines: string[] = [];
  if (!m.found) {
    lines.push(`Module PKCS#11 : introuvable. Emplacements vérifiés : ${m.searched.join(', ')}`);
    return lines;
  }
  const origin =
    m.source === 'configuration'
      ? 'réglage card.pkcs11Module'
      : 'emplacement habituel de la Cryptolib CPS';
  const library =
    m.library === null ? '' : ` — ${m.library.libraryDescription} ${m.library.libraryVersion}`;
  lines.push(`Module PKCS#11 : ${m.path ?? ''} (${origin})${library}`);
  if (report.error !== undefined) return lines;
  const present = report.slots.filter((s) => s.tokenPresent).length;
  lines.push(`Lecteurs : ${report.slots.length} (${present} avec une carte)`);
  if (report.cards.length === 0) lines.push('Aucune carte utilisable insérée.');
  for (const card of report.cards) {
    const kind = card.kind === null ? 'carte' : `${card.kind}${card.test ? ' de TEST' : ''}`;
    lines.push(
      `Carte « ${card.label} » — ${kind}, n° de série ${card.serial}, lecteur « ${card.reader} »`,
    );
    if (card.error !== undefined) {
      lines.push(`  Illisible : ${card.error.message}`);
      continue;
    }
    const h = card.holder;
    if (h !== null) {
      const who = [h.given, h.family].filter((x) => x !== null).join(' ');
      const profession =
        h.professionCode === null
          ? ''
          : `, profession ${h.professionCode}${h.professionLabel === null ? '' : ` (${h.professionLabel})`}`;
      const specialties =
        h.specialties.length === 0 ? '' : `, spécialité ${h.specialties.join(', ')}`;
      lines.push(`  Titulaire : ${who} — identifiant ${h.nationalId}${profession}${specialties}`);
    }
    lines.push(pinLine(card));
    lines.push(certificateLine("d'authentification", card.authentication));
    lines.push(certificateLine('de signature', card.signature));
  }
  return lines;
}

export const cardCommand: CommandDefinition = {
  name: 'card',
  summary: 'Montre la carte CPS : module, lecteurs, titulaire, certificats, état du code porteur',
  usage: 'navette card [--card LIBELLÉ] [--config FICHIER] [--json]',
  options: { card: CARD_OPTION, config: CONFIG_OPTION },
  async run({ io, json, values }) {
    const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
    warnConfigProblems(io, problems);
    const label = stringValue(values, 'card');
    const full = await readCardReport({ config, env: io.env });
    const report: CardReport =
      label === undefined ? full : { ...full, cards: full.cards.filter((c) => c.label === label) };
    if (json) printJson(io, report);
    else for (const line of cardLines(report)) io.out(line);
    if (report.error !== undefined) {
      io.err(`navette : ${report.error.message}`);
      return EXIT_FAILURE;
    }
    if (label !== undefined && report.cards.length === 0) {
      const present = full.cards.map((c) => c.label);
      io.err(
        `navette : La carte « ${label} » n'est pas dans un lecteur.${present.length > 0 ? ` Cartes présentes : ${present.join(', ')}.` : ''}`,
      );
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
};
