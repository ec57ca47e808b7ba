// The DMP client: one method per transaction over a DmpCall (envelope, VIHF, transport, faults).
// It receives its ports by injection (the HTTPS transport holding the TLS identity, the signer
// holding the VIHF signature key) and knows nothing of cards, files or configuration: the
// composition root (src/app/dmp) builds it for the authentication mode in use.
import type { AccessMode } from '../domain/access/accessModes.js';
import type { Ins } from '../domain/ins/ins.js';
import { insFromCx } from '../domain/ins/insCx.js';
import type { HttpsTransport, TransportAbortSignal } from '../domain/ports/HttpsTransport.js';
import type { Logger } from '../domain/ports/Logger.js';
import type { SignatureAlgorithm, XmlSigner } from '../domain/ports/XmlSigner.js';
import type { Hl7Device } from '../protocol/hl7v3/index.js';
import type { DocumentEntry, ProvideAndRegisterInput } from '../protocol/xds/index.js';
import { DmpCall } from './call/DmpCall.js';
import type { ReadLimits } from './call/readDmpResponse.js';
import type { DmpDocument } from './documents/DmpDocument.js';
import { findDocumentByUniqueId } from './transactions/findDocument.js';
import {
  findDocuments,
  firstLookSearch,
  type DocumentSearch,
} from './transactions/findDocuments.js';
import {
  findDocumentsSince,
  type DocumentsSince,
  type DocumentsSinceInput,
} from './transactions/findDocumentsSince.js';
import {
  listAuthorizedPatients,
  type AuthorizedPatient,
  type AuthorizedPatientsQuery,
} from './transactions/listAuthorizedPatients.js';
import {
  manageDocument,
  type DocumentAction,
  type DocumentActionResult,
} from './transactions/manageDocument.js';
import {
  retrieveDocument,
  type DocumentToRetrieve,
  type RetrievedContent,
} from './transactions/retrieveDocument.js';
import { setAuthorization, type AuthorizationUpdate } from './transactions/setAuthorization.js';
import { submitDocuments, type SubmittedLot } from './transactions/provideAndRegister.js';
import { testExistence, type DmpExistence } from './transactions/testExistence.js';
import { toAccess, type DmpAccess, type VihfContext } from './vihf/VihfContext.js';
import { VihfIssuer, type VihfStats } from './vihf/VihfIssuer.js';

/**
 * The HL7v3 sender device of Navette's requests. UNCONFIRMED: the DMP expects the software's own
 * OID (given with its homologation); until Navette has one, the official sample's root is used.
 */
export const DEFAULT_SENDER_DEVICE: Hl7Device = {
  oid: '1.3.6.1.4.1.48364',
  softwareName: 'Navette',
};

export interface DmpClientOptions {
  readonly transport: HttpsTransport;
  /** dmp.endpoint. */
  readonly endpoint: string;
  /** Holds the VIHF signature key: the card's SIGNATURE key, or ORG SIGN. */
  readonly signer: XmlSigner;
  readonly context: VihfContext;
  readonly signatureAlgorithm?: SignatureAlgorithm;
  /** VIHF reuse window per patient and access mode (default 5 min). */
  readonly vihfTtlMs?: number;
  /** Write Conditions NotBefore/NotOnOrAfter in the VIHF (off: the samples have none). */
  readonly vihfConditions?: boolean;
  readonly timeoutMs?: number;
  readonly limits?: ReadLimits;
  readonly device?: Hl7Device;
  readonly now?: () => Date;
  readonly logger?: Logger;
}

export interface CallOptions {
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
  /** Default normal access. */
  readonly access?: DmpAccess | AccessMode;
}

/** Options of TD0.3 'remove'. */
export interface RemoveAuthorizationOptions extends Omit<CallOptions, 'access'> {
  /** The médecin traitant gives up the MT role (and keeps their authorisation). */
  readonly role?: 'MEDECIN_TRAITANT';
}

type Access = DmpAccess | AccessMode;

export class DmpClient {
  readonly call: DmpCall;
  readonly vihf: VihfIssuer;
  private readonly device: Hl7Device;
  private readonly now: () => Date;

  constructor(options: DmpClientOptions) {
    this.now = options.now ?? (() => new Date());
    this.vihf = new VihfIssuer({
      context: options.context,
      signer: options.signer,
      ...(options.signatureAlgorithm === undefined
        ? {}
        : { algorithm: options.signatureAlgorithm }),
      ...(options.vihfTtlMs === undefined ? {} : { ttlMs: options.vihfTtlMs }),
      ...(options.vihfConditions === undefined ? {} : { writeConditions: options.vihfConditions }),
      now: this.now,
    });
    this.call = new DmpCall({
      transport: options.transport,
      endpoint: options.endpoint,
      vihf: this.vihf,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    this.device = options.device ?? DEFAULT_SENDER_DEVICE;
  }

  /** TD0.2: the patient's DMP status and the caller's authorisation. */
  testExistence(ins: Ins, access?: DmpAccess | AccessMode): Promise<DmpExistence> {
    return testExistence(this.call, {
      ins,
      access: toAccess(access),
      device: this.device,
      now: this.now(),
    });
  }

  /**
   * TD2.1 (TD2.2 for a CPE): feeds a signed lot (`signLot`) to the DMP of its patient (the
   * submission set's patientId). Throws RegistryResponseError when the DMP answers Failure
   * (XDSDuplicateUniqueIdInRegistry…).
   */
  submitDocuments(lot: ProvideAndRegisterInput, options: CallOptions = {}): Promise<SubmittedLot> {
    return submitDocuments(this.call, {
      lot,
      patient: insFromCx(lot.submissionSet.patientId),
      access: toAccess(options.access),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  /** TD3.1b: the registry entry of a document by its uniqueId, or undefined. */
  findDocumentByUniqueId(
    ins: Ins,
    uniqueId: string,
    options: CallOptions = {},
  ): Promise<DocumentEntry | undefined> {
    return findDocumentByUniqueId(this.call, {
      ins,
      uniqueId,
      access: toAccess(options.access),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  /**
   * TD0.3. 'add' declares the caller authorised on the patient's DMP: the app must have asked
   * the patient, and says so with the literal `true` (DMP_CONSENT_REQUIRED otherwise). 'remove'
   * withdraws the caller's authorisation (or, with role MEDECIN_TRAITANT, the MT role).
   */
  setAuthorization(
    ins: Ins,
    action: 'add',
    access: Access,
    patientConsented: true,
    options?: Omit<CallOptions, 'access'>,
  ): Promise<AuthorizationUpdate>;
  setAuthorization(
    ins: Ins,
    action: 'remove',
    access: Access,
    options?: RemoveAuthorizationOptions,
  ): Promise<AuthorizationUpdate>;
  setAuthorization(
    ins: Ins,
    action: 'add' | 'remove',
    access: Access,
    consentOrOptions?: true | RemoveAuthorizationOptions,
    addOptions: Omit<CallOptions, 'access'> = {},
  ): Promise<AuthorizationUpdate> {
    const options: RemoveAuthorizationOptions =
      typeof consentOrOptions === 'object' ? consentOrOptions : addOptions;
    return setAuthorization(this.call, {
      ins,
      action,
      access: toAccess(access),
      ...(action === 'add' ? { patientConsented: consentOrOptions === true } : {}),
      ...(action === 'remove' && options.role !== undefined ? { role: options.role } : {}),
      ...timing(options),
    });
  }

  /** TD0.4: the DMPs the caller is authorised on, changed since a date. */
  listAuthorizedPatients(
    query: AuthorizedPatientsQuery,
    access: Access,
    options: Omit<CallOptions, 'access'> = {},
  ): Promise<AuthorizedPatient[]> {
    return listAuthorizedPatients(this.call, {
      ...query,
      access: toAccess(access),
      ...timing(options),
    });
  }

  /**
   * TD3.1: the patient's documents matching `search` (default: the first look, approved
   * documents of the last two years), newest first, with lot and replacement links.
   */
  findDocuments(
    ins: Ins,
    access: Access,
    search: DocumentSearch | 'firstLook' = 'firstLook',
    options: Omit<CallOptions, 'access'> = {},
  ): Promise<DmpDocument[]> {
    return findDocuments(
      { call: this.call },
      {
        ins,
        search: search === 'firstLook' ? firstLookSearch(this.now()) : search,
        access: toAccess(access),
        ...timing(options),
      },
    );
  }

  /** TD3.1 "since my last visit": the documents of the lots submitted since the cursor. */
  findDocumentsSince(
    ins: Ins,
    since: Date | string,
    access: Access,
    options: Omit<CallOptions, 'access'> & Pick<DocumentsSinceInput, 'statuses'> = {},
  ): Promise<DocumentsSince> {
    return findDocumentsSince(
      { call: this.call },
      {
        ins,
        since,
        access: toAccess(access),
        ...(options.statuses === undefined ? {} : { statuses: options.statuses }),
        ...timing(options),
      },
    );
  }

  /** TD3.2: the document's bytes and mimeType (checked against the metadata's hash and size). */
  retrieveDocument(
    ins: Ins,
    document: DocumentToRetrieve,
    access: Access,
    options: Omit<CallOptions, 'access'> = {},
  ): Promise<RetrievedContent> {
    return retrieveDocument(this.call, {
      ins,
      document,
      access: toAccess(access),
      ...timing(options),
    });
  }

  /** TD3.3: mask, unmask, make visible to the patient, archive, unarchive or delete. */
  manageDocument(
    ins: Ins,
    document: Pick<DmpDocument, 'entry'> | DocumentEntry,
    action: DocumentAction,
    access: Access,
    options: Omit<CallOptions, 'access'> & { readonly sourceId?: string } = {},
  ): Promise<DocumentActionResult> {
    return manageDocument(this.call, {
      ins,
      entry: 'entry' in document ? document.entry : document,
      action,
      access: toAccess(access),
      now: this.now(),
      ...(options.sourceId === undefined ? {} : { sourceId: options.sourceId }),
      ...timing(options),
    });
  }

  /** How many VIHFs were signed and reused so far (one signature each on the card). */
  vihfStats(): VihfStats {
    return this.vihf.stats();
  }

  /** Forget every signed VIHF (card removed or changed, session ended). */
  forgetVihfs(): void {
    this.vihf.clear();
  }
}

function timing(options: Omit<CallOptions, 'access'>): Omit<CallOptions, 'access'> {
  return {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}
