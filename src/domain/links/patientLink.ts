// `navette://patient/<INS>`: how clinical software opens a patient's DMP view in Navette. The link
// can come from anywhere (a web page can launch a URL scheme), so it is read strictly and only
// ever OPENS a view: no access to the DMP happens before the user acts in that view.
import { parseMatricule } from '../ins/matricule.js';
import { isInsOid } from '../ins/insOids.js';
import { NavetteError } from '../errors/NavetteError.js';

export const NAVETTE_SCHEME = 'navette';

/** What a patient link asks for: a matricule, and its OID when the link says it. */
export interface PatientLink {
  readonly matricule: string;
  /** Absent: the caller chooses (a test INS against the test DMP, a NIR otherwise). */
  readonly oid?: string;
}

export class PatientLinkError extends NavetteError {
  override readonly name = 'PatientLinkError';
  constructor(reason: string) {
    super(
      'PATIENT_LINK_INVALID',
      `Lien patient illisible (${reason}). Forme attendue : navette://patient/<INS à 15 caractères>.`,
      { reason },
    );
  }
}

const MAX_LINK_LENGTH = 512;

/**
 * Reads `navette://patient/<matricule>[?oid=<OID>]`. Spaces inside the matricule (as printed on
 * a carte Vitale) are tolerated; anything else unexpected is refused.
 */
export function parsePatientLink(raw: string): PatientLink {
  if (raw.length > MAX_LINK_LENGTH) throw new PatientLinkError('lien trop long');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new PatientLinkError("ce n'est pas une adresse");
  }
  if (url.protocol !== `${NAVETTE_SCHEME}:`) throw new PatientLinkError('schéma inconnu');
  // `navette://patient/X`: the host is "patient", the path "/X".
  if (url.hostname !== 'patient') throw new PatientLinkError('seuls les liens patient existent');
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '') {
    throw new PatientLinkError('éléments inattendus');
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 1) throw new PatientLinkError('INS absent');
  let text: string;
  try {
    text = decodeURIComponent(segments[0] ?? '');
  } catch {
    throw new PatientLinkError('caractères mal codés');
  }
  // An InsError (wrong key, bad length…) says precisely what is wrong with the INS itself.
  const matricule = parseMatricule(text.replaceAll(' ', '')).value;
  const keys = [...url.searchParams.keys()];
  if (keys.some((k) => k !== 'oid')) throw new PatientLinkError('paramètre inconnu');
  const oid = url.searchParams.get('oid');
  if (oid === null) return { matricule };
  if (!isInsOid(oid)) throw new PatientLinkError("OID d'INS inconnu");
  return { matricule, oid };
}

/** The link of one patient (what `navette open` prints and the desktop app registers). */
export function formatPatientLink(link: PatientLink): string {
  const base = `${NAVETTE_SCHEME}://patient/${encodeURIComponent(link.matricule)}`;
  return link.oid === undefined ? base : `${base}?oid=${encodeURIComponent(link.oid)}`;
}
