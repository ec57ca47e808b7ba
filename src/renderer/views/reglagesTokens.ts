// « Réglages » › local API tokens: the list (never a token), creating one (shown once, here only),
// revoking one behind a confirmation.
import type { ApiTokenInfoView } from '../../api/tokens.js';
import { confirmDialog } from '../patient/dialogs.js';
import { announce, el, uid } from '../patient/dom.js';
import { callApi, errorText, type ScreenContext } from '../patient/viewContext.js';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

function when(iso: string | null): string {
  return iso === null ? '—' : dateTime.format(new Date(iso));
}

export function renderTokens(area: HTMLElement, ctx: ScreenContext): void {
  const doc = area.ownerDocument;
  const tableArea = el(doc, 'div', {});
  const nameId = uid('jeton-nom');
  const name = el(doc, 'input', { id: nameId, type: 'text', maxlength: '64', autocomplete: 'off' });
  const createForm = el(
    doc,
    'form',
    { 'aria-label': "Créer un jeton d'accès" },
    el(doc, 'label', { for: nameId }, 'Nom du logiciel qui utilisera le jeton'),
    name,
    el(doc, 'button', { type: 'submit' }, 'Créer un jeton'),
  );
  const created = el(doc, 'div', { class: 'jeton-cree' });
  const status = el(doc, 'p', { role: 'status', 'aria-live': 'polite' });
  area.replaceChildren(
    el(doc, 'h2', { id: 'jetons-titre' }, "Jetons d'accès à l'API locale"),
    el(
      doc,
      'p',
      { class: 'aide' },
      "Un jeton permet à un logiciel de cet ordinateur (logiciel métier, script) d'utiliser Navette.",
    ),
    tableArea,
    createForm,
    created,
    status,
  );

  const refresh = async (): Promise<void> => {
    try {
      const { tokens } = await callApi(ctx, 'listApiTokens', {});
      tableArea.replaceChildren(
        tokens.length === 0 ? el(doc, 'p', {}, 'Aucun jeton.') : table(tokens),
      );
    } catch (error) {
      tableArea.replaceChildren(el(doc, 'p', { class: 'erreur', role: 'alert' }, errorText(error)));
    }
  };

  const table = (tokens: readonly ApiTokenInfoView[]): HTMLElement =>
    el(
      doc,
      'table',
      { class: 'jetons' },
      el(doc, 'caption', {}, "Jetons d'accès"),
      el(
        doc,
        'thead',
        {},
        el(
          doc,
          'tr',
          {},
          ...[
            'Logiciel',
            'Début du jeton',
            'Créé le',
            'Dernière utilisation',
            'État',
            'Action',
          ].map((h) => el(doc, 'th', { scope: 'col' }, h)),
        ),
      ),
      el(doc, 'tbody', {}, ...tokens.map(row)),
    );

  const row = (t: ApiTokenInfoView): HTMLElement => {
    const action = el(doc, 'td', {});
    if (t.revokedAt === null) {
      const revoke = el(
        doc,
        'button',
        { type: 'button', 'aria-label': `Révoquer le jeton de « ${t.name} »` },
        'Révoquer',
      );
      revoke.addEventListener('click', () => void revokeToken(t.name));
      action.append(revoke);
    }
    return el(
      doc,
      'tr',
      { 'data-jeton': t.name },
      el(doc, 'td', {}, t.name),
      el(doc, 'td', {}, el(doc, 'code', {}, `${t.prefix}…`)),
      el(doc, 'td', {}, when(t.createdAt)),
      el(doc, 'td', {}, when(t.lastUsedAt)),
      el(doc, 'td', {}, t.revokedAt === null ? 'Actif' : `Révoqué le ${when(t.revokedAt)}`),
      action,
    );
  };

  const revokeToken = async (client: string): Promise<void> => {
    const ok = await confirmDialog(doc, {
      title: `Révoquer le jeton de « ${client} » ?`,
      body: [
        'Ce logiciel ne pourra plus utiliser Navette tant que vous ne lui aurez pas donné un nouveau jeton.',
      ],
      confirmLabel: 'Révoquer',
      danger: true,
    });
    if (!ok) return;
    try {
      const result = await callApi(ctx, 'revokeApiToken', { body: { name: client } });
      status.textContent = result.ok ? `Jeton de « ${client} » révoqué.` : result.message;
      await refresh();
    } catch (error) {
      status.textContent = errorText(error);
    }
  };

  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const client = name.value.trim();
    if (client === '') {
      status.textContent = 'Indiquez le nom du logiciel qui utilisera le jeton.';
      name.focus();
      return;
    }
    callApi(ctx, 'createApiToken', { body: { name: client } })
      .then(async (result) => {
        if (!result.ok) {
          status.textContent = result.message;
          return;
        }
        name.value = '';
        showOnce(result.token, client);
        await refresh();
      })
      .catch((error: unknown) => {
        status.textContent = errorText(error);
      });
  });

  /** The token, this once: selectable, copyable, gone when the screen is left. */
  const showOnce = (token: string, client: string): void => {
    const id = uid('jeton');
    const field = el(doc, 'input', {
      id,
      type: 'text',
      readonly: true,
      class: 'jeton-valeur',
      spellcheck: 'false',
    });
    field.value = token;
    const copy = el(doc, 'button', { type: 'button' }, 'Copier le jeton');
    copy.addEventListener('click', () => {
      field.select();
      void copyText(doc, token).then((done) =>
        announce(
          doc,
          done ? 'Jeton copié.' : 'Copie impossible : sélectionnez le jeton et copiez-le.',
        ),
      );
    });
    created.replaceChildren(
      el(
        doc,
        'p',
        { role: 'alert' },
        `Jeton créé pour « ${client} ». Copiez-le maintenant : il ne sera plus jamais affiché.`,
      ),
      el(doc, 'label', { for: id }, 'Jeton'),
      field,
      copy,
    );
    field.focus();
    field.select();
  };

  void refresh();
}

/** Copies through the Clipboard API; false when the page may not (then the user copies). */
export async function copyText(doc: Document, text: string): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard === undefined) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
