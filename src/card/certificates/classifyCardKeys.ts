// Which certificate (and key) of a card is for authentication, which for signature. The DMP
// rejects a VIHF signed with the authentication key ("DMPInvalidCertificate"), so this decides
// what Navette signs with. Evidence, strongest first:
//   1. extended key usage clientAuth → authentication;
//   2. key usage nonRepudiation (without clientAuth) → signature;
//   3. the CKA_ID suffix of the Cryptolib CPS: …20 authentication, …10 signature;
//   4. the Cryptolib labels ("Certificat d'Authentification CPS", "Certificat de Signature CPS").
// The private key is the one with the certificate's CKA_ID.
import type { TokenCertificate, TokenObjects } from '../backend/CardBackend.js';
import { EKU, describeCertificate, type CertificateDescription } from './describeCertificate.js';

export type KeyRole = 'authentication' | 'signature';

export interface ClassifiedCertificate {
  readonly role: KeyRole | null;
  /** Which evidence decided the role (diagnostics). */
  readonly evidence: 'extended-key-usage' | 'key-usage' | 'cka-id' | 'label' | 'none';
  readonly token: TokenCertificate;
  readonly description: CertificateDescription;
  /** true/false once the private keys are visible (after login on most cards), null before. */
  readonly hasPrivateKey: boolean | null;
  readonly alwaysAuthenticate: boolean;
}

export interface CardKeys {
  readonly authentication: ClassifiedCertificate | null;
  readonly signature: ClassifiedCertificate | null;
  /** Certificates with no role, or a second one of a role (e.g. "Certificat Technique CPS"). */
  readonly others: readonly ClassifiedCertificate[];
  /** Certificates the card holds that are not readable X.509 (reported, never used). */
  readonly unreadable: readonly { readonly idHex: string; readonly label: string }[];
}

function roleOf(
  token: TokenCertificate,
  description: CertificateDescription,
): Pick<ClassifiedCertificate, 'role' | 'evidence'> {
  if (description.extendedKeyUsage.includes(EKU.clientAuth)) {
    return { role: 'authentication', evidence: 'extended-key-usage' };
  }
  if (description.keyUsage.includes('nonRepudiation'))
    return { role: 'signature', evidence: 'key-usage' };
  const id = token.idHex.toLowerCase();
  if (id.endsWith('20')) return { role: 'authentication', evidence: 'cka-id' };
  if (id.endsWith('10')) return { role: 'signature', evidence: 'cka-id' };
  if (/authentification/i.test(token.label)) return { role: 'authentication', evidence: 'label' };
  if (/signature/i.test(token.label)) return { role: 'signature', evidence: 'label' };
  return { role: null, evidence: 'none' };
}

/** The expected CKA_ID suffix breaks a tie between two certificates claiming the same role. */
function preferred(
  role: KeyRole,
  candidates: ClassifiedCertificate[],
): ClassifiedCertificate | null {
  const suffix = role === 'authentication' ? '20' : '10';
  return (
    candidates.find((c) => c.token.idHex.toLowerCase().endsWith(suffix)) ?? candidates[0] ?? null
  );
}

export function classifyCardKeys(objects: TokenObjects): CardKeys {
  const keysVisible = objects.privateKeys.length > 0;
  const classified: ClassifiedCertificate[] = [];
  const unreadable: { idHex: string; label: string }[] = [];
  for (const token of objects.certificates) {
    let description: CertificateDescription;
    try {
      description = describeCertificate(token.der);
    } catch {
      unreadable.push({ idHex: token.idHex, label: token.label });
      continue;
    }
    const key = objects.privateKeys.find(
      (k) => k.idHex.toLowerCase() === token.idHex.toLowerCase(),
    );
    classified.push({
      ...roleOf(token, description),
      token,
      description,
      hasPrivateKey: keysVisible ? key !== undefined && key.canSign : null,
      alwaysAuthenticate: key?.alwaysAuthenticate ?? false,
    });
  }
  const authentication = preferred(
    'authentication',
    classified.filter((c) => c.role === 'authentication'),
  );
  const signature = preferred(
    'signature',
    classified.filter((c) => c.role === 'signature'),
  );
  return {
    authentication,
    signature,
    others: classified.filter((c) => c !== authentication && c !== signature),
    unreadable,
  };
}
