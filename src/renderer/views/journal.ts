// « Journal »: the audit journal (who did what, patients by keyed reference only), filtered by
// dates, exported as CSV, with the verification of its hash chain in plain French.
import type { JournalEntry } from '../../api/journal.js';
import { messageOf, type ApiClient } from '../client/ApiClient.js';
import { button, download, el, errorBox, frenchDate } from '../shell/dom.js';
import type { View, ViewContext } from '../shell/view.js';

/** `<input type="date">` values as an ISO range: the whole `from` day to the end of `to`. */
export function dateRange(from: string, to: string): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (from !== '') range.from = new Date(`${from}T00:00:00`).toISOString();
  if (to !== '') range.to = new Date(`${to}T23:59:59.999`).toISOString();
  return range;
}

const RESULT_WORDS: Readonly<Record<string, string>> = {
  success: 'réussi',
  failure: 'échec',
  absent: 'absent',
};

function entriesTable(entries: readonly JournalEntry[]): HTMLElement {
  if (entries.length === 0) return el('p', { id: 'journal-vide' }, 'Aucune entrée pour ces dates.');
  return el(
    'table',
    { id: 'journal-table' },
    el('caption', {}, `Entrées du journal (${entries.length})`),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[
          'N°',
          'Date',
          'Acteur',
          'Patient (référence)',
          'Opération',
          "Mode d'accès",
          'Résultat',
        ].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      ...entries.map((e) =>
        el(
          'tr',
          { 'data-entree': e.id },
          el('td', {}, String(e.id)),
          el('td', {}, frenchDate(e.at)),
          el('td', {}, e.actor),
          // The reference is a keyed hash: its start is enough to tell entries apart.
          el(
            'td',
            { title: e.patientRef ?? '' },
            e.patientRef === null ? '' : `${e.patientRef.slice(0, 12)}…`,
          ),
          el('td', {}, e.transaction),
          el('td', {}, e.accessMode ?? ''),
          el('td', {}, RESULT_WORDS[e.result] ?? e.result),
        ),
      ),
    ),
  );
}

async function verify(api: ApiClient, box: HTMLElement): Promise<void> {
  box.replaceChildren(el('p', {}, 'Vérification de la chaîne du journal…'));
  try {
    const result = await api.call('verifyJournal', {});
    box.replaceChildren(
      el(
        'p',
        { class: result.ok ? 'verif-ok' : 'erreur', 'data-verif': result.ok ? 'ok' : 'altere' },
        result.message,
      ),
    );
  } catch (error) {
    box.replaceChildren(errorBox(messageOf(error)));
  }
}

export const journalView: View = {
  render(container: HTMLElement, ctx: ViewContext): void {
    const api = ctx.api;
    if (api === undefined) return;
    const verification = el('div', { id: 'journal-verification', role: 'status' });
    const from = el('input', { type: 'date', id: 'journal-du' });
    const to = el('input', { type: 'date', id: 'journal-au' });
    const list = el('div', { id: 'journal-liste' });
    const error = el('div', { role: 'alert' });
    const load = async (): Promise<void> => {
      error.replaceChildren();
      try {
        const { entries } = await api.call('listJournal', {
          query: { ...dateRange(from.value, to.value), limit: 500 },
        });
        if (!ctx.signal.aborted) list.replaceChildren(entriesTable(entries));
      } catch (e) {
        error.replaceChildren(errorBox(messageOf(e)));
      }
    };
    const form = el(
      'form',
      { id: 'journal-filtres', class: 'filtres' },
      el('p', {}, el('label', { for: 'journal-du' }, 'Du'), ' ', from),
      el('p', {}, el('label', { for: 'journal-au' }, 'Au'), ' ', to),
      el('button', { type: 'submit' }, 'Afficher'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void load();
    });
    const exportCsv = button('Exporter en CSV', () => {
      void api
        .call('exportJournalCsv', { query: { ...dateRange(from.value, to.value), limit: 10_000 } })
        .then((file) => {
          download(file.fileName, file.csv);
          ctx.announce('Export CSV du journal prêt.');
        })
        .catch((e: unknown) => error.replaceChildren(errorBox(messageOf(e))));
    });
    container.append(
      el(
        'section',
        { 'aria-labelledby': 'verif-titre' },
        el('h2', { id: 'verif-titre' }, 'Intégrité du journal'),
        verification,
        button('Vérifier à nouveau', () => void verify(api, verification)),
      ),
      el(
        'section',
        { 'aria-labelledby': 'entrees-titre' },
        el('h2', { id: 'entrees-titre' }, 'Entrées'),
        el(
          'p',
          {},
          "Les patients n'y figurent que par une référence chiffrée propre à ce poste : l'export peut être remis pour un audit.",
        ),
        form,
        el('p', {}, exportCsv),
        error,
        list,
      ),
    );
    void verify(api, verification);
    void load();
  },
};
