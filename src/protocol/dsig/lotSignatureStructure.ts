// The structural checks of a lot signature, on the DOM, before any cryptography: what is signed
// must be this signature's own Manifest and XAdES SignedProperties, each found once.
import type { Document, Element } from '@xmldom/xmldom';
import type { SignatureAlgorithm } from '../../domain/ports/XmlSigner.js';
import { DSIG_NS, digestOfUri, signatureAlgorithmOfUri } from './algorithms.js';
import { certificateToPem, parseCertificate } from './certificates.js';
import { childElements, elementText, elementsWithId } from './dom.js';
import { PURPOSE_PROPERTY_ID, XADES_111_NS, XADES_132_NS } from './lotSignatureConstants.js';
import { lotSignatureError } from './LotSignatureError.js';

export interface LotSignatureStructure {
  readonly signature: Element;
  readonly signatureId: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly manifestId: string;
  readonly signedPropertiesId: string;
  readonly certificateDer: Uint8Array;
  readonly certificatePem: string;
  readonly purposeOfSignature?: string;
}

function fail(
  code: string,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): never {
  throw lotSignatureError(code, message, details);
}

function structure(message: string, details: Readonly<Record<string, unknown>> = {}): never {
  fail('LOT_SIGNATURE_STRUCTURE_INVALID', `Signature du lot non conforme : ${message}`, details);
}

const XADES = [XADES_111_NS, XADES_132_NS];

function isObjectOf(element: Element | null, signature: Element): boolean {
  return (
    element !== null &&
    element.localName === 'Object' &&
    element.namespaceURI === DSIG_NS &&
    element.parentNode === signature
  );
}

type Target = 'manifest' | 'signedProperties';

function targetKind(element: Element, signature: Element): Target | undefined {
  const parent = element.parentNode as Element | null;
  if (element.localName === 'Manifest' && element.namespaceURI === DSIG_NS) {
    return isObjectOf(parent, signature) ? 'manifest' : undefined;
  }
  if (element.localName === 'SignedProperties' && XADES.includes(element.namespaceURI ?? '')) {
    const qualifying = parent;
    if (
      qualifying?.localName !== 'QualifyingProperties' ||
      qualifying.namespaceURI !== element.namespaceURI
    ) {
      return undefined;
    }
    return isObjectOf(qualifying.parentNode as Element | null, signature)
      ? 'signedProperties'
      : undefined;
  }
  return undefined;
}

/** Checks the layout and returns what the cryptographic step needs. Throws LotSignatureError. */
export function readSignatureStructure(
  doc: Document,
  canonicalizations: readonly string[],
): LotSignatureStructure {
  const signature = doc.documentElement;
  if (!signature || signature.localName !== 'Signature' || signature.namespaceURI !== DSIG_NS) {
    structure("le document n'est pas une signature XML (ds:Signature).");
  }
  const signatureId = signature.getAttribute('Id') ?? '';
  const signedInfos = childElements(signature, DSIG_NS, 'SignedInfo');
  if (signedInfos.length !== 1) structure('SignedInfo absent ou répété.');
  const signedInfo = signedInfos[0] as Element;
  const c14n =
    childElements(signedInfo, DSIG_NS, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm') ??
    '';
  const method =
    childElements(signedInfo, DSIG_NS, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  const signatureAlgorithm = signatureAlgorithmOfUri(method);
  if (!canonicalizations.includes(c14n) || signatureAlgorithm === undefined) {
    fail(
      'LOT_SIGNATURE_UNSUPPORTED',
      'La signature du lot utilise un algorithme non accepté (attendu : RSA-SHA256 ou RSA-SHA1, C14N).',
      {
        canonicalization: c14n.slice(0, 100),
        signatureMethod: method.slice(0, 100),
      },
    );
  }

  const references = childElements(signedInfo, DSIG_NS, 'Reference');
  if (references.length !== 2)
    structure(`deux références signées attendues, ${references.length} trouvée(s).`);
  const ids: Partial<Record<Target, string>> = {};
  for (const reference of references) {
    const uri = reference.getAttribute('URI') ?? '';
    if (!uri.startsWith('#') || uri.length < 2)
      structure('une référence signée ne désigne pas un élément de la signature.');
    const id = uri.slice(1);
    const digest =
      childElements(reference, DSIG_NS, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '';
    const transforms = childElements(reference, DSIG_NS, 'Transforms').flatMap((t) =>
      childElements(t, DSIG_NS, 'Transform').map((e) => e.getAttribute('Algorithm') ?? ''),
    );
    if (
      digestOfUri(digest) === undefined ||
      transforms.some((t) => !canonicalizations.includes(t))
    ) {
      fail(
        'LOT_SIGNATURE_UNSUPPORTED',
        'Une référence de la signature du lot utilise un algorithme non accepté.',
        {
          uri: uri.slice(0, 100),
        },
      );
    }
    const targets = elementsWithId(doc, id);
    if (targets.length !== 1)
      structure(`l'identifiant ${id.slice(0, 64)} est absent ou répété.`, { id: id.slice(0, 64) });
    const kind = targetKind(targets[0] as Element, signature);
    if (kind === undefined || ids[kind] !== undefined) {
      structure(
        'les références signées doivent désigner le manifeste et les propriétés XAdES de cette signature.',
      );
    }
    ids[kind] = id;
  }
  const manifestId = ids.manifest;
  const signedPropertiesId = ids.signedProperties;
  if (manifestId === undefined || signedPropertiesId === undefined)
    structure('manifeste ou propriétés XAdES non signés.');

  const qualifying = childElements(signature, DSIG_NS, 'Object').flatMap((o) =>
    XADES.flatMap((ns) => childElements(o, ns, 'QualifyingProperties')),
  );
  const target = qualifying[0]?.getAttribute('Target');
  if (signatureId !== '' && target && target !== `#${signatureId}`) {
    structure('les propriétés XAdES désignent une autre signature.');
  }

  const certificates = childElements(signature, DSIG_NS, 'KeyInfo')
    .flatMap((k) => childElements(k, DSIG_NS, 'X509Data'))
    .flatMap((d) => childElements(d, DSIG_NS, 'X509Certificate'));
  if (certificates.length === 0) {
    fail(
      'LOT_SIGNATURE_CERTIFICATE_MISSING',
      'La signature du lot ne contient pas le certificat du signataire.',
    );
  }
  // The signer's certificate comes first (the sample has only that one).
  const der = new Uint8Array(
    Buffer.from(elementText(certificates[0]).replace(/\s+/g, ''), 'base64'),
  );
  try {
    parseCertificate(der);
  } catch {
    fail(
      'LOT_SIGNATURE_CERTIFICATE_INVALID',
      "Le certificat contenu dans la signature du lot n'est pas lisible.",
    );
  }

  const properties = childElements(signature, DSIG_NS, 'Object')
    .flatMap((o) => childElements(o, null, 'SignatureProperties'))
    .flatMap((p) => childElements(p, null, 'SignatureProperty'));
  const purpose =
    properties.find((p) => p.getAttribute('Id') === PURPOSE_PROPERTY_ID) ?? properties[0];
  const purposeText = purpose === undefined ? undefined : elementText(purpose).trim();

  return {
    signature,
    signatureId,
    signatureAlgorithm,
    manifestId,
    signedPropertiesId,
    certificateDer: der,
    certificatePem: certificateToPem(der),
    ...(purposeText ? { purposeOfSignature: purposeText } : {}),
  };
}
