// Shared pieces of the CDA tests: the bundled value sets and schema (resources/cda, what Navette
// ships), the small level-1 fixture (a modified copy of the ANS example, see its comment), and
// helpers to run checks on edited copies of it. Used by test/unit/protocol/cda and
// test/conformance/cda*.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CDA_VALUE_SET_FILES,
  checkCdaHeader,
  createCdaSchemaValidator,
  loadCdaValueSets,
  readCda,
  type CdaDocument,
  type CdaProblem,
  type CdaValueSets,
  type DocumentCheckContext,
} from '../../../../src/protocol/cda/index.js';
import type { XsdValidator } from '../../../../src/protocol/xsd/index.js';
import { REFERENCE_DIR, REPO_ROOT } from '../../../support/paths.js';

export const CDA_RESOURCES = path.join(REPO_ROOT, 'resources', 'cda');
export const CDA_XSD_DIR = path.join(CDA_RESOURCES, 'xsd');
export const CDA_VALUE_SET_DIR = path.join(CDA_RESOURCES, 'jeuxDeValeurs');
export const CDA_REFERENCE = path.join(REFERENCE_DIR, 'cda');
export const CDA_EXAMPLES = path.join(CDA_REFERENCE, 'ExemplesCDA');

export const N1_FIXTURE_PATH = path.join(REPO_ROOT, 'test', 'fixtures', 'cda', 'N1-minimal.xml');
export const N1_FIXTURE = readFileSync(N1_FIXTURE_PATH, 'utf8');

let valueSets: CdaValueSets | undefined;
export function bundledValueSets(): CdaValueSets {
  valueSets ??= loadCdaValueSets(
    CDA_VALUE_SET_FILES.map((f) => readFileSync(path.join(CDA_VALUE_SET_DIR, f), 'utf8')),
  );
  return valueSets;
}

/** The CDA schema compiled from the bundled copy (dispose it in afterAll). */
export function bundledSchema(): XsdValidator {
  return createCdaSchemaValidator((p) =>
    readFileSync(path.isAbsolute(p) ? p : path.join(CDA_XSD_DIR, p)),
  );
}

export function encode(xml: string): Uint8Array {
  return new TextEncoder().encode(xml);
}

/** Reads a CDA text; throws when it is not readable (tests of readable documents). */
export function readText(xml: string): CdaDocument {
  const result = readCda(encode(xml));
  if (!result.ok) throw new Error(`unreadable test document: ${result.problem.message}`);
  return result.document;
}

/** Header problems of a CDA text. */
export function headerProblems(xml: string): CdaProblem[] {
  return checkCdaHeader(readText(xml), bundledValueSets());
}

export function codes(problems: readonly CdaProblem[], severity?: 'error' | 'warning'): string[] {
  return problems
    .filter((p) => severity === undefined || p.severity === severity)
    .map((p) => p.code);
}

/** The fixture with `search` replaced by `replacement` (which must occur exactly once). */
export function edit(
  search: string | RegExp,
  replacement: string | ((match: string, ...groups: string[]) => string),
  xml = N1_FIXTURE,
): string {
  const count =
    typeof search === 'string'
      ? xml.split(search).length - 1
      : (xml.match(new RegExp(search.source, `${search.flags.replace('g', '')}g`)) ?? []).length;
  if (count !== 1) throw new Error(`edit: ${String(search)} found ${count} times`);
  return typeof replacement === 'string'
    ? xml.replace(search, replacement)
    : xml.replace(search, (match: string, ...rest: unknown[]) =>
        replacement(match, ...rest.filter((r): r is string => typeof r === 'string')),
      );
}

/** A PDF small enough for unit tests (one empty page). */
export const TINY_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A sidecar before validation, editable by tests. */
export interface SidecarDraft {
  version: number;
  patient: Record<string, unknown>;
  document: Record<string, unknown>;
  [key: string]: unknown;
}

/** A valid sidecar for TINY_PDF (test INS of the official examples). */
export function sidecarObject(): SidecarDraft {
  return {
    version: 1,
    patient: {
      ins: '279035121518989',
      insOid: '1.2.250.1.213.1.4.10',
      birthFamily: 'PAT-TROIS',
      birthGivens: 'DOMINIQUE MARIE-LOUISE',
      birthDate: '1979-03-28',
      sex: 'F',
      birthPlaceCode: '51215',
      localId: { root: '1.2.3.4.567.8.9.10', extension: '1234567890121' },
    },
    document: {
      typeCode: '11488-4',
      title: 'Compte rendu de consultation',
      date: '2024-05-01T10:15:00+02:00',
    },
  };
}

/** The PDF-wrapping context of the sandbox test card "MAX LIBRE" / "CABINET DR LIBRE". */
export function pdfContext(schema: XsdValidator): DocumentCheckContext {
  let n = 0;
  return {
    valueSets: bundledValueSets(),
    schema,
    cardHolder: {
      idNatPs: '899900063480',
      family: 'LIBRE',
      given: 'MAX',
      specialty: { code: 'G15_10/SM26' },
    },
    organization: {
      idNatStruct: '499900063480001',
      name: 'CABINET DR LIBRE',
      practiceSetting: 'AMBULATOIRE',
      facilityType: 'SA07',
    },
    now: new Date('2024-05-01T09:00:00Z'),
    newUuid: () => `6f0c2a4e-1b7d-4c3e-9a51-${String(n++).padStart(12, '0')}`,
  };
}
