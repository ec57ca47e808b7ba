// « Envois »: the outbox, live. Each document with its state in French, the reason of a refusal
// or failure (and what to do), « Réessayer » for a document that ran out of attempts, and a zone
// to drop files (or choose them) to send: they go into the first watched folder.
import type { OutboxItemSummary, OutboxList } from '../../api/outbox.js';
import { messageOf } from '../client/ApiClient.js';
import { button, el, errorBox, frenchDate } from '../shell/dom.js';
import type { View, ViewContext } from '../shell/view.js';
import { sendFiles } from './fileDrop.js';
import { OUTBOX_STATE_HINTS, OUTBOX_STATE_LABELS } from './outboxLabels.js';

const FINAL = new Set(['sent', 'refused', 'failed', 'duplicate']);

function reasonCell(item: OutboxItemSummary): Node | string {
  const reason = item.lastError ?? OUTBOX_STATE_HINTS[item.state];
  if (reason === undefined || item.state === 'sent') return '';
  return el(
    'details',
    { class: 'raison' },
    el('summary', {}, 'Voir la raison'),
    el('p', {}, reason),
    item.errorCode === null ? null : el('p', { class: 'code' }, `Code : ${item.errorCode}`),
  );
}

function dropZone(ctx: ViewContext, onDone: () => void): HTMLElement {
  const status = el('p', { id: 'depot-etat', role: 'status' });
  const progress = el('progress', { id: 'depot-progression', max: 1, value: 0, hidden: true });
  const input = el('input', {
    type: 'file',
    id: 'depot-fichiers',
    multiple: true,
    accept: '.xml,.pdf,.json',
    class: 'visually-hidden',
  });
  const choose = el('label', { for: 'depot-fichiers', class: 'bouton' }, 'Choisir des fichiers…');
  const zone = el(
    'section',
    { class: 'zone-depot', id: 'zone-depot', 'aria-labelledby': 'depot-titre' },
    el('h2', { id: 'depot-titre' }, 'Envoyer des documents'),
    el(
      'p',
      {},
      'Déposez ici des documents (CDA en XML, ou PDF avec leur fichier .json) ou choisissez-les : ils rejoignent le dossier surveillé et partent au DMP.',
    ),
    input,
    choose,
    progress,
    status,
  );
  const handle = async (files: readonly File[]): Promise<void> => {
    if (ctx.api === undefined || files.length === 0) return;
    progress.hidden = false;
    progress.max = files.length;
    progress.value = 0;
    status.textContent = `Dépôt de ${files.length} fichier(s)…`;
    const outcome = await sendFiles(ctx.api, files, (done) => {
      progress.value = done;
    });
    progress.hidden = true;
    const parts = [
      outcome.accepted.length === 0
        ? ''
        : `${outcome.accepted.length} fichier(s) déposé(s) : ils apparaîtront ci-dessous dans un instant.`,
      ...outcome.problems,
    ].filter((p) => p !== '');
    status.textContent = parts.join(' ');
    ctx.announce(status.textContent);
    onDone();
  };
  // Keyboard: the label is focusable through its input; Enter or Space opens the file chooser.
  input.addEventListener('change', () => {
    void handle([...(input.files ?? [])]).finally(() => {
      input.value = '';
    });
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('survol');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('survol'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('survol');
    void handle([...(event.dataTransfer?.files ?? [])]);
  });
  return zone;
}

/** The route parameter of the documents to handle (refused or failed). */
export const TO_HANDLE_PARAM = 'a-traiter';

export const envoisView: View = {
  render(container: HTMLElement, ctx: ViewContext): void {
    const api = ctx.api;
    if (api === undefined) return;
    const summary = el(
      'p',
      { id: 'envois-resume', role: 'status' },
      'Chargement de la file d’envoi…',
    );
    const progress = el('progress', { id: 'envois-progression', max: 1, value: 0 });
    const list = el('div', { id: 'envois-liste' });
    const known = new Map<number, string>();
    const refresh = async (): Promise<void> => {
      let data: OutboxList;
      try {
        data = await api.call('listOutbox', { query: { limit: 200 } });
      } catch (error) {
        list.replaceChildren(errorBox(messageOf(error)));
        return;
      }
      if (ctx.signal.aborted) return;
      const total = data.counts['total'] ?? 0;
      const done = ['sent', 'refused', 'failed', 'duplicate'].reduce(
        (n, s) => n + (data.counts[s] ?? 0),
        0,
      );
      progress.max = Math.max(total, 1);
      progress.value = done;
      summary.textContent =
        total === 0
          ? 'Aucun document dans la file d’envoi.'
          : `${done} sur ${total} document(s) traité(s) : ${data.counts['sent'] ?? 0} envoyé(s), ${(data.counts['queued'] ?? 0) + (data.counts['sending'] ?? 0) + (data.counts['retry-wait'] ?? 0)} en attente, ${(data.counts['refused'] ?? 0) + (data.counts['failed'] ?? 0)} à traiter.`;
      // `#/envois/a-traiter` (a notification's click): only the documents the user must handle.
      const toHandle = ctx.param === TO_HANDLE_PARAM;
      const shown = toHandle
        ? data.items.filter((item) => item.state === 'refused' || item.state === 'failed')
        : data.items;
      const rows = [...shown].reverse().map((item) => {
        const before = known.get(item.id);
        if (before !== undefined && before !== item.state && FINAL.has(item.state)) {
          ctx.announce(`« ${item.fileName} » : ${OUTBOX_STATE_LABELS[item.state]}.`);
        }
        known.set(item.id, item.state);
        const actions: Node[] = [];
        if (item.state === 'failed') {
          actions.push(
            button(
              `Réessayer`,
              () => {
                void api
                  .call('retryOutboxItem', { body: { itemId: item.id } })
                  .then(() => {
                    ctx.announce(`« ${item.fileName} » est remis dans la file d'envoi.`);
                    return refresh();
                  })
                  .catch((error: unknown) => ctx.announce(messageOf(error)));
              },
              { 'aria-label': `Réessayer l'envoi de ${item.fileName}` },
            ),
          );
        }
        return el(
          'tr',
          { 'data-item': item.id, 'data-etat': item.state },
          el('td', {}, item.fileName),
          el('td', {}, item.title ?? ''),
          el('td', { class: `etat etat-envoi-${item.state}` }, OUTBOX_STATE_LABELS[item.state]),
          el('td', {}, String(item.attempts)),
          el('td', {}, frenchDate(item.updatedAt)),
          el('td', {}, reasonCell(item)),
          el('td', {}, ...actions),
        );
      });
      list.replaceChildren(
        el(
          'table',
          { id: 'envois-table' },
          el('caption', {}, 'Documents de la file d’envoi (les plus récents d’abord)'),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['Fichier', 'Titre', 'État', 'Essais', 'Mis à jour', 'Raison', 'Actions'].map(
                (h) => el('th', { scope: 'col' }, h),
              ),
            ),
          ),
          el('tbody', {}, ...rows),
        ),
      );
    };
    let pending: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        void refresh();
      }, 200);
    };
    container.append(
      dropZone(ctx, soon),
      el(
        'section',
        { 'aria-labelledby': 'file-titre' },
        el('h2', { id: 'file-titre' }, 'File d’envoi'),
        summary,
        progress,
        list,
      ),
    );
    ctx.onEvent((event) => {
      if (event.type === 'outbox-item') soon();
    });
    // New files found by the watcher have no event of their own yet: poll a little as well.
    const timer = setInterval(soon, 3000);
    ctx.signal.addEventListener('abort', () => {
      clearInterval(timer);
      if (pending !== undefined) clearTimeout(pending);
    });
    void refresh();
  },
};
