// What `navette sandbox init` creates and prints, and what `sandbox serve` reads back: one JSON
// object, saved as DIR/sandbox.json. The fields the issue names (config, ca, structure, cards,
// patients) come first; the rest is what the server needs to start.
import { z } from 'zod';

export const SANDBOX_MANIFEST_FILE = 'sandbox.json';
export const SANDBOX_DATABASE_FILE = 'sandbox.db';
/** The port Navette's default configuration points at (docs/configuration.md). */
export const SANDBOX_DEFAULT_PORT = 7412;
/** RepositoryUniqueId of the sandbox's repository (the DMP's own value is UNCONFIRMED, §13). */
export const SANDBOX_REPOSITORY_UNIQUE_ID = '1.2.250.1.213.4.1.1.1.2';

const certPaths = z.object({ cert: z.string(), key: z.string() });

export const sandboxManifestSchema = z.object({
  /** DIR/config.json: a Navette user configuration pointing at this sandbox. */
  config: z.string(),
  /** Root certificate "IGC-Santé de test", PEM. */
  ca: z.string(),
  structure: z.object({
    id: z.string(),
    name: z.string(),
    /** PKCS#12 holding ORG AUTH_CLI and ORG SIGN. */
    p12: z.string(),
    password: z.string(),
    authentication: certPaths,
    signature: certPaths,
  }),
  cards: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(['CPS', 'CPF', 'CPE', 'CPA']),
      holder: z.object({
        id: z.string(),
        family: z.string(),
        given: z.string(),
        profession: z.string().nullable(),
        specialty: z.string().nullable(),
      }),
      pin: z.string(),
      token: z.object({ module: z.string(), label: z.string(), conf: z.string() }).nullable(),
      /** The file-backed virtual test card (demo only): both keys, labelled. */
      p12: z.string(),
      authentication: certPaths,
      signature: certPaths,
    }),
  ),
  patients: z.array(
    z.object({
      ins: z.string(),
      oid: z.string(),
      family: z.string(),
      given: z.string(),
      scenario: z.string(),
    }),
  ),
  /** Why SoftHSM2 tokens were not created, when they were not. */
  softhsm: z.object({ conf: z.string().nullable(), reason: z.string().nullable() }),
  server: certPaths.extend({ url: z.string() }),
  repositoryUniqueId: z.string(),
  database: z.string(),
});

export type SandboxManifest = z.infer<typeof sandboxManifestSchema>;
