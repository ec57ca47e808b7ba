// `navette batch …`: batches for secretaries (docs/sending.md "Batches").
//   navette batch preflight DOSSIER|FICHIER... [--label TEXTE] [--json]
//       checks every document (checks, the patient's DMP by TD0.2, visibility); sends nothing.
//   navette batch send DOSSIER|FICHIER... [--label TEXTE] [--json]   (or --id N: a checked batch)
//       checks, then sends the ready documents through the outbox and waits for their outcome.
//   navette batch resend ID DOCUMENT [--json]: checks a fixed document again and sends it.
//   navette batch report ID --format csv|html --out FICHIER: the report (no card needed).
// Exit code 0 when every document is ready (preflight) or sent (send, resend), 1 otherwise.
import { statSync, writeFileSync } from 'node:fs';
import type { Batch, BatchEvent } from '../../api/batches.js';
import { openBatchReader, openBatchRunner, type BatchRunner } from '../../app/batches/index.js';
import { CARD_OPTION, CONFIG_OPTION, loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import { stringValue, type CommandContext, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { cliPinSource } from '../pinPrompt.js';

const USAGE =
  'navette batch preflight|send DOSSIER|FICHIER... [--label TEXTE] [--json] [--card LIBELLÉ] ' +
  '[--config FICHIER] | navette batch send --id N | navette batch resend ID DOCUMENT | ' +
  'navette batch report ID --format csv|html --out FICHIER';

const STATUS_TEXT: Readonly<Record<Batch['items'][number]['status'], string>> = {
  ready: 'prêt',
  blocked: 'ne sera pas envoyé',
  queued: "en attente d'envoi",
  sending: "en cours d'envoi",
  waiting: 'nouvel essai prévu',
  sent: 'envoyé',
  refused: 'refusé par le DMP',
  failed: 'échec',
};

function printBatch(io: CliIo, batch: Batch): void {
  io.out(`Lot n° ${batch.id} (${batch.label}) : ${batch.counts.total} document(s)`);
  for (const item of batch.items) {
    const ok = item.status === 'ready' || item.status === 'sent';
    io.out(`${ok ? '✓' : '✗'} ${item.position}. ${item.fileName} : ${STATUS_TEXT[item.status]}`);
    for (const reason of item.reasons) {
      io.out(`    ${reason.code} : ${reason.message}`);
      if (reason.fix !== undefined) io.out(`    Que faire : ${reason.fix}`);
    }
  }
  const c = batch.counts;
  io.out(
    `Prêts : ${c.ready}, envoyés : ${c.sent}, non envoyés : ${c.blocked}, refusés : ${c.refused}, ` +
      `en attente : ${c.queued + c.sending + c.waiting}, échecs : ${c.failed}`,
  );
}

function positiveInt(text: string | undefined, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new CliUsageError(`${what} : nombre entier attendu.`);
  return n;
}

function preflightRequest(paths: readonly string[], label: string | undefined) {
  const only = paths[0];
  const extra = label === undefined ? {} : { label };
  if (paths.length === 1 && only !== undefined && statSync(only).isDirectory()) {
    return { folder: only, ...extra };
  }
  return { files: [...paths], ...extra };
}

async function withRunner<T>(
  ctx: CommandContext,
  startWorker: boolean,
  fn: (runner: BatchRunner) => Promise<T>,
): Promise<T> {
  const { config, problems } = loadCliConfig(ctx.io, stringValue(ctx.values, 'config'));
  warnConfigProblems(ctx.io, problems);
  const cardLabel = stringValue(ctx.values, 'card');
  const runner = await openBatchRunner({
    config,
    env: ctx.io.env,
    pin: cliPinSource(ctx.io),
    startWorker,
    ...(cardLabel === undefined ? {} : { cardLabel }),
  });
  try {
    return await fn(runner);
  } finally {
    await runner.close();
  }
}

/** Sends (or re-sends) and waits until nothing is queued or in flight; prints progress. */
async function sendAndWait(
  ctx: CommandContext,
  runner: BatchRunner,
  start: () => Promise<Batch>,
): Promise<Batch> {
  const off = runner.batches.onEvent((event: BatchEvent) => {
    if (ctx.json || event.type !== 'batch-item') return;
    ctx.io.err(`  document ${event.itemId} : ${STATUS_TEXT[event.status]}`);
  });
  try {
    const started = await start();
    return await runner.batches.whenDone(started.id, { untilWaiting: true });
  } finally {
    off();
  }
}

function finish(ctx: CommandContext, batch: Batch, ok: boolean): number {
  if (ctx.json) ctx.io.out(JSON.stringify(batch));
  else printBatch(ctx.io, batch);
  return ok ? EXIT_OK : EXIT_FAILURE;
}

async function run(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.positionals;
  const label = stringValue(ctx.values, 'label');
  switch (sub) {
    case 'preflight': {
      if (rest.length === 0)
        throw new CliUsageError(`Indiquez un dossier ou des fichiers : ${USAGE}`);
      return withRunner(ctx, false, async (runner) => {
        const batch = await runner.batches.preflight(preflightRequest(rest, label));
        return finish(ctx, batch, batch.counts.blocked === 0);
      });
    }
    case 'send': {
      const id = stringValue(ctx.values, 'id');
      if (id === undefined && rest.length === 0) {
        throw new CliUsageError(`Indiquez un dossier, des fichiers ou --id N : ${USAGE}`);
      }
      return withRunner(ctx, true, async (runner) => {
        const batch = await sendAndWait(ctx, runner, async () => {
          const batchId =
            id === undefined
              ? (await runner.batches.preflight(preflightRequest(rest, label))).id
              : positiveInt(id, '--id');
          return runner.batches.send(batchId);
        });
        return finish(ctx, batch, batch.counts.sent === batch.counts.total);
      });
    }
    case 'resend': {
      const batchId = positiveInt(rest[0], 'Numéro du lot');
      const itemId = positiveInt(rest[1], 'Numéro du document');
      return withRunner(ctx, true, async (runner) => {
        const batch = await sendAndWait(ctx, runner, () => runner.batches.resend(batchId, itemId));
        const item = batch.items.find((i) => i.id === itemId);
        return finish(ctx, batch, item?.status === 'sent');
      });
    }
    case 'report': {
      const batchId = positiveInt(rest[0], 'Numéro du lot');
      const format = stringValue(ctx.values, 'format');
      const out = stringValue(ctx.values, 'out');
      if (format !== 'csv' && format !== 'html') {
        throw new CliUsageError('--format csv ou --format html attendu.');
      }
      if (out === undefined) throw new CliUsageError('--out FICHIER attendu.');
      const reader = openBatchReader({ env: ctx.io.env });
      try {
        writeFileSync(out, reader.batches.report(batchId, format));
      } finally {
        reader.close();
      }
      if (ctx.json) ctx.io.out(JSON.stringify({ batchId, format, file: out }));
      else ctx.io.out(`Compte rendu du lot n° ${batchId} écrit dans ${out}`);
      return EXIT_OK;
    }
    default:
      throw new CliUsageError(`Sous-commande inconnue. Usage : ${USAGE}`);
  }
}

export const batchCommand: CommandDefinition = {
  name: 'batch',
  summary: 'Lots de documents : vérification avant envoi, envoi, compte rendu',
  usage: USAGE,
  positionals: true,
  options: {
    card: CARD_OPTION,
    config: CONFIG_OPTION,
    label: { type: 'string', valueName: 'TEXTE', description: 'Nom du lot' },
    id: { type: 'string', valueName: 'N', description: "Numéro d'un lot déjà vérifié (send)" },
    format: { type: 'string', valueName: 'csv|html', description: 'Format du compte rendu' },
    out: { type: 'string', valueName: 'FICHIER', description: 'Fichier du compte rendu' },
  },
  run,
};
