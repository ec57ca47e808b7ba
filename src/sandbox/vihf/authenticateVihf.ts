// The DMP test server's VIHF checks (DMP-INTERFACE §4 "test-server checks worth copying", §12):
// the assertion's signature; that it was made with a SIGNATURE certificate and not an
// authentication one; that the TLS certificate and the VIHF speak for the same holder or
// structure; the attributes; the structure ↔ professional link; the speciality of médecins; the
// access mode allowed for the authentication mode; bris de glace only for a médecin with a
// reason; the patient's opposition to emergency access.
//
// Fault codes: DMPInvalidCertificate and the French texts of §9 are the DMP's own (observed);
// the codes of the other refusals are not in any readable catalogue (§13) and are ours,
// documented in docs/sandbox.md.
import { createHash } from 'node:crypto';
import {
  isAccessModeAllowed,
  type AuthenticationMode,
  type Credential,
} from '../../domain/access/accessModes.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import { verifyVihf, type VerifiedVihf } from '../../protocol/saml/index.js';
import { DmpFault } from '../http/DmpFault.js';
import type { SoapRequestContext } from '../http/soapEndpoint.js';
import type { SandboxStore } from '../state/SandboxStore.js';
import { MEDECIN_PROFESSION, type CardKind } from '../rights/actor.js';
import type { Caller } from './Caller.js';

/** What the sandbox knows about a certificate it issued (sandbox init), by SHA-256 of its DER. */
export interface KnownCertificate {
  /** AUTH/SIGN of a card, or the structure's ORG AUTH_CLI / ORG SIGN. */
  readonly use: 'card-auth' | 'card-sign' | 'org-auth' | 'org-sign';
  /** The card holder's national id, or the structure id for ORG certificates. */
  readonly holderId: string;
  readonly card?: CardKind;
  /** The structure the holder works in. */
  readonly structureId: string;
}

export interface CertificateDirectory {
  lookup(der: Uint8Array): KnownCertificate | undefined;
  /** Structures the sandbox knows, with the professionals linked to each. */
  readonly structures: ReadonlyMap<string, ReadonlySet<string>>;
}

export function certificateFingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Professions whose VIHF must carry a speciality (DMP-INTERFACE §4: médecins, pharmaciens). */
const SPECIALTY_REQUIRED = new Set([MEDECIN_PROFESSION, '21']);

function credentialOf(mode: AuthenticationMode, card: CardKind | undefined): Credential {
  return mode === 'DIRECTE' ? (card ?? 'CPS') : 'STRUCTURE_CERTIFICATE';
}

/**
 * Assertions already verified, by SHA-256 of their text. A client signs one VIHF per patient and
 * validity window and presents it on every call; verifyVihf is a pure function of the text (no
 * clock), so the same bytes get the same answer without ~8 ms of XML-DSig per call. Refusals are
 * not kept. Bounded: the oldest entry goes first.
 */
const VERIFIED_CACHE_SIZE = 256;
const verifiedCache = new Map<string, VerifiedVihf>();

function verified(xml: string): VerifiedVihf {
  const key = createHash('sha256').update(xml).digest('hex');
  const known = verifiedCache.get(key);
  if (known !== undefined) return known;
  let v: VerifiedVihf;
  try {
    v = verifyVihf(xml);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'VIHF_INVALID';
    throw new DmpFault(
      'DMPInvalidVihf',
      `Jeton VIHF invalide (${code}) : ${(error as Error).message}`,
    );
  }
  const oldest = verifiedCache.keys().next();
  if (verifiedCache.size >= VERIFIED_CACHE_SIZE && oldest.done !== true) {
    verifiedCache.delete(oldest.value);
  }
  verifiedCache.set(key, v);
  return v;
}

function checkCertificates(
  v: VerifiedVihf,
  tls: KnownCertificate | undefined,
  signer: KnownCertificate | undefined,
): void {
  const direct = v.assertion.authenticationMode === 'DIRECTE';
  if (!signer || !tls) {
    throw new DmpFault(
      'DMPInvalidCertificate',
      'Certificat inconnu de la plate-forme DMP de test (émis hors de son IGC de test).',
    );
  }
  // The signature key of the card (or ORG SIGN) must sign; an authentication key is refused
  // with the DMP's own fault text (DMP-INTERFACE §3, §9).
  if (signer.use !== (direct ? 'card-sign' : 'org-sign')) {
    throw new DmpFault('DMPInvalidCertificate', 'Not a valid signature certificate');
  }
  if (tls.use !== (direct ? 'card-auth' : 'org-auth')) {
    throw new DmpFault(
      'DMPInvalidCertificate',
      direct
        ? "Authentification directe : le certificat TLS doit être celui d'authentification de la carte."
        : 'Authentification indirecte : le certificat TLS doit être le certificat ORG AUTH_CLI de la structure.',
    );
  }
  if (tls.holderId !== signer.holderId) {
    throw new DmpFault(
      'DMPInvalidCertificate',
      'Le certificat TLS et le certificat de signature du VIHF ne sont pas au même titulaire.',
    );
  }
}

function checkAttributes(
  v: VerifiedVihf,
  signer: KnownCertificate,
  dir: CertificateDirectory,
): void {
  const a = v.assertion;
  const linked = dir.structures.get(a.structureId);
  if (!linked) throw new DmpFault('DMPInvalidStructure', 'Structure introuvable ou Inactive');
  if (a.authenticationMode === 'DIRECTE') {
    if (a.subjectId !== signer.holderId) {
      throw new DmpFault(
        'DMPInvalidVihf',
        "L'identifiant du professionnel (NameID) diffère de celui du certificat de signature.",
      );
    }
    if (!linked.has(a.subjectId))
      throw new DmpFault('DMPInvalidStructure', 'PS et Structure non liés');
  } else if (signer.holderId !== a.structureId) {
    throw new DmpFault(
      'DMPInvalidStructure',
      'Le certificat de la structure ne correspond pas à Identifiant_Structure.',
    );
  }
  const profession = a.profession?.code;
  if (profession !== undefined && SPECIALTY_REQUIRED.has(profession) && !a.specialty) {
    throw new DmpFault(
      'DMPInvalidVihf',
      'Aucune spécialité dans le vihf pour un médecin ou un pharmacien.',
    );
  }
}

function checkAccessMode(v: VerifiedVihf, card: CardKind | undefined): void {
  const a = v.assertion;
  const credential = credentialOf(a.authenticationMode, card);
  const profile =
    card === 'CPE'
      ? 'NON_PS'
      : a.profession?.code === MEDECIN_PROFESSION
        ? 'MEDECIN'
        : 'PS_NON_MEDECIN';
  if (
    !isAccessModeAllowed(
      { authenticationMode: a.authenticationMode, credential, profile },
      a.accessMode,
    )
  ) {
    throw new DmpFault(
      'DMPAccessDeniedByRightsService',
      `Mode d'accès ${a.accessMode} non autorisé en authentification ${a.authenticationMode}.`,
    );
  }
  if (a.accessMode === 'bris_de_glace') {
    // Bris de glace: a médecin in direct mode only, with a reason (issue 6, DMP-INTERFACE §5).
    if (a.authenticationMode !== 'DIRECTE' || a.profession?.code !== MEDECIN_PROFESSION) {
      throw new DmpFault(
        'DMPAccessDeniedByRightsService',
        "L'accès en bris de glace est réservé aux médecins en authentification directe.",
      );
    }
    if ((a.accessReason ?? '').trim() === '') {
      throw new DmpFault('DMPInvalidVihf', "Le motif de l'accès en bris de glace est obligatoire.");
    }
  }
}

/**
 * The `authenticate` function of the sandbox: verifies the request's VIHF against the TLS client
 * certificate and the sandbox's directory, and returns the caller.
 */
export function vihfAuthenticator(
  dir: CertificateDirectory,
  store: SandboxStore,
): (request: SoapRequestContext) => Promise<Caller> {
  return (request) => Promise.resolve().then(() => authenticate(request, dir, store));
}

function authenticate(
  request: SoapRequestContext,
  dir: CertificateDirectory,
  store: SandboxStore,
): Caller {
  const xml = request.envelope.securityXml;
  if (xml === undefined || xml.trim() === '') {
    throw new DmpFault('DMPInvalidVihf', "L'en-tête de sécurité ne contient pas de jeton VIHF.");
  }
  const v = verified(xml);
  const signer = dir.lookup(v.signerCertificateDer);
  const tls = dir.lookup(request.client.certificateDer);
  checkCertificates(v, tls, signer);
  if (!signer) throw new Error('unreachable: checked above');
  checkAttributes(v, signer, dir);
  checkAccessMode(v, signer.card);
  const a = v.assertion;
  let patientIns: string | undefined;
  let patientInsOid: string | undefined;
  if (a.patientId !== undefined) {
    try {
      const ins = insFromCx(a.patientId);
      patientIns = ins.matricule;
      patientInsOid = ins.oid;
    } catch (error) {
      throw new DmpFault(
        'DMPInvalidVihf',
        `Identifiant patient (resource-id) invalide : ${(error as Error).message}`,
      );
    }
    const patient = store.patient(patientIns);
    if (patient?.opposesEmergencyAccess === true && a.accessMode !== 'normal') {
      throw new DmpFault(
        'DMPAccessDeniedByPatient',
        "Le patient s'est opposé à l'accès à son DMP en mode bris de glace et centre de régulation.",
      );
    }
  }
  return {
    psId: a.subjectId,
    structureId: a.structureId,
    authenticationMode: a.authenticationMode,
    accessMode: a.accessMode,
    ...(signer.card === undefined ? {} : { card: signer.card }),
    ...(a.profession === undefined ? {} : { profession: a.profession.code }),
    ...(a.specialty === undefined ? {} : { specialty: a.specialty.code }),
    ...(a.accessReason === undefined ? {} : { accessReason: a.accessReason }),
    ...(patientIns === undefined ? {} : { patientIns }),
    ...(patientInsOid === undefined ? {} : { patientInsOid }),
    ...(a.subjectName === undefined ? {} : { subjectName: a.subjectName }),
  };
}
