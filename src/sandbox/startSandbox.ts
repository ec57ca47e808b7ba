// `navette sandbox serve --dir DIR`: the DMP test server on a folder made by `sandbox init`.
// Wires the state, the VIHF checks, the transaction handlers, fault injection and the HTTPS
// server; the returned handle stops it all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NavetteError } from '../domain/errors/NavetteError.js';
import { directoryFromManifest } from './directory.js';
import { FaultInjector, parseFaultSpec } from './faults/index.js';
import { listAuthorizationByPatient, setAuthorization } from './handlers/authorisationHandlers.js';
import { provideAndRegister } from './handlers/feedHandler.js';
import type { SandboxDeps } from './handlers/HandlerContext.js';
import { patientList, patientRegistryQuery } from './handlers/patientHandlers.js';
import { registryStoredQuery } from './handlers/queryHandler.js';
import { retrieveDocumentSet } from './handlers/retrieveHandler.js';
import { updateDocumentSet } from './handlers/updateHandler.js';
import { SandboxHttpsServer } from './http/SandboxHttpsServer.js';
import type { SoapEndpointOptions } from './http/soapEndpoint.js';
import { SANDBOX_MANIFEST_FILE, sandboxManifestSchema, type SandboxManifest } from './manifest.js';
import { SEED_PATIENTS } from './seed/patients.js';
import { SandboxStore } from './state/SandboxStore.js';
import { vihfAuthenticator } from './vihf/authenticateVihf.js';

export interface StartSandboxOptions {
  readonly dir: string;
  /** Default: the port of the manifest's URL; 0 picks a free one. */
  readonly port?: number;
  /** A `--faults` specification (see faults/faultSpec.ts). */
  readonly faults?: string;
  readonly onRequest?: SoapEndpointOptions['onRequest'];
  readonly now?: () => Date;
}

export interface RunningSandbox {
  /** Base URL of the services: https://127.0.0.1:PORT/si-dmp-server/v2/services */
  readonly url: string;
  readonly port: number;
  readonly manifest: SandboxManifest;
  readonly store: SandboxStore;
  stop(): Promise<void>;
}

export class SandboxStartError extends NavetteError {
  override readonly name = 'SandboxStartError';
}

export function readSandboxManifest(dir: string): SandboxManifest {
  const file = path.join(path.resolve(dir), SANDBOX_MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new SandboxStartError(
      'SANDBOX_NOT_INITIALISED',
      `Aucun DMP de test dans ${dir} : lancez d'abord « navette sandbox init --dir ${dir} ».`,
      { dir },
    );
  }
  const parsed = sandboxManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SandboxStartError(
      'SANDBOX_MANIFEST_INVALID',
      `Le fichier ${file} est illisible ou incomplet ; recréez le DMP de test avec « navette sandbox init ».`,
      { file },
    );
  }
  return parsed.data;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const manifest = readSandboxManifest(options.dir);
  const faults =
    options.faults === undefined ? undefined : new FaultInjector(parseFaultSpec(options.faults));
  const store = SandboxStore.open(manifest.database, options.now);
  try {
    // Idempotent: a sandbox from an older Navette gets patients added since.
    store.seed(SEED_PATIENTS, Object.fromEntries(manifest.cards.map((c) => [c.key, c.holder.id])));
    const directory = directoryFromManifest(manifest);
    const deps: SandboxDeps = {
      store,
      now: options.now ?? (() => new Date()),
      authenticate: vihfAuthenticator(directory, store),
      repositoryUniqueId: manifest.repositoryUniqueId,
    };
    const server = new SandboxHttpsServer({
      certPem: readFileSync(manifest.server.cert, 'utf8'),
      keyPem: readFileSync(manifest.server.key, 'utf8'),
      clientCaPem: readFileSync(manifest.ca, 'utf8'),
      handlers: {
        patientRegistryQuery: patientRegistryQuery(deps),
        patientList: patientList(deps),
        setAuthorization: setAuthorization(deps),
        listAuthorizationByPatient: listAuthorizationByPatient(deps),
        provideAndRegisterDocumentSet: provideAndRegister(deps, directory),
        registryStoredQuery: registryStoredQuery(deps),
        retrieveDocumentSet: retrieveDocumentSet(deps),
        updateDocumentSet: updateDocumentSet(deps),
      },
      admin: {
        traces: (q) =>
          store.traces({
            ...(q.get('ins') === null ? {} : { ins: q.get('ins') ?? '' }),
            ...(q.get('psId') === null ? {} : { psId: q.get('psId') ?? '' }),
          }),
        patients: () => store.patients(),
      },
      ...(faults === undefined ? {} : { faults }),
      ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
    });
    const wanted = options.port ?? Number(new URL(manifest.server.url).port);
    const port = await server.listen(wanted);
    return {
      url: `https://127.0.0.1:${port}/si-dmp-server/v2/services`,
      port,
      manifest,
      store,
      async stop() {
        await server.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
