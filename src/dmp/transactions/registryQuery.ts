// One ITI-18 stored query in a patient's context, shared by the TD3.1 searches: the request, the
// answer read (unreadable → DMP_RESPONSE_INVALID), a Failure thrown as the protocol's
// RegistryResponseError, and identity vigilance — an answer holding a document or a lot of
// another patient is never used. `inBatches` splits id lists by 20, as the DMP's consultation
// guidance asks (DMP-INTERFACE §10).
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { sameIns, type Ins } from '../../domain/ins/ins.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  RegistryResponseError,
  buildAdhocQueryRequest,
  parseAdhocQueryResponse,
  type AdhocQueryResponse,
  type QueryReturnType,
  type StoredQuery,
} from '../../protocol/xds/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import { DmpResponseError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';

export const QUERY_BATCH_SIZE = 20;

export interface RegistryQueryContext {
  readonly call: DmpCall;
  readonly ins: Ins;
  readonly access: DmpAccess;
  readonly transaction: string;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

function aboutPatient(patientId: string, ins: Ins): boolean {
  try {
    return sameIns(insFromCx(patientId), ins);
  } catch {
    return false;
  }
}

export async function registryQuery(
  ctx: RegistryQueryContext,
  query: StoredQuery,
  returnType: QueryReturnType = 'LeafClass',
): Promise<AdhocQueryResponse> {
  const reply = await ctx.call.invoke({
    operation: 'registryStoredQuery',
    bodyXml: buildAdhocQueryRequest({ query, returnType }),
    patient: ctx.ins,
    access: ctx.access,
    ...(ctx.timeoutMs === undefined ? {} : { timeoutMs: ctx.timeoutMs }),
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  let answer: AdhocQueryResponse;
  try {
    answer = parseAdhocQueryResponse(reply.envelope.bodyXml);
  } catch (error: unknown) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La réponse du DMP à la recherche de documents est illisible (${isNavetteError(error) ? error.code : 'contenu inattendu'}). Réessayez plus tard.`,
      {
        retryable: true,
        details: { transaction: ctx.transaction, query: query.kind },
        cause: error,
      },
    );
  }
  if (answer.status === 'Failure') throw new RegistryResponseError(answer);
  const foreign =
    answer.documentEntries.some((e) => !aboutPatient(e.patientId, ctx.ins)) ||
    answer.submissionSets.some((s) => !aboutPatient(s.patientId, ctx.ins));
  if (foreign) {
    // Identity vigilance: an answer about another patient is never shown or used.
    throw new DmpResponseError(
      'DMP_RESPONSE_MISMATCH',
      "La réponse du DMP contient des documents d'un autre patient que celui demandé : elle n'est pas utilisée. " +
        "Contactez l'assistance si le problème persiste.",
      { retryable: false, details: { transaction: ctx.transaction, query: query.kind } },
    );
  }
  return answer;
}

/** Runs `run` on consecutive slices of `ids` (at most QUERY_BATCH_SIZE each), in order. */
export async function inBatches<T>(
  ids: readonly string[],
  run: (batch: readonly string[]) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < ids.length; i += QUERY_BATCH_SIZE) {
    results.push(await run(ids.slice(i, i + QUERY_BATCH_SIZE)));
  }
  return results;
}
