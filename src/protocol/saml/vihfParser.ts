// Reads a VIHF assertion into a `VihfAssertion`. The verifier calls it on the canonical bytes the
// signature covers, so what is returned is exactly what was signed. Content is read with
// fast-xml-parser (namespace-blind, as the house rule says); the document element's namespace
// is checked on the DOM first so a look-alike element in another namespace is refused.
// Tolerates both attribute-value spellings of the official samples (`saml2:AttributeValue`, and
// `AttributeValue xmlns="…assertion"` in the AIR sample) and the Latin-1 direct-mode samples.
import {
  isAccessMode,
  isAuthenticationMode,
  type AccessMode,
  type AuthenticationMode,
} from '../../domain/access/accessModes.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { parseDom } from '../dsig/dom.js';
import { decodeXml } from '../xml/decode.js';
import { parseXml } from '../xml/parse.js';
import { asList, asTree, attrOf as attr, textOf as text, type Tree } from '../dsig/tree.js';
import {
  AUTOMATON_ROLE_CODE_SYSTEM,
  PROFESSION_CODE_SYSTEM,
  SAML2_NS,
  SPECIALTY_CODE_SYSTEM,
  VIHF_ATTRIBUTE,
} from './vihfConstants.js';
import type { VihfAssertion, VihfCode, VihfExtraAttribute } from './vihfTypes.js';
import { vihfError } from './VihfError.js';

function missing(name: string): never {
  throw vihfError(
    'VIHF_ATTRIBUTE_MISSING',
    `Jeton VIHF incomplet : l'élément ou l'attribut « ${name} » est absent.`,
    {
      attribute: name,
    },
  );
}

function invalidValue(name: string, reason: string): never {
  throw vihfError('VIHF_ATTRIBUTE_INVALID', `Jeton VIHF invalide : « ${name} » ${reason}.`, {
    attribute: name,
  });
}

function code(node: unknown, name: string): VihfCode {
  const c = attr(node, 'code');
  const system = attr(node, 'codeSystem');
  if (!c || !system) invalidValue(name, 'doit porter un code et un système de codes');
  const systemName = attr(node, 'codeSystemName');
  const display = attr(node, 'displayName');
  return {
    code: c,
    codeSystem: system,
    ...(systemName === undefined ? {} : { codeSystemName: systemName }),
    ...(display === undefined ? {} : { displayName: display }),
  };
}

/** Attribute name → its AttributeValue nodes, in document order. */
function attributesByName(statement: Tree | undefined): Map<string, unknown[]> {
  const byName = new Map<string, unknown[]>();
  for (const a of asList(statement?.Attribute)) {
    const name = attr(a, 'Name');
    if (name === undefined) continue;
    byName.set(name, [...(byName.get(name) ?? []), ...asList(asTree(a)?.AttributeValue)]);
  }
  return byName;
}

function decodeInput(xml: string | Uint8Array): string {
  return typeof xml === 'string' ? xml : decodeXml(xml);
}

function failDom(
  kind: 'MALFORMED' | 'TOO_LARGE',
  message: string,
  details?: Readonly<Record<string, unknown>>,
): never {
  throw vihfError(`VIHF_${kind}`, `Jeton VIHF illisible : ${message}`, details ?? {});
}

/** Parses a standalone VIHF assertion (bytes in any encoding the samples use, or text). No signature check. */
export function parseVihf(xml: string | Uint8Array): VihfAssertion {
  const textXml = decodeInput(xml);
  const root = parseDom(textXml, failDom).documentElement;
  if (root?.localName !== 'Assertion' || root.namespaceURI !== SAML2_NS) {
    throw vihfError(
      'VIHF_NOT_FOUND',
      "Le document n'est pas une assertion SAML 2.0 (jeton VIHF).",
      {},
    );
  }
  let tree: Tree;
  try {
    tree = parseXml(textXml, { arrays: ['Attribute', 'AttributeValue', 'AuthnStatement'] });
  } catch (error) {
    if (isNavetteError(error)) throw vihfError('VIHF_MALFORMED', error.message, {}, error);
    throw error;
  }
  return readAssertion(asTree(tree.Assertion) ?? missing('Assertion'));
}

function readAssertion(a: Tree): VihfAssertion {
  const id = attr(a, 'ID') ?? missing('ID');
  const issueInstant = attr(a, 'IssueInstant') ?? missing('IssueInstant');
  if (attr(a, 'Version') !== '2.0') invalidValue('Version', 'doit valoir 2.0');
  const issuerNode = a.Issuer ?? missing('Issuer');
  const issuer = text(issuerNode) || missing('Issuer');
  const issuerFormat = attr(issuerNode, 'Format');
  const subjectId = text(asTree(a.Subject)?.NameID) || missing('Subject/NameID');
  const conditions = asTree(a.Conditions);
  const authn = asTree(asList(a.AuthnStatement)[0]) ?? missing('AuthnStatement');
  const authnInstant = attr(authn, 'AuthnInstant') ?? missing('AuthnStatement/@AuthnInstant');
  const context = asTree(authn.AuthnContext);
  const classRef = text(context?.AuthnContextClassRef) || missing('AuthnContextClassRef');
  const decl = text(context?.AuthnContextDecl);

  const byName = attributesByName(asTree(a.AttributeStatement));
  const used = new Set<string>();
  const values = (name: string): unknown[] => {
    used.add(name);
    return byName.get(name) ?? [];
  };
  const single = (name: string): string | undefined => {
    const v = values(name);
    if (v.length > 1) invalidValue(name, 'ne doit avoir qu’une valeur');
    return v.length === 0 ? undefined : text(v[0]);
  };
  const mandatory = (name: string): string => {
    const v = single(name);
    if (v === undefined || v === '') missing(name);
    return v;
  };

  const roles = values(VIHF_ATTRIBUTE.role).map((v) => code(asTree(v)?.Role, VIHF_ATTRIBUTE.role));
  if (roles.length === 0) missing(VIHF_ATTRIBUTE.role);
  const purposes = values(VIHF_ATTRIBUTE.purposeOfUse);
  if (purposes.length === 0) missing(VIHF_ATTRIBUTE.purposeOfUse);
  if (purposes.length > 1) invalidValue(VIHF_ATTRIBUTE.purposeOfUse, 'ne doit avoir qu’une valeur');
  const purposeOfUse = code(asTree(purposes[0])?.PurposeOfUse, VIHF_ATTRIBUTE.purposeOfUse);
  if (!isAccessMode(purposeOfUse.code)) {
    invalidValue(
      VIHF_ATTRIBUTE.purposeOfUse,
      `a un mode d'accès inconnu (${purposeOfUse.code.slice(0, 32)})`,
    );
  }
  const authMode = mandatory(VIHF_ATTRIBUTE.authenticationMode);
  if (!isAuthenticationMode(authMode)) {
    invalidValue(
      VIHF_ATTRIBUTE.authenticationMode,
      `a une valeur inconnue (${authMode.slice(0, 32)})`,
    );
  }
  const regulation = single(VIHF_ATTRIBUTE.medicalRegulation);
  const profession = roles.find(
    (r) => r.codeSystem === PROFESSION_CODE_SYSTEM || r.codeSystem === AUTOMATON_ROLE_CODE_SYSTEM,
  );
  const specialty = roles.find((r) => r.codeSystem === SPECIALTY_CODE_SYSTEM);
  const subjectName = single(VIHF_ATTRIBUTE.subjectName);
  const accessReason = single(VIHF_ATTRIBUTE.accessReason);
  const patientId = single(VIHF_ATTRIBUTE.patientId);

  const assertion: VihfAssertion = {
    id,
    issueInstant,
    issuer,
    ...(issuerFormat === undefined ? {} : { issuerFormat }),
    subjectId,
    ...(conditions
      ? {
          validity: {
            ...(attr(conditions, 'NotBefore') === undefined
              ? {}
              : { notBefore: attr(conditions, 'NotBefore') as string }),
            ...(attr(conditions, 'NotOnOrAfter') === undefined
              ? {}
              : { notOnOrAfter: attr(conditions, 'NotOnOrAfter') as string }),
          },
        }
      : {}),
    authnInstant,
    authnContextClassRef: classRef,
    ...(decl ? { authnContextDecl: decl } : {}),
    structureId: mandatory(VIHF_ATTRIBUTE.structureId),
    activitySector: mandatory(VIHF_ATTRIBUTE.activitySector),
    ...(subjectName === undefined ? {} : { subjectName }),
    roles,
    ...(profession === undefined ? {} : { profession }),
    ...(specialty === undefined ? {} : { specialty }),
    vihfVersion: mandatory(VIHF_ATTRIBUTE.vihfVersion),
    authenticationMode: authMode as AuthenticationMode,
    accessMode: purposeOfUse.code as AccessMode,
    purposeOfUse,
    ...(accessReason === undefined ? {} : { accessReason }),
    ...(regulation === undefined
      ? {}
      : { medicalRegulation: regulation === 'VRAI' || regulation === 'true' }),
    ...(patientId === undefined ? {} : { patientId }),
    resourceUrn: mandatory(VIHF_ATTRIBUTE.resourceUrn),
    software: {
      instanceId: mandatory(VIHF_ATTRIBUTE.softwareId),
      name: mandatory(VIHF_ATTRIBUTE.softwareName),
      version: mandatory(VIHF_ATTRIBUTE.softwareVersion),
      homologationNumber: mandatory(VIHF_ATTRIBUTE.homologationNumber),
    },
    otherAttributes: [],
  };
  const others: VihfExtraAttribute[] = [...byName]
    .filter(([name]) => !used.has(name))
    .map(([name, vs]) => ({ name, values: vs.map((v) => text(v) ?? '') }));
  return { ...assertion, otherAttributes: others };
}
