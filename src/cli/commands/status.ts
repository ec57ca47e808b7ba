// `navette status --ins INS`: TD0.2 — does the patient have a DMP, and may the user (the card
// holder, or the structure) use it. French text on stdout, or one JSON object with --json. The
// card worker and the TLS connections are closed before the command returns.
import { openDmpSession, type DmpSession, type DmpSessionOptions } from '../../app/dmp/index.js';
import type { DmpExistence } from '../../app/dmp/index.js';
import { ACCESS_MODE_LABELS, type AuthenticationMode } from '../../domain/access/accessModes.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { createIns, type Ins } from '../../domain/ins/ins.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import { INS_KIND_LABELS, oidOfInsKind, type InsKind } from '../../domain/ins/insOids.js';
import type { NavetteConfig } from '../../app/config/index.js';
import { CARD_OPTION, CONFIG_OPTION, loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import { stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import { cliPinSource } from '../pinPrompt.js';

const INS_KINDS: readonly InsKind[] = ['NIR', 'NIA', 'NIR_TEST', 'NIR_DEMO'];

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * A bare matricule gets the OID of `--ins-type`; without it, a test INS when Navette talks to a
 * DMP on this computer (the test server is always local; the real DMP never is), a real NIR
 * otherwise. The CX form (`matricule^^^&OID&ISO^NH`) carries its own OID.
 */
export function insOf(raw: string, kind: string | undefined, config: NavetteConfig): Ins {
  try {
    if (raw.includes('^')) return insFromCx(raw.trim());
    if (kind !== undefined && !(INS_KINDS as readonly string[]).includes(kind)) {
      throw new CliUsageError(
        `Type d'INS inconnu : « ${kind} ». Valeurs possibles : ${INS_KINDS.join(', ')}.`,
      );
    }
    const chosen =
      (kind as InsKind | undefined) ??
      (config.demo || isLoopback(config.dmp.endpoint) ? 'NIR_TEST' : 'NIR');
    return createIns(raw.trim(), oidOfInsKind(chosen));
  } catch (error: unknown) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(isNavetteError(error) ? error.message : `INS illisible : « ${raw} ».`, {
      cause: isNavetteError(error) ? error.code : 'UNEXPECTED',
    });
  }
}

const AUTHENTICATION_TEXT: Readonly<Record<AuthenticationMode, string>> = {
  DIRECTE: 'authentification directe',
  INDIRECTE: 'authentification indirecte',
  INDIRECTE_RENFORCEE: 'authentification indirecte renforcée',
};

const STATUS_TEXT: Readonly<Record<DmpExistence['status'], string>> = {
  ACTIF: 'ouvert',
  FERME: 'fermé',
  INEXISTANT: "aucun DMP n'existe pour ce patient",
  INCONNU: 'état non précisé par le DMP',
};

function authorizationText(result: DmpExistence): string {
  switch (result.authorization) {
    case 'VALIDE':
      return `autorisé${result.isMedecinTraitant === true ? ' — vous êtes son médecin traitant' : ''}`;
    case 'INTERDIT':
      return "le patient vous a interdit l'accès à son DMP";
    case 'EXPIRE':
      return 'votre autorisation a expiré : le patient peut la renouveler';
    case 'NON_EXISTE':
      return 'pas encore autorisé : le patient peut vous autoriser (avec son consentement)';
    case null:
      return 'sans objet';
    default:
      return `réponse du DMP : ${result.authorization}`;
  }
}

export function statusLines(ins: Ins, result: DmpExistence, session: DmpSession): string[] {
  const identity = session.identity;
  const lines = [
    `Patient : ${INS_KIND_LABELS[ins.kind]} ${ins.matricule}`,
    `DMP : ${STATUS_TEXT[result.status]}${result.linkedToMonEspaceSante === true ? ' (rattaché à Mon Espace Santé)' : ''}`,
  ];
  if (result.exists) lines.push(`Votre autorisation : ${authorizationText(result)}`);
  lines.push(
    `Accès : ${ACCESS_MODE_LABELS[result.accessMode]} — ${identity.description} (${AUTHENTICATION_TEXT[identity.context.authenticationMode]})`,
  );
  return lines;
}

export function statusJson(
  ins: Ins,
  result: DmpExistence,
  session: DmpSession,
): Record<string, unknown> {
  const identity = session.identity;
  return {
    ins: ins.matricule,
    insOid: ins.oid,
    insType: ins.kind,
    ...result,
    connection: {
      mode: identity.mode,
      authenticationMode: identity.context.authenticationMode,
      description: identity.description,
      ...(identity.cardLabel === undefined ? {} : { card: identity.cardLabel }),
      subjectId: identity.context.subjectId,
      structureId: identity.context.structureId,
      signatureCertificate: identity.signatureCertificateSubject,
      authenticationCertificate: identity.authenticationCertificateSubject,
    },
    vihf: session.client.vihfStats(),
  };
}

export interface StatusCommandDeps {
  /** How the session is opened (tests give a session built otherwise). */
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
}

export function createStatusCommand(deps: StatusCommandDeps = {}): CommandDefinition {
  const open = deps.openSession ?? openDmpSession;
  return {
    name: 'status',
    summary: "Test d'existence du DMP d'un patient et de votre autorisation (TD0.2)",
    usage:
      'navette status --ins INS [--ins-type TYPE] [--card LIBELLÉ] [--config FICHIER] [--json]',
    options: {
      ins: {
        type: 'string',
        valueName: 'INS',
        description:
          'INS du patient : matricule (15 caractères) ou forme « matricule^^^&OID&ISO^NH »',
      },
      'ins-type': {
        type: 'string',
        valueName: 'TYPE',
        description:
          "Type d'INS du matricule : NIR, NIA, NIR_TEST ou NIR_DEMO (par défaut NIR, ou NIR_TEST avec le DMP de test local)",
      },
      card: CARD_OPTION,
      config: CONFIG_OPTION,
    },
    async run({ io, json, values }) {
      const raw = stringValue(values, 'ins');
      if (raw === undefined) throw new CliUsageError('Indiquez l’INS du patient avec --ins INS.');
      const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
      warnConfigProblems(io, problems);
      const ins = insOf(raw, stringValue(values, 'ins-type'), config);
      const cardLabel = stringValue(values, 'card');
      const session = await open({
        config,
        env: io.env,
        pin: cliPinSource(io),
        ...(cardLabel === undefined ? {} : { cardLabel }),
      });
      try {
        const result = await session.client.testExistence(ins);
        if (json) printJson(io, statusJson(ins, result, session));
        else for (const line of statusLines(ins, result, session)) io.out(line);
        return EXIT_OK;
      } finally {
        await session.close();
      }
    },
  };
}

export const statusCommand: CommandDefinition = createStatusCommand();
