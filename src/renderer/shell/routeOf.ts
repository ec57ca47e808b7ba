// The fragment as a route: `#patient/1234` → { route: 'patient', param: '1234' }.

export interface Route {
  readonly route: string;
  readonly param: string | undefined;
}

export function routeOf(hash: string): Route {
  // `#/patient/<INS>` too: what navette:// links and `navette open` write (src/api/patientView.ts).
  const raw = hash.replace(/^#\/?/, '');
  const slash = raw.indexOf('/');
  const route = (slash === -1 ? raw : raw.slice(0, slash)).toLowerCase();
  let param: string | undefined;
  if (slash !== -1) {
    try {
      param = decodeURIComponent(raw.slice(slash + 1));
    } catch {
      param = undefined;
    }
  }
  return { route, param: param === '' ? undefined : param };
}
