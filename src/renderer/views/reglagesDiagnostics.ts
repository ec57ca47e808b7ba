// « Réglages » › diagnostics: the `navette doctor` checks run by the service, with what to do for
// each problem, and « Copier le rapport » which copies the REDACTED text for the support.
import type { DiagnosticsReport } from '../../api/diagnostics.js';
import { el, uid } from '../patient/dom.js';
import { callApi, errorText, type ScreenContext } from '../patient/viewContext.js';
import { redactedReport } from '../settings/redactReport.js';
import { copyText } from './reglagesTokens.js';

const STATUS_WORDS: Readonly<Record<DiagnosticsReport['checks'][number]['status'], string>> = {
  ok: 'Correct',
  warn: 'À surveiller',
  fail: 'Problème',
  skip: 'Non vérifié',
};

export function renderDiagnostics(area: HTMLElement, ctx: ScreenContext): void {
  const doc = area.ownerDocument;
  const run = el(doc, 'button', { type: 'button' }, 'Lancer le diagnostic');
  const copy = el(doc, 'button', { type: 'button', disabled: true }, 'Copier le rapport');
  const status = el(doc, 'p', { role: 'status', 'aria-live': 'polite' });
  const results = el(doc, 'div', {});
  const copyArea = el(doc, 'div', {});
  area.replaceChildren(
    el(doc, 'h2', { id: 'diagnostic-titre' }, 'Diagnostic'),
    el(
      doc,
      'p',
      { class: 'aide' },
      'Vérifie la configuration, la carte, les certificats, l’horloge et la connexion au DMP. Le rapport copié ne contient ni nom, ni numéro de patient ou de professionnel, ni jeton.',
    ),
    el(doc, 'p', {}, run, ' ', copy),
    status,
    results,
    copyArea,
  );
  let report: DiagnosticsReport | undefined;

  run.addEventListener('click', () => {
    run.disabled = true;
    copy.disabled = true;
    status.textContent = 'Diagnostic en cours… (jusqu’à une minute)';
    callApi(ctx, 'runDiagnostics', { body: {} })
      .then((r) => {
        report = r;
        const failures = r.checks.filter((c) => c.status === 'fail').length;
        status.textContent =
          failures === 0
            ? 'Diagnostic terminé : aucun problème bloquant.'
            : `Diagnostic terminé : ${failures} problème(s) à corriger.`;
        results.replaceChildren(table(doc, r));
        copy.disabled = false;
      })
      .catch((error: unknown) => {
        status.textContent = errorText(error);
      })
      .finally(() => {
        run.disabled = false;
      });
  });

  copy.addEventListener('click', () => {
    if (report === undefined) return;
    const text = redactedReport(report);
    void copyText(doc, text).then((done) => {
      if (done) {
        status.textContent = 'Rapport copié (sans données personnelles).';
        return;
      }
      // No clipboard access: show the text selected, for Ctrl+C.
      const id = uid('rapport');
      const box = el(doc, 'textarea', { id, readonly: true, rows: '12', class: 'rapport' });
      box.value = text;
      copyArea.replaceChildren(el(doc, 'label', { for: id }, 'Rapport à copier (Ctrl+C)'), box);
      box.focus();
      box.select();
    });
  });
}

function table(doc: Document, report: DiagnosticsReport): HTMLElement {
  return el(
    doc,
    'table',
    { class: 'diagnostic' },
    el(doc, 'caption', {}, `Vérifications (DMP ${report.endpoint})`),
    el(
      doc,
      'thead',
      {},
      el(
        doc,
        'tr',
        {},
        ...['Vérification', 'Résultat', 'Constat', 'À faire'].map((h) =>
          el(doc, 'th', { scope: 'col' }, h),
        ),
      ),
    ),
    el(
      doc,
      'tbody',
      {},
      ...report.checks.map((c) =>
        el(
          doc,
          'tr',
          { 'data-verification': c.id },
          el(doc, 'td', {}, c.title),
          el(
            doc,
            'td',
            {},
            el(doc, 'span', { class: `etat etat-${c.status}` }, STATUS_WORDS[c.status]),
          ),
          el(doc, 'td', {}, c.verdict),
          el(doc, 'td', {}, c.fix ?? ''),
        ),
      ),
    ),
  );
}
