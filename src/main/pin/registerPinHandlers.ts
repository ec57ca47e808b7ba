// The PIN dialog's request handlers. The submit handler passes the PIN it was given straight to
// the card's login and returns only the outcome: the PIN is never logged, stored, or kept in a
// field; it lives in this call's arguments until login returns. Every channel answers the PIN
// page only (registerHandler's page check), never the main window or another page.
import { NavetteError } from '../../domain/errors/NavetteError.js';
import {
  registerHandler,
  type IpcLog,
  type IpcMainLike,
  type Unregister,
} from '../ipc/registerHandler.js';
import {
  PIN_CHANNELS,
  PIN_PAGE_PATH,
  type CardUnlocker,
  type PinPrompt,
  type PinSubmitResult,
} from './pinContract.js';
import {
  NO_CARD_WAITING,
  NO_CARD_WAITING_MESSAGE,
  PinInputSchema,
  pinFailureOf,
  pinPromptOf,
} from './pinPrompt.js';

/** The dialog was opened while no card waits for its PIN. */
export class PinNotNeededError extends NavetteError {
  override readonly name = 'PinNotNeededError';
  constructor() {
    super('PIN_NOT_NEEDED', NO_CARD_WAITING_MESSAGE);
  }
}

export interface PinHandlerDeps {
  /** The service's card unlocker; undefined while the service starts or stops. */
  readonly unlocker: () => CardUnlocker | undefined;
  /** The card accepted the PIN: close the dialog. */
  readonly onAccepted: () => void;
  /** The dialog has nothing more to do (cancelled, card locked or gone): close it. */
  readonly onClose: () => void;
}

export function registerPinHandlers(
  ipc: IpcMainLike,
  deps: PinHandlerDeps,
  log: IpcLog,
): Unregister {
  const page = { page: PIN_PAGE_PATH };
  const unregister = [
    registerHandler(
      ipc,
      PIN_CHANNELS.prompt,
      undefined,
      async (): Promise<PinPrompt> => {
        const request = await deps.unlocker()?.pinRequest();
        if (request === undefined) throw new PinNotNeededError();
        return pinPromptOf(request);
      },
      log,
      page,
    ),
    registerHandler(
      ipc,
      PIN_CHANNELS.submit,
      PinInputSchema,
      (pin) => submitPin(deps, pin),
      log,
      page,
    ),
    registerHandler(
      ipc,
      PIN_CHANNELS.cancel,
      undefined,
      () => {
        deps.onClose();
        return null;
      },
      log,
      page,
    ),
  ];
  return () => {
    for (const undo of unregister) undo();
  };
}

/** Hands `pin` to the card and forgets it; the result says what the page shows next. */
async function submitPin(deps: PinHandlerDeps, pin: string): Promise<PinSubmitResult> {
  const unlocker = deps.unlocker();
  if (unlocker === undefined || (await unlocker.pinRequest()) === undefined) {
    deps.onClose();
    return NO_CARD_WAITING;
  }
  try {
    await unlocker.login(pin);
  } catch (error) {
    const failure = pinFailureOf(error);
    if (failure.status === 'closed') deps.onClose();
    return failure;
  }
  deps.onAccepted();
  return { status: 'accepted' };
}
