// `navette fetch --ins INS --unique-id ID --out DOSSIER`: TD3.2 — writes the document's bytes as
// the DMP holds them (extension from the content: .xml for a CDA, .pdf…), plus what a person can
// read: the PDF inside a CDA (level 1, or the copy of a level 3), or the HTML of the ANS stylesheet
// for a structured CDA without a PDF. The HTML is untrusted: open it in a browser, not a program.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RetrievedDocument } from '../../app/consult/index.js';
import { XsltprocRenderer } from '../../app/display/XsltprocRenderer.js';
import { stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import { accessOf, runWithConsult } from './consult.js';
import { ACCESS_OPTIONS, PATIENT_OPTIONS } from './status.js';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/xml': '.xml',
  'application/xml': '.xml',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/tiff': '.tiff',
  'text/rtf': '.rtf',
};

export function extensionOf(mimeType: string): string {
  return EXTENSIONS[mimeType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? '.bin';
}

/** A file name from the uniqueId alone: no patient data in names, nothing path-like. */
function baseNameOf(uniqueId: string): string {
  return uniqueId.replace(/[^0-9A-Za-z.-]/g, '_').slice(0, 120);
}

interface Written {
  readonly document: string;
  readonly pdf: string | null;
  readonly html: string | null;
}

async function writeFiles(out: string, got: RetrievedDocument): Promise<Written> {
  mkdirSync(out, { recursive: true });
  const base = path.join(out, baseNameOf(got.document.uniqueId));
  const ext = extensionOf(got.mimeType);
  const document = `${base}${ext}`;
  writeFileSync(document, got.bytes);
  let pdf: string | null = null;
  let html: string | null = null;
  if (got.display.kind === 'pdf' && ext !== '.pdf') {
    pdf = `${base}.pdf`;
    writeFileSync(pdf, got.display.bytes);
  } else if (got.display.kind === 'text' && ext !== '.txt') {
    writeFileSync(`${base}.txt`, got.display.text);
  } else if (got.display.kind === 'cda-xml') {
    html = `${base}.html`;
    writeFileSync(html, await new XsltprocRenderer().renderCda(Buffer.from(got.display.xml)));
  }
  return { document, pdf, html };
}

export const fetchCommand: CommandDefinition = {
  name: 'fetch',
  summary: 'Récupère un document du DMP d’un patient dans un dossier (TD3.2)',
  usage:
    'navette fetch --ins INS --unique-id ID --out DOSSIER [--mode MODE] [--reason TEXTE] [--card LIBELLÉ] [--config FICHIER] [--data DOSSIER] [--json]',
  options: {
    ...PATIENT_OPTIONS,
    ...ACCESS_OPTIONS,
    'unique-id': { type: 'string', valueName: 'ID', description: 'uniqueId du document' },
    out: { type: 'string', valueName: 'DOSSIER', description: 'Dossier où écrire le document' },
  },
  async run(ctx) {
    const { io, json, values } = ctx;
    const uniqueId = stringValue(values, 'unique-id');
    const out = stringValue(values, 'out');
    if (uniqueId === undefined)
      throw new CliUsageError('Indiquez le document avec --unique-id ID.');
    if (out === undefined)
      throw new CliUsageError('Indiquez le dossier de sortie avec --out DOSSIER.');
    const access = accessOf(values);
    const { got, written } = await runWithConsult(ctx, async (service, { patient }) => {
      const got = await service.retrieve({ patient, access, uniqueId });
      return { got, written: await writeFiles(path.resolve(out), got) };
    });
    if (json) {
      printJson(io, {
        document: got.document,
        mimeType: got.mimeType,
        display: got.display.kind,
        files: written,
      });
    } else {
      io.out(`Document écrit : ${written.document}`);
      if (written.pdf !== null) io.out(`PDF à lire : ${written.pdf}`);
      if (written.html !== null) io.out(`Rendu HTML (feuille de style ANS) : ${written.html}`);
      for (const alert of got.document.alerts) io.out(`⚠ ${alert.message}`);
    }
    return EXIT_OK;
  },
};
