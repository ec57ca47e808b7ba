// Confirmation dialogs on <dialog>.showModal(): the rest of the page is inert while it is open
// (focus cannot leave it), Escape cancels (the `cancel` event), focus returns where it was.
import { el, uid } from './dom.js';

export interface DialogSpec {
  readonly title: string;
  readonly body: readonly string[];
  readonly confirmLabel: string;
  /** Extra controls (checkbox, textarea) between the text and the buttons. */
  readonly extra?: HTMLElement;
  /** Called on confirm: a French message keeps the dialog open and shows it; null closes. */
  readonly validate?: () => string | null;
  readonly danger?: boolean;
}

/** Resolves true when the user confirms, false when they cancel (button or Escape). */
export function confirmDialog(doc: Document, spec: DialogSpec): Promise<boolean> {
  const titleId = uid('dialogue-titre');
  const errorId = uid('dialogue-erreur');
  const error = el(doc, 'p', { id: errorId, class: 'erreur', role: 'alert', hidden: true });
  const cancel = el(doc, 'button', { type: 'button' }, 'Annuler');
  const confirm = el(
    doc,
    'button',
    { type: 'button', class: spec.danger === true ? 'bouton-danger' : 'bouton-principal' },
    spec.confirmLabel,
  );
  const dialog = el(
    doc,
    'dialog',
    { class: 'dialogue', 'aria-labelledby': titleId, 'aria-describedby': errorId },
    el(doc, 'h2', { id: titleId }, spec.title),
    ...spec.body.map((p) => el(doc, 'p', {}, p)),
    spec.extra ?? null,
    error,
    el(doc, 'div', { class: 'dialogue-boutons' }, cancel, confirm),
  );
  const previous = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  doc.body.append(dialog);
  return new Promise((resolve) => {
    const close = (result: boolean): void => {
      dialog.close();
      dialog.remove();
      previous?.focus();
      resolve(result);
    };
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    cancel.addEventListener('click', () => close(false));
    confirm.addEventListener('click', () => {
      const problem = spec.validate?.() ?? null;
      if (problem !== null) {
        error.textContent = problem;
        error.hidden = false;
        return;
      }
      close(true);
    });
    dialog.showModal();
    const first = spec.extra?.querySelector<HTMLElement>('input, textarea, select');
    (first ?? cancel).focus();
  });
}

/** The consent confirmation before declaring oneself authorised (TD0.3 add). */
export async function confirmConsent(doc: Document): Promise<boolean> {
  const boxId = uid('consentement');
  const box = el(doc, 'input', { type: 'checkbox', id: boxId });
  const extra = el(
    doc,
    'p',
    { class: 'case' },
    box,
    el(doc, 'label', { for: boxId }, "Le patient m'a donné son accord"),
  );
  return confirmDialog(doc, {
    title: 'Accès au DMP du patient',
    body: [
      "Vous allez vous déclarer autorisé à accéder au DMP de ce patient. Il faut pour cela qu'il " +
        "vous ait donné son accord, aujourd'hui ou lors d'une consultation précédente.",
      'Cette confirmation est tracée dans le journal de Navette.',
    ],
    confirmLabel: 'Confirmer l’autorisation',
    extra,
    validate: () =>
      box.checked ? null : "Cochez « Le patient m'a donné son accord » pour confirmer, ou annulez.",
  });
}

/** Asks the reason of a bris de glace; resolves the reason, or null when cancelled. */
export async function askBreakGlassReason(doc: Document): Promise<string | null> {
  const areaId = uid('raison');
  const area = el(doc, 'textarea', {
    id: areaId,
    rows: '4',
    maxlength: '500',
    required: true,
    'aria-required': 'true',
  });
  const extra = el(
    doc,
    'p',
    { class: 'champ' },
    el(doc, 'label', { for: areaId }, 'Raison du bris de glace (obligatoire)'),
    area,
  );
  const ok = await confirmDialog(doc, {
    title: 'Passer en mode bris de glace',
    body: [
      "Le bris de glace donne accès au DMP d'un patient en situation d'urgence, sans son accord " +
        'préalable. Il est réservé aux médecins, tracé, et le patient en est informé.',
      'Le mode reste actif dans cette fenêtre jusqu’à ce que vous le terminiez.',
    ],
    confirmLabel: 'Activer le bris de glace',
    extra,
    danger: true,
    validate: () =>
      area.value.trim() === ''
        ? 'Indiquez la raison du bris de glace : elle est obligatoire et transmise au DMP.'
        : null,
  });
  return ok ? area.value.trim() : null;
}
