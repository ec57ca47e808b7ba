// The patient as the API and the CLI name them: an INS typed or pasted (spaces allowed), its OID
// when known, or the CX form `matricule^^^&OID&ISO^NH`. A bare matricule gets the default OID of
// the installation: a test INS against the test DMP, a NIR otherwise (as `navette status` does).
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { createIns, type Ins } from '../../domain/ins/ins.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import { oidOfInsKind } from '../../domain/ins/insOids.js';
import type { NavetteConfig } from '../config/index.js';
import { ConsultError } from './ConsultError.js';

export interface PatientRef {
  readonly ins: string;
  readonly oid?: string | undefined;
}

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host.startsWith('127.');
  } catch {
    return false;
  }
}

/** NIR_TEST's OID when Navette talks to a DMP on this computer (always the test one), NIR's otherwise. */
export function defaultInsOidOf(config: Pick<NavetteConfig, 'demo' | 'dmp'>): string {
  return oidOfInsKind(config.demo || isLoopback(config.dmp.endpoint) ? 'NIR_TEST' : 'NIR');
}

export function insOfRef(ref: PatientRef, defaultOid: string): Ins {
  try {
    const raw = ref.ins.trim();
    if (raw.includes('^')) return insFromCx(raw);
    return createIns(raw.replace(/\s+/g, ''), ref.oid ?? defaultOid);
  } catch (error) {
    throw new ConsultError(
      'CONSULT_INS_INVALID',
      isNavetteError(error)
        ? `INS du patient illisible : ${error.message}`
        : 'INS du patient illisible : vérifiez le matricule (15 caractères).',
      { cause: isNavetteError(error) ? error.code : 'UNEXPECTED' },
    );
  }
}
