// Reading an INS typed or pasted by the user: spaces, dots and dashes as people write it
// (« 1 84 12 75 … »), lower-case Corsican letters. The API takes the matricule (15 characters:
// NIR and key); the OID, when known, comes from a navette:// link.
export type InsInput =
  | { readonly ok: true; readonly matricule: string }
  | { readonly ok: false; readonly message: string };

const INS_PATTERN = /^[12378][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{8}$/;

export function parseInsInput(raw: string): InsInput {
  const compact = raw.replace(/[\s.\-\u00a0\u202f]/g, '').toUpperCase();
  if (compact === '') return { ok: false, message: "Saisissez l'INS du patient (15 caractères)." };
  if (!/^[0-9AB]+$/.test(compact)) {
    return {
      ok: false,
      message: "L'INS ne contient que des chiffres (et A ou B pour la Corse). Vérifiez la saisie.",
    };
  }
  if (compact.length !== 15) {
    return {
      ok: false,
      message: `L'INS compte 15 caractères (clé comprise) ; vous en avez saisi ${compact.length}.`,
    };
  }
  if (!INS_PATTERN.test(compact)) {
    return { ok: false, message: "Ce numéro n'a pas la forme d'un INS. Vérifiez la saisie." };
  }
  return { ok: true, matricule: compact };
}

/** « 1 84 12 75 123 456 78 »: the INS grouped as on the carte Vitale, for reading it back. */
export function formatIns(matricule: string): string {
  const m = /^(.)(..)(..)(..)(...)(...)(..)$/.exec(matricule);
  return m === null ? matricule : m.slice(1).join(' ');
}

export interface PatientParam {
  readonly matricule: string;
  readonly oid?: string;
}

/**
 * The patient named after `#patient/` (the router's parameter): `<INS>` or `<INS>?oid=<OID>`, as
 * written by `navette open` and the navette:// handler (src/api/patientView.ts writes it; the page
 * cannot load that module, so this reads the same format). Undefined when it is not an INS.
 */
export function patientOfParam(param: string | undefined): PatientParam | undefined {
  if (param === undefined) return undefined;
  const [raw = '', query] = param.split('?', 2);
  const parsed = parseInsInput(raw);
  if (!parsed.ok) return undefined;
  if (query === undefined || query === '') return { matricule: parsed.matricule };
  const oid = /^oid=([0-9]+(?:\.[0-9]+)+)$/.exec(query)?.[1];
  return oid === undefined ? undefined : { matricule: parsed.matricule, oid };
}

/** The fragment of the patient screen for this INS (the router's `#patient/<INS>`). */
export function patientFragment(matricule: string): string {
  return `#patient/${encodeURIComponent(matricule)}`;
}
