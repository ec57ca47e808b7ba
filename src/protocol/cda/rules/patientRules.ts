// The patient (CDA-CISIS §1.2): patientRole ids with root and extension, the INS (one of the
// four INS roots, matricule checked with its key by domain/ins), and the INS traits the CI-SIS
// requires whenever an INS is present: birth family name (BR), first birth given name (BR),
// the full list of birth given names (no qualifier), birth date, sex and birth place code.
import { InsError } from '../../../domain/ins/InsError.js';
import { createIns, type Ins } from '../../../domain/ins/ins.js';
import { INS_KIND_LABELS, insKindOfOid, isFictitiousInsKind } from '../../../domain/ins/insOids.js';
import { parseMatricule } from '../../../domain/ins/matricule.js';
import { cdaError, cdaWarning, quote, type CdaProblem } from '../problems.js';
import { attr, hl7All, hl7Child, hl7Children, textOf, type XmlElement } from '../xmlElement.js';
import {
  checkCoded,
  checkId,
  checkTime,
  type HeaderRule,
  type RuleContext,
} from './ruleContext.js';

export interface PatientIns {
  readonly ins: Ins;
  readonly element: XmlElement;
}

/** The patientRole ids under an INS root, validated; invalid ones are skipped. */
export function patientInsIds(root: XmlElement): PatientIns[] {
  return hl7All(root, 'recordTarget/patientRole/id').flatMap((element) => {
    const oid = attr(element, 'root');
    const extension = attr(element, 'extension');
    if (oid === undefined || extension === undefined || !insKindOfOid(oid)) return [];
    try {
      return [{ ins: createIns(extension, oid), element }];
    } catch {
      return [];
    }
  });
}

function ids(ctx: RuleContext, role: XmlElement | undefined, problems: CdaProblem[]): boolean {
  const roleIds = hl7Children(role, 'id');
  if (roleIds.length === 0) {
    problems.push(
      cdaError(
        'CDA_PATIENT_ID',
        role ?? `${ctx.root.path}/recordTarget/patientRole`,
        'Le patient n’a aucun identifiant.',
        'Ajoutez l’INS du patient (patientRole/id avec la racine INS et le matricule).',
      ),
    );
    return false;
  }
  let insFound = false;
  for (const id of roleIds) {
    if (
      !checkId(
        id,
        id,
        { code: 'CDA_PATIENT_ID', label: 'l’identifiant du patient', extension: true },
        problems,
      )
    )
      continue;
    const oid = attr(id, 'root') ?? '';
    const kind = insKindOfOid(oid);
    if (!kind) continue;
    insFound = true;
    try {
      createIns(attr(id, 'extension') ?? '', oid);
    } catch (error) {
      if (!(error instanceof InsError)) throw error;
      problems.push(
        cdaError(
          error.code === 'INS_KEY_INVALID' ? 'CDA_PATIENT_INS_KEY' : 'CDA_PATIENT_INS_INVALID',
          id,
          `${INS_KIND_LABELS[kind]} du patient invalide : ${error.message}`,
          'Reprenez le matricule INS depuis le téléservice INSi (ou la carte Vitale) et réexportez le document.',
        ),
      );
      continue;
    }
    if (isFictitiousInsKind(kind)) {
      problems.push(
        cdaWarning(
          'CDA_PATIENT_INS_TEST',
          id,
          `L’INS du patient est un ${INS_KIND_LABELS[kind]} : le document ne peut aller que vers un DMP de test.`,
          'En production, utilisez l’INS qualifié du patient (racine 1.2.250.1.213.1.4.8 ou .4.9).',
        ),
      );
    }
  }
  if (!insFound) {
    problems.push(
      cdaError(
        'CDA_PATIENT_INS_MISSING',
        role ?? ctx.root,
        'Aucun identifiant du patient n’est un INS : le DMP ne peut pas être trouvé.',
        'Ajoutez l’INS qualifié du patient (patientRole/id root="1.2.250.1.213.1.4.8" extension="<matricule>").',
      ),
    );
  }
  return insFound;
}

function names(patient: XmlElement, withIns: boolean, problems: CdaProblem[]): void {
  const name = hl7Child(patient, 'name');
  const families = hl7Children(name, 'family');
  const givens = hl7Children(name, 'given');
  if (!name || families.length === 0 || givens.length === 0) {
    problems.push(
      cdaError(
        'CDA_PATIENT_NAME',
        name ?? patient,
        'Le nom ou le prénom du patient est absent.',
        'Renseignez patient/name avec family et given.',
      ),
    );
    return;
  }
  for (const part of [...families, ...givens]) {
    const qualifier = attr(part, 'qualifier');
    if (qualifier !== undefined && qualifier !== 'BR' && qualifier !== 'CL') {
      problems.push(
        cdaError(
          'CDA_PATIENT_NAME_QUALIFIER',
          part,
          `Qualificatif de nom ${quote(qualifier, 10)} non admis.`,
          'Utilisez qualifier="BR" (nom ou prénom de naissance) ou "CL" (nom ou prénom utilisé).',
        ),
      );
    }
  }
  if (!withIns) return;
  const traits: ReadonlyArray<readonly [boolean, string, string, string]> = [
    [
      families.some((f) => attr(f, 'qualifier') === 'BR' && textOf(f)),
      'CDA_PATIENT_INS_BIRTH_NAME',
      'le nom de naissance (family qualifier="BR")',
      '<family qualifier="BR">NOM DE NAISSANCE</family>',
    ],
    [
      givens.some((g) => attr(g, 'qualifier') === 'BR' && textOf(g)),
      'CDA_PATIENT_INS_FIRST_GIVEN',
      'le premier prénom de naissance (given qualifier="BR")',
      '<given qualifier="BR">PREMIER PRÉNOM</given>',
    ],
    [
      givens.some((g) => attr(g, 'qualifier') === undefined && textOf(g)),
      'CDA_PATIENT_INS_GIVEN_LIST',
      'la liste des prénoms de naissance (given sans qualifier)',
      '<given>PRÉNOM1 PRÉNOM2</given>',
    ],
  ];
  for (const [ok, code, label, example] of traits) {
    if (!ok) {
      problems.push(
        cdaError(
          code,
          name,
          `Trait d’identité INS manquant : ${label}.`,
          `Ajoutez ${example}, tels que renvoyés par le téléservice INSi.`,
        ),
      );
    }
  }
}

function births(
  ctx: RuleContext,
  patient: XmlElement,
  withIns: boolean,
  problems: CdaProblem[],
): void {
  const birth = checkTime(
    hl7Child(patient, 'birthTime'),
    patient,
    'CDA_PATIENT_BIRTH_TIME',
    'la date de naissance du patient',
    problems,
  );
  const gender = checkCoded(
    ctx,
    hl7Child(patient, 'administrativeGenderCode'),
    {
      code: 'CDA_PATIENT_GENDER',
      label: 'le sexe du patient (administrativeGenderCode)',
      valueSet: 'J143_GENDER',
      parentPath: patient.path,
    },
    problems,
  );
  if (!withIns) return;
  if (hl7All(patient, 'birthplace/place/addr/county').every((c) => textOf(c) === undefined)) {
    problems.push(
      cdaError(
        'CDA_PATIENT_INS_BIRTHPLACE',
        hl7Child(patient, 'birthplace') ?? patient,
        'Trait d’identité INS manquant : le code du lieu de naissance (birthplace/place/addr/county).',
        'Ajoutez le code officiel géographique INSEE du lieu de naissance (par exemple 51215), tel que renvoyé par INSi.',
      ),
    );
  }
  // Consistency with the matricule, when it is valid (an invalid one is already an error).
  const first = patientInsIds(ctx.root)[0];
  if (!first) return;
  const parts = parseMatricule(first.ins.matricule);
  const sex = gender?.code;
  if ((sex === 'M' || sex === 'F') && sex !== parts.sex) {
    problems.push(
      cdaWarning(
        'CDA_PATIENT_INS_SEX_MISMATCH',
        first.element,
        'Le sexe du patient ne correspond pas au premier chiffre de son matricule INS.',
        'Vérifiez l’identité du patient (INSi) : le sexe ou l’INS est peut-être celui d’un autre patient.',
      ),
    );
  }
  if (birth && birth.digits.length >= 6 && parts.monthKnown) {
    const sameYear = birth.digits.slice(2, 4) === parts.birthYear;
    const sameMonth = birth.digits.slice(4, 6) === parts.birthMonth;
    if (!sameYear || !sameMonth) {
      problems.push(
        cdaWarning(
          'CDA_PATIENT_INS_BIRTH_MISMATCH',
          first.element,
          'L’année ou le mois de naissance du patient ne correspond pas à son matricule INS.',
          'Vérifiez l’identité du patient (INSi) : la date de naissance ou l’INS est peut-être erronée.',
        ),
      );
    }
  }
}

function patientRule(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const role = hl7All(ctx.root, 'recordTarget/patientRole')[0];
  if (!role) return problems; // reported by the cardinality rule (recordTarget)
  const withIns = ids(ctx, role, problems);
  const patient = hl7Child(role, 'patient');
  if (!patient) {
    problems.push(
      cdaError(
        'CDA_PATIENT',
        role,
        'L’élément patient (nom, sexe, date de naissance) est absent.',
        'Ajoutez patientRole/patient avec name, administrativeGenderCode et birthTime.',
      ),
    );
    return problems;
  }
  names(patient, withIns, problems);
  births(ctx, patient, withIns, problems);
  return problems;
}

export const patientRules: readonly HeaderRule[] = [patientRule];
