// The local API's import requests turned into what the ImportService takes: the INS with its OID
// and the access mode. The contract (src/api/consult.ts) lets the OID be left out: a test INS
// against a DMP on this computer (the test DMP is always local, the real DMP never is) or in demo
// mode, a NIR otherwise — the rule `navette status` applies to a bare matricule. A CX form
// (`matricule^^^&OID&ISO^NH`) carries its own OID.
import type { ApiAccessMode, ImportRequest } from '../../api/consult.js';
import type { DmpAccess } from '../../dmp/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { createIns, insOfKind, type Ins } from '../../domain/ins/ins.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import type { NavetteConfig } from '../config/index.js';
import { ImportError } from './ImportError.js';
import type { ImportSelection } from './ImportService.js';

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Throws the domain's InsError (French) for an INS that is not one. */
export function insOfPatientRef(
  ref: { readonly ins: string; readonly oid?: string | undefined },
  config: NavetteConfig,
): Ins {
  try {
    const raw = ref.ins.replace(/\s+/g, '');
    if (raw.includes('^')) return insFromCx(raw);
    if (ref.oid !== undefined) return createIns(raw, ref.oid);
    return insOfKind(raw, config.demo || isLoopback(config.dmp.endpoint) ? 'NIR_TEST' : 'NIR');
  } catch (error) {
    throw new ImportError(
      'IMPORT_INS_INVALID',
      isNavetteError(error)
        ? `INS du patient illisible : ${error.message}`
        : 'INS du patient illisible : vérifiez le matricule (15 caractères).',
      { cause: isNavetteError(error) ? error.code : 'UNEXPECTED' },
    );
  }
}

const ACCESS_MODES: Readonly<Record<ApiAccessMode, DmpAccess['mode']>> = {
  normal: 'normal',
  'bris-de-glace': 'bris_de_glace',
  'centre-15': 'centre_15',
};

/**
 * Import runs in normal access only. Emergency modes (bris de glace, centre 15) have rules of
 * their own — a médecin with their own card, a reason journaled with every call — which the
 * consultation applies (src/app/consult/consultAccess.ts); copying documents into the practice's
 * software in bulk is not an emergency act, so it is refused here rather than half-checked.
 */
export function dmpAccessOf(access: {
  readonly mode: ApiAccessMode;
  readonly reason?: string | undefined;
}): DmpAccess {
  if (access.mode !== 'normal') {
    throw new ImportError(
      'IMPORT_ACCESS_MODE_REFUSED',
      "L'import se fait en accès normal uniquement. En urgence, consultez les documents depuis l'écran Patient (mode bris de glace), puis importez-les une fois autorisé sur ce DMP.",
      { mode: access.mode },
    );
  }
  return { mode: ACCESS_MODES[access.mode] };
}

export function selectionOf(request: Pick<ImportRequest, 'uniqueIds' | 'since'>): ImportSelection {
  if (request.uniqueIds !== undefined) return { uniqueIds: request.uniqueIds };
  if (request.since !== undefined) return { since: request.since };
  return {};
}
