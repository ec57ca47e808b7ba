// The batch report as one printable HTML page: self-contained (inline style, no script, no
// image, no link to anything), every value escaped, and a Content-Security-Policy that forbids
// loading anything should a value slip through.
import type { Batch, BatchItemStatus } from '../../api/batches.js';
import { REPORT_HEADERS, countsSummary, frenchDate, reportRow } from './batchReportRows.js';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const ROW_CLASS: Readonly<Record<BatchItemStatus, string>> = {
  ready: 'pending',
  blocked: 'ko',
  queued: 'pending',
  sending: 'pending',
  waiting: 'pending',
  sent: 'ok',
  refused: 'ko',
  failed: 'ko',
};

const STYLE = `
body { font-family: system-ui, sans-serif; font-size: 10pt; margin: 1.5em; color: #111; }
h1 { font-size: 14pt; margin: 0 0 .3em; }
p { margin: .2em 0 .8em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #eee; }
tr.ok td:nth-child(7) { color: #075e07; font-weight: bold; }
tr.ko td:nth-child(7) { color: #a00; font-weight: bold; }
td { word-break: break-word; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }
`;

export function batchHtml(batch: Batch, printedAt: Date): string {
  const rows = batch.items
    .map((item) => {
      const cells = reportRow(item)
        .map((value) => `<td>${escapeHtml(value)}</td>`)
        .join('');
      return `<tr class="${ROW_CLASS[item.status]}">${cells}</tr>`;
    })
    .join('\n');
  const title = `Compte rendu du lot n° ${batch.id} : ${batch.label}`;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Créé le ${escapeHtml(frenchDate(batch.createdAt))} — imprimé le ${escapeHtml(frenchDate(printedAt))}</p>
<p>${escapeHtml(countsSummary(batch))}</p>
<table>
<thead><tr>${REPORT_HEADERS.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
