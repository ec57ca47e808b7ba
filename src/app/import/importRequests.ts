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

export function dmpAccessOf(access: {
  readonly mode: ApiAccessMode;
  readonly reason?: string | undefined;
}): DmpAccess {
  return {
    mode: ACCESS_MODES[access.mode],
    ...(access.reason === undefined ? {} : { reason: access.reason }),
  };
}

export function selectionOf(request: Pick<ImportRequest, 'uniqueIds' | 'since'>): ImportSelection {
  if (request.uniqueIds !== undefined) return { uniqueIds: request.uniqueIds };
  if (request.since !== undefined) return { since: request.since };
  return {};
}
