// TD0.2 (DMP existence and the caller's authorisation) and TD0.4 (the DMPs the caller is
// authorised on), answered from the sandbox's state the way the DMP answers them.
import { randomUUID } from 'node:crypto';
import { createIns } from '../../domain/ins/ins.js';
import {
  buildTd02Response,
  formatHl7Timestamp,
  parseTd02Request,
  type Td02Outcome,
} from '../../protocol/hl7v3/index.js';
import {
  buildPatientListResponse,
  parsePatientListRequest,
  type PatientListEntryInput,
} from '../../protocol/habilitations/index.js';
import { DmpFault } from '../http/DmpFault.js';
import type { SoapHandler } from '../http/soapEndpoint.js';
import { RegistryStore } from '../state/RegistryStore.js';
import type { PatientRecord } from '../state/SandboxStore.js';
import { requireRight, trace, type SandboxDeps } from './HandlerContext.js';

function td02Outcome(deps: SandboxDeps, psId: string, p: PatientRecord | undefined): Td02Outcome {
  if (!p || p.dmpStatus === 'INEXISTANT') return { kind: 'not-found' };
  const auth = deps.store.authorisation(p.ins, psId);
  return {
    kind: 'found',
    authorization: auth?.status ?? 'NON_EXISTE',
    isMedecinTraitant: auth?.isMedecinTraitant === true,
    patient: {
      ins: createIns(p.ins, p.oid),
      statusCode: p.dmpStatus === 'FERME' ? 'terminated' : 'active',
      given: [p.given],
      family: p.family,
      administrativeGender: p.sex,
      birthTime: p.birthDate,
      internetAccountOpen: p.linkedToMes,
      linkedToMonEspaceSante: p.linkedToMes,
    },
  };
}

export function patientRegistryQuery(deps: SandboxDeps): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const query = parseTd02Request(request.envelope.bodyXml);
    const ins = query.ins.matricule;
    if (caller.patientIns !== undefined && caller.patientIns !== ins) {
      throw new DmpFault(
        'DMPInvalidRequest',
        "L'INS de la requête diffère de celui du VIHF (resource-id).",
      );
    }
    requireRight(deps, caller, 'TD0.2', ins);
    const patient = deps.store.patient(ins);
    const outcome = td02Outcome(deps, caller.psId, patient);
    trace(deps, caller, 'TD0.2', ins, 'ok', outcome.kind);
    return {
      bodyXml: buildTd02Response({
        messageId: randomUUID(),
        creationTime: deps.now(),
        request: {
          messageId: query.messageId,
          queryId: query.queryId,
          reasonCode: query.reasonCode,
        },
        requester: query.sender ?? { oid: '0', softwareName: 'inconnu' },
        outcome,
      }),
    };
  };
}

/**
 * HL7 TS (YYYYMMDDHHMMSS) of an ISO time, for TD0.4 dates: French local time without offset, as
 * the DMP writes its TS and as the client writes startDate (the two are compared).
 */
function hl7(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : formatHl7Timestamp(new Date(iso));
}

export function patientList(deps: SandboxDeps): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const query = parsePatientListRequest(request.envelope.bodyXml);
    requireRight(deps, caller, 'TD0.4', undefined);
    const since = query.startDate ?? '00000000000000';
    const registry = new RegistryStore(deps.store);
    const entries: PatientListEntryInput[] = [];
    for (const auth of deps.store.authorisationsOfProfessional(caller.psId)) {
      const p = deps.store.patient(auth.ins);
      if (!p || p.dmpStatus !== 'ACTIF') continue;
      const lastAdd = hl7(registry.lastDocumentAt(p.ins));
      const lastAuth = hl7(auth.updatedAt);
      const pivot = query.dateType === 'LASTDOC' ? lastAdd : lastAuth;
      if (pivot === undefined || pivot < since) continue;
      entries.push({
        identifiers: [{ nationalId: p.ins, nationalIdType: p.oid }],
        lastName: p.family,
        firstName: p.given,
        dateOfBirth: p.birthDate,
        isMedecinTraitant: auth.isMedecinTraitant,
        ...(lastAuth === undefined ? {} : { lastUpdateDate: lastAuth }),
        ...(lastAdd === undefined ? {} : { lastAddDate: lastAdd }),
      });
    }
    trace(deps, caller, 'TD0.4', undefined, 'ok', `${entries.length} patient(s)`);
    return { bodyXml: buildPatientListResponse(entries) };
  };
}
