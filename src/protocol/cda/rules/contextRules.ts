// The care context (CDA-CISIS §1.4): the first documentationOf/serviceEvent (start time, one
// performer PRF whose organisation carries the practice setting, J04 → XDS practiceSettingCode)
// and the encompassingEncounter (time, optional J142 type, facility code J02 → XDS
// healthcareFacilityTypeCode).
import { cdaError, type CdaProblem } from '../problems.js';
import { attr, hl7All, hl7Child, hl7Children } from '../xmlElement.js';
import {
  checkCoded,
  checkId,
  checkTime,
  type HeaderRule,
  type RuleContext,
} from './ruleContext.js';
import { checkPsId } from './actorRules.js';

function serviceEventRule(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const documentation = hl7Child(ctx.root, 'documentationOf');
  if (!documentation) return problems; // reported by the cardinality rule
  const event = hl7Child(documentation, 'serviceEvent');
  if (!event) {
    problems.push(
      cdaError(
        'CDA_SERVICE_EVENT',
        documentation,
        'documentationOf ne contient pas de serviceEvent.',
        'Décrivez l’acte documenté dans documentationOf/serviceEvent.',
      ),
    );
    return problems;
  }
  const code = hl7Child(event, 'code');
  if (
    code &&
    attr(code, 'nullFlavor') === undefined &&
    (attr(code, 'code') === undefined || attr(code, 'codeSystem') === undefined)
  ) {
    problems.push(
      cdaError(
        'CDA_SERVICE_EVENT_CODE',
        code,
        'Le code de l’acte (serviceEvent/code) n’a pas de @code ou de @codeSystem.',
        'Renseignez @code et @codeSystem, ou un nullFlavor (UNK…).',
      ),
    );
  }
  checkTime(
    hl7All(event, 'effectiveTime/low')[0],
    `${event.path}/effectiveTime`,
    'CDA_SERVICE_EVENT_TIME',
    'la date de début de l’acte (serviceEvent/effectiveTime/low)',
    problems,
  );
  const performers = hl7Children(event, 'performer').filter((p) => attr(p, 'typeCode') === 'PRF');
  if (performers.length !== 1) {
    problems.push(
      cdaError(
        'CDA_SERVICE_EVENT_PERFORMER',
        performers[1] ?? event,
        performers.length === 0
          ? 'L’acte documenté n’a pas d’exécutant (performer typeCode="PRF").'
          : 'L’acte documenté a plusieurs exécutants performer typeCode="PRF".',
        'Décrivez exactement un performer typeCode="PRF" avec son identifiant et sa structure.',
      ),
    );
  }
  const performer = performers[0];
  if (!performer) return problems;
  const entity = hl7Child(performer, 'assignedEntity');
  const id = hl7Child(entity, 'id');
  // A null-flavoured id is admitted: the AMO-produced examples (CNAM-HR, VAC) have no person.
  if (id && attr(id, 'nullFlavor') !== undefined) {
    // nothing more to check
  } else if (
    checkId(
      id,
      entity ?? performer,
      { code: 'CDA_PERFORMER_ID', label: 'l’identifiant de l’exécutant de l’acte' },
      problems,
    ) &&
    id
  ) {
    checkPsId(id, 'CDA_PERFORMER_ID_NAT_PS', problems);
  }
  const org = hl7Child(entity, 'representedOrganization');
  checkCoded(
    ctx,
    hl7Child(org, 'standardIndustryClassCode'),
    {
      code: 'CDA_PRACTICE_SETTING',
      label: 'le cadre d’exercice (standardIndustryClassCode)',
      valueSet: 'J04_PRACTICE_SETTING',
      parentPath: org?.path ?? `${entity?.path ?? performer.path}/representedOrganization`,
    },
    problems,
  );
  return problems;
}

function encounterRule(ctx: RuleContext): CdaProblem[] {
  const problems: CdaProblem[] = [];
  const componentOf = hl7Child(ctx.root, 'componentOf');
  if (!componentOf) return problems; // reported by the cardinality rule
  const encounter = hl7Child(componentOf, 'encompassingEncounter');
  if (!encounter) {
    problems.push(
      cdaError(
        'CDA_ENCOUNTER',
        componentOf,
        'componentOf ne contient pas d’encompassingEncounter.',
        'Décrivez la prise en charge dans componentOf/encompassingEncounter.',
      ),
    );
    return problems;
  }
  const time = hl7Child(encounter, 'effectiveTime');
  // Present is what SM-SCH asks; IPS-FR, VAC and CNAM-HR fix it to nullFlavor="NA" on purpose.
  if (
    !time ||
    (attr(time, 'value') === undefined &&
      hl7Children(time, 'low').length === 0 &&
      hl7Children(time, 'high').length === 0 &&
      attr(time, 'nullFlavor') === undefined)
  ) {
    problems.push(
      cdaError(
        'CDA_ENCOUNTER_TIME',
        time ?? encounter,
        'La date de la prise en charge (encompassingEncounter/effectiveTime) est absente.',
        'Renseignez encompassingEncounter/effectiveTime (low, et high si la prise en charge est terminée).',
      ),
    );
  }
  const code = hl7Child(encounter, 'code');
  if (code && attr(code, 'nullFlavor') === undefined) {
    checkCoded(
      ctx,
      code,
      {
        code: 'CDA_ENCOUNTER_CODE',
        label: 'le type de rencontre (encompassingEncounter/code)',
        valueSet: 'J142_ENCOUNTER_TYPE',
        parentPath: encounter.path,
      },
      problems,
    );
  }
  const facility = hl7All(encounter, 'location/healthCareFacility')[0];
  checkCoded(
    ctx,
    hl7Child(facility, 'code'),
    {
      code: 'CDA_FACILITY_TYPE',
      label: 'le secteur d’activité (healthCareFacility/code)',
      valueSet: 'J02_FACILITY_TYPE',
      parentPath: facility?.path ?? `${encounter.path}/location/healthCareFacility`,
    },
    problems,
  );
  return problems;
}

export const contextRules: readonly HeaderRule[] = [serviceEventRule, encounterRule];
