// A level-1 CI-SIS CDA built around a PDF from its sidecar (CDA-CISIS §2.1, §6, modelled on
// the ANS example DOC_NON_STRUCTURE_CDA-R2-N1.xml): the three conformance templateIds, a J07
// type, the INS with its traits, the author (the card holder unless the sidecar names another
// professional), the structure as custodian, the card holder as legal authenticator, the
// service event with the J04 practice setting, the encounter with the J02 facility type,
// setId/versionNumber and the RPLC link of a replacement, and the PDF in base64. The result is
// then checked like any dropped CDA (validateDocument.ts).
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import {
  formatInstanceId,
  parseInstanceId,
  uuidToOid,
} from '../../domain/documents/documentIds.js';
import { ProfessionalIdError } from '../../domain/professionals/ProfessionalIdError.js';
import { PS_NATIONAL_ID_OID, parseIdNatPs } from '../../domain/professionals/idNatPs.js';
import { STRUCTURE_NATIONAL_ID_OID } from '../../domain/professionals/structureId.js';
import { formatCdaTime } from './cdaTime.js';
import {
  authorXml,
  codeEl,
  componentOfXml,
  custodianXml,
  documentationOfXml,
  empty,
  idEl,
  legalAuthenticatorXml,
  nonXmlBodyXml,
  patientXml,
  relatedDocumentXml,
  textEl,
  type XmlCode,
  type XmlOrganization,
  type XmlPerson,
} from './level1Xml.js';
import { cdaError, quote, type CdaProblem } from './problems.js';
import {
  TEMPLATE_CISIS,
  TEMPLATE_HL7_FRANCE,
  TEMPLATE_XDS_SD,
  TYPE_ID_EXTENSION,
  TYPE_ID_ROOT,
} from './rules/skeletonRules.js';
import type { Sidecar } from './sidecar.js';
import type { CdaValueSetKey, CdaValueSets } from './valueSets.js';

/** The professional whose card sends the document (from the CPS certificate / configuration). */
export interface CardHolder {
  /** idNat_PS (8 + RPPS…). */
  readonly idNatPs: string;
  readonly family: string;
  readonly given: string;
  /** Profession/specialty code from JDV_J01 (e.g. G15_10/SM26). */
  readonly specialty?: { readonly code: string; readonly codeSystem?: string };
}

/** The structure the document comes from (configuration). */
export interface SendingOrganization {
  /** IdNatStruct (1 + FINESS, 3 + SIRET, 4 + RPPS-rang…). */
  readonly idNatStruct: string;
  readonly name: string;
  /** JDV_J04 code (AMBULATOIRE for a practice). */
  readonly practiceSetting: string;
  /** JDV_J02 code (SA07 cabinet individuel, SA08 cabinet de groupe…). */
  readonly facilityType: string;
}

export interface BuildLevel1Input {
  readonly pdf: Uint8Array;
  readonly sidecar: Sidecar;
  readonly cardHolder: CardHolder;
  readonly organization: SendingOrganization;
  readonly valueSets: CdaValueSets;
  /** Legal authentication time. Default: now. */
  readonly now?: Date;
  /** UUID source for new document ids (tests pass a fixed one). Default crypto.randomUUID. */
  readonly newUuid?: () => string;
  readonly timeZone?: string;
}

export type BuildLevel1Result =
  | {
      readonly ok: true;
      readonly xml: string;
      readonly bytes: Uint8Array;
      readonly uniqueId: string;
    }
  | { readonly ok: false; readonly problems: readonly CdaProblem[] };

const FIX =
  'Corrigez le fichier de métadonnées .json ou la configuration de la structure, puis redéposez le PDF.';

function lookup(
  sets: CdaValueSets,
  key: CdaValueSetKey,
  where: string,
  label: string,
  code: string,
  codeSystem: string | undefined,
  problems: CdaProblem[],
): XmlCode | undefined {
  const set = sets[key];
  const found = codeSystem !== undefined ? set.find(code, codeSystem) : set.withCode(code)[0];
  if (!found) {
    problems.push(
      cdaError(
        'SIDECAR_CODE_UNKNOWN',
        where,
        `${label} ${quote(code)} n’appartient pas au jeu de valeurs ${set.name}.`,
        FIX,
      ),
    );
  }
  return found;
}

function isoDate(date: string): string {
  return date.replace(/-/g, '');
}

/** Builds the level-1 CDA; problems when the sidecar or configuration cannot describe it. */
export function buildLevel1Cda(input: BuildLevel1Input): BuildLevel1Result {
  const { sidecar: s, valueSets: sets, organization: o } = input;
  const zone = input.timeZone;
  const problems: CdaProblem[] = [];
  if (Buffer.from(input.pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    problems.push(
      cdaError(
        'PDF_INVALID',
        '/',
        'Le fichier déposé n’est pas un PDF (il ne commence pas par « %PDF- »).',
        'Déposez le document au format PDF.',
      ),
    );
  }
  const type = lookup(
    sets,
    'J07_TYPE_CODE',
    '$.document.typeCode',
    'Le type de document',
    s.document.typeCode,
    s.document.typeCodeSystem,
    problems,
  );
  const practice = lookup(
    sets,
    'J04_PRACTICE_SETTING',
    '$.practiceSetting',
    'Le cadre d’exercice',
    s.practiceSetting ?? o.practiceSetting,
    undefined,
    problems,
  );
  const facility = lookup(
    sets,
    'J02_FACILITY_TYPE',
    '$.facilityType',
    'Le secteur d’activité',
    s.facilityType ?? o.facilityType,
    undefined,
    problems,
  );
  const gender = lookup(
    sets,
    'J143_GENDER',
    '$.patient.sex',
    'Le sexe',
    s.patient.sex === 'U' ? 'UN' : s.patient.sex,
    undefined,
    problems,
  );
  const authorSource = s.author ?? input.cardHolder;
  const authorWhere = s.author ? '$.author' : 'configuration';
  const specialtyRef = s.author ? s.author.specialty : input.cardHolder.specialty;
  const specialty = specialtyRef
    ? lookup(
        sets,
        'J01_AUTHOR_SPECIALTY',
        `${authorWhere}.specialty`,
        'La spécialité',
        specialtyRef.code,
        specialtyRef.codeSystem,
        problems,
      )
    : undefined;
  const holderSpecialty = input.cardHolder.specialty
    ? sets.J01_AUTHOR_SPECIALTY.find(
        input.cardHolder.specialty.code,
        input.cardHolder.specialty.codeSystem ?? '1.2.250.1.213.1.1.4.5',
      )
    : undefined;
  try {
    parseIdNatPs(authorSource.idNatPs);
  } catch (error) {
    if (!(error instanceof ProfessionalIdError)) throw error;
    problems.push(cdaError('SIDECAR_AUTHOR_ID', `${authorWhere}.idNatPs`, error.message, FIX));
  }
  if (!type || !practice || !facility || !gender || problems.length > 0)
    return { ok: false, problems };

  const newOid = (): string => uuidToOid((input.newUuid ?? randomUUID)());
  const id = s.document.id !== undefined ? parseInstanceId(s.document.id) : undefined;
  const docId = id ?? { root: newOid() };
  const setId = s.replaces ? parseInstanceId(s.replaces.setId) : { root: newOid() };
  const parent = s.replaces ? parseInstanceId(s.replaces.id) : undefined;
  const version = s.replaces ? s.replaces.version + 1 : 1;
  const effective = formatCdaTime(new Date(s.document.date), zone);
  const start = formatCdaTime(new Date(s.document.serviceStart ?? s.document.date), zone);
  const stop =
    s.document.serviceStop !== undefined
      ? formatCdaTime(new Date(s.document.serviceStop), zone)
      : undefined;
  const legalTime = formatCdaTime(input.now ?? new Date(), zone);

  const org: XmlOrganization = {
    id: { root: STRUCTURE_NATIONAL_ID_OID, extension: o.idNatStruct },
    name: o.name,
    practiceSetting: practice,
  };
  const author: XmlPerson = {
    id: { root: PS_NATIONAL_ID_OID, extension: authorSource.idNatPs },
    family: authorSource.family,
    given: authorSource.given,
    ...(specialty ? { specialty } : {}),
  };
  const holder: XmlPerson = {
    id: { root: PS_NATIONAL_ID_OID, extension: input.cardHolder.idNatPs },
    family: input.cardHolder.family,
    given: input.cardHolder.given,
    ...(holderSpecialty ? { specialty: holderSpecialty } : {}),
  };
  const p = s.patient;
  const patient = patientXml({
    ids: [
      { root: p.insOid, extension: p.ins.replace(/\s+/g, '').toUpperCase() },
      ...(p.localId ? [p.localId] : []),
    ],
    birthFamily: p.birthFamily,
    birthGivens: p.birthGivens,
    firstBirthGiven: p.firstBirthGiven ?? p.birthGivens.split(/\s+/)[0] ?? p.birthGivens,
    ...(p.usedFamily !== undefined ? { usedFamily: p.usedFamily } : {}),
    ...(p.usedGiven !== undefined ? { usedGiven: p.usedGiven } : {}),
    gender,
    birthTime: isoDate(p.birthDate),
    birthPlaceCode: p.birthPlaceCode,
  });
  const header = [
    empty('realmCode', { code: 'FR' }),
    empty('typeId', { root: TYPE_ID_ROOT, extension: TYPE_ID_EXTENSION }),
    ...[TEMPLATE_HL7_FRANCE, TEMPLATE_CISIS, TEMPLATE_XDS_SD].map((root) =>
      empty('templateId', { root }),
    ),
    idEl(docId),
    codeEl('code', type),
    textEl('title', s.document.title),
    empty('effectiveTime', { value: effective }),
    empty('confidentialityCode', {
      code: 'N',
      displayName: 'Normal',
      codeSystem: '2.16.840.1.113883.5.25',
    }),
    empty('languageCode', { code: 'fr-FR' }),
    idEl(setId ?? { root: newOid() }, 'setId'),
    empty('versionNumber', { value: String(version) }),
    patient,
    authorXml(author, org, effective),
    custodianXml(org),
    legalAuthenticatorXml(holder, legalTime),
    documentationOfXml(author, org, start, stop),
    ...(parent ? [relatedDocumentXml(parent)] : []),
    componentOfXml(start, facility),
    nonXmlBodyXml(Buffer.from(input.pdf).toString('base64')),
  ];
  // One header element per line, so a schema error points at a useful line.
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">\n${header.join('\n')}\n</ClinicalDocument>\n`;
  return { ok: true, xml, bytes: new TextEncoder().encode(xml), uniqueId: formatInstanceId(docId) };
}
