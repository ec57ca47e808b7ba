// Documents for the sending tests: level-1 CDAs built around a tiny PDF (buildLevel1Cda, the same
// path a dropped PDF and its sidecar take) for the sandbox's seeded patients, authored by the
// sandbox's GP card holder in the sandbox's test structure, and the OutgoingDocument the outbox
// would hand to the sender.
import { createHash } from 'node:crypto';
import { buildLevel1Cda, parseSidecar } from '../../../src/protocol/cda/index.js';
import type { OutgoingDocument } from '../../../src/domain/ports/DocumentSender.js';
import {
  buildAdhocQueryRequest,
  parseAdhocQueryResponse,
  type DocumentEntry,
} from '../../../src/protocol/xds/index.js';
import type { DmpClient } from '../../../src/dmp/index.js';
import { insOfKind } from '../../../src/domain/ins/ins.js';
import { TINY_PDF, bundledValueSets } from '../../unit/protocol/cda/cdaTestSupport.js';
import type { TestSandbox } from './sandboxFixture.js';

/** Traits coherent with each seeded NIR (sex, year and month of birth, place). */
const PATIENTS: Readonly<Record<string, Record<string, string>>> = {
  '207058575627097': {
    birthFamily: 'PATB-QUATRE',
    birthGivens: 'LAURENCE',
    birthDate: '2007-05-14',
    sex: 'F',
    birthPlaceCode: '85191',
  },
  '153078987658513': {
    birthFamily: 'FERME',
    birthGivens: 'PAUL',
    birthDate: '1953-07-02',
    sex: 'M',
    birthPlaceCode: '89024',
  },
};

export interface BuiltCda {
  readonly bytes: Uint8Array;
  readonly uniqueId: string;
  readonly setId: string;
}

export interface CdaOptions {
  readonly ins: string;
  readonly title?: string;
  /** Fixed document id (`root^extension` or `root`). */
  readonly id?: string;
  readonly replaces?: { readonly id: string; readonly setId: string; readonly version: number };
}

export function buildCda(sandbox: TestSandbox, options: CdaOptions): BuiltCda {
  const traits = PATIENTS[options.ins];
  if (traits === undefined) throw new Error(`no traits for ${options.ins}`);
  const sidecar = parseSidecar(
    JSON.stringify({
      version: 1,
      patient: { ins: options.ins, insOid: '1.2.250.1.213.1.4.10', ...traits },
      document: {
        typeCode: '11488-4',
        title: options.title ?? 'Compte rendu de consultation',
        date: '2026-05-04T10:15:00+02:00',
        ...(options.id === undefined ? {} : { id: options.id }),
      },
      ...(options.replaces === undefined ? {} : { replaces: options.replaces }),
    }),
  );
  if (!sidecar.ok) throw new Error(sidecar.problems.map((p) => p.message).join('; '));
  const holder = sandbox.gp.holder;
  const built = buildLevel1Cda({
    pdf: TINY_PDF,
    sidecar: sidecar.sidecar,
    cardHolder: {
      idNatPs: holder.id,
      family: holder.family,
      given: holder.given,
      specialty: { code: 'G15_10/SM54' },
    },
    organization: {
      idNatStruct: sandbox.manifest.structure.id,
      name: sandbox.manifest.structure.name,
      practiceSetting: 'AMBULATOIRE',
      facilityType: 'SA07',
    },
    valueSets: bundledValueSets(),
  });
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('; '));
  const setId = /<setId root="([^"]+)"/.exec(built.xml)?.[1];
  if (setId === undefined) throw new Error('setId not found');
  return { bytes: built.bytes, uniqueId: built.uniqueId, setId };
}

let items = 0;

export function outgoing(cda: BuiltCda, attempt = 1): OutgoingDocument {
  items += 1;
  return {
    itemId: items,
    uniqueId: cda.uniqueId,
    contentHash: createHash('sha256').update(cda.bytes).digest('hex'),
    kind: 'cda-n1',
    fileName: `document-${items}.xml`,
    bytes: cda.bytes,
    attempt,
  };
}

/** FindDocuments (every status) for a test patient: what the sandbox's registry holds. */
export async function registryEntries(client: DmpClient, ins: string): Promise<DocumentEntry[]> {
  const patient = insOfKind(ins, 'NIR_TEST');
  const reply = await client.call.invoke({
    operation: 'registryStoredQuery',
    bodyXml: buildAdhocQueryRequest({
      query: {
        kind: 'FindDocuments',
        patientId: `${ins}^^^&1.2.250.1.213.1.4.10&ISO^NH`,
        statuses: ['Approved', 'Deprecated', 'Archived'],
      },
    }),
    patient,
    access: { mode: 'normal' },
  });
  return [...parseAdhocQueryResponse(reply.envelope.bodyXml).documentEntries];
}
