// Several token sources behind the one bearer check: the tokens of the database (scripts, other
// programs) and the web UI's per-run session token (memory only). The first that knows the token
// names the client.
import type { ApiClientIdentity, ApiTokenVerifier } from './bearerAuth.js';

/** A verifier that asks each of `verifiers` in turn. */
export function anyTokenVerifier(...verifiers: readonly ApiTokenVerifier[]): ApiTokenVerifier {
  return {
    verify(token: string): ApiClientIdentity | undefined {
      for (const verifier of verifiers) {
        const client = verifier.verify(token);
        if (client !== undefined) return client;
      }
      return undefined;
    },
  };
}
