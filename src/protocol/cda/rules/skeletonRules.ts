// CI-SIS "structuration minimale" skeleton (CDA-CISIS §1.1): realm, typeId, conformance
// templateIds (N1 vs N3), document id/code/title/time/confidentiality/language, setId and
// versionNumber, the RPLC relatedDocument, and the cardinalities of the header participants.
// Navette rules beyond CI-SIS: the document id is an OID alone, no UUID root, no extension
// (CDA_ID_ROOT_UUID_UNSUPPORTED, CDA_ID_EXTENSION_UNSUPPORTED): the lot signature names it.
import { isOid, isUuid } from '../../../domain/documents/documentIds.js';
import { cdaError, cdaWarning, quote, type CdaProblem } from '../problems.js';
import { attr, hl7All, hl7Child, hl7Children, textOf, type XmlElement } from '../xmlElement.js';
import {
  checkCoded,
  checkId,
  checkTime,
  type HeaderRule,
  type RuleContext,
} from './ruleContext.js';

export const TEMPLATE_HL7_FRANCE = '2.16.840.1.113883.2.8.2.1';
export const TEMPLATE_CISIS = '1.2.250.1.213.1.1.1.1';
export const TEMPLATE_XDS_SD = '1.3.6.1.4.1.19376.1.2.20';
export const TYPE_ID_ROOT = '2.16.840.1.113883.1.3';
export const TYPE_ID_EXTENSION = 'POCD_HD000040';

const DOC = '/ClinicalDocument';

function realmAndTypeId(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const realms = hl7Children(ctx.root, 'realmCode');
  if (realms.length !== 1 || attr(realms[0], 'code') !== 'FR') {
    problems.push(
      cdaError(
        'CDA_REALM_CODE',
        realms[0] ?? ctx.root,
        realms.length === 0
          ? 'L’élément realmCode est absent.'
          : `realmCode doit apparaître une fois avec code="FR" (trouvé ${realms.length} fois, ${quote(attr(realms[0], 'code'))}).`,
        'Ajoutez <realmCode code="FR"/> en tête du document.',
      ),
    );
  }
  const typeId = hl7Child(ctx.root, 'typeId');
  if (attr(typeId, 'root') !== TYPE_ID_ROOT || attr(typeId, 'extension') !== TYPE_ID_EXTENSION) {
    problems.push(
      cdaError(
        'CDA_TYPE_ID',
        typeId ?? ctx.root,
        'L’élément typeId ne déclare pas le standard CDA R2.',
        `Écrivez <typeId root="${TYPE_ID_ROOT}" extension="${TYPE_ID_EXTENSION}"/>.`,
      ),
    );
  }
  return problems;
}

function templates(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const roots = hl7Children(ctx.root, 'templateId').map((t) => attr(t, 'root') ?? '');
  const where = `${ctx.root.path}/templateId`;
  const require = (root: string, code: string, label: string): void => {
    if (!roots.includes(root)) {
      problems.push(
        cdaError(
          code,
          where,
          `La déclaration de conformité ${label} (templateId ${root}) est absente.`,
          `Ajoutez <templateId root="${root}"/> dans l’en-tête.`,
        ),
      );
    }
  };
  require(TEMPLATE_HL7_FRANCE, 'CDA_TEMPLATE_HL7_FRANCE', 'HL7 France');
  require(TEMPLATE_CISIS, 'CDA_TEMPLATE_CISIS', 'CI-SIS (structuration minimale)');
  const others = roots.filter((r) => r !== TEMPLATE_HL7_FRANCE && r !== TEMPLATE_CISIS);
  if (ctx.document.level === 1) {
    require(TEMPLATE_XDS_SD, 'CDA_N1_TEMPLATE_XDS_SD', 'IHE XDS-SD (document non structuré)');
    const extra = others.filter((r) => r !== TEMPLATE_XDS_SD);
    if (extra.length > 0) {
      problems.push(
        cdaError(
          'CDA_N1_TEMPLATE_EXTRA',
          where,
          `Un document non structuré (niveau 1) ne doit déclarer que trois templateId ; en trop : ${extra.map((r) => quote(r, 60)).join(', ')}.`,
          'Retirez les templateId de volet : le templateId XDS-SD les remplace pour un CDA de niveau 1.',
        ),
      );
    }
  } else if (others.length === 0) {
    problems.push(
      cdaError(
        'CDA_TEMPLATE_VOLET',
        where,
        'Aucun templateId de volet CI-SIS (modèle de document) n’est déclaré.',
        'Ajoutez le templateId du volet auquel le document se conforme (par exemple 1.2.250.1.213.1.1.1.13 pour le VSM).',
      ),
    );
  }
  return problems;
}

function isValidRoot(root: string): boolean {
  return isOid(root) || isUuid(root);
}

function identity(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const id = hl7Child(ctx.root, 'id');
  if (checkId(id, DOC, { code: 'CDA_ID', label: 'l’identifiant du document' }, problems)) {
    const root = attr(id, 'root') ?? '';
    if (!isValidRoot(root)) {
      problems.push(
        cdaError(
          'CDA_ID',
          id as XmlElement,
          `La racine de l’identifiant du document ${quote(root, 64)} n’est ni un OID ni un UUID.`,
          'Utilisez un OID (chiffres séparés par des points) ou un UUID comme @root.',
        ),
      );
    }
    if (isUuid(root)) {
      // Valid CDA, but an XDS DocumentEntry.uniqueId is an OID (ITI TF-3 §4.2.3.2.26), and the lot
      // signature names documents urn:oid:<uniqueId>: the DMP could not take it.
      problems.push(
        cdaError(
          'CDA_ID_ROOT_UUID_UNSUPPORTED',
          id as XmlElement,
          `L’identifiant du document (ClinicalDocument/id) est un UUID ${quote(root, 64)} : le DMP désigne les documents par un OID, Navette ne l’envoie donc pas.`,
          'Faites produire par le logiciel un OID dans id/@root (un UUID s’écrit en OID sous la forme 2.25.<UUID en décimal>), puis déposez à nouveau le document.',
        ),
      );
    }
    const extension = attr(id, 'extension');
    if (extension !== undefined && extension !== '') {
      // The XDS uniqueId becomes root^extension, and the lot signature's manifest must name it as
      // urn:oid:<uniqueId>. urn:oid allows only dotted numbers (RFC 3061); IHE DSG leaves such ids
      // to the affinity domain (ITI TF-3 §5.5.3), and no public DMP source says how it writes
      // them. Refused here, with a fix, rather than at signing time.
      problems.push(
        cdaError(
          'CDA_ID_EXTENSION_UNSUPPORTED',
          id as XmlElement,
          `L’identifiant du document (ClinicalDocument/id) porte une extension ${quote(extension, 64)} : le DMP n’a pas documenté comment la signature du lot désigne un tel document, Navette ne l’envoie donc pas.`,
          'Faites produire par le logiciel un identifiant sans extension (un OID seul dans id/@root), puis déposez à nouveau le document.',
        ),
      );
    }
  }
  checkCoded(
    ctx,
    hl7Child(ctx.root, 'code'),
    {
      code: 'CDA_TYPE_CODE',
      label: 'le type de document (code)',
      valueSet: 'J07_TYPE_CODE',
      parentPath: DOC,
      displayNameRequired: true,
    },
    problems,
  );
  if (textOf(hl7Child(ctx.root, 'title')) === undefined) {
    problems.push(
      cdaError(
        'CDA_TITLE_MISSING',
        hl7Child(ctx.root, 'title') ?? DOC,
        'Le document n’a pas de titre.',
        'Renseignez l’élément title (il devient le titre du document dans le DMP).',
      ),
    );
  }
  const effective = hl7Child(ctx.root, 'effectiveTime');
  const time = checkTime(effective, DOC, 'CDA_EFFECTIVE_TIME', 'la date du document', problems);
  if (time && effective && (time.digits.length < 14 || time.offsetMinutes === undefined)) {
    problems.push(
      cdaWarning(
        'CDA_EFFECTIVE_TIME_PRECISION',
        effective,
        `La date du document ${quote(time.value, 40)} n’est pas à la seconde avec son décalage horaire ; Navette la considère comme une heure de Paris.`,
        'Écrivez la date au format AAAAMMJJHHMMSS+ZZZZ (par exemple 20240501101500+0200).',
      ),
    );
  }
  return problems;
}

function confidentialityAndLanguage(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const conf = hl7Child(ctx.root, 'confidentialityCode');
  const concept = checkCoded(
    ctx,
    conf,
    {
      code: 'CDA_CONFIDENTIALITY',
      label: 'le niveau de confidentialité (confidentialityCode)',
      valueSet: 'J08_CONFIDENTIALITY',
      parentPath: DOC,
      displayNameRequired: true,
    },
    problems,
  );
  if (concept && concept.codeSystem !== '2.16.840.1.113883.5.25' && conf) {
    problems.push(
      cdaError(
        'CDA_CONFIDENTIALITY_DMP_CODE',
        conf,
        `Le code de visibilité DMP ${quote(concept.code)} ne doit pas figurer dans le document : le CDA porte N, R ou V.`,
        'Mettez confidentialityCode code="N" et choisissez la visibilité du document dans Navette (elle part dans les métadonnées).',
      ),
    );
  }
  const language = hl7Child(ctx.root, 'languageCode');
  const code = attr(language, 'code');
  if (code === undefined || !/^[a-z]{2}-[A-Z]{2}$/.test(code)) {
    problems.push(
      cdaError(
        'CDA_LANGUAGE_CODE',
        language ?? DOC,
        code === undefined
          ? 'La langue du document (languageCode) est absente.'
          : `La langue du document ${quote(code, 20)} n’a pas la forme xx-XX.`,
        'Écrivez <languageCode code="fr-FR"/>.',
      ),
    );
  }
  return problems;
}

function versions(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  checkId(
    hl7Child(ctx.root, 'setId'),
    DOC,
    { code: 'CDA_SET_ID', label: 'l’identifiant de lot de versions (setId)' },
    problems,
  );
  const versionEl = hl7Child(ctx.root, 'versionNumber');
  const raw = attr(versionEl, 'value');
  const version = raw !== undefined && /^[0-9]{1,9}$/.test(raw) ? Number(raw) : undefined;
  if (version === undefined || version < 1) {
    problems.push(
      cdaError(
        'CDA_VERSION_NUMBER',
        versionEl ?? DOC,
        raw === undefined
          ? 'Le numéro de version du document (versionNumber) est absent.'
          : `Le numéro de version ${quote(raw, 20)} n’est pas un entier positif.`,
        'Écrivez <versionNumber value="1"/> pour une première version, puis 2, 3… à chaque remplacement.',
      ),
    );
  }
  const related = hl7Children(ctx.root, 'relatedDocument');
  if (related.length > 1) {
    problems.push(
      cdaError(
        'CDA_RELATED_DOCUMENT',
        related[1] as XmlElement,
        'Le document déclare plusieurs relatedDocument.',
        'Ne gardez qu’un relatedDocument typeCode="RPLC" vers la version remplacée.',
      ),
    );
  }
  const first = related[0];
  if (first) {
    if (attr(first, 'typeCode') !== 'RPLC') {
      problems.push(
        cdaError(
          'CDA_RELATED_DOCUMENT',
          first,
          `relatedDocument a le typeCode ${quote(attr(first, 'typeCode'))} ; seul RPLC (remplacement) est admis.`,
          'Écrivez relatedDocument typeCode="RPLC" pour remplacer une version précédente.',
        ),
      );
    }
    const parentId = hl7All(first, 'parentDocument/id')[0];
    if (
      checkId(
        parentId,
        `${first.path}/parentDocument`,
        {
          code: 'CDA_RELATED_DOCUMENT_PARENT',
          label: 'l’identifiant du document remplacé (parentDocument/id)',
        },
        problems,
      )
    ) {
      const id = hl7Child(ctx.root, 'id');
      if (
        attr(parentId, 'root') === attr(id, 'root') &&
        attr(parentId, 'extension') === attr(id, 'extension')
      ) {
        problems.push(
          cdaError(
            'CDA_RELATED_DOCUMENT_SELF',
            parentId as XmlElement,
            'Le document se remplace lui-même : parentDocument/id est égal à son propre id.',
            'Donnez un nouvel id à la nouvelle version et mettez l’id de la version remplacée dans parentDocument/id.',
          ),
        );
      }
    }
    if (version === 1) {
      problems.push(
        cdaWarning(
          'CDA_REPLACEMENT_VERSION_ONE',
          versionEl ?? first,
          'Le document remplace une version précédente mais porte le numéro de version 1.',
          'Incrémentez versionNumber (version remplacée + 1).',
        ),
      );
    }
  } else if (version !== undefined && version > 1) {
    problems.push(
      cdaWarning(
        'CDA_VERSION_WITHOUT_REPLACEMENT',
        versionEl ?? DOC,
        `Le document est en version ${version} sans relatedDocument RPLC : le DMP le traitera comme un nouveau document.`,
        'Pour remplacer la version précédente dans le DMP, ajoutez relatedDocument typeCode="RPLC" avec son id.',
      ),
    );
  }
  return problems;
}

function cardinalities(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const exactlyOne: ReadonlyArray<readonly [string, string, string]> = [
    ['recordTarget', 'CDA_RECORD_TARGET', 'le patient (recordTarget)'],
    ['custodian', 'CDA_CUSTODIAN', 'la structure de conservation (custodian)'],
    [
      'legalAuthenticator',
      'CDA_LEGAL_AUTHENTICATOR',
      'le responsable du document (legalAuthenticator)',
    ],
    ['componentOf', 'CDA_COMPONENT_OF', 'la prise en charge (componentOf)'],
  ];
  for (const [name, code, label] of exactlyOne) {
    const found = hl7Children(ctx.root, name);
    if (found.length !== 1) {
      problems.push(
        cdaError(
          code,
          found[1] ?? `${DOC}/${name}`,
          found.length === 0
            ? `L’en-tête ne décrit pas ${label}.`
            : `L’en-tête décrit ${found.length} fois ${label} au lieu d’une.`,
          `Renseignez exactement un élément ${name}.`,
        ),
      );
    }
  }
  const atLeastOne: ReadonlyArray<readonly [string, string, string]> = [
    ['author', 'CDA_AUTHOR', 'd’auteur (author)'],
    ['documentationOf', 'CDA_DOCUMENTATION_OF', 'd’acte documenté (documentationOf/serviceEvent)'],
  ];
  for (const [name, code, label] of atLeastOne) {
    if (hl7Children(ctx.root, name).length === 0) {
      problems.push(
        cdaError(
          code,
          `${DOC}/${name}`,
          `L’en-tête n’a pas ${label}.`,
          `Ajoutez au moins un élément ${name}.`,
        ),
      );
    }
  }
  if (ctx.document.level === undefined) {
    problems.push(
      cdaError(
        'CDA_BODY_MISSING',
        `${DOC}/component`,
        'Le document n’a pas de corps (component/structuredBody ou component/nonXMLBody).',
        'Ajoutez le corps du document : structuré (niveau 3) ou un PDF encapsulé (niveau 1).',
      ),
    );
  }
  return problems;
}

export const skeletonRules: readonly HeaderRule[] = [
  realmAndTypeId,
  templates,
  identity,
  confidentialityAndLanguage,
  versions,
  cardinalities,
];
