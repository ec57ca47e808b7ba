// A scripted DMP for the sending unit tests: one answer per operation (TD0.2, ITI-18, ITI-41),
// built with the same src/protocol builders the sandbox uses, and what the client sent, read
// back (the ITI-41 lot with its MTOM parts). The real exchange over mutual TLS is covered by
// test/integration/dmp/sending*.test.ts.
import { DmpClient } from '../../../src/dmp/index.js';
import { readMtom, type MtomMessage } from '../../../src/protocol/mtom/index.js';
import { createIns } from '../../../src/domain/ins/ins.js';
import {
  buildTd02Response,
  parseTd02Request,
  type Td02Outcome,
} from '../../../src/protocol/hl7v3/index.js';
import {
  buildSoapResponseEnvelope,
  DMP_OPERATIONS,
  type DmpOperationName,
} from '../../../src/protocol/soap/index.js';
import {
  buildAdhocQueryResponse,
  buildRegistryResponse,
  parseAdhocQueryRequest,
  parseProvideAndRegisterRequest,
  type DocumentEntry,
  type ProvideAndRegisterRequest,
  type RegistryErrorItem,
} from '../../../src/protocol/xds/index.js';
import type { XmlSigner } from '../../../src/domain/ports/XmlSigner.js';
import { ENDPOINT, GP_CONTEXT, testSigner } from './dmpTestContext.js';
import { ScriptedTransport, type ScriptedAnswer, type SeenRequest } from './scriptedTransport.js';

export const FOUND_DMP: Extract<Td02Outcome, { kind: 'found' }> = {
  kind: 'found',
  authorization: 'VALIDE',
  isMedecinTraitant: true,
  patient: {
    ins: createIns('279035121518989', '1.2.250.1.213.1.4.10'),
    given: ['DOMINIQUE'],
    family: 'PAT-TROIS',
  },
};

export type Answer = ScriptedAnswer | ((req: SeenRequest) => ScriptedAnswer);

export interface FakeDmp {
  readonly transport: ScriptedTransport;
  readonly client: DmpClient;
  readonly signer: XmlSigner;
  td02: Td02Outcome;
  /** ITI-18 answers: registry entries returned by GetDocuments, by uniqueId. */
  registry: Map<string, DocumentEntry>;
  /** ITI-41 answer; default Success. */
  feed: Answer;
  /** Operations received, in order. */
  readonly operations: DmpOperationName[];
  /** The lots received (ITI-41), read back with their MTOM parts. */
  readonly lots: { lot: ProvideAndRegisterRequest; mtom: MtomMessage }[];
}

function operationOf(req: SeenRequest): DmpOperationName {
  const action = req.envelope.headers.action;
  const found = Object.entries(DMP_OPERATIONS).find(([, op]) => op.action === action);
  if (!found) throw new Error(`unknown action ${action ?? '?'}`);
  return found[0] as DmpOperationName;
}

function soap(req: SeenRequest, action: string, bodyXml: string): ScriptedAnswer {
  return {
    body: buildSoapResponseEnvelope({
      action,
      ...(req.envelope.headers.messageId === undefined
        ? {}
        : { relatesTo: req.envelope.headers.messageId }),
      bodyXml,
    }).xml,
  };
}

export function registryFailure(errorCode: string, codeContext = 'refus'): string {
  const error: RegistryErrorItem = { errorCode, codeContext, severity: 'Error' };
  return buildRegistryResponse({ status: 'Failure', errors: [error] });
}

/** A SOAP answer carrying `bodyXml` for the ITI-41 operation. */
export function feedAnswer(bodyXml: string): Answer {
  return (req) => soap(req, DMP_OPERATIONS.provideAndRegisterDocumentSet.responseAction, bodyXml);
}

export function fakeDmp(options: { readonly signer?: XmlSigner } = {}): FakeDmp {
  const state = {
    td02: FOUND_DMP,
    registry: new Map<string, DocumentEntry>(),
    feed: feedAnswer(buildRegistryResponse({ status: 'Success' })),
    operations: [] as DmpOperationName[],
    lots: [] as FakeDmp['lots'],
  };
  const transport = new ScriptedTransport(async (req) => {
    const op = operationOf(req);
    state.operations.push(op);
    const responseAction = DMP_OPERATIONS[op].responseAction;
    if (op === 'patientRegistryQuery') {
      const query = parseTd02Request(req.envelope.bodyXml);
      return soap(
        req,
        responseAction,
        buildTd02Response({
          messageId: 'reponse-1',
          creationTime: new Date('2026-05-06T08:00:00Z'),
          request: {
            messageId: query.messageId,
            queryId: query.queryId,
            reasonCode: query.reasonCode,
          },
          requester: query.sender ?? { oid: '0', softwareName: '?' },
          outcome: state.td02,
        }),
      );
    }
    if (op === 'registryStoredQuery') {
      const { query } = parseAdhocQueryRequest(req.envelope.bodyXml);
      const uniqueIds = query.kind === 'GetDocuments' ? (query.uniqueIds ?? []) : [];
      const entries = uniqueIds.flatMap((u) => {
        const e = state.registry.get(u);
        return e ? [e] : [];
      });
      return soap(
        req,
        responseAction,
        buildAdhocQueryResponse({ status: 'Success', documentEntries: entries }),
      );
    }
    if (op === 'provideAndRegisterDocumentSet') {
      const mtom = await readMtom(req.body, req.headers['content-type'] ?? '');
      state.lots.push({ lot: parseProvideAndRegisterRequest(mtom.root.xml), mtom });
      return typeof state.feed === 'function' ? state.feed(req) : state.feed;
    }
    throw new Error(`unexpected ${op}`);
  });
  const signer = options.signer ?? testSigner();
  const client = new DmpClient({
    transport,
    endpoint: ENDPOINT,
    signer: testSigner(),
    context: GP_CONTEXT,
    now: () => new Date('2026-05-06T08:00:00Z'),
  });
  return Object.assign(state, { transport, client, signer });
}
