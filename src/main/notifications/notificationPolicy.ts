// Which native notifications Navette shows, and where a click leads: a batch that went through
// (its report), documents the user must handle (the outbox filtered on them), a card waiting for
// its PIN (the PIN dialog). Counts only, never a patient's name or INS: notifications stay in the
// OS notification centre and show on a locked screen.
import type { SettledGroup } from '../activity/OutboxActivityTracker.js';
import { documents, type CardReadiness } from '../tray/trayModel.js';
import { DOCUMENTS_TO_HANDLE_FRAGMENT, OUTBOX_FRAGMENT, batchFragment } from '../uiRoutes.js';

export type NotificationTarget =
  | { readonly kind: 'batch'; readonly batchId: number }
  | { readonly kind: 'outbox' }
  | { readonly kind: 'documents' }
  | { readonly kind: 'pin' };

export interface NavetteNotification {
  readonly title: string;
  readonly body: string;
  readonly target: NotificationTarget;
}

/** The notification for a batch (or the loose documents of the watched folders) that is done. */
export function settledNotification(group: SettledGroup): NavetteNotification {
  const { sent, needsAction, batchId } = group;
  const sentText = `${documents(sent)} envoyé${sent > 1 ? 's' : ''} au DMP`;
  if (batchId !== null) {
    const target = { kind: 'batch', batchId } as const;
    if (needsAction === 0) {
      return { title: 'Lot envoyé', body: `${sentText}.`, target };
    }
    return {
      title: `Lot envoyé : ${documents(needsAction)} à traiter`,
      body:
        `${sentText} ; ${documents(needsAction)} refusé${needsAction > 1 ? 's' : ''} ou en échec. ` +
        'Cliquez pour ouvrir le rapport du lot.',
      target,
    };
  }
  if (needsAction === 0) {
    return { title: 'Documents envoyés', body: `${sentText}.`, target: { kind: 'outbox' } };
  }
  return {
    title: `${documents(needsAction)} à traiter`,
    body:
      `${needsAction > 1 ? "Des documents n'ont" : "Un document n'a"} pas pu être envoyé` +
      `${needsAction > 1 ? 's' : ''} au DMP. Cliquez pour ${needsAction > 1 ? 'les' : 'le'} voir.`,
    target: { kind: 'documents' },
  };
}

/** A notification when the card starts waiting for its PIN; nothing for other changes. */
export function cardNotification(
  previous: CardReadiness | undefined,
  next: CardReadiness | undefined,
): NavetteNotification | undefined {
  if (next !== 'pin-needed' || previous === 'pin-needed') return undefined;
  return {
    title: 'Code PIN nécessaire',
    body: 'Les envois attendent le code PIN de la carte CPS. Cliquez pour le saisir.',
    target: { kind: 'pin' },
  };
}

/** The window fragment a click opens; undefined for the PIN, which has its own dialog. */
export function targetFragment(target: NotificationTarget): string | undefined {
  switch (target.kind) {
    case 'batch':
      return batchFragment(target.batchId);
    case 'outbox':
      return OUTBOX_FRAGMENT;
    case 'documents':
      return DOCUMENTS_TO_HANDLE_FRAGMENT;
    case 'pin':
      return undefined;
  }
}
