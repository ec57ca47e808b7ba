// The batch report as CSV for a spreadsheet: UTF-8 with a BOM and `;` separators (what Excel in
// French expects), CRLF, every field quoted. A cell that a spreadsheet would take for a formula
// (= + - @, tab, CR) is prefixed with an apostrophe: file names and DMP messages are not ours.
import type { Batch } from '../../api/batches.js';
import { REPORT_HEADERS, reportRow } from './batchReportRows.js';

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function batchCsv(batch: Batch): string {
  const lines = [REPORT_HEADERS, ...batch.items.map(reportRow)].map((row) =>
    row.map(cell).join(';'),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
