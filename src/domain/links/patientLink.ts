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
  // Read by hand: the domain layer has no URL parser, and this grammar is tiny.
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?(#.*)?$/i.exec(
    raw.trim(),
  );
  if (match === null) throw new PatientLinkError("ce n'est pas une adresse");
  const [, scheme = '', authority = '', pathPart = '', query, fragment] = match;
  if (scheme.toLowerCase() !== NAVETTE_SCHEME) throw new PatientLinkError('schéma inconnu');
  if (authority.includes('@') || authority.includes(':')) {
    throw new PatientLinkError('éléments inattendus');
  }
  // `navette://patient/X`: the host is "patient", the path "/X".
  if (authority.toLowerCase() !== 'patient') {
    throw new PatientLinkError('seuls les liens patient existent');
  }
  if (fragment !== undefined) throw new PatientLinkError('éléments inattendus');
  const segments = pathPart.split('/').filter((s) => s !== '');
  if (segments.length !== 1) throw new PatientLinkError('INS absent');
  const text = decodeComponent(segments[0] ?? '');
  // An InsError (wrong key, bad length…) says precisely what is wrong with the INS itself.
  const matricule = parseMatricule(text.replaceAll(' ', '')).value;
  if (query === undefined || query === '') return { matricule };
  const params = query.split('&').map((pair) => pair.split('='));
  if (params.length !== 1 || params[0]?.[0] !== 'oid' || params[0].length !== 2) {
    throw new PatientLinkError('paramètre inconnu');
  }
  const oid = decodeComponent(params[0][1] ?? '');
  if (!isInsOid(oid)) throw new PatientLinkError("OID d'INS inconnu");
  return { matricule, oid };
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    throw new PatientLinkError('caractères mal codés');
  }
}

/** The link of one patient (what `navette open` prints and the desktop app registers). */
export function formatPatientLink(link: PatientLink): string {
  const base = `${NAVETTE_SCHEME}://patient/${encodeURIComponent(link.matricule)}`;
  return link.oid === undefined ? base : `${base}?oid=${encodeURIComponent(link.oid)}`;
}
