// The sandbox's certificate directory: which certificate is whose, built from the manifest's PEM
// files. The real DMP reads this from the IGC-Santé certificates' profiles; the sandbox, which
// issued every certificate itself, simply remembers them.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SandboxManifest } from './manifest.js';
import {
  certificateFingerprint,
  type CertificateDirectory,
  type KnownCertificate,
} from './vihf/authenticateVihf.js';

function derOf(pemFile: string): Buffer {
  return new X509Certificate(readFileSync(pemFile)).raw;
}

export function directoryFromManifest(m: SandboxManifest): CertificateDirectory {
  const byFingerprint = new Map<string, KnownCertificate>();
  const add = (pemFile: string, known: KnownCertificate): void => {
    byFingerprint.set(certificateFingerprint(derOf(pemFile)), known);
  };
  const structureId = m.structure.id;
  for (const card of m.cards) {
    // A CPA (staff of an establishment) is, for the matrix, a non-PS card like the CPE.
    const kind = card.kind === 'CPA' ? 'CPE' : card.kind;
    const base = { holderId: card.holder.id, card: kind, structureId };
    add(card.authentication.cert, { ...base, use: 'card-auth' });
    add(card.signature.cert, { ...base, use: 'card-sign' });
  }
  add(m.structure.authentication.cert, { use: 'org-auth', holderId: structureId, structureId });
  add(m.structure.signature.cert, { use: 'org-sign', holderId: structureId, structureId });
  return {
    lookup: (der) => byFingerprint.get(certificateFingerprint(der)),
    structures: new Map([[structureId, new Set(m.cards.map((c) => c.holder.id))]]),
  };
}
