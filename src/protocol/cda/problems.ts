// Building the problems the document checks report (domain/documents/documentProblem.ts). Every
// rule goes through these helpers so a problem always has its code, element, message and fix.
import type { DocumentProblem } from '../../domain/documents/documentProblem.js';
import type { XmlElement } from './xmlElement.js';

export type CdaProblem = DocumentProblem;

/** Where a problem is: an element, or a path when the element is missing (its would-be place). */
export type Where = XmlElement | string;

function pathOf(where: Where): string {
  return typeof where === 'string' ? where : where.path;
}

export function cdaError(code: string, where: Where, message: string, fix: string): CdaProblem {
  return { code, severity: 'error', element: pathOf(where), message, fix };
}

export function cdaWarning(code: string, where: Where, message: string, fix: string): CdaProblem {
  return { code, severity: 'warning', element: pathOf(where), message, fix };
}

/** A value quoted in a message, cut so a hostile file cannot flood the report. */
export function quote(value: string | undefined, max = 80): string {
  if (value === undefined) return '(absent)';
  const short = value.length > max ? `${value.slice(0, max)}…` : value;
  return `« ${short} »`;
}
