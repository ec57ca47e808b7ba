// Authors, custodian and legal authenticator (CDA-CISIS §1.3). National identifiers are checked
// leniently: official examples carry idNat_PS values that break the prefix or key rules, so a
// doubtful identifier is a warning, a missing one an error.
import { ProfessionalIdError } from '../../../domain/professionals/ProfessionalIdError.js';
import { PS_NATIONAL_ID_OID, parseIdNatPs } from '../../../domain/professionals/idNatPs.js';
import {
  STRUCTURE_NATIONAL_ID_OID,
  parseStructureId,
} from '../../../domain/professionals/structureId.js';
import { cdaError, cdaWarning, quote, type CdaProblem } from '../problems.js';
import { attr, hl7All, hl7Child, hl7Children, textOf, type XmlElement } from '../xmlElement.js';
import {
  checkCoded,
  checkId,
  checkTime,
  type HeaderRule,
  type RuleContext,
} from './ruleContext.js';

/** Host of documents produced by the patient (custodian root admitted besides structures). */
export const PATIENT_DOCUMENT_HOST_OID = '1.2.250.1.213.4.1';

/** Warnings for an idNat_PS (root 1.2.250.1.71.4.2.1) that breaks the format or key rules. */
export function checkPsId(id: XmlElement, code: string, problems: CdaProblem[]): void {
  if (attr(id, 'root') !== PS_NATIONAL_ID_OID) return;
  try {
    const parsed = parseIdNatPs(attr(id, 'extension') ?? '', { checkDigits: 'lenient' });
    if (parsed.checkDigitValid === false) {
      problems.push(
        cdaWarning(
          code,
          id,
          'La clé de contrôle de l’identifiant national du professionnel est fausse.',
          'Vérifiez l’identifiant (8 + n° RPPS) dans l’annuaire santé.',
        ),
      );
    }
  } catch (error) {
    if (!(error instanceof ProfessionalIdError)) throw error;
    problems.push(
      cdaWarning(
        code,
        id,
        error.message,
        'Corrigez l’identifiant : 8 suivi du RPPS, 0 suivi du n° ADELI, ou 3/4/5 + structure/identifiant interne.',
      ),
    );
  }
}

function checkStructureId(
  org: XmlElement,
  code: string,
  problems: CdaProblem[],
  required: boolean,
): void {
  const id = hl7Child(org, 'id');
  const root = attr(id, 'root');
  if (!id || root !== STRUCTURE_NATIONAL_ID_OID) {
    if (required || id) {
      problems.push(
        cdaError(
          code,
          id ?? org,
          id
            ? `L’identifiant de la structure a la racine ${quote(root)} au lieu de ${STRUCTURE_NATIONAL_ID_OID}.`
            : 'La structure n’a pas d’identifiant national.',
          `Identifiez la structure avec <id root="${STRUCTURE_NATIONAL_ID_OID}" extension="<IdNatStruct>"/> (1 + FINESS, 3 + SIRET…).`,
        ),
      );
    }
    return;
  }
  try {
    parseStructureId(attr(id, 'extension') ?? '', { checkDigits: 'lenient' });
  } catch (error) {
    if (!(error instanceof ProfessionalIdError)) throw error;
    problems.push(
      cdaWarning(
        `${code}_FORMAT`,
        id,
        error.message,
        'Corrigez l’identifiant national de structure (1 + FINESS, 2 + SIREN, 3 + SIRET, 4 + RPPS-rang).',
      ),
    );
  }
}

function authorRule(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  for (const author of hl7Children(ctx.root, 'author')) {
    checkTime(
      hl7Child(author, 'time'),
      author,
      'CDA_AUTHOR_TIME',
      'la date de rédaction (author/time)',
      problems,
    );
    checkCoded(
      ctx,
      hl7Child(author, 'functionCode'),
      {
        code: 'CDA_AUTHOR_FUNCTION',
        label: 'la fonction de l’auteur (functionCode)',
        valueSet: 'J47_FUNCTION_CODE',
        parentPath: author.path,
        optional: true,
      },
      problems,
    );
    const assigned = hl7Child(author, 'assignedAuthor');
    if (!assigned) {
      problems.push(
        cdaError(
          'CDA_AUTHOR_ID',
          author,
          'L’auteur n’est pas décrit (assignedAuthor absent).',
          'Ajoutez assignedAuthor avec l’identifiant national de l’auteur.',
        ),
      );
      continue;
    }
    const ids = hl7Children(assigned, 'id');
    if (ids.length === 0)
      checkId(
        undefined,
        assigned,
        { code: 'CDA_AUTHOR_ID', label: 'l’identifiant de l’auteur', extension: true },
        problems,
      );
    for (const id of ids) {
      if (
        checkId(
          id,
          id,
          { code: 'CDA_AUTHOR_ID', label: 'l’identifiant de l’auteur', extension: true },
          problems,
        )
      )
        checkPsId(id, 'CDA_AUTHOR_ID_NAT_PS', problems);
    }
    const person = hl7Child(assigned, 'assignedPerson');
    const device = hl7Child(assigned, 'assignedAuthoringDevice');
    if ((person === undefined) === (device === undefined)) {
      problems.push(
        cdaError(
          'CDA_AUTHOR_KIND',
          assigned,
          'L’auteur doit être soit une personne (assignedPerson), soit un logiciel (assignedAuthoringDevice).',
          'Gardez exactement un des deux éléments.',
        ),
      );
    }
    if (
      device &&
      (textOf(hl7Child(device, 'manufacturerModelName')) === undefined ||
        textOf(hl7Child(device, 'softwareName')) === undefined)
    ) {
      problems.push(
        cdaError(
          'CDA_AUTHOR_DEVICE',
          device,
          'Le logiciel auteur n’a pas de manufacturerModelName ou de softwareName.',
          'Renseignez le modèle (manufacturerModelName) et le nom du logiciel (softwareName).',
        ),
      );
    }
    const specialty = hl7Child(assigned, 'code');
    checkCoded(
      ctx,
      specialty,
      {
        code: 'CDA_AUTHOR_SPECIALTY',
        label: 'la spécialité de l’auteur (assignedAuthor/code)',
        valueSet: 'J01_AUTHOR_SPECIALTY',
        parentPath: assigned.path,
        optional: true,
      },
      problems,
    );
    if (person && !specialty) {
      problems.push(
        cdaWarning(
          'CDA_AUTHOR_SPECIALTY_MISSING',
          assigned,
          'La profession ou spécialité de l’auteur (assignedAuthor/code) est absente.',
          'Renseignez assignedAuthor/code (jeu de valeurs JDV_J01) : il devient authorSpecialty dans le DMP.',
        ),
      );
    }
    const org = hl7Child(assigned, 'representedOrganization');
    if (org) checkStructureId(org, 'CDA_AUTHOR_ORGANIZATION_ID', problems, false);
  }
  return problems;
}

function custodianRule(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const custodian = hl7Child(ctx.root, 'custodian');
  if (!custodian) return problems; // reported by the cardinality rule
  const org = hl7All(custodian, 'assignedCustodian/representedCustodianOrganization')[0];
  const id = hl7Child(org, 'id');
  const root = attr(id, 'root');
  if (!id || (root !== STRUCTURE_NATIONAL_ID_OID && root !== PATIENT_DOCUMENT_HOST_OID)) {
    problems.push(
      cdaError(
        'CDA_CUSTODIAN_ID',
        id ?? org ?? custodian,
        id
          ? `La structure de conservation a un identifiant de racine ${quote(root)}.`
          : 'La structure de conservation (representedCustodianOrganization/id) n’a pas d’identifiant.',
        `Identifiez la structure avec <id root="${STRUCTURE_NATIONAL_ID_OID}" extension="<IdNatStruct>"/>.`,
      ),
    );
  }
  return problems;
}

function legalAuthenticatorRule(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const legal = hl7Child(ctx.root, 'legalAuthenticator');
  if (!legal) return problems; // reported by the cardinality rule
  checkTime(
    hl7Child(legal, 'time'),
    legal,
    'CDA_LEGAL_AUTHENTICATOR_TIME',
    'la date de validation (legalAuthenticator/time)',
    problems,
  );
  const signature = hl7Child(legal, 'signatureCode');
  if (attr(signature, 'code') !== 'S') {
    problems.push(
      cdaError(
        'CDA_LEGAL_AUTHENTICATOR_SIGNATURE',
        signature ?? legal,
        'legalAuthenticator/signatureCode doit valoir "S".',
        'Écrivez <signatureCode code="S"/>.',
      ),
    );
  }
  const entity = hl7Child(legal, 'assignedEntity');
  const id = hl7Child(entity, 'id');
  if (
    checkId(
      id,
      entity ?? legal,
      {
        code: 'CDA_LEGAL_AUTHENTICATOR_ID',
        label: 'l’identifiant du responsable du document',
        extension: true,
      },
      problems,
    )
  ) {
    checkPsId(id as XmlElement, 'CDA_LEGAL_AUTHENTICATOR_ID_NAT_PS', problems);
  }
  if (textOf(hl7All(entity, 'assignedPerson/name/family')[0]) === undefined) {
    problems.push(
      cdaError(
        'CDA_LEGAL_AUTHENTICATOR_NAME',
        entity ?? legal,
        'Le nom du responsable du document (assignedPerson/name/family) est absent.',
        'Renseignez le nom de famille du professionnel qui valide le document.',
      ),
    );
  }
  checkCoded(
    ctx,
    hl7Child(entity, 'code'),
    {
      code: 'CDA_LEGAL_AUTHENTICATOR_SPECIALTY',
      label: 'la spécialité du responsable du document',
      valueSet: 'J01_AUTHOR_SPECIALTY',
      parentPath: entity?.path ?? legal.path,
      optional: true,
    },
    problems,
  );
  const org = hl7Child(entity, 'representedOrganization');
  if (org) checkStructureId(org, 'CDA_LEGAL_AUTHENTICATOR_ORGANIZATION_ID', problems, false);
  return problems;
}

export const actorRules: readonly HeaderRule[] = [
  authorRule,
  custodianRule,
  legalAuthenticatorRule,
];
