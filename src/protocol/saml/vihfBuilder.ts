// Builds the unsigned VIHF 3.0 assertion, laid out like the official direct-mode samples
// (reference/dmp/vihf/vihf-directe-*.xml): one line, `saml2:` prefix, xsi declared on the
// Assertion, `xmlns:xs` declared on each string AttributeValue, HL7 Role/PurposeOfUse in their
// own default namespace with xsi:type="CE", attributes in the samples' order. Optional pieces the
// samples lack (Conditions, subject-id in direct mode, bris-de-glace reason) slot in where the
// SAML schema and the indirect samples put them.
import { randomUUID } from 'node:crypto';
import {
  ACCESS_MODE_CODE_SYSTEM,
  ACCESS_MODE_CODE_SYSTEM_NAME,
  isAccessMode,
  isAuthenticationMode,
  type AccessMode,
} from '../../domain/access/accessModes.js';
import { escapeXml } from '../xml/parse.js';
import {
  AIR_DEFAULT_AUTHN_CONTEXT_DECL,
  AUTHN_CONTEXT_SMARTCARD_PKI,
  HL7V3_NS,
  PROFESSIONS_REQUIRING_SPECIALTY,
  PROFESSION_CODE_SYSTEM,
  RESOURCE_URN_DMP,
  SAML2_NS,
  VIHF_ATTRIBUTE,
  VIHF_VERSION,
  X509_SUBJECT_NAME_FORMAT,
  XSI_NS,
  XS_NS,
} from './vihfConstants.js';
import type { VihfCode, VihfInput } from './vihfTypes.js';
import { vihfError } from './VihfError.js';

/** TRE_R248 display names; the normal one is the samples' "Accès normal". */
const PURPOSE_DISPLAY: Readonly<Record<AccessMode, string>> = {
  normal: 'Accès normal',
  bris_de_glace: 'Accès en mode bris de glace',
  centre_15: 'Accès en mode centre de régulation',
};

function invalid(field: string, message: string): never {
  throw vihfError('VIHF_INPUT_INVALID', `Jeton VIHF impossible à construire : ${message}`, {
    field,
  });
}

function required(value: string | undefined, field: string, label: string): string {
  if (value === undefined || value.trim() === '') invalid(field, `${label} est obligatoire.`);
  return value;
}

function stringValue(value: string): string {
  return (
    `<saml2:AttributeValue xmlns:xs="${XS_NS}" xsi:type="xs:string">` +
    `${escapeXml(value)}</saml2:AttributeValue>`
  );
}

function attribute(name: string, values: string): string {
  return `<saml2:Attribute Name="${escapeXml(name)}">${values}</saml2:Attribute>`;
}

function stringAttribute(name: string, value: string): string {
  return attribute(name, stringValue(value));
}

function ce(element: 'Role' | 'PurposeOfUse', code: VihfCode): string {
  const system =
    code.codeSystemName === undefined ? '' : ` codeSystemName="${escapeXml(code.codeSystemName)}"`;
  const display =
    code.displayName === undefined ? '' : ` displayName="${escapeXml(code.displayName)}"`;
  return (
    `<saml2:AttributeValue><${element} xmlns="${HL7V3_NS}" code="${escapeXml(code.code)}" ` +
    `codeSystem="${escapeXml(code.codeSystem)}"${system}${display} xsi:type="CE"/></saml2:AttributeValue>`
  );
}

function validCode(code: VihfCode | undefined, field: string, label: string): VihfCode | undefined {
  if (code === undefined) return undefined;
  required(code.code, `${field}.code`, `Le code de ${label}`);
  required(code.codeSystem, `${field}.codeSystem`, `Le système de codes de ${label}`);
  return code;
}

function instant(date: Date, field: string): string {
  if (Number.isNaN(date.getTime())) invalid(field, 'la date est invalide.');
  return date.toISOString();
}

/** Builds the unsigned assertion (UTF-8 text, no XML declaration). Throws VIHF_INPUT_INVALID. */
export function buildVihfAssertion(input: VihfInput): string {
  const issuer = required(input.issuer, 'issuer', "L'émetteur (sujet du certificat de signature)");
  const subjectId = required(
    input.subjectId,
    'subjectId',
    "L'identifiant national du professionnel",
  );
  const structureId = required(input.structureId, 'structureId', "L'identifiant de la structure");
  const sector = required(input.activitySector, 'activitySector', "Le secteur d'activité");
  if (!/^[^^]+\^[0-9.]+$/.test(sector)) {
    invalid(
      'activitySector',
      "le secteur d'activité doit avoir la forme code^OID (ex. SA07^1.2.250.1.71.4.2.4).",
    );
  }
  if (!isAuthenticationMode(input.authenticationMode)) {
    invalid('authenticationMode', "le mode d'authentification est inconnu.");
  }
  if (!isAccessMode(input.accessMode)) invalid('accessMode', "le mode d'accès est inconnu.");
  const indirect = input.authenticationMode !== 'DIRECTE';
  if (indirect) {
    required(
      input.subjectName,
      'subjectName',
      "En authentification indirecte, le nom de l'utilisateur",
    );
  }
  const profession = validCode(input.profession, 'profession', 'la profession');
  if (profession === undefined) invalid('profession', 'la profession est obligatoire.');
  const specialty = validCode(input.specialty, 'specialty', 'la spécialité');
  if (
    specialty === undefined &&
    profession.codeSystem === PROFESSION_CODE_SYSTEM &&
    PROFESSIONS_REQUIRING_SPECIALTY.includes(profession.code)
  ) {
    invalid('specialty', 'la spécialité est obligatoire pour un médecin ou un pharmacien.');
  }
  if (input.accessMode === 'bris_de_glace') {
    required(input.accessReason, 'accessReason', "En mode bris de glace, la raison de l'accès");
  }
  const software = input.software;
  required(
    software.instanceId,
    'software.instanceId',
    "L'identifiant d'instance du logiciel (LPS_ID)",
  );
  required(software.name, 'software.name', 'Le nom du logiciel (LPS_Nom)');
  required(software.version, 'software.version', 'La version du logiciel (LPS_Version)');
  required(
    software.homologationNumber,
    'software.homologationNumber',
    "Le numéro d'homologation DMP du logiciel",
  );

  const id = input.id ?? `_${randomUUID()}`;
  if (!/^[A-Za-z_][\w.-]*$/.test(id))
    invalid('id', "l'identifiant de l'assertion n'est pas un xs:ID.");
  const issued = instant(input.issueInstant ?? new Date(), 'issueInstant');
  const decl =
    input.authnContextDecl ??
    (input.authenticationMode === 'INDIRECTE_RENFORCEE'
      ? AIR_DEFAULT_AUTHN_CONTEXT_DECL
      : undefined);

  let conditions = '';
  if (input.validity) {
    const notBefore = instant(input.validity.notBefore, 'validity.notBefore');
    const notOnOrAfter = instant(input.validity.notOnOrAfter, 'validity.notOnOrAfter');
    if (input.validity.notOnOrAfter <= input.validity.notBefore) {
      invalid('validity', 'la fin de validité doit suivre le début.');
    }
    conditions = `<saml2:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"/>`;
  }

  const purpose: VihfCode = {
    code: input.accessMode,
    codeSystem: ACCESS_MODE_CODE_SYSTEM,
    codeSystemName: ACCESS_MODE_CODE_SYSTEM_NAME,
    displayName: PURPOSE_DISPLAY[input.accessMode],
  };
  const attributes = [
    stringAttribute(VIHF_ATTRIBUTE.structureId, structureId),
    stringAttribute(VIHF_ATTRIBUTE.activitySector, sector),
    input.subjectName === undefined
      ? ''
      : stringAttribute(VIHF_ATTRIBUTE.subjectName, input.subjectName),
    attribute(
      VIHF_ATTRIBUTE.role,
      ce('Role', profession) + (specialty ? ce('Role', specialty) : ''),
    ),
    stringAttribute(VIHF_ATTRIBUTE.vihfVersion, input.vihfVersion ?? VIHF_VERSION),
    stringAttribute(VIHF_ATTRIBUTE.authenticationMode, input.authenticationMode),
    input.patientId === undefined ? '' : stringAttribute(VIHF_ATTRIBUTE.patientId, input.patientId),
    stringAttribute(VIHF_ATTRIBUTE.resourceUrn, RESOURCE_URN_DMP),
    attribute(VIHF_ATTRIBUTE.purposeOfUse, ce('PurposeOfUse', purpose)),
    input.accessReason === undefined
      ? ''
      : stringAttribute(VIHF_ATTRIBUTE.accessReason, input.accessReason),
    input.medicalRegulation === undefined
      ? ''
      : stringAttribute(
          VIHF_ATTRIBUTE.medicalRegulation,
          input.medicalRegulation ? 'VRAI' : 'FAUX',
        ),
    stringAttribute(VIHF_ATTRIBUTE.softwareId, software.instanceId),
    stringAttribute(VIHF_ATTRIBUTE.softwareName, software.name),
    stringAttribute(VIHF_ATTRIBUTE.softwareVersion, software.version),
    stringAttribute(VIHF_ATTRIBUTE.homologationNumber, software.homologationNumber),
    ...(input.extraAttributes ?? []).map((extra) =>
      attribute(
        required(extra.name, 'extraAttributes.name', "Le nom d'un attribut"),
        extra.values.map(stringValue).join(''),
      ),
    ),
  ];

  return (
    `<saml2:Assertion xmlns:saml2="${SAML2_NS}" xmlns:xsi="${XSI_NS}" ID="${escapeXml(id)}" ` +
    `IssueInstant="${issued}" Version="2.0">` +
    `<saml2:Issuer Format="${X509_SUBJECT_NAME_FORMAT}">${escapeXml(issuer)}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID>${escapeXml(subjectId)}</saml2:NameID></saml2:Subject>` +
    conditions +
    `<saml2:AuthnStatement AuthnInstant="${issued}"><saml2:AuthnContext>` +
    `<saml2:AuthnContextClassRef>${escapeXml(input.authnContextClassRef ?? AUTHN_CONTEXT_SMARTCARD_PKI)}` +
    `</saml2:AuthnContextClassRef>` +
    (decl === undefined
      ? ''
      : `<saml2:AuthnContextDecl>${escapeXml(decl)}</saml2:AuthnContextDecl>`) +
    `</saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>${attributes.join('')}</saml2:AttributeStatement>` +
    `</saml2:Assertion>`
  );
}
