// `navette consult --ins INS [--since DATE|last-visit] [--all-statuses]`: the patient's DMP
// documents (TD3.1, with TD0.2 at the same time), one line each in French, or one JSON object
// with --json. Also the options and the service set-up shared by status, authorize, fetch and
// manage: every one of them runs the consultation service in this process, journal included.
import {
  withConsultService,
  type ConsultAccess,
  type ConsultService,
} from '../../app/consult/index.js';
import type { DmpSession, DmpSessionOptions } from '../../app/dmp/index.js';
import type { DocumentSummary } from '../../api/consult.js';
import { API_ACCESS_MODES } from '../../api/consult.js';
import type { Ins } from '../../domain/ins/ins.js';
import { loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import {
  booleanValue,
  stringValue,
  type CommandContext,
  type CommandDefinition,
  type OptionValues,
} from '../command.js';
import { CliUsageError, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import { cliPinSource } from '../pinPrompt.js';
import { ACCESS_OPTIONS, PATIENT_OPTIONS, insOf } from './status.js';

/** --mode and --reason, checked before the card is touched. */
export function accessOf(values: OptionValues): ConsultAccess {
  const mode = stringValue(values, 'mode') ?? 'normal';
  if (!(API_ACCESS_MODES as readonly string[]).includes(mode)) {
    throw new CliUsageError(
      `Mode d'accès inconnu : « ${mode} ». Valeurs possibles : ${API_ACCESS_MODES.join(', ')}.`,
    );
  }
  const reason = stringValue(values, 'reason')?.trim();
  if (mode === 'bris-de-glace' && (reason === undefined || reason === '')) {
    throw new CliUsageError(
      "Le mode bris de glace exige d'en indiquer la raison : --reason « raison de l'urgence ».",
    );
  }
  return {
    mode: mode as ConsultAccess['mode'],
    ...(reason === undefined || reason === '' ? {} : { reason }),
  };
}

export interface ConsultCommandRun {
  readonly ins: Ins;
  /** The patient as the service takes it. */
  readonly patient: { readonly ins: string; readonly oid: string };
}

/** Reads --ins and the configuration, opens the service, runs `work`, closes everything. */
export async function runWithConsult<T>(
  { io, values }: Pick<CommandContext, 'io' | 'values'>,
  work: (service: ConsultService, run: ConsultCommandRun, session: DmpSession) => Promise<T>,
  openSession?: (options: DmpSessionOptions) => Promise<DmpSession>,
): Promise<T> {
  const raw = stringValue(values, 'ins');
  if (raw === undefined) throw new CliUsageError('Indiquez l’INS du patient avec --ins INS.');
  const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
  warnConfigProblems(io, problems);
  const ins = insOf(raw, stringValue(values, 'ins-type'), config);
  const cardLabel = stringValue(values, 'card');
  const dataDir = stringValue(values, 'data');
  return withConsultService(
    {
      config,
      env: io.env,
      pin: cliPinSource(io),
      defaultInsOid: ins.oid,
      ...(cardLabel === undefined ? {} : { cardLabel }),
      ...(dataDir === undefined ? {} : { dataDir }),
      ...(openSession === undefined ? {} : { openSession }),
    },
    (service, session) =>
      work(service, { ins, patient: { ins: ins.matricule, oid: ins.oid } }, session),
  );
}

const STATUS_TEXT: Readonly<Record<DocumentSummary['status'], string>> = {
  approved: 'approuvé',
  archived: 'archivé',
  deprecated: 'remplacé',
  deleted: 'supprimé',
  unknown: 'statut inconnu',
};

/** HL7 YYYYMMDDHHMMSS → JJ/MM/AAAA. */
function dateOf(dtm: string | null): string {
  if (dtm === null || dtm.length < 8) return 'date inconnue';
  return `${dtm.slice(6, 8)}/${dtm.slice(4, 6)}/${dtm.slice(0, 4)}`;
}

export function documentLines(d: DocumentSummary): string[] {
  const lines = [
    `• ${dateOf(d.creationTime)} — ${d.title ?? '(sans titre)'} [${STATUS_TEXT[d.status]}]${d.mine ? ' (vous en êtes l’auteur)' : ''}${d.imported ? ' (déjà importé)' : ''}`,
    `    type ${d.typeCode.displayName ?? d.typeCode.code}, classe ${d.classCode.displayName ?? d.classCode.code}, auteur ${d.author?.name ?? d.author?.id ?? 'inconnu'}`,
    `    uniqueId ${d.uniqueId} — entryUUID ${d.entryUUID}${d.lot === null ? '' : ` — lot ${d.lot}`}`,
  ];
  for (const alert of d.alerts) lines.push(`    ⚠ ${alert.message}`);
  return lines;
}

export const consultCommand: CommandDefinition = {
  name: 'consult',
  summary: 'Documents du DMP d’un patient (TD3.1), avec l’état du dossier (TD0.2)',
  usage:
    'navette consult --ins INS [--since AAAA-MM-JJ|last-visit] [--until AAAA-MM-JJ] [--all-statuses] [--mode MODE] [--reason TEXTE] [--card LIBELLÉ] [--config FICHIER] [--data DOSSIER] [--json]',
  options: {
    ...PATIENT_OPTIONS,
    ...ACCESS_OPTIONS,
    since: {
      type: 'string',
      valueName: 'DATE',
      description:
        'Documents créés depuis cette date (AAAA-MM-JJ), ou « last-visit » : déposés depuis votre dernière consultation',
    },
    until: {
      type: 'string',
      valueName: 'DATE',
      description: 'Documents créés avant cette date (AAAA-MM-JJ)',
    },
    'all-statuses': {
      type: 'boolean',
      description: 'Inclure les documents archivés et remplacés',
    },
  },
  async run(ctx) {
    const { io, json, values } = ctx;
    const access = accessOf(values);
    const since = stringValue(values, 'since');
    if (since !== undefined && since !== 'last-visit' && !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
      throw new CliUsageError(
        `Date illisible : « ${since} ». Attendu : AAAA-MM-JJ, ou « last-visit ».`,
      );
    }
    const until = stringValue(values, 'until');
    if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until)) {
      throw new CliUsageError(`Date illisible : « ${until} ». Attendu : AAAA-MM-JJ.`);
    }
    const list = await runWithConsult(ctx, (service, { patient }) =>
      service.documents({
        patient,
        access,
        allStatuses: booleanValue(values, 'all-statuses'),
        ...(since === undefined ? {} : { since: since as 'last-visit' }),
        ...(until === undefined ? {} : { until }),
      }),
    );
    if (json) {
      printJson(io, list);
      return EXIT_OK;
    }
    for (const message of list.status?.messages ?? []) io.out(message);
    io.out(
      `${list.documents.length} document${list.documents.length > 1 ? 's' : ''} : ${list.scope}.`,
    );
    for (const d of list.documents) for (const line of documentLines(d)) io.out(line);
    return EXIT_OK;
  },
};
