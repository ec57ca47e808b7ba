// XSD validation of a CDA with the CI-SIS schema (resources/cda/xsd/CDA_extended.xsd, from the
// ANS test kit's infrastructure/cda) through protocol/xsd (libxml2-wasm). The whole file is
// validated: CDA_extended.xsd imports the XSLT 2.0 schema, so a self-presentable document
// validates too, and its embedded ClinicalDocument is checked strictly (lax wildcard, global
// declaration) with line numbers that are the file's own.
import { createXsdValidator, type SchemaLoader, type XsdValidator } from '../xsd/index.js';
import {
  largeBase64Runs,
  longBase64Stretches,
  withRunsReplaced,
  type Base64Run,
} from './largeTexts.js';
import type { CdaProblem } from './problems.js';

/** Root schema, relative to the bundled folder (resources/cda/xsd). */
export const CDA_XSD_ROOT = 'CDA_extended.xsd';

/** Schema errors reported per document; the rest are summed up in one last problem. */
export const MAX_SCHEMA_PROBLEMS = 50;

/** Compiles the CDA schema once; reuse the validator for every document, dispose it at the end. */
export function createCdaSchemaValidator(loadSchema: SchemaLoader): XsdValidator {
  return createXsdValidator(loadSchema, CDA_XSD_ROOT);
}

const NAMESPACES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\{urn:hl7-org:v3\}/g, ''],
  [/\{urn:hl7-org:sdtc\}/g, 'sdtc:'],
  [/\{http:\/\/www\.w3\.org\/1999\/XSL\/Transform\}/g, 'xsl:'],
];

/** libxml2's message with the HL7 namespace dropped (`{urn:hl7-org:v3}id` → `id`). */
function readable(message: string): string {
  let out = message;
  for (const [pattern, replacement] of NAMESPACES) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim();
}

/** Base64 texts longer than this are shortened before validation (see `schemaView`). */
export const LONG_TEXT_BYTES = 1_000_000;

/**
 * The bytes the schema sees. libxml2 refuses text nodes over 10 MB unless XML_PARSE_HUGE lifts
 * all its limits (a 20 MB PDF is 27 MB of base64), so every stretch of base64 longer than
 * LONG_TEXT_BYTES is cut to four characters plus its line breaks: the schema types such text
 * as character data whatever its length, and line numbers stay those of the file. `runs`: the
 * long base64 text nodes the reader of the same bytes found (largeTexts.ts), when known.
 */
export function schemaView(bytes: Uint8Array, runs?: readonly Base64Run[]): Uint8Array {
  if (bytes.length <= LONG_TEXT_BYTES) return bytes;
  const long = longBase64Stretches(bytes, runs ?? largeBase64Runs(bytes), LONG_TEXT_BYTES);
  return withRunsReplaced(bytes, long, () => 'AAAA');
}

/** The schema problems of a CDA file (bytes as received, BOM included; `runs` as schemaView). */
export function checkCdaSchema(
  validator: XsdValidator,
  bytes: Uint8Array,
  runs?: readonly Base64Run[],
): CdaProblem[] {
  const result = validator.validate(schemaView(bytes, runs));
  if (result.valid) return [];
  const problems: CdaProblem[] = result.errors.slice(0, MAX_SCHEMA_PROBLEMS).map((e) => ({
    code: 'CDA_SCHEMA',
    severity: 'error',
    element: e.path ?? '',
    message: `Le document ne respecte pas le schéma CDA${e.line > 0 ? ` (ligne ${e.line})` : ''} : ${readable(e.message)}`,
    fix: 'Corrigez l’élément signalé pour qu’il respecte le schéma HL7 CDA R2 (CDA_extended.xsd du CI-SIS), puis réexportez le document.',
    ...(e.line > 0 ? { line: e.line } : {}),
    ...(e.line > 0 && e.column > 0 ? { column: e.column } : {}),
  }));
  const more = result.errors.length - MAX_SCHEMA_PROBLEMS;
  if (more > 0) {
    problems.push({
      code: 'CDA_SCHEMA_MORE',
      severity: 'error',
      element: '',
      message: `${more} autre(s) erreur(s) de schéma non détaillée(s).`,
      fix: 'Corrigez les erreurs ci-dessus puis revalidez le document.',
    });
  }
  return problems;
}
