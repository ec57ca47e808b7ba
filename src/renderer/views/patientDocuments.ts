// The patient's documents (TD3.1): filters, the list grouped by lot with statuses and visibility
// alerts, reading (viewer.ts), import into the practice's software, and the TD3.3 actions on the
// user's own documents, each behind a confirmation.
import type {
  ApiDocumentAction,
  DocumentList,
  DocumentSummary,
  ImportResult,
  PatientRequest,
} from '../../api/consult.js';
import { confirmDialog } from '../patient/dialogs.js';
import {
  EMPTY_FILTERS,
  filterDocuments,
  groupByLot,
  kindOptions,
  searchRequestOf,
  type DocumentFilterState,
} from '../patient/documentFilters.js';
import { announce, el, uid } from '../patient/dom.js';
import {
  documentStatusLabel,
  documentTitle,
  documentTypeLabel,
  formatHl7Date,
} from '../patient/format.js';
import { ACTION_WORDS, actionsFor } from '../patient/manageActions.js';
import { callApi, errorText, type ScreenContext } from '../patient/viewContext.js';
import { renderViewer, type ViewerHandle } from './viewer.js';

export function renderPatientDocuments(
  area: HTMLElement,
  ctx: ScreenContext,
  request: PatientRequest,
): void {
  const doc = area.ownerDocument;
  let filters: DocumentFilterState = EMPTY_FILTERS;
  let list: DocumentList | undefined;
  let viewer: ViewerHandle | undefined;

  const since = dateField(doc, 'Depuis le');
  const until = dateField(doc, "Jusqu'au");
  const lastVisit = checkField(doc, 'Depuis ma dernière visite');
  const allStatuses = checkField(doc, 'Inclure les documents archivés et obsolètes');
  const kindId = uid('type');
  const kind = el(doc, 'select', { id: kindId }, el(doc, 'option', { value: '' }, 'Tous'));
  const filterForm = el(
    doc,
    'form',
    { class: 'filtres', 'aria-label': 'Filtres des documents' },
    el(
      doc,
      'fieldset',
      {},
      el(doc, 'legend', {}, 'Filtres'),
      since.wrapper,
      until.wrapper,
      lastVisit.wrapper,
      allStatuses.wrapper,
      el(doc, 'p', { class: 'champ' }, el(doc, 'label', { for: kindId }, 'Classe ou type'), kind),
      el(doc, 'button', { type: 'submit' }, 'Rechercher'),
    ),
  );
  const importNew = el(doc, 'button', { type: 'button' }, 'Importer les nouveaux documents');
  const summary = el(doc, 'p', { role: 'status', 'aria-live': 'polite', class: 'resume' });
  const listArea = el(doc, 'div', { class: 'liste-documents' });
  const viewerArea = el(doc, 'section', {
    class: 'visionneuse',
    'aria-label': 'Lecture du document',
  });
  area.replaceChildren(
    el(doc, 'h2', {}, 'Documents du DMP'),
    filterForm,
    el(doc, 'div', { class: 'actions' }, importNew),
    summary,
    listArea,
    viewerArea,
  );

  const readFilters = (): DocumentFilterState => ({
    since: since.input.value,
    until: until.input.value,
    sinceLastVisit: lastVisit.input.checked,
    allStatuses: allStatuses.input.checked,
    kind: kind.value,
  });

  const load = async (): Promise<void> => {
    filters = readFilters();
    summary.textContent = 'Recherche des documents dans le DMP…';
    listArea.replaceChildren();
    try {
      list = await callApi(ctx, 'patientDocuments', {
        body: searchRequestOf(request, filters),
      });
      fillKinds();
      showList();
    } catch (error) {
      summary.textContent = '';
      listArea.replaceChildren(el(doc, 'p', { class: 'erreur', role: 'alert' }, errorText(error)));
    }
  };

  const fillKinds = (): void => {
    if (list === undefined) return;
    const chosen = kind.value;
    kind.replaceChildren(el(doc, 'option', { value: '' }, 'Tous'));
    for (const option of kindOptions(list.documents)) {
      kind.append(el(doc, 'option', { value: option.value }, option.label));
    }
    kind.value = [...kind.options].some((o) => o.value === chosen) ? chosen : '';
  };

  const showList = (): void => {
    if (list === undefined) return;
    filters = readFilters();
    const shown = filterDocuments(list.documents, filters);
    summary.textContent =
      `${list.scope} : ${shown.length} document${shown.length > 1 ? 's' : ''}` +
      (shown.length === list.documents.length ? '.' : ` sur ${list.documents.length}.`);
    if (shown.length === 0) {
      listArea.replaceChildren(el(doc, 'p', {}, 'Aucun document ne correspond à ces critères.'));
      return;
    }
    listArea.replaceChildren(
      ...groupByLot(shown).map((group, n) =>
        lotTable(group.documents, group.lot === null ? null : n + 1),
      ),
    );
  };

  const lotTable = (
    documents: readonly DocumentSummary[],
    lotNumber: number | null,
  ): HTMLElement => {
    const first = documents[0];
    const caption =
      lotNumber !== null && documents.length > 1
        ? `Lot envoyé le ${formatHl7Date(first?.creationTime ?? null)} (${documents.length} documents)`
        : documents.length === 1
          ? `Document du ${formatHl7Date(first?.creationTime ?? null)}`
          : 'Documents';
    const head = el(
      doc,
      'tr',
      {},
      ...['Document', 'Type', 'Date', 'Auteur', 'Statut', 'Alertes', 'Actions'].map((h) =>
        el(doc, 'th', { scope: 'col' }, h),
      ),
    );
    return el(
      doc,
      'table',
      { class: 'documents' },
      el(doc, 'caption', {}, caption),
      el(doc, 'thead', {}, head),
      el(doc, 'tbody', {}, ...documents.map(documentRow)),
    );
  };

  const documentRow = (d: DocumentSummary): HTMLElement => {
    const title = documentTitle(d);
    const read = el(doc, 'button', { type: 'button' }, 'Lire');
    read.setAttribute('aria-label', `Lire « ${title} »`);
    read.addEventListener('click', () => void show(d));
    const importOne = el(doc, 'button', { type: 'button' }, d.imported ? 'Réimporter' : 'Importer');
    importOne.setAttribute('aria-label', `Importer « ${title} »`);
    importOne.addEventListener('click', () => void runImport([d.uniqueId]));
    const actions = el(doc, 'td', { class: 'actions' }, read, importOne);
    const manage = actionsFor(d);
    if (manage.length > 0) {
      const menu = el(doc, 'details', { class: 'gerer' }, el(doc, 'summary', {}, 'Gérer'));
      for (const action of manage) {
        const button = el(doc, 'button', { type: 'button' }, ACTION_WORDS[action].button);
        button.addEventListener('click', () => void runManage(d, action));
        menu.append(button);
      }
      actions.append(menu);
    }
    const row = el(
      doc,
      'tr',
      { 'data-unique-id': d.uniqueId, 'data-statut': d.status },
      el(
        doc,
        'td',
        {},
        title,
        d.imported ? el(doc, 'span', { class: 'etiquette' }, ' (importé)') : null,
      ),
      el(doc, 'td', {}, documentTypeLabel(d)),
      el(doc, 'td', {}, formatHl7Date(d.creationTime)),
      el(doc, 'td', {}, d.author?.name ?? ''),
      el(
        doc,
        'td',
        {},
        el(doc, 'span', { class: `statut statut-${d.status}` }, documentStatusLabel(d.status)),
      ),
      el(
        doc,
        'td',
        {},
        d.alerts.length === 0
          ? ''
          : el(
              doc,
              'ul',
              { class: 'alertes' },
              ...d.alerts.map((a) => el(doc, 'li', {}, a.message)),
            ),
      ),
      actions,
    );
    return row;
  };

  const show = async (d: DocumentSummary): Promise<void> => {
    viewer?.dispose();
    viewer = undefined;
    viewerArea.replaceChildren(el(doc, 'p', { role: 'status' }, 'Ouverture du document…'));
    try {
      const display = await callApi(ctx, 'documentDisplay', {
        body: { patient: request.patient, access: request.access, uniqueId: d.uniqueId },
      });
      viewer = renderViewer(doc, viewerArea, display, documentTitle(d));
      viewerArea.querySelector<HTMLElement>('.visionneuse-titre')?.focus();
    } catch (error) {
      viewerArea.replaceChildren(
        el(doc, 'p', { class: 'erreur', role: 'alert' }, errorText(error)),
      );
    }
  };

  const runImport = async (uniqueIds: string[] | undefined): Promise<void> => {
    announce(doc, 'Import en cours…');
    try {
      const result = await callApi(ctx, 'patientImport', {
        body: {
          patient: request.patient,
          access: request.access,
          ...(uniqueIds === undefined ? {} : { uniqueIds }),
        },
      });
      announce(doc, importSentence(result));
      await load();
      summary.textContent = `${importSentence(result)} ${summary.textContent ?? ''}`;
    } catch (error) {
      announce(doc, errorText(error));
      summary.textContent = errorText(error);
    }
  };

  const runManage = async (d: DocumentSummary, action: ApiDocumentAction): Promise<void> => {
    const words = ACTION_WORDS[action];
    const ok = await confirmDialog(doc, {
      title: words.question,
      body: [`« ${documentTitle(d)} » du ${formatHl7Date(d.creationTime)}.`, words.consequence],
      confirmLabel: words.button,
      danger: words.danger,
    });
    if (!ok) return;
    try {
      const result = await callApi(ctx, 'documentManage', {
        body: { patient: request.patient, uniqueId: d.uniqueId, action, confirmed: true },
      });
      announce(doc, result.message);
      await load();
    } catch (error) {
      announce(doc, errorText(error));
      summary.textContent = errorText(error);
    }
  };

  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  // Kind and upper date filter the list already there: no new DMP request.
  kind.addEventListener('change', showList);
  until.input.addEventListener('change', showList);
  lastVisit.input.addEventListener('change', () => {
    since.input.disabled = lastVisit.input.checked;
  });
  importNew.addEventListener('click', () => void runImport(undefined));
  void load();
}

export function importSentence(result: ImportResult): string {
  const parts: string[] = [];
  const n = result.imported.length;
  parts.push(
    n === 0
      ? 'Aucun nouveau document importé.'
      : `${n} document${n > 1 ? 's' : ''} importé${n > 1 ? 's' : ''} : ${result.imported.map((i) => i.fileName).join(', ')}.`,
  );
  if (result.skipped.length > 0)
    parts.push(`${result.skipped.length} déjà importé(s) ou ignoré(s).`);
  for (const f of result.failed) parts.push(`Échec : ${f.message}`);
  return parts.join(' ');
}

function dateField(
  doc: Document,
  label: string,
): { wrapper: HTMLElement; input: HTMLInputElement } {
  const id = uid('date');
  const input = el(doc, 'input', { type: 'date', id });
  return {
    wrapper: el(doc, 'p', { class: 'champ' }, el(doc, 'label', { for: id }, label), input),
    input,
  };
}

function checkField(
  doc: Document,
  label: string,
): { wrapper: HTMLElement; input: HTMLInputElement } {
  const id = uid('case');
  const input = el(doc, 'input', { type: 'checkbox', id });
  return {
    wrapper: el(doc, 'p', { class: 'case' }, input, el(doc, 'label', { for: id }, label)),
    input,
  };
}
