// The diagnostic report as the user copies it for their support: the same verdicts, with what
// identifies a person or a secret masked (user folder names, patient and professional numbers,
// API tokens, e-mail addresses, certificate serial numbers and fingerprints). The user pastes it
// into an e-mail or a ticket, which are not places for any of these.
import type { DiagnosticsReport } from '../../api/diagnostics.js';

const MARKS: Readonly<Record<DiagnosticsReport['checks'][number]['status'], string>> = {
  ok: '[OK]',
  warn: '[ATTENTION]',
  fail: '[ÉCHEC]',
  skip: '[NON FAIT]',
};

const RULES: readonly (readonly [RegExp, string])[] = [
  [/\bnvt_[A-Za-z0-9_-]+/g, '[jeton masqué]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[adresse masquée]'],
  // Home folders carry the user's name: keep the rest of the path, it says what is wrong.
  [/([A-Za-z]:\\(?:Users|Documents and Settings)\\)[^\\/\s"«»]+/gi, '$1[utilisateur]'],
  [/(\/(?:home|Users)\/)[^/\s"«»]+/g, '$1[utilisateur]'],
  // Fingerprints and serial numbers (hex, with or without colons).
  [/\b(?:[0-9A-F]{2}:){7,}[0-9A-F]{2}\b/gi, '[empreinte masquée]'],
  [/\b[0-9a-f]{16,}\b/gi, '[numéro masqué]'],
  // INS/NIR (13 to 15 characters, Corsica included) and RPPS/ADELI/idNat_PS.
  [/\b[12378]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2A|2B)\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b/gi, '[INS masqué]'],
  [/\b\d{8,12}\b/g, '[identifiant masqué]'],
];

export function redactText(text: string): string {
  return RULES.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** The report as plain text, redacted, one line per check (and its fix). */
export function redactedReport(report: DiagnosticsReport): string {
  const lines = [
    `Diagnostic de Navette — ${report.ranAt}`,
    `DMP : ${report.endpoint} — authentification ${report.authMode === 'direct' ? 'directe (carte)' : 'indirecte (certificat de structure)'}`,
    report.ok ? 'Aucun problème bloquant.' : 'Des problèmes bloquants sont à corriger.',
    '',
  ];
  for (const check of report.checks) {
    lines.push(`${MARKS[check.status]} ${check.title} : ${check.verdict}`);
    if (check.fix !== null) lines.push(`    À faire : ${check.fix}`);
    if (check.code !== null) lines.push(`    Code : ${check.code}`);
  }
  return redactText(lines.join('\n'));
}
