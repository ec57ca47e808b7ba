// Subjects and extensions of each kind of test certificate, after the official IGC-Santé test
// certificates (see cpsCertificateProfile.ts for the sources). Key usages:
//   card AUTHENTICATION  keyUsage digitalSignature (critical), extKeyUsage clientAuth
//   card SIGNATURE       keyUsage nonRepudiation (critical), extKeyUsage emailProtection
//   ORG AUTH_CLI         keyUsage digitalSignature (critical), extKeyUsage clientAuth
//   ORG SIGN             keyUsage digitalSignature + nonRepudiation (critical), emailProtection
//   server               keyUsage digitalSignature + keyEncipherment, serverAuth, SAN DNS + IP
import forge from 'node-forge';
import { rawExtension, type ForgeExtension } from './certificateBuilder.js';
import {
  CARD_TYPE_CODE,
  CPS_OIDS,
  PRODUCT_CATEGORY,
  PROFESSION_LABELS,
  type KeyRole,
} from './cpsCertificateProfile.js';
import type { RelativeName } from './distinguishedName.js';
import type { TestCardSpec, TestStructureSpec } from './testPkiTypes.js';

const { asn1 } = forge;

/** The root of the test PKI. "TEST" appears in O and OU so that nobody mistakes it. */
export const TEST_ROOT_NAME: readonly RelativeName[] = [
  [{ type: 'C', value: 'FR' }],
  [{ type: 'O', value: 'NAVETTE (TEST)' }],
  [{ type: 'OU', value: 'IGC-SANTE TEST' }],
  [{ type: 'CN', value: 'IGC-Santé de test' }],
];

function integerExtension(oid: string, value: number): ForgeExtension {
  return rawExtension(
    oid,
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.INTEGER,
      false,
      asn1.integerToDer(value).getBytes(),
    ),
  );
}

function productCategory(value: number): ForgeExtension {
  return rawExtension(
    CPS_OIDS.productCategory,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, String.fromCharCode(value)),
  );
}

function testPolicy(): ForgeExtension {
  // certificatePolicies: SEQUENCE OF PolicyInformation { policyIdentifier }.
  return rawExtension(
    '2.5.29.32',
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(
          asn1.Class.UNIVERSAL,
          asn1.Type.OID,
          false,
          asn1.oidToDer(CPS_OIDS.testPolicy).getBytes(),
        ),
      ]),
    ]),
  );
}

// A function, not a constant: forge's setExtensions fills fields into the objects it is given.
function leaf(): ForgeExtension {
  return { name: 'basicConstraints', cA: false, critical: true };
}

export function rootExtensions(): ForgeExtension[] {
  return [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ];
}

export function cardSubject(card: TestCardSpec): RelativeName[] {
  const rdns: RelativeName[] = [[{ type: 'C', value: 'FR' }]];
  const profession = card.holder.profession;
  if (profession !== null) {
    rdns.push([{ type: 'title', value: PROFESSION_LABELS[profession] ?? profession }]);
  }
  rdns.push([
    { type: 'GN', value: card.holder.given },
    { type: 'SN', value: card.holder.family },
    { type: 'CN', value: card.holder.id },
  ]);
  return rdns;
}

export function cardExtensions(card: TestCardSpec, role: KeyRole): ForgeExtension[] {
  const usage: ForgeExtension =
    role === 'authentication'
      ? { name: 'keyUsage', digitalSignature: true, critical: true }
      : { name: 'keyUsage', nonRepudiation: true, critical: true };
  const eku: ForgeExtension =
    role === 'authentication'
      ? { name: 'extKeyUsage', clientAuth: true }
      : { name: 'extKeyUsage', emailProtection: true };
  const extensions: ForgeExtension[] = [
    leaf(),
    usage,
    eku,
    testPolicy(),
    productCategory(PRODUCT_CATEGORY.testCard),
    integerExtension(CPS_OIDS.cardType, CARD_TYPE_CODE[card.kind]),
  ];
  if (card.holder.profession !== null) {
    extensions.push(integerExtension(CPS_OIDS.profession, Number(card.holder.profession)));
  }
  if (card.holder.specialty !== null) {
    extensions.push(
      rawExtension(
        CPS_OIDS.specialty,
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, card.holder.specialty),
        ]),
      ),
    );
  }
  return extensions;
}

export function structureSubject(
  structure: TestStructureSpec,
  role: 'authentication' | 'signature',
): RelativeName[] {
  return [
    [{ type: 'C', value: 'FR' }],
    [{ type: 'ST', value: structure.region }],
    [{ type: 'O', value: structure.name }],
    [{ type: 'OU', value: structure.id }],
    [
      {
        type: 'CN',
        value: role === 'authentication' ? 'NAVETTE AUTH_CLI (TEST)' : 'NAVETTE SIGN (TEST)',
      },
    ],
  ];
}

export function structureExtensions(role: 'authentication' | 'signature'): ForgeExtension[] {
  return [
    leaf(),
    role === 'authentication'
      ? { name: 'keyUsage', digitalSignature: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    role === 'authentication'
      ? { name: 'extKeyUsage', clientAuth: true }
      : { name: 'extKeyUsage', emailProtection: true },
    testPolicy(),
    productCategory(PRODUCT_CATEGORY.testSoftwareCertificate),
  ];
}

export function serverSubject(hostname: string): RelativeName[] {
  return [
    [{ type: 'C', value: 'FR' }],
    [{ type: 'O', value: 'NAVETTE (TEST)' }],
    [{ type: 'OU', value: 'DMP DE TEST' }],
    [{ type: 'CN', value: hostname }],
  ];
}

export function serverExtensions(
  hostnames: readonly string[],
  ipAddresses: readonly string[],
): ForgeExtension[] {
  return [
    leaf(),
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...hostnames.map((value) => ({ type: 2, value })),
        ...ipAddresses.map((ip) => ({ type: 7, ip })),
      ],
    },
    productCategory(PRODUCT_CATEGORY.testSoftwareCertificate),
  ];
}
