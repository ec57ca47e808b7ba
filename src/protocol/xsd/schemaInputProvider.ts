// Feeding libxml2 the schema files through a loader function instead of the file system (the
// protocol layer has no I/O). libxml2 resolves xsd:include/xsd:import against the base URL of
// the schema that contains them, so each compilation gets its own base URL
// `navette-xsd://<session>/<root path>`; a relative `../ebRS/rs.xsd` then comes back to us as
// `navette-xsd://<session>/ebRS/rs.xsd`, and the session's loader gets `ebRS/rs.xsd`.
//
// libxml2 keeps its input callbacks in one process-wide table with room for a handful of
// entries, so a single provider is registered once (lazily, on first use) and dispatches to the
// session named in the URL. A session lives only while a schema compiles: includes and imports
// are all read at that time.
import { xmlRegisterInputProvider, type XmlInputProvider } from 'libxml2-wasm';
import { XsdError } from './XsdError.js';

export type SchemaLoader = (path: string) => string | Uint8Array;

const SCHEME = 'navette-xsd://';

interface Session {
  readonly loader: SchemaLoader;
  /** Whether the root path was absolute: paths handed to the loader then keep their leading '/'. */
  readonly absolute: boolean;
  /** The first loader failure, reported after compilation (libxml2 may only warn about it). */
  failure: { path: string; cause: unknown } | undefined;
  readonly loaded: string[];
}

interface OpenFile {
  readonly data: Uint8Array;
  position: number;
}

const sessions = new Map<string, Session>();
const openFiles = new Map<number, OpenFile>();
let nextSession = 1;
let nextFd = 1;
let registered = false;

function sessionOf(url: string): { session: Session; path: string } | undefined {
  if (!url.startsWith(SCHEME)) return undefined;
  const rest = url.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const session = sessions.get(rest.slice(0, slash));
  if (!session) return undefined;
  const raw = decodeURIComponent(rest.slice(slash + 1));
  return { session, path: session.absolute ? `/${raw}` : raw };
}

const provider: XmlInputProvider = {
  match: (filename) => sessionOf(filename) !== undefined,
  open: (filename) => {
    const found = sessionOf(filename);
    if (!found) return undefined;
    try {
      const content = found.session.loader(found.path);
      const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      const fd = nextFd++;
      openFiles.set(fd, { data, position: 0 });
      found.session.loaded.push(found.path);
      return fd;
    } catch (cause) {
      found.session.failure ??= { path: found.path, cause };
      return undefined;
    }
  },
  read: (fd, buffer) => {
    const file = openFiles.get(fd);
    if (!file) return -1;
    const n = Math.min(buffer.length, file.data.length - file.position);
    buffer.set(file.data.subarray(file.position, file.position + n));
    file.position += n;
    return n;
  },
  close: (fd) => openFiles.delete(fd),
};

function ensureRegistered(): void {
  if (registered) return;
  if (!xmlRegisterInputProvider(provider)) {
    throw new XsdError(
      'XSD_INPUT_UNAVAILABLE',
      'Le validateur XML ne peut pas charger de schéma (table des sources libxml2 pleine).',
    );
  }
  registered = true;
}

export interface SchemaSession {
  /** The base URL to give the root schema document. */
  readonly url: string;
  /** Every path the loader served, in order. */
  readonly loaded: readonly string[];
  readonly failure: { readonly path: string; readonly cause: unknown } | undefined;
  close(): void;
}

/** Opens a loading session for one schema compilation; close it once compiled. */
export function openSchemaSession(loader: SchemaLoader, rootPath: string): SchemaSession {
  ensureRegistered();
  const id = `s${nextSession++}`;
  const absolute = rootPath.startsWith('/');
  const session: Session = { loader, absolute, failure: undefined, loaded: [] };
  sessions.set(id, session);
  const encoded = rootPath
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return {
    url: `${SCHEME}${id}/${encoded}`,
    get loaded() {
      return session.loaded;
    },
    get failure() {
      return session.failure;
    },
    close: () => {
      sessions.delete(id);
    },
  };
}
