// The consultation service as `navette serve` builds it: the DMP session (shared with the sending
// path when it has one), the audit journal's patient key, the ANS stylesheet through xsltproc.
import type { Logger } from '../../domain/ports/Logger.js';
import type { Database } from '../../store/index.js';
import type { Environment } from '../card/cardEnvironment.js';
import type { NavetteConfig } from '../config/index.js';
import type { DmpSession, DmpSessionOptions } from '../dmp/index.js';
import { XsltprocRenderer } from '../display/XsltprocRenderer.js';
import { patientReferenceKey } from '../journal/patientKey.js';
import { ConsultService } from './ConsultService.js';
import { serviceConsultSession, type ServiceConsultSession } from './consultSession.js';
import { defaultInsOidOf } from './patientRef.js';

export interface StartConsultOptions {
  readonly config: NavetteConfig;
  readonly db: Database;
  readonly dataDir: string;
  readonly env: Environment;
  readonly shared?: () => DmpSession | undefined;
  readonly demoCard?: { readonly p12: string; readonly password: string };
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
  readonly log?: Logger;
}

export interface RunningConsult {
  readonly service: ConsultService;
  /** Where the consultation's session comes from (the import shares it). */
  readonly session: ServiceConsultSession;
  /** Closes the session the consultation opened for itself (not the shared one). */
  stop(): Promise<void>;
}

export function startConsult(opts: StartConsultOptions): RunningConsult {
  const session = serviceConsultSession({
    config: opts.config,
    env: opts.env,
    ...(opts.shared === undefined ? {} : { shared: opts.shared }),
    ...(opts.demoCard === undefined ? {} : { demoCard: opts.demoCard }),
    ...(opts.openSession === undefined ? {} : { openSession: opts.openSession }),
    ...(opts.log === undefined ? {} : { log: opts.log }),
  });
  const service = new ConsultService({
    session: session.source,
    db: opts.db,
    patientKey: patientReferenceKey(opts.dataDir),
    renderer: new XsltprocRenderer(),
    defaultInsOid: defaultInsOidOf(opts.config),
    ...(opts.log === undefined ? {} : { log: opts.log }),
  });
  return { service, session, stop: () => session.close() };
}
