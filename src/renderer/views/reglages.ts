// The « Réglages » screen: the settings a user may change (folders, card module, structure,
// authentication mode, default visibility, import), the local API tokens, and the diagnostics.
// Saving writes the user settings file only; each refused field says why, next to it.
import type { EditableSettings, SettingsView } from '../../api/settings.js';
import { announce, el, ensureStylesheet, uid } from '../patient/dom.js';
import { callApi, errorText, type ScreenContext } from '../patient/viewContext.js';
import type { View } from '../shell/view.js';
import { changesOf, linesOf, optionalText } from '../settings/settingsForm.js';
import { renderDiagnostics } from './reglagesDiagnostics.js';
import { renderTokens } from './reglagesTokens.js';

type Field = keyof EditableSettings;

interface Control {
  readonly element: HTMLInputElement | HTMLTextAreaElement;
  readonly error: HTMLElement;
}

export function renderReglages(container: HTMLElement, ctx: ScreenContext): void {
  const doc = container.ownerDocument;
  ensureStylesheet(doc);
  const formArea = el(doc, 'div', {}, el(doc, 'p', { role: 'status' }, 'Lecture des réglages…'));
  const tokensArea = el(doc, 'section', { 'aria-labelledby': 'jetons-titre' });
  const diagnosticsArea = el(doc, 'section', { 'aria-labelledby': 'diagnostic-titre' });
  container.replaceChildren(formArea, tokensArea, diagnosticsArea);
  renderTokens(tokensArea, ctx);
  renderDiagnostics(diagnosticsArea, ctx);
  callApi(ctx, 'getSettings', {})
    .then((view) => renderForm(formArea, ctx, view))
    .catch((error: unknown) =>
      formArea.replaceChildren(el(doc, 'p', { class: 'erreur', role: 'alert' }, errorText(error))),
    );
}

function renderForm(area: HTMLElement, ctx: ScreenContext, initial: SettingsView): void {
  const doc = area.ownerDocument;
  let view = initial;
  const controls = new Map<Field, Control>();
  const locked = new Set(view.locked);

  const control = (
    field: Field,
    label: string,
    element: HTMLInputElement | HTMLTextAreaElement,
    help?: string,
  ): HTMLElement => {
    const id = uid(field);
    const errorId = `${id}-erreur`;
    const helpId = `${id}-aide`;
    element.id = id;
    element.setAttribute('aria-describedby', help === undefined ? errorId : `${helpId} ${errorId}`);
    if (locked.has(field)) element.disabled = true;
    const error = el(doc, 'span', { id: errorId, class: 'erreur' });
    controls.set(field, { element, error });
    const isBox = element instanceof HTMLInputElement && element.type === 'checkbox';
    const labelNode = el(doc, 'label', { for: id }, label);
    return el(
      doc,
      'p',
      { class: isBox ? 'case' : 'champ', 'data-reglage': field },
      ...(isBox ? [element, labelNode] : [labelNode, element]),
      help === undefined ? null : el(doc, 'span', { id: helpId, class: 'aide' }, help),
      locked.has(field) ? el(doc, 'span', { class: 'aide' }, " Fixé par l'administrateur.") : null,
      error,
    );
  };
  const text = (): HTMLInputElement =>
    el(doc, 'input', { type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const box = (): HTMLInputElement => el(doc, 'input', { type: 'checkbox' });

  const folders = el(doc, 'textarea', { rows: '3', spellcheck: 'false' });
  const direct = el(doc, 'input', {
    type: 'radio',
    name: 'mode-auth',
    id: uid('auth'),
    value: 'direct',
  });
  const indirect = el(doc, 'input', {
    type: 'radio',
    name: 'mode-auth',
    id: uid('auth'),
    value: 'indirect',
  });
  if (locked.has('authMode')) direct.disabled = indirect.disabled = true;
  const authError = el(doc, 'span', { class: 'erreur', id: uid('auth-erreur') });

  const section = (title: string, ...children: HTMLElement[]): HTMLElement =>
    el(doc, 'fieldset', {}, el(doc, 'legend', {}, title), ...children);

  const message = el(doc, 'p', { role: 'status', 'aria-live': 'polite' });
  const form = el(
    doc,
    'form',
    { class: 'reglages', 'aria-label': 'Réglages de Navette', novalidate: true },
    section(
      'Dossiers',
      control('watchFolders', "Dossiers d'export surveillés (un par ligne)", folders),
      control('sentFolder', 'Dossier des documents envoyés', text()),
      control('errorFolder', 'Dossier des documents refusés', text()),
    ),
    section(
      'Carte CPS',
      control(
        'cardModule',
        'Module PKCS#11 de la carte',
        text(),
        'Chemin complet de la bibliothèque de la Cryptolib CPS.',
      ),
    ),
    section(
      'Structure',
      control('structureId', 'Identifiant national de la structure', text()),
      control('structureName', 'Nom de la structure', text()),
      control(
        'structureP12',
        'Certificat de la structure (.p12)',
        text(),
        'Le mot de passe ne se règle pas ici.',
      ),
    ),
    el(
      doc,
      'fieldset',
      { 'aria-describedby': authError.id },
      el(doc, 'legend', {}, "Mode d'authentification au DMP"),
      el(
        doc,
        'p',
        { class: 'case' },
        direct,
        el(doc, 'label', { for: direct.id }, 'Direct (carte CPS du professionnel)'),
      ),
      el(
        doc,
        'p',
        { class: 'case' },
        indirect,
        el(doc, 'label', { for: indirect.id }, 'Indirect (certificat de la structure)'),
      ),
      authError,
    ),
    section(
      'Visibilité par défaut des documents envoyés',
      control('defaultVisibility', 'Masqués aux autres professionnels', box()),
      visibilityBox('hiddenFromPatient', 'Invisibles pour le patient'),
      visibilityBox('hiddenFromLegalRepresentatives', 'Invisibles pour ses représentants légaux'),
    ),
    section(
      'Import',
      control('importFolder', "Dossier d'import", text()),
      control(
        'importNamePattern',
        'Modèle de nom des fichiers',
        text(),
        'Champs possibles : {date}, {type}, {title}, {uniqueId} (obligatoire).',
      ),
      control(
        'autoImport',
        'Importer automatiquement les nouveaux documents des patients suivis',
        box(),
      ),
    ),
    el(
      doc,
      'p',
      {},
      el(doc, 'button', { type: 'submit', class: 'bouton-principal' }, 'Enregistrer les réglages'),
    ),
    message,
  );
  function visibilityBox(
    key: 'hiddenFromPatient' | 'hiddenFromLegalRepresentatives',
    label: string,
  ): HTMLElement {
    const id = uid(key);
    const input = el(doc, 'input', { type: 'checkbox', id, 'data-visibilite': key });
    if (locked.has('defaultVisibility')) input.disabled = true;
    return el(doc, 'p', { class: 'case' }, input, el(doc, 'label', { for: id }, label));
  }
  const visibility = (key: string): HTMLInputElement | null =>
    form.querySelector<HTMLInputElement>(`input[data-visibilite="${key}"]`);

  const fill = (s: EditableSettings): void => {
    folders.value = s.watchFolders.join('\n');
    const set = (f: Field, v: string | null): void => {
      const c = controls.get(f);
      if (c !== undefined) c.element.value = v ?? '';
    };
    set('sentFolder', s.sentFolder);
    set('errorFolder', s.errorFolder);
    set('cardModule', s.cardModule);
    set('structureId', s.structureId);
    set('structureName', s.structureName);
    set('structureP12', s.structureP12);
    set('importFolder', s.importFolder);
    set('importNamePattern', s.importNamePattern);
    direct.checked = s.authMode === 'direct';
    indirect.checked = s.authMode === 'indirect';
    const check = (f: Field, v: boolean): void => {
      const c = controls.get(f)?.element;
      if (c instanceof HTMLInputElement) c.checked = v;
    };
    check('defaultVisibility', s.defaultVisibility.hiddenFromProfessionals);
    check('autoImport', s.autoImport);
    const patient = visibility('hiddenFromPatient');
    if (patient !== null) patient.checked = s.defaultVisibility.hiddenFromPatient;
    const legal = visibility('hiddenFromLegalRepresentatives');
    if (legal !== null) legal.checked = s.defaultVisibility.hiddenFromLegalRepresentatives;
  };

  const read = (): EditableSettings => {
    const value = (f: Field): string => controls.get(f)?.element.value ?? '';
    const checked = (f: Field): boolean => {
      const c = controls.get(f)?.element;
      return c instanceof HTMLInputElement && c.checked;
    };
    return {
      watchFolders: linesOf(folders.value),
      sentFolder: optionalText(value('sentFolder')),
      errorFolder: optionalText(value('errorFolder')),
      cardModule: optionalText(value('cardModule')),
      structureId: optionalText(value('structureId')),
      structureName: optionalText(value('structureName')),
      structureP12: optionalText(value('structureP12')),
      authMode: indirect.checked ? 'indirect' : 'direct',
      defaultVisibility: {
        hiddenFromProfessionals: checked('defaultVisibility'),
        hiddenFromPatient: visibility('hiddenFromPatient')?.checked === true,
        hiddenFromLegalRepresentatives:
          visibility('hiddenFromLegalRepresentatives')?.checked === true,
      },
      importFolder: optionalText(value('importFolder')),
      importNamePattern: value('importNamePattern').trim(),
      autoImport: checked('autoImport'),
    };
  };

  const clearErrors = (): void => {
    authError.textContent = '';
    for (const c of controls.values()) {
      c.error.textContent = '';
      c.element.removeAttribute('aria-invalid');
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const changes = changesOf(view.settings, read());
    if (Object.keys(changes).length === 0) {
      message.textContent = 'Aucun changement à enregistrer.';
      return;
    }
    message.textContent = 'Enregistrement…';
    callApi(ctx, 'saveSettings', { body: changes })
      .then((result) => {
        if (result.ok) {
          view = result.view;
          fill(view.settings);
          message.textContent = result.message;
          return;
        }
        const general: string[] = [];
        let first: HTMLElement | undefined;
        for (const e of result.errors) {
          const c = controls.get(e.field as Field);
          if (e.field === 'authMode') authError.textContent = e.message;
          else if (c !== undefined) {
            c.error.textContent = ` ${e.message}`;
            c.element.setAttribute('aria-invalid', 'true');
            first ??= c.element;
          } else general.push(e.message);
        }
        message.textContent =
          general.length > 0
            ? general.join(' ')
            : `Réglages non enregistrés : ${result.errors.length} réglage(s) à corriger.`;
        first?.focus();
      })
      .catch((error: unknown) => {
        message.textContent = errorText(error);
        announce(doc, errorText(error));
      });
  });

  fill(view.settings);
  const header = el(
    doc,
    'p',
    { class: 'aide' },
    view.userFile === null
      ? 'Ces réglages ne peuvent pas être enregistrés : Navette fonctionne sans fichier de réglages.'
      : `Fichier de réglages : ${view.userFile}. DMP : ${view.dmpEndpoint}.`,
  );
  const problems =
    view.problems.length === 0
      ? null
      : el(
          doc,
          'ul',
          { class: 'probleme' },
          ...view.problems.map((p) => el(doc, 'li', {}, p.message)),
        );
  area.replaceChildren(
    el(doc, 'h2', {}, 'Configuration'),
    header,
    ...(problems === null ? [] : [problems]),
    form,
  );
}

export const reglagesView: View = { render: renderReglages };
