// TD0.3 (declare oneself authorised, remove one's authorisation, remove the médecin traitant
// role) and TD1.6 (list of authorised or blocked professionals), with the matrix's rules.
import {
  buildListAuthorizationByPatientResponse,
  buildSetAuthorizationResponse,
  parseListAuthorizationByPatientRequest,
  parseSetAuthorizationRequest,
} from '../../protocol/habilitations/index.js';
import { DmpFault } from '../http/DmpFault.js';
import type { SoapHandler } from '../http/soapEndpoint.js';
import { patientOf, requireRight, trace, type SandboxDeps } from './HandlerContext.js';

export function setAuthorization(deps: SandboxDeps): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const patient = patientOf(deps, caller);
    const req = parseSetAuthorizationRequest(request.envelope.bodyXml);
    const current = deps.store.authorisation(patient.ins, caller.psId);
    if (patient.dmpStatus !== 'ACTIF') {
      throw new DmpFault('DMPClosed', "Le DMP de ce patient n'est pas actif.");
    }
    let context: string | undefined;
    if (req.action === 'AJOUT') {
      requireRight(deps, caller, 'TD0.3/add', patient.ins);
      if (current?.status === 'INTERDIT') {
        trace(deps, caller, 'TD0.3', patient.ins, 'refused', 'bloqué par le patient');
        throw new DmpFault(
          'DMPAccessDeniedByPatient',
          "Le patient a bloqué l'accès de ce professionnel à son DMP.",
        );
      }
      if (current?.status === 'VALIDE' && req.role === undefined) {
        context = 'Autorisation déjà présente aucune action effectuée';
      } else {
        deps.store.setAuthorisation(
          patient.ins,
          caller.psId,
          'VALIDE',
          req.role === 'MEDECIN_TRAITANT' || current?.isMedecinTraitant === true,
          caller.structureId,
        );
      }
    } else if (req.role === 'MEDECIN_TRAITANT') {
      requireRight(deps, caller, 'TD0.3/removeMT', patient.ins);
      deps.store.clearMedecinTraitant(patient.ins, caller.psId);
    } else {
      requireRight(deps, caller, 'TD0.3/remove', patient.ins);
      if (current === undefined) context = 'Aucune autorisation à supprimer';
      else deps.store.removeAuthorisation(patient.ins, caller.psId);
    }
    trace(
      deps,
      caller,
      'TD0.3',
      patient.ins,
      'ok',
      `${req.action}${req.role ? ` ${req.role}` : ''}`,
    );
    return {
      bodyXml: buildSetAuthorizationResponse(context === undefined ? {} : { context }),
    };
  };
}

export function listAuthorizationByPatient(deps: SandboxDeps): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const patient = patientOf(deps, caller);
    const { mode } = parseListAuthorizationByPatientRequest(request.envelope.bodyXml);
    requireRight(deps, caller, 'TD1.6', patient.ins);
    const rows = deps.store
      .authorisationsOfPatient(patient.ins)
      .filter((a) => a.status !== 'EXPIRE')
      .filter(
        (a) =>
          mode === 'TOUTE' ||
          (mode === 'ACTIVE' && a.status === 'VALIDE') ||
          (mode === 'INTERDITE' && a.status === 'INTERDIT'),
      );
    trace(deps, caller, 'TD1.6', patient.ins, 'ok', mode);
    return {
      bodyXml: buildListAuthorizationByPatientResponse(
        rows.map((a) => ({
          nationalId: a.psId,
          mode: a.status === 'VALIDE' ? 'ACTIVE' : 'INTERDITE',
          startOfAuthorization: a.updatedAt.slice(0, 10),
          lastActionDate: a.updatedAt.slice(0, 10),
          ...(a.isMedecinTraitant ? { specificRights: ['MEDECIN_TRAITANT' as const] } : {}),
        })),
      ),
    };
  };
}
