// The « Patient » screen: open a patient by INS (typed, pasted, or from `#/patient/<INS>` where
// navette:// links land), see the DMP status and one's authorisation (TD0.2), declare or remove it
// with the patient's consent (TD0.3), choose the access mode (bris de glace, centre 15), then the
// documents (patientDocuments.ts) and the viewer.
import type {
  ApiAccessMode,
  AuthorizationRequest,
  PatientRequest,
  PatientStatus,
} from '../../api/consult.js';
import type { View, ViewContext } from '../shell/view.js';
import { installAccessBanner } from '../patient/accessBanner.js';
import { accessOf, changeAccess, readAccess } from '../patient/accessMode.js';
import { askBreakGlassReason, confirmConsent, confirmDialog } from '../patient/dialogs.js';
import { announce, el, ensureStylesheet, uid } from '../patient/dom.js';
import { accessModeLabel, dmpStateLabel } from '../patient/format.js';
import { formatIns, parseInsInput, patientOfParam } from '../patient/insInput.js';
import { callApi, errorText } from '../patient/viewContext.js';
import { renderPatientDocuments } from './patientDocuments.js';

const MODES: readonly ApiAccessMode[] = ['normal', 'bris-de-glace', 'centre-15'];

/** Renders the screen into `container`; opens the patient named by the fragment, if any. */
export function renderPatient(container: HTMLElement, ctx: ViewContext): void {
  const doc = container.ownerDocument;
  const storage = doc.defaultView?.sessionStorage;
  ensureStylesheet(doc);
  if (storage !== undefined) installAccessBanner(doc, storage);

  const inputId = uid('ins');
  const errorId = uid('ins-erreur');
  const input = el(doc, 'input', {
    id: inputId,
    name: 'ins',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${errorId} ${inputId}-aide`,
  });
  const inputError = el(doc, 'p', { id: errorId, class: 'erreur', role: 'alert' });
  const form = el(
    doc,
    'form',
    { class: 'formulaire-ins', 'aria-label': 'Ouvrir un patient' },
    el(doc, 'label', { for: inputId }, 'INS du patient'),
    el(
      doc,
      'p',
      { id: `${inputId}-aide`, class: 'aide' },
      '15 caractères ; les espaces sont acceptés.',
    ),
    input,
    el(doc, 'button', { type: 'submit', class: 'bouton-principal' }, 'Ouvrir le dossier'),
    inputError,
  );
  const modes = accessModeControls(doc, storage, ctx.signal);
  const statusArea = el(doc, 'section', {
    class: 'patient-etat',
    'aria-labelledby': 'patient-etat-titre',
  });
  const documentsArea = el(doc, 'div', { class: 'patient-documents' });
  statusArea.hidden = true;
  container.replaceChildren(modes, form, statusArea, documentsArea);

  let current: PatientRequest | undefined;
  const open = async (matricule: string, oid: string | undefined): Promise<void> => {
    const state = storage === undefined ? { mode: 'normal' as const } : readAccess(storage);
    current = {
      patient: oid === undefined ? { ins: matricule } : { ins: matricule, oid },
      access: accessOf(state),
    };
    input.value = formatIns(matricule);
    statusArea.hidden = false;
    statusArea.replaceChildren(
      el(doc, 'h2', { id: 'patient-etat-titre' }, `Patient ${formatIns(matricule)}`),
      el(doc, 'p', { role: 'status' }, 'Interrogation du DMP…'),
    );
    documentsArea.replaceChildren();
    const request = current;
    try {
      const status = await callApi(ctx, 'patientStatus', { body: request });
      if (current !== request) return;
      showStatus(status);
      renderPatientDocuments(documentsArea, ctx, request);
    } catch (error) {
      if (current !== request) return;
      statusArea.replaceChildren(
        el(doc, 'h2', { id: 'patient-etat-titre' }, `Patient ${formatIns(matricule)}`),
        el(doc, 'p', { class: 'erreur', role: 'alert' }, errorText(error)),
      );
    }
  };

  const showStatus = (status: PatientStatus): void => {
    if (current === undefined) return;
    const request = current;
    const facts = el(
      doc,
      'dl',
      { class: 'faits' },
      el(doc, 'dt', {}, 'DMP'),
      el(doc, 'dd', { 'data-fait': 'dmp' }, dmpStateLabel(status.dmp)),
      el(doc, 'dt', {}, 'Votre autorisation'),
      el(
        doc,
        'dd',
        { 'data-fait': 'autorisation' },
        status.authorized ? 'Vous êtes autorisé' : 'Vous n’êtes pas autorisé',
      ),
      el(doc, 'dt', {}, 'Mode d’accès'),
      el(doc, 'dd', {}, accessModeLabel(status.accessMode)),
    );
    const messages = el(
      doc,
      'ul',
      { class: 'messages' },
      ...status.messages.map((m) => el(doc, 'li', {}, m)),
    );
    const actions = el(doc, 'div', { class: 'actions' });
    if (!status.authorized && status.dmp === 'ACTIF' && status.authorization !== 'INTERDIT') {
      const add = el(doc, 'button', { type: 'button' }, 'Me déclarer autorisé (accord du patient)');
      add.addEventListener('click', () => {
        void (async () => {
          if (!(await confirmConsent(doc))) return;
          await authorize(request, {
            patient: request.patient,
            action: 'add',
            patientConsented: true,
          });
        })();
      });
      actions.append(add);
    }
    if (status.authorized) {
      const remove = el(doc, 'button', { type: 'button' }, 'Retirer mon autorisation');
      remove.addEventListener('click', () => {
        void (async () => {
          const ok = await confirmDialog(doc, {
            title: 'Retirer votre autorisation',
            body: [
              'Vous ne pourrez plus consulter ni alimenter ce DMP sans un nouvel accord du patient.',
            ],
            confirmLabel: 'Retirer l’autorisation',
            danger: true,
          });
          if (ok) await authorize(request, { patient: request.patient, action: 'remove' });
        })();
      });
      actions.append(remove);
    }
    const follow = el(
      doc,
      'button',
      { type: 'button', 'aria-pressed': 'false', class: 'bascule' },
      'Suivre ce patient (import automatique des nouveaux documents)',
    );
    follow.addEventListener('click', () => {
      const wanted = follow.getAttribute('aria-pressed') !== 'true';
      callApi(ctx, 'patientFollow', { body: { patient: request.patient, follow: wanted } })
        .then((r) => {
          follow.setAttribute('aria-pressed', String(r.followed));
          announce(
            doc,
            r.followed
              ? 'Patient suivi : ses nouveaux documents seront importés.'
              : 'Patient plus suivi.',
          );
        })
        .catch((error: unknown) => announce(doc, errorText(error)));
    });
    actions.append(follow);
    statusArea.replaceChildren(
      el(doc, 'h2', { id: 'patient-etat-titre' }, `Patient ${formatIns(request.patient.ins)}`),
      facts,
      messages,
      actions,
    );
  };

  const authorize = async (request: PatientRequest, body: AuthorizationRequest): Promise<void> => {
    try {
      const result = await callApi(ctx, 'patientAuthorization', { body });
      if (current !== request) return;
      showStatus(result.status);
      announce(
        doc,
        result.status.authorized
          ? 'Vous êtes maintenant autorisé sur ce DMP.'
          : 'Votre autorisation a été retirée.',
      );
      renderPatientDocuments(documentsArea, ctx, request);
    } catch (error) {
      announce(doc, errorText(error));
      statusArea.append(el(doc, 'p', { class: 'erreur', role: 'alert' }, errorText(error)));
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseInsInput(input.value);
    if (!parsed.ok) {
      inputError.textContent = parsed.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    inputError.textContent = '';
    input.removeAttribute('aria-invalid');
    // The address stays `#patient`: an INS in it would be kept in the browser's history (on
    // disk, possibly synchronised) long after the consultation.
    void open(parsed.matricule, undefined);
  });
  doc.addEventListener(
    'navette:mode-acces',
    () => {
      if (current !== undefined && container.isConnected) {
        void open(current.patient.ins, current.patient.oid);
      }
    },
    { signal: ctx.signal },
  );

  const link = patientOfParam(ctx.param);
  // A link (`#/patient/<INS>`) opens the patient, then leaves the history without the INS.
  if (ctx.param !== undefined) doc.defaultView?.history.replaceState(null, '', '#patient');
  if (link !== undefined) void open(link.matricule, link.oid);
  else if (ctx.param !== undefined) {
    inputError.textContent = "Le lien ne désigne pas un INS valide : saisissez l'INS du patient.";
  }
}

export const patientView: View = { render: renderPatient };

/** The access mode radio group; bris de glace asks its reason first. */
function accessModeControls(
  doc: Document,
  storage: Storage | undefined,
  signal: AbortSignal,
): HTMLElement {
  const name = uid('mode');
  const fieldset = el(
    doc,
    'fieldset',
    { class: 'mode-acces' },
    el(doc, 'legend', {}, 'Mode d’accès'),
  );
  const radios = new Map<ApiAccessMode, HTMLInputElement>();
  const sync = (): void => {
    const mode = storage === undefined ? 'normal' : readAccess(storage).mode;
    for (const [m, radio] of radios) radio.checked = m === mode;
  };
  for (const mode of MODES) {
    const id = uid('mode');
    const radio = el(doc, 'input', { type: 'radio', name, id, value: mode });
    radios.set(mode, radio);
    radio.addEventListener('change', () => {
      if (!radio.checked || storage === undefined) return;
      void (async () => {
        let reason = '';
        if (mode === 'bris-de-glace') {
          const asked = await askBreakGlassReason(doc);
          if (asked === null) {
            sync();
            return;
          }
          reason = asked;
        }
        const change = changeAccess(storage, mode, reason, new Date());
        if (!change.ok) {
          announce(doc, change.message);
          sync();
          return;
        }
        doc.dispatchEvent(new CustomEvent('navette:mode-acces'));
        announce(doc, `Mode d’accès : ${accessModeLabel(mode)}.`);
      })();
    });
    fieldset.append(
      el(
        doc,
        'span',
        { class: 'choix' },
        radio,
        el(doc, 'label', { for: id }, accessModeLabel(mode)),
      ),
    );
  }
  // Until the screen is left: the shell aborts `signal` then.
  doc.addEventListener('navette:mode-acces', sync, { signal });
  sync();
  return fieldset;
}

// The access banner belongs to every screen, also after a reload on another screen: the router
// table imports this module at start, so installing here covers the whole window.
if (typeof document !== 'undefined' && typeof sessionStorage !== 'undefined') {
  installAccessBanner(document, sessionStorage);
}
