// DNS rebinding defence: a web page from elsewhere may get its own host name to resolve to
// 127.0.0.1, but its requests still carry that name in `Host`. We answer only our own names.

/** The `Host` values accepted by a server listening on 127.0.0.1:`port`. */
export function allowedHosts(port: number): ReadonlySet<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (port === 80) {
    hosts.add('127.0.0.1');
    hosts.add('localhost');
  }
  return hosts;
}

/** Whether a request's `Host` header names us (case-insensitive, as host names are). */
export function isAllowedHost(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  return host !== undefined && allowed.has(host.toLowerCase());
}
