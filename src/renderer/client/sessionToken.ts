// The UI session token of `navette serve`: it arrives in the address fragment (`#jeton=…`),
// which browsers never send to a server; it is kept in sessionStorage (this tab only, gone when
// the tab closes) and removed from the address bar at once, so it does not stay on screen, in
// bookmarks or in the history.

export const TOKEN_FRAGMENT = 'jeton';
/** `navette open` asks for a view with the token: `#jeton=…&vue=/patient/<INS>`. */
export const VIEW_FRAGMENT = 'vue';

/** The view to show after the token is taken: only a patient view, else the home screen. */
function viewOf(view: string | null): string {
  return view !== null && /^\/patient\/[0-9AB]{15}(\?oid=[0-9.]+)?$/i.test(view) ? view : 'accueil';
}
const STORAGE_KEY = 'navette.jeton';

export interface TokenPlace {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  readonly sessionStorage: {
    getItem(key: string): string | null;
    setItem(k: string, v: string): void;
  };
}

/** Takes the token from the fragment (and clears it from the address), or the stored one. */
export function takeSessionToken(place: TokenPlace): string | undefined {
  const fragment = place.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(fragment);
  const fromUrl = params.get(TOKEN_FRAGMENT);
  if (fromUrl !== null && fromUrl !== '') {
    place.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    place.history.replaceState(
      null,
      '',
      `${place.location.pathname}${place.location.search}#${viewOf(params.get(VIEW_FRAGMENT))}`,
    );
    return fromUrl;
  }
  return place.sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}
