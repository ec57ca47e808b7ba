// Schema files for tests: the official DMP schemas (ebRS, IHE XDS.b, HL7V3) read from
// ../shared/reference/dmp/schema, plus xmllint as an independent oracle. The protocol layer
// never reads files; it takes this loader.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SchemaLoader } from '../../src/protocol/xsd/index.js';
import { REFERENCE_DIR } from './paths.js';

export const DMP_SCHEMA_DIR = path.join(REFERENCE_DIR, 'dmp', 'schema');

/** Root schema covering every XDS.b payload: it imports rs, rim, lcm and query. */
export const XDS_ROOT_XSD = 'IHE/XDS.b_DocumentRepository.xsd';

/** A loader reading schema paths relative to `baseDir` (absolute paths are read as they are). */
export function schemaLoader(baseDir = DMP_SCHEMA_DIR): SchemaLoader {
  return (p) => readFileSync(path.isAbsolute(p) ? p : path.join(baseDir, p));
}

export interface XmllintVerdict {
  readonly ok: boolean;
  readonly output: string;
}

/** Validates `xml` with `xmllint --schema` (the Debian libxml2 tool), reading it from stdin. */
export function xmllintValidate(schemaFile: string, xml: string): XmllintVerdict {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schemaFile, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/**
 * The XOP infoset of an MTOM message's root part: each `<xop:Include href="cid:…"/>` replaced by
 * the base64 of the part it names. Schemas describe that infoset (Document is xs:base64Binary),
 * so MTOM envelopes are validated in this form (W3C XOP §3.2). `parts` maps Content-IDs to bytes.
 */
export function xopInfoset(xml: string, parts: ReadonlyMap<string, Uint8Array>): string {
  return xml.replace(
    /<([\w.-]+:)?Include\b[^>]*\bhref="cid:([^"]+)"[^>]*\/>/g,
    (whole, _prefix, href: string) => {
      const data = parts.get(decodeURIComponent(href));
      if (data === undefined) throw new Error(`no MTOM part for ${href}`);
      return Buffer.from(data).toString('base64');
    },
  );
}
