// `navette status --ins INS [--mode normal|bris-de-glace|centre-15] [--reason TEXTE]`: TD0.2 —
// does the patient have a DMP, and may the user (the card holder, or the structure) use it.
// French text on stdout, or one JSON object with --json. It goes through the consultation
// service (src/app/consult): the access mode is checked first and the call is journaled. The
// card worker and the TLS connections are closed before the command returns.
import type { DmpSession, DmpSessionOptions } from '../../app/dmp/index.js';
import type { DmpExistence } from '../../app/dmp/index.js';
import { ACCESS_MODE_LABELS, type AuthenticationMode } from '../../domain/access/accessModes.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { createIns, type Ins } from '../../domain/ins/ins.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import { INS_KIND_LABELS, oidOfInsKind, type InsKind } from '../../domain/ins/insOids.js';
import type { NavetteConfig } from '../../app/config/index.js';
import { CARD_OPTION, CONFIG_OPTION } from '../cliConfig.js';
import { type CommandDefinition, type OptionSpec } from '../command.js';
import { CliUsageError, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import { accessOf, runWithConsult } from './consult.js';

const INS_KINDS: readonly InsKind[] = ['NIR', 'NIA', 'NIR_TEST', 'NIR_DEMO'];

// The options of every consultation command (here, not in consult.ts: consult.ts imports this
// module, and constants must exist before createStatusCommand() runs at load time).
export const PATIENT_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  ins: {
    type: 'string',
    valueName: 'INS',
    description: 'INS du patient : matricule (15 caractères) ou forme « matricule^^^&OID&ISO^NH »',
  },
  'ins-type': {
    type: 'string',
    valueName: 'TYPE',
    description:
      "Type d'INS du matricule : NIR, NIA, NIR_TEST ou NIR_DEMO (par défaut NIR, ou NIR_TEST avec le DMP de test local)",
  },
  card: CARD_OPTION,
  config: CONFIG_OPTION,
  data: {
    type: 'string',
    valueName: 'DOSSIER',
    description:
      'Dossier de données de Navette (journal) ; par défaut NAVETTE_HOME ou le dossier utilisateur',
  },
};

export const ACCESS_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  mode: {
    type: 'string',
    valueName: 'MODE',
    description: "Mode d'accès : normal (par défaut), bris-de-glace ou centre-15",
  },
  reason: {
    type: 'string',
    valueName: 'TEXTE',
    description: 'Raison de l’accès en bris de glace (obligatoire dans ce mode, enregistrée)',
  },
};

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
  // Bris de glace must stay visible (EX_0.2-1050): say it again, last, in capitals.
  if (result.accessMode === 'bris_de_glace') {
    lines.push('⚠ ACCÈS EN MODE BRIS DE GLACE : cet accès et sa raison sont enregistrés.');
  }
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
  return {
    name: 'status',
    summary: "Test d'existence du DMP d'un patient et de votre autorisation (TD0.2)",
    usage:
      'navette status --ins INS [--ins-type TYPE] [--mode normal|bris-de-glace|centre-15] [--reason TEXTE] [--card LIBELLÉ] [--config FICHIER] [--data DOSSIER] [--json]',
    options: { ...PATIENT_OPTIONS, ...ACCESS_OPTIONS },
    async run(ctx) {
      const { io, json, values } = ctx;
      const access = accessOf(values);
      await runWithConsult(
        ctx,
        async (service, { ins, patient }, session) => {
          const { existence, status } = await service.patientExistence({ patient, access });
          if (json)
            printJson(io, { ...statusJson(ins, existence, session), messages: status.messages });
          else for (const line of statusLines(ins, existence, session)) io.out(line);
        },
        deps.openSession,
      );
      return EXIT_OK;
    },
  };
}

export const statusCommand: CommandDefinition = createStatusCommand();
