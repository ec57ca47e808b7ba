// Certificate chains for the server-verification tests: the sandbox's flat test PKI, plus a
// root → intermediate → server chain built with the sandbox's certificate builder.
import {
  generateRsaKey,
  buildCertificate,
} from '../../../../src/sandbox/pki/certificateBuilder.js';
import {
  rootExtensions,
  serverExtensions,
  serverSubject,
} from '../../../../src/sandbox/pki/certificateProfiles.js';
import type { RelativeName } from '../../../../src/sandbox/pki/distinguishedName.js';

const DAY = 24 * 60 * 60 * 1000;

export interface LayeredChain {
  readonly rootPem: string;
  readonly intermediatePem: string;
  readonly leafPem: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function name(cn: string): RelativeName[] {
  return [[{ type: 'O', value: 'NAVETTE (TEST)' }], [{ type: 'CN', value: cn }]];
}

/** root (anchor) → intermediate CA (`intermediateIsCa`) → server certificate for dmp.test. */
export function layeredChain(intermediateIsCa = true): LayeredChain {
  const notBefore = new Date(Date.now() - DAY);
  const notAfter = new Date(Date.now() + 30 * DAY);
  const rootKey = generateRsaKey();
  const root = buildCertificate({
    subject: name('Racine de test'),
    publicKey: rootKey.publicKey,
    issuer: { name: name('Racine de test'), privateKey: rootKey.privateKey },
    notBefore,
    notAfter,
    extensions: rootExtensions(),
  });
  const midKey = generateRsaKey();
  const intermediate = buildCertificate({
    subject: name('Intermediaire de test'),
    publicKey: midKey.publicKey,
    issuer: {
      name: name('Racine de test'),
      privateKey: rootKey.privateKey,
      certificate: root.certificate,
    },
    notBefore,
    notAfter,
    extensions: intermediateIsCa
      ? rootExtensions()
      : [{ name: 'basicConstraints', cA: false, critical: true }],
  });
  const leafKey = generateRsaKey();
  const leaf = buildCertificate({
    subject: serverSubject('dmp.test'),
    publicKey: leafKey.publicKey,
    issuer: {
      name: name('Intermediaire de test'),
      privateKey: midKey.privateKey,
      certificate: intermediate.certificate,
    },
    notBefore,
    notAfter,
    extensions: serverExtensions(['dmp.test'], []),
  });
  return {
    rootPem: root.certPem,
    intermediatePem: intermediate.certPem,
    leafPem: leaf.certPem,
    notBefore,
    notAfter,
  };
}
