// Shared pieces of the CI-SIS header rules: what a rule sees, and the checks many rules repeat
// (a coded value from a value set, an II with root and extension, a TS).
import { parseCdaTime, type CdaTime } from '../cdaTime.js';
import { cdaError, quote, type CdaProblem, type Where } from '../problems.js';
import type { CdaDocument } from '../readCda.js';
import type { CdaValueSetKey, CdaValueSets, ValueSetConcept } from '../valueSets.js';
import { attr, type XmlElement } from '../xmlElement.js';

export interface RuleContext {
  readonly document: CdaDocument;
  /** The ClinicalDocument element. */
  readonly root: XmlElement;
  readonly valueSets: CdaValueSets;
}

export type HeaderRule = (ctx: RuleContext) => CdaProblem[];

export interface CodedCheck {
  /** Stable code prefix: `<prefix>_MISSING`, `<prefix>_INCOMPLETE`, `<prefix>_UNKNOWN`. */
  readonly code: string;
  /** French name of the thing coded ("le type de document"). */
  readonly label: string;
  readonly valueSet: CdaValueSetKey;
  /** Element where a missing code would go. */
  readonly parentPath: string;
  /** Whether the element may be absent. */
  readonly optional?: boolean;
  /** Whether displayName is required too (document code, confidentialityCode). */
  readonly displayNameRequired?: boolean;
}

/** Checks a coded element against a value set; returns the concept found, if any. */
export function checkCoded(
  ctx: RuleContext,
  el: XmlElement | undefined,
  check: CodedCheck,
  problems: CdaProblem[],
): ValueSetConcept | undefined {
  const set = ctx.valueSets[check.valueSet];
  if (!el) {
    if (!check.optional) {
      problems.push(
        cdaError(
          `${check.code}_MISSING`,
          check.parentPath,
          `${capitalise(check.label)} est absent.`,
          `Renseignez ${check.label} avec un code du jeu de valeurs ${set.name}.`,
        ),
      );
    }
    return undefined;
  }
  const code = attr(el, 'code');
  const codeSystem = attr(el, 'codeSystem');
  if (code === undefined || codeSystem === undefined) {
    problems.push(
      cdaError(
        `${check.code}_INCOMPLETE`,
        el,
        `${capitalise(check.label)} n'a pas d'attribut ${code === undefined ? '@code' : '@codeSystem'}.`,
        `Renseignez @code et @codeSystem avec une valeur du jeu de valeurs ${set.name}.`,
      ),
    );
    return undefined;
  }
  const concept = set.find(code, codeSystem);
  if (!concept) {
    const sameCode = set.withCode(code)[0];
    problems.push(
      cdaError(
        `${check.code}_UNKNOWN`,
        el,
        sameCode
          ? `${capitalise(check.label)} ${quote(code)} est déclaré dans le système ${quote(codeSystem)} au lieu de ${quote(sameCode.codeSystem)}.`
          : `${capitalise(check.label)} ${quote(code)} (système ${quote(codeSystem)}) n'appartient pas au jeu de valeurs ${set.name}.`,
        sameCode
          ? `Indiquez codeSystem="${sameCode.codeSystem}".`
          : `Choisissez un code du jeu de valeurs ${set.name} (version ${set.updated.slice(0, 8)}).`,
      ),
    );
    return undefined;
  }
  if (check.displayNameRequired && attr(el, 'displayName') === undefined) {
    problems.push(
      cdaError(
        `${check.code}_INCOMPLETE`,
        el,
        `${capitalise(check.label)} n'a pas d'attribut @displayName.`,
        `Ajoutez displayName="${concept.displayName}".`,
      ),
    );
  }
  return concept;
}

export interface IdCheck {
  readonly code: string;
  readonly label: string;
  /** Whether @extension is required too. */
  readonly extension?: boolean;
}

/** An II with @root (and @extension when asked). True when present and complete. */
export function checkId(
  el: XmlElement | undefined,
  where: Where,
  check: IdCheck,
  problems: CdaProblem[],
): boolean {
  if (!el) {
    problems.push(
      cdaError(
        check.code,
        where,
        `${capitalise(check.label)} est absent.`,
        `Ajoutez ${check.label} (élément id avec @root${check.extension ? ' et @extension' : ''}).`,
      ),
    );
    return false;
  }
  const missing =
    attr(el, 'root') === undefined
      ? '@root'
      : check.extension && attr(el, 'extension') === undefined
        ? '@extension'
        : undefined;
  if (missing) {
    problems.push(
      cdaError(
        check.code,
        el,
        `${capitalise(check.label)} n'a pas d'attribut ${missing}.`,
        `Renseignez ${missing} de ${check.label}.`,
      ),
    );
    return false;
  }
  return true;
}

/** A TS in @value: problems when absent or malformed; the parsed time otherwise. */
export function checkTime(
  el: XmlElement | undefined,
  where: Where,
  code: string,
  label: string,
  problems: CdaProblem[],
): CdaTime | undefined {
  const value = attr(el, 'value');
  if (!el || value === undefined) {
    problems.push(
      cdaError(
        code,
        el ?? where,
        `${capitalise(label)} est absente.`,
        `Renseignez ${label} (@value au format AAAAMMJJHHMMSS+ZZZZ).`,
      ),
    );
    return undefined;
  }
  const time = parseCdaTime(value);
  if (!time) {
    problems.push(
      cdaError(
        code,
        el,
        `${capitalise(label)} ${quote(value, 40)} n'est pas une date HL7 valide.`,
        'Écrivez la date au format AAAAMMJJHHMMSS suivi du décalage horaire (+0100 ou +0200).',
      ),
    );
  }
  return time;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
