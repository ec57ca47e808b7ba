// « Accueil »: at a glance, is Navette working? The card, the DMP connection, the watched folders
// and the queue (from /api/status), each component's state, and the demo banner. Kept current by
// the service's events, and every 10 s for what has no event.
import type { HealthReport } from '../../api/health.js';
import type { ServiceStatus } from '../../api/status.js';
import { messageOf } from '../client/ApiClient.js';
import { ensureDemoBanner } from '../demoBanner.js';
import { fetchHealth } from '../healthClient.js';
import { componentName, overallLabel, stateLabel } from '../labels.js';
import { el } from '../shell/dom.js';
import type { View, ViewContext } from '../shell/view.js';
import { OUTBOX_STATE_LABELS } from './outboxLabels.js';

const REFRESH_MS = 10_000;

/** Renders the report into `details` and its one-line summary into `summary`. */
export function renderAccueil(
  doc: Document,
  summary: HTMLElement,
  details: HTMLElement,
  report: HealthReport,
): void {
  summary.textContent = overallLabel(report.status);
  const table = doc.createElement('table');
  const caption = doc.createElement('caption');
  caption.textContent = 'Éléments de Navette';
  table.append(caption);
  const head = doc.createElement('thead');
  head.append(row(doc, 'th', ['Élément', 'État', 'Détail']));
  table.append(head);
  const body = doc.createElement('tbody');
  for (const [name, status] of Object.entries(report.components)) {
    const tr = row(doc, 'td', [
      componentName(name),
      stateLabel(status.state),
      status.message ?? '',
    ]);
    tr.dataset['component'] = name;
    tr.children[1]?.classList.add('etat', `etat-${status.state}`);
    body.append(tr);
  }
  table.append(body);
  const parts: HTMLElement[] = [table];
  if (report.configProblems.length > 0) {
    const list = el('ul');
    for (const problem of report.configProblems) {
      list.append(
        el(
          'li',
          {},
          `${problem.message} (fichier ${problem.file}, paramètre « ${problem.field} »)`,
        ),
      );
    }
    parts.push(el('div', { class: 'probleme' }, el('h3', {}, 'Problèmes de configuration'), list));
  }
  details.replaceChildren(...parts);
}

function row(doc: Document, cell: 'th' | 'td', texts: readonly string[]): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  for (const text of texts) {
    const c = doc.createElement(cell);
    if (cell === 'th') c.setAttribute('scope', 'col');
    c.textContent = text;
    tr.append(c);
  }
  return tr;
}

/** One card of the summary: a component's state in words, and its detail. */
function card(title: string, report: HealthReport, component: string, id: string): HTMLElement {
  const status = report.components[component];
  return el(
    'section',
    { class: 'carte-etat', 'aria-labelledby': id, 'data-carte': component },
    el('h2', { id }, title),
    el(
      'p',
      { class: `etat etat-${status?.state ?? 'not-configured'}` },
      status === undefined ? 'Non configuré' : stateLabel(status.state),
    ),
    status?.message === undefined ? null : el('p', {}, status.message),
  );
}

function queueCard(status: ServiceStatus | undefined, failed: string | undefined): HTMLElement {
  const parts: (HTMLElement | null)[] = [];
  if (failed !== undefined) parts.push(el('p', { class: 'erreur' }, failed));
  else if (status?.outbox === null || status === undefined) {
    parts.push(el('p', {}, "Aucune file d'envoi : aucun dossier d'export n'est surveillé."));
  } else {
    const counts = status.outbox;
    const shown = (['queued', 'sending', 'retry-wait', 'sent', 'refused', 'failed'] as const)
      .filter((s) => (counts[s] ?? 0) > 0)
      .map((s) => el('li', { 'data-etat': s }, `${OUTBOX_STATE_LABELS[s]} : ${counts[s] ?? 0}`));
    parts.push(
      el('p', { id: 'file-total' }, `${counts['total'] ?? 0} document(s) dans la file d'envoi.`),
      shown.length === 0 ? null : el('ul', {}, ...shown),
    );
  }
  return el(
    'section',
    { class: 'carte-etat', 'aria-labelledby': 'carte-file', 'data-carte': 'file' },
    el('h2', { id: 'carte-file' }, "File d'envoi"),
    ...parts,
    el('p', {}, el('a', { href: '#envois' }, 'Voir les envois')),
  );
}

export const accueilView: View = {
  render(container: HTMLElement, ctx: ViewContext): void {
    const summary = el(
      'p',
      { id: 'etat-resume', role: 'status' },
      "Chargement de l'état de Navette…",
    );
    const cards = el('div', { class: 'cartes' });
    const details = el('div', { id: 'etat-details' });
    container.append(
      summary,
      cards,
      el(
        'section',
        { 'aria-labelledby': 'etat-titre' },
        el('h2', { id: 'etat-titre' }, 'État de Navette'),
        details,
      ),
    );
    const refresh = async (): Promise<void> => {
      let report: HealthReport;
      try {
        report = await fetchHealth();
      } catch {
        summary.textContent =
          "Impossible de joindre le service Navette. Vérifiez qu'il est démarré, puis rechargez la page.";
        return;
      }
      if (ctx.signal.aborted) return;
      ensureDemoBanner(document, report.demo, report.modeLabel);
      const version = document.getElementById('version');
      if (version !== null) version.textContent = `Navette ${report.version} — ${report.modeLabel}`;
      renderAccueil(document, summary, details, report);
      let status: ServiceStatus | undefined;
      let failed: string | undefined;
      if (ctx.api !== undefined) {
        try {
          status = await ctx.api.call('getStatus', {});
        } catch (error) {
          failed = messageOf(error);
        }
      } else {
        failed =
          "La file d'envoi n'est visible qu'avec le jeton de session : ouvrez l'adresse complète affichée au démarrage de Navette.";
      }
      if (ctx.signal.aborted) return;
      cards.replaceChildren(
        card('Carte CPS', report, 'card', 'carte-cps'),
        card('Connexion au DMP', report, 'dmp', 'carte-dmp'),
        card('Dossiers surveillés', report, 'watcher', 'carte-dossiers'),
        queueCard(status, failed),
      );
    };
    let pending: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        void refresh();
      }, 300);
    };
    ctx.onEvent(soon);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    ctx.signal.addEventListener('abort', () => {
      clearInterval(timer);
      if (pending !== undefined) clearTimeout(pending);
    });
    void refresh();
  },
};
