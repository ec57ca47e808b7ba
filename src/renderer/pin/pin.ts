// The PIN dialog page. The typed PIN goes to the bridge and the field is emptied at once: the
// page keeps no copy. Escape or « Annuler » closes the dialog without passing anything on.
import type { PinHost } from './pinBridge.js';
import { NO_BRIDGE_VIEW, promptView, submitView, type PinView } from './pinView.js';

/** How long a final message (card locked, nothing to do) stays before the dialog closes. */
const CLOSE_AFTER_MESSAGE_MS = 4000;

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`#${id} missing`);
  return found;
}

const form = element('pin-formulaire', HTMLFormElement);
const input = element('pin-code', HTMLInputElement);
const submit = element('pin-valider', HTMLButtonElement);
const cancel = element('pin-annuler', HTMLButtonElement);
const card = element('pin-carte', HTMLElement);
const tries = element('pin-essais', HTMLElement);
const error = element('pin-erreur', HTMLElement);
const bridge = (globalThis as PinHost).navettePin;
let view: PinView = NO_BRIDGE_VIEW;

function render(next: PinView): void {
  view = next;
  card.textContent = next.card ?? '';
  tries.textContent = next.tries ?? '';
  error.textContent = next.error ?? '';
  input.setAttribute('aria-invalid', next.error === null ? 'false' : 'true');
  input.disabled = !next.canSubmit;
  submit.disabled = !next.canSubmit;
  if (next.canSubmit) input.focus();
}

async function start(): Promise<void> {
  if (bridge === undefined) {
    render(NO_BRIDGE_VIEW);
    return;
  }
  render(promptView(await bridge.prompt()));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (bridge === undefined || !view.canSubmit || input.value === '') return;
  const pin = input.value;
  input.value = '';
  render({ ...view, error: null, canSubmit: false });
  void bridge.submit(pin).then((result) => {
    const next = submitView(view, result);
    render(next);
    if (next.done) {
      setTimeout(() => void bridge.cancel(), next.error === null ? 0 : CLOSE_AFTER_MESSAGE_MS);
    }
  });
});

cancel.addEventListener('click', () => void bridge?.cancel());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') void bridge?.cancel();
});

void start();
