// The CDA material Navette ships under resources/cda (the CDA schema and the CI-SIS value sets,
// see resources/cda/README.md), loaded once per process for the document checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CDA_VALUE_SET_FILES,
  createCdaSchemaValidator,
  loadCdaValueSets,
  type CdaValueSets,
  type DocumentCheckContext,
} from '../../protocol/cda/index.js';
import type { XsdValidator } from '../../protocol/xsd/index.js';
import { findPackageRoot } from '../service/packageInfo.js';

export interface CdaResources {
  readonly valueSets: CdaValueSets;
  readonly schema: XsdValidator;
  /** Frees the compiled schema (WebAssembly memory). */
  dispose(): void;
}

export function cdaResourcesDir(root: string = findPackageRoot()): string {
  return path.join(root, 'resources', 'cda');
}

export function loadCdaResources(dir: string = cdaResourcesDir()): CdaResources {
  const valueSets = loadCdaValueSets(
    CDA_VALUE_SET_FILES.map((f) => readFileSync(path.join(dir, 'jeuxDeValeurs', f), 'utf8')),
  );
  const xsdDir = path.join(dir, 'xsd');
  const schema = createCdaSchemaValidator((p) =>
    readFileSync(path.isAbsolute(p) ? p : path.join(xsdDir, p)),
  );
  return { valueSets, schema, dispose: () => schema.dispose() };
}

/** The check context of the document checks, for a given size limit (documents.maxSizeMb). */
export function documentCheckContext(
  resources: CdaResources,
  options: { maxSizeMb?: number } = {},
): DocumentCheckContext {
  return {
    valueSets: resources.valueSets,
    schema: resources.schema,
    ...(options.maxSizeMb === undefined ? {} : { maxBytes: options.maxSizeMb * 1024 * 1024 }),
  };
}
