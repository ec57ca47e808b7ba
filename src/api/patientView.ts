// Where the patient view lives in the UI, for `navette open`, the `navette://` handler and the
// renderer's router. The INS goes in the fragment: a fragment never reaches the server (no access
// log, no Referer), so the identifier stays between the user's software and the window.
import type { PatientLink } from '../domain/links/patientLink.js';

export const PATIENT_VIEW_ROUTE = '#/patient/';

/** `#/patient/<matricule>[?oid=<OID>]`, appended to the UI's base URL. */
export function patientViewFragment(link: PatientLink): string {
  const base = `${PATIENT_VIEW_ROUTE}${encodeURIComponent(link.matricule)}`;
  return link.oid === undefined ? base : `${base}?oid=${encodeURIComponent(link.oid)}`;
}

/** The reverse, for the renderer's router: undefined when the fragment is not a patient view. */
export function patientLinkOfFragment(fragment: string): PatientLink | undefined {
  if (!fragment.startsWith(PATIENT_VIEW_ROUTE)) return undefined;
  const [rawMatricule = '', query = ''] = fragment.slice(PATIENT_VIEW_ROUTE.length).split('?', 2);
  let matricule: string;
  try {
    matricule = decodeURIComponent(rawMatricule);
  } catch {
    return undefined;
  }
  if (!/^[0-9AB]{15}$/i.test(matricule)) return undefined;
  if (query === '') return { matricule };
  const oid = /^oid=([0-9.]+)$/.exec(query)?.[1];
  return oid === undefined ? undefined : { matricule, oid };
}
