// Runs every CI-SIS header rule on a document read by readCda (CDA-CISIS §1, §2.1).
import type { CdaProblem } from './problems.js';
import type { CdaDocument } from './readCda.js';
import { actorRules } from './rules/actorRules.js';
import { bodyRules } from './rules/bodyRules.js';
import { contextRules } from './rules/contextRules.js';
import { patientRules } from './rules/patientRules.js';
import type { HeaderRule } from './rules/ruleContext.js';
import { skeletonRules } from './rules/skeletonRules.js';
import type { CdaValueSets } from './valueSets.js';

export const HEADER_RULES: readonly HeaderRule[] = [
  ...skeletonRules,
  ...patientRules,
  ...actorRules,
  ...contextRules,
  ...bodyRules,
];

/** Every header problem of the document, in rule order. */
export function checkCdaHeader(document: CdaDocument, valueSets: CdaValueSets): CdaProblem[] {
  const ctx = { document, root: document.root, valueSets };
  return HEADER_RULES.flatMap((rule) => rule(ctx));
}
