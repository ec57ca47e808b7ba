// « Lot »: the secretary's batch wizard. 1. choose a folder (typed: a browser cannot pick a folder
// on the service's computer) or files; 2. pre-flight table, nothing sent yet; 3. send with a
// progress bar; 4. report (print, CSV), where a refused or blocked document is sent again once
// fixed. Each step's heading takes the focus, so keyboard and screen-reader users follow along.
import type { Batch, BatchItem } from '../../api/batches.js';
import { messageOf, type ApiClient } from '../client/ApiClient.js';
import { button, download, el, errorBox } from '../shell/dom.js';
import type { View, ViewContext } from '../shell/view.js';
import { countsText, preflightTable, reportTable } from './lotTables.js';

const STEPS = ['Choisir les documents', 'Pré-contrôle', 'Envoi', 'Compte rendu'] as const;
type Step = 0 | 1 | 2 | 3;

class LotWizard {
  #batch: Batch | undefined;
  #step: Step = 0;
  readonly #steps = el('ol', { class: 'etapes', 'aria-label': 'Étapes du lot' });
  readonly #body = el('div', { class: 'etape' });

  constructor(
    private readonly api: ApiClient,
    private readonly ctx: ViewContext,
    container: HTMLElement,
  ) {
    container.append(this.#steps, this.#body);
  }

  start(batchId: number | undefined): void {
    if (batchId === undefined) {
      this.#show(0);
      return;
    }
    void this.api
      .call('getBatch', { params: { batchId } })
      .then((batch) => {
        this.#batch = batch;
        this.#show(batch.state === 'preflight' ? 1 : batch.state === 'sending' ? 2 : 3);
      })
      .catch((error: unknown) => {
        this.#show(0);
        this.#body.prepend(errorBox(messageOf(error)));
      });
  }

  onEvent(batchId: number | null): void {
    if (this.#step !== 2 || this.#batch === undefined || batchId !== this.#batch.id) return;
    void this.#refreshSending();
  }

  tick(): void {
    if (this.#step === 2) void this.#refreshSending();
  }

  #heading(text: string): HTMLElement {
    return el('h2', { tabindex: -1, id: 'etape-titre' }, text);
  }

  #show(step: Step): void {
    this.#step = step;
    this.#steps.replaceChildren(
      ...STEPS.map((label, i) =>
        el('li', i === step ? { 'aria-current': 'step', class: 'courante' } : {}, label),
      ),
    );
    const heading = this.#heading(`Étape ${step + 1} sur 4 : ${STEPS[step]}`);
    this.#body.replaceChildren(heading);
    if (step === 0) this.#choose();
    else if (step === 1) this.#preflight();
    else if (step === 2) this.#sending();
    else this.#report();
    heading.focus();
  }

  #choose(): void {
    const error = el('div', { role: 'alert' });
    const folder = el('input', {
      type: 'text',
      id: 'lot-dossier',
      name: 'dossier',
      autocomplete: 'off',
      size: 60,
    });
    const files = el('textarea', { id: 'lot-fichiers', name: 'fichiers', rows: 4, cols: 60 });
    const label = el('input', {
      type: 'text',
      id: 'lot-nom',
      name: 'nom',
      maxlength: 200,
      size: 40,
    });
    const submit = el('button', { type: 'submit' }, 'Vérifier les documents');
    const form = el(
      'form',
      { id: 'lot-choix', novalidate: true },
      el(
        'p',
        {},
        "Indiquez le dossier du cabinet qui contient les documents (son chemin complet sur l'ordinateur où Navette fonctionne), ou la liste des fichiers. Rien n'est envoyé à cette étape.",
      ),
      el('p', {}, el('label', { for: 'lot-dossier' }, 'Dossier'), el('br'), folder),
      el(
        'p',
        {},
        el('label', { for: 'lot-fichiers' }, 'Ou fichiers (un chemin par ligne)'),
        el('br'),
        files,
      ),
      el('p', {}, el('label', { for: 'lot-nom' }, 'Nom du lot (facultatif)'), el('br'), label),
      error,
      submit,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const paths = files.value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const name = label.value.trim();
      const common = name === '' ? {} : { label: name };
      const body =
        folder.value.trim() !== ''
          ? { folder: folder.value.trim(), ...common }
          : paths.length > 0
            ? { files: paths, ...common }
            : undefined;
      if (body === undefined) {
        error.replaceChildren(errorBox('Indiquez un dossier ou au moins un fichier.'));
        folder.focus();
        return;
      }
      submit.disabled = true;
      error.replaceChildren(el('p', { role: 'status' }, 'Vérification des documents en cours…'));
      void this.api
        .call('preflightBatch', { body })
        .then((batch) => {
          this.#batch = batch;
          this.ctx.announce(`Pré-contrôle terminé. ${countsText(batch)}`);
          this.#show(1);
        })
        .catch((e: unknown) => {
          submit.disabled = false;
          error.replaceChildren(errorBox(messageOf(e)));
        });
    });
    this.#body.append(form);
  }

  #preflight(): void {
    const batch = this.#batch;
    if (batch === undefined) return;
    const ready = batch.counts.ready;
    const send = button(
      ready === 0 ? 'Aucun document prêt' : `Envoyer les ${ready} document(s) prêt(s)`,
      () => {
        send.disabled = true;
        void this.api
          .call('sendBatch', { params: { batchId: batch.id } })
          .then((sent) => {
            this.#batch = sent;
            this.#show(sent.state === 'done' ? 3 : 2);
          })
          .catch((e: unknown) => {
            send.disabled = false;
            this.#body.append(errorBox(messageOf(e)));
          });
      },
      { id: 'lot-envoyer', disabled: ready === 0 },
    );
    this.#body.append(
      el('p', { id: 'lot-resume' }, countsText(batch)),
      el(
        'p',
        {},
        'Les documents bloqués ne partiront pas : corrigez-les (voir la colonne « Problèmes »), vous pourrez les renvoyer depuis le compte rendu.',
      ),
      preflightTable(batch),
      el(
        'p',
        { class: 'actions' },
        send,
        ' ',
        button('Recommencer', () => this.#show(0)),
      ),
    );
  }

  #sending(): void {
    const batch = this.#batch;
    if (batch === undefined) return;
    this.#body.append(
      el('p', {}, el('label', { for: 'lot-progression' }, 'Progression de l’envoi')),
      el('progress', { id: 'lot-progression', max: 1, value: 0 }),
      el('p', { id: 'lot-avancement', role: 'status' }, countsText(batch)),
    );
    this.#paintProgress(batch);
  }

  #paintProgress(batch: Batch): void {
    const bar = this.#body.querySelector('#lot-progression');
    const text = this.#body.querySelector('#lot-avancement');
    const c = batch.counts;
    const goes = c.total - c.blocked;
    const settled = c.sent + c.refused + c.failed;
    if (bar instanceof HTMLProgressElement) {
      bar.max = Math.max(goes, 1);
      bar.value = settled;
    }
    if (text !== null)
      text.textContent = `${settled} sur ${goes} document(s) traité(s). ${countsText(batch)}`;
  }

  async #refreshSending(): Promise<void> {
    const current = this.#batch;
    if (current === undefined) return;
    try {
      const batch = await this.api.call('getBatch', { params: { batchId: current.id } });
      if (this.#step !== 2) return;
      this.#batch = batch;
      if (batch.state === 'done') {
        this.ctx.announce(`Lot terminé. ${countsText(batch)}`);
        this.#show(3);
      } else this.#paintProgress(batch);
    } catch (error) {
      this.ctx.announce(messageOf(error));
    }
  }

  #report(): void {
    const batch = this.#batch;
    if (batch === undefined) return;
    const resend = (item: BatchItem): void => {
      void this.api
        .call('resendBatchItem', { params: { batchId: batch.id, itemId: item.id } })
        .then((next) => {
          this.#batch = next;
          this.ctx.announce(`« ${item.fileName} » a été vérifié à nouveau.`);
          this.#show(next.state === 'done' ? 3 : 2);
        })
        .catch((e: unknown) => this.#body.append(errorBox(messageOf(e))));
    };
    const csv = button('Télécharger le CSV', () => {
      void this.api
        .call('batchReport', { params: { batchId: batch.id }, query: { format: 'csv' } })
        .then((text) => download(`lot-${batch.id}.csv`, text))
        .catch((e: unknown) => this.#body.append(errorBox(messageOf(e))));
    });
    this.#body.append(
      el('p', { id: 'lot-bilan' }, countsText(batch)),
      reportTable(batch, resend),
      el(
        'p',
        { class: 'actions no-print' },
        button('Imprimer le compte rendu', () => window.print()),
        ' ',
        csv,
        ' ',
        button('Nouveau lot', () => {
          this.#batch = undefined;
          this.#show(0);
        }),
      ),
    );
  }
}

export const lotView: View = {
  render(container: HTMLElement, ctx: ViewContext): void {
    if (ctx.api === undefined) return;
    const wizard = new LotWizard(ctx.api, ctx, container);
    const id = ctx.param === undefined ? undefined : Number(ctx.param);
    wizard.start(id !== undefined && Number.isSafeInteger(id) && id > 0 ? id : undefined);
    ctx.onEvent((event) => {
      if (event.type === 'outbox-item') wizard.onEvent(event.batchId);
    });
    const timer = setInterval(() => wizard.tick(), 2000);
    ctx.signal.addEventListener('abort', () => clearInterval(timer));
  },
};
