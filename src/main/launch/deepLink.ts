// `navette://` links: from the command line of a second launch (Windows, Linux), from the
// second instance's additional data, or from macOS open-url. Main checks their shape only; what
// a route means is the UI's business. Anything odd is dropped, never half-used.
import type { DeepLink } from '../../api/bridge.js';

export const URL_SCHEME = 'navette';
const MAX_LINK_LENGTH = 2048;
/** Routes are lowercase words separated by '/': `patient`, `document/ouvrir`… */
const ROUTE = /^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/;
const PARAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_PARAMS = 20;
const MAX_PARAM_LENGTH = 512;

/** The link `raw` as a DeepLink, or undefined when it is not a well-formed navette:// link. */
export function parseDeepLink(raw: string): DeepLink | undefined {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a link
  if (raw.length > MAX_LINK_LENGTH || /[\u0000-\u001f\u007f\s]/.test(raw)) return undefined;
  // The URL parser would quietly resolve dot segments: a link that has any is refused instead.
  if (/%2e|\\|\/\.\.?(?:[/?]|$)/i.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${URL_SCHEME}:` || url.username !== '' || url.password !== '') {
    return undefined;
  }
  if (url.port !== '' || url.hash !== '') return undefined;
  // `navette://patient/x` has host 'patient'; `navette:patient/x` has none: accept both.
  const route = [url.hostname, ...url.pathname.split('/')].filter((s) => s !== '').join('/');
  if (!ROUTE.test(route.toLowerCase())) return undefined;
  const params: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of url.searchParams) {
    if (!PARAM_NAME.test(name) || value.length > MAX_PARAM_LENGTH) return undefined;
    if (++count > MAX_PARAMS) return undefined;
    if (!(name in params)) params[name] = value;
  }
  return { url: url.href, route: route.toLowerCase(), params };
}

/** The last navette:// link on a command line (Windows and Linux pass it as an argument). */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | undefined {
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
  const link = deepLinkFromArgv(argv);
  return link === undefined ? {} : { link: link.url };
}

/**
 * The link a second launch passed on: its additional data first (exact, unlike argv, which
 * Chromium may reorder or extend), then its command line.
 */
export function deepLinkFromSecondInstance(
  argv: readonly string[],
  additionalData: unknown,
): DeepLink | undefined {
  if (typeof additionalData === 'object' && additionalData !== null) {
    const link = (additionalData as { link?: unknown }).link;
    if (typeof link === 'string') return parseDeepLink(link);
  }
  return deepLinkFromArgv(argv);
}
