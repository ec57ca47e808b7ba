// `navette://patient/<INS>[?oid=<OID>]` links: from the command line of a second launch (Windows,
// Linux), from the second instance's additional data, or from macOS open-url. The domain parser
// (src/domain/links/patientLink.ts) decides what a link says; main turns it into the UI fragment
// of the patient view (src/api/patientView.ts) and opens the window there. Such a link only OPENS
// a view: nothing reaches the DMP before the user acts. Anything odd is dropped, never half-used.
import type { DeepLink } from '../../api/bridge.js';
import { patientViewFragment } from '../../api/patientView.js';
import {
  NAVETTE_SCHEME,
  formatPatientLink,
  parsePatientLink,
  type PatientLink,
} from '../../domain/links/patientLink.js';

export const URL_SCHEME = NAVETTE_SCHEME;
/** Longer than any patient link (the domain parser allows 512); checked before any parsing. */
const MAX_LINK_LENGTH = 2048;

/** A link main accepted: the patient, where the UI shows them, and what the window is told. */
export interface PatientTarget {
  readonly patient: PatientLink;
  /** `#/patient/<INS>[?oid=<OID>]` (patientViewFragment). */
  readonly fragment: string;
  /** Pushed through the bridge (`onDeepLink`): route `patient`, params `ins` and `oid`. */
  readonly link: DeepLink;
}

/**
 * The target of `raw`, or undefined when it is not a valid patient link. The old form
 * `navette://patient?ins=<INS>[&oid=<OID>]` (first desktop releases) is still read, as the
 * canonical `navette://patient/<INS>[?oid=<OID>]`.
 */
export function parseDeepLink(raw: string): PatientTarget | undefined {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a link
  if (raw.length > MAX_LINK_LENGTH || /[\u0000-\u001f\u007f]/.test(raw)) return undefined;
  // The URL parser would quietly resolve dot segments: a link that has any is refused instead.
  if (/%2e|\\|\/\.\.?(?:[/?]|$)/i.test(raw)) return undefined;
  let patient: PatientLink;
  try {
    patient = parsePatientLink(canonicalForm(raw));
  } catch {
    return undefined;
  }
  const fragment = patientViewFragment(patient);
  const params: Record<string, string> = { ins: patient.matricule };
  if (patient.oid !== undefined) params['oid'] = patient.oid;
  return { patient, fragment, link: { url: formatPatientLink(patient), route: 'patient', params } };
}

/** `navette://patient?ins=X[&oid=Y]` → `navette://patient/X[?oid=Y]`; anything else unchanged. */
function canonicalForm(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw;
  }
  const ins = url.searchParams.get('ins');
  if (
    url.protocol !== `${URL_SCHEME}:` ||
    ins === null ||
    url.pathname.replaceAll('/', '') !== ''
  ) {
    return raw;
  }
  // Exactly one `ins`, and nothing but `oid` beside it: the domain parser judges the rest.
  if (url.searchParams.getAll('ins').length !== 1) return raw;
  const rest = new URLSearchParams(url.searchParams);
  rest.delete('ins');
  const query = rest.toString();
  return `${url.protocol}//${url.host}/${encodeURIComponent(ins)}${query === '' ? '' : `?${query}`}`;
}

/** The last navette:// link on a command line (Windows and Linux pass it as an argument). */
export function deepLinkFromArgv(argv: readonly string[]): PatientTarget | undefined {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i];
    if (arg !== undefined && arg.toLowerCase().startsWith(`${URL_SCHEME}:`)) {
      return parseDeepLink(arg);
    }
  }
  return undefined;
}

/** What a second launch sends to the first with requestSingleInstanceLock(). */
export interface SecondInstanceData {
  readonly link?: string;
}

export function secondInstanceData(argv: readonly string[]): SecondInstanceData {
  const target = deepLinkFromArgv(argv);
  return target === undefined ? {} : { link: target.link.url };
}

/**
 * The link a second launch passed on: its additional data first (exact, unlike argv, which
 * Chromium may reorder or extend), then its command line.
 */
export function deepLinkFromSecondInstance(
  argv: readonly string[],
  additionalData: unknown,
): PatientTarget | undefined {
  if (typeof additionalData === 'object' && additionalData !== null) {
    const link = (additionalData as { link?: unknown }).link;
    if (typeof link === 'string') return parseDeepLink(link);
  }
  return deepLinkFromArgv(argv);
}
