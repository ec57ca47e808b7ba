// Safe reading of a CDA file (CDA-CISIS §1.1, §6): size limit before anything else, UTF-8 only
// (with or without BOM: three official examples start with one), no DOCTYPE and no entity
// expansion (xml/parse.ts), French errors that name the line and column of malformed XML.
// Accepted roots: ClinicalDocument in urn:hl7-org:v3, or a self-presentable document (an
// xsl:stylesheet carrying the ClinicalDocument, with any prefix: the examples use `c:`).
import { randomBytes } from 'node:crypto';
import { XmlReadError } from '../xml/XmlError.js';
import { parseXml } from '../xml/parse.js';
import { largeBase64Runs, latin1Of, withRunsReplaced, type Base64Run } from './largeTexts.js';
import { cdaError, quote, type CdaProblem } from './problems.js';
import {
  HL7_NS,
  XSL_NS,
  documentElement,
  findElement,
  hl7Child,
  type XmlElement,
} from './xmlElement.js';

export const DEFAULT_MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

export interface ReadCdaOptions {
  /** Largest accepted file, in bytes. Default 100 MB. */
  readonly maxBytes?: number;
  /** `largeBase64Runs(bytes)`, when the caller scanned them already (the checks share them). */
  readonly largeRuns?: readonly Base64Run[];
}

export interface CdaDocument {
  /** The ClinicalDocument element (inside the stylesheet for a self-presentable file). */
  readonly root: XmlElement;
  /** 'xsl-stylesheet' for a self-presentable document. */
  readonly wrapper: 'none' | 'xsl-stylesheet';
  /** 1 (nonXMLBody), 3 (structuredBody), or undefined when the body is missing. */
  readonly level: 1 | 3 | undefined;
  readonly byteLength: number;
  readonly bom: boolean;
}

export type ReadCdaResult =
  | { readonly ok: true; readonly document: CdaDocument }
  | { readonly ok: false; readonly problem: CdaProblem };

const ROOT = '/';

function fail(code: string, message: string, fix: string, line?: number, column?: number) {
  const problem: CdaProblem = {
    ...cdaError(code, ROOT, message, fix),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
  return { ok: false as const, problem };
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : 3;
    if (b >= 0x80 && (b < 0xc2 || b > 0xf4)) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] ?? 0;
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const DECLARED = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

function decode(
  bytes: Uint8Array,
  runs: readonly Base64Run[] | undefined,
): { text: string; bom: boolean; large: Map<string, string> } | ReadCdaResult {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(
      'CDA_ENCODING',
      'Le document est encodé en UTF-16 ; le CI-SIS impose UTF-8.',
      'Réenregistrez le document en UTF-8 depuis le logiciel qui le produit.',
    );
  }
  const body = bom ? bytes.subarray(3) : bytes;
  const head = new TextDecoder('latin1').decode(body.subarray(0, 200));
  const declared = DECLARED.exec(head)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    return fail(
      'CDA_ENCODING',
      `Le document déclare l'encodage ${quote(declared, 20)} ; le CI-SIS impose UTF-8.`,
      'Réenregistrez le document en UTF-8 (déclaration encoding="UTF-8").',
      1,
    );
  }
  const { view, large } = setAsideLargeTexts(bytes, runs ?? largeBase64Runs(bytes));
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? view.subarray(3) : view);
    return { text, bom, large };
  } catch {
    // The native decoder does not say where: scan for the line of the first bad byte.
    const line = lineAt(body, Math.max(0, firstInvalidUtf8(body)));
    return fail(
      'CDA_ENCODING',
      `Le document contient des octets qui ne sont pas de l'UTF-8 valide (ligne ${line}).`,
      'Réenregistrez le document en UTF-8 ; un export en ISO-8859-1 (Latin-1) est refusé.',
      line,
    );
  }
}

function parseFailure(error: unknown): ReadCdaResult {
  if (error instanceof XmlReadError && error.code === 'XML_DOCTYPE_FORBIDDEN') {
    return fail(
      'CDA_DOCTYPE_FORBIDDEN',
      'Le document contient une déclaration DOCTYPE ou ENTITY, refusée par sécurité.',
      'Supprimez la déclaration DOCTYPE : un document CDA n’en a jamais besoin.',
    );
  }
  if (error instanceof XmlReadError && error.code === 'XML_MALFORMED') {
    const line = Number(error.details.line);
    const column = Number(error.details.col);
    return fail(
      'CDA_XML_MALFORMED',
      `Le document n'est pas un XML bien formé (ligne ${line}, colonne ${column}) : ${error.message.replace(/^[^:]*: /, '')}`,
      'Corrigez le XML à l’endroit indiqué (balise non fermée, caractère « & » ou « < » non échappé…) ou réexportez le document.',
      line,
      column,
    );
  }
  // fast-xml-parser refuses deep nesting with a plain Error; a JS stack overflow is a RangeError.
  if (error instanceof RangeError || (error instanceof Error && /nested/i.test(error.message))) {
    return fail(
      'CDA_XML_TOO_DEEP',
      'Le document est imbriqué trop profondément pour être lu.',
      'Vérifiez que le fichier est bien un document CDA produit par un logiciel de santé.',
    );
  }
  if (error instanceof Error) {
    return fail(
      'CDA_XML_UNREADABLE',
      `Le document ne peut pas être lu comme XML (${error.message.slice(0, 120)}).`,
      'Réexportez le document depuis le logiciel qui le produit.',
    );
  }
  throw error;
}

function levelOf(root: XmlElement): 1 | 3 | undefined {
  const component = hl7Child(root, 'component');
  if (hl7Child(component, 'nonXMLBody')) return 1;
  if (hl7Child(component, 'structuredBody')) return 3;
  return undefined;
}

function locate(
  top: XmlElement,
): { root: XmlElement; wrapper: CdaDocument['wrapper'] } | ReadCdaResult {
  if (top.ns === HL7_NS && top.name === 'ClinicalDocument') return { root: top, wrapper: 'none' };
  if (top.ns === XSL_NS && (top.name === 'stylesheet' || top.name === 'transform')) {
    const inner = findElement(top, HL7_NS, 'ClinicalDocument');
    if (inner) return { root: inner, wrapper: 'xsl-stylesheet' };
    return fail(
      'CDA_SELF_PRESENTABLE_EMPTY',
      'Le fichier est une feuille de style XSL qui ne contient aucun élément ClinicalDocument.',
      'Déposez le document CDA lui-même (racine ClinicalDocument) ou un document autoprésentable complet.',
    );
  }
  if (top.name === 'ClinicalDocument') {
    return fail(
      'CDA_NAMESPACE',
      `L'élément ClinicalDocument n'est pas dans l'espace de noms HL7 (trouvé ${quote(top.ns || 'aucun')}).`,
      'Déclarez xmlns="urn:hl7-org:v3" sur l’élément ClinicalDocument.',
    );
  }
  return fail(
    'CDA_ROOT_UNKNOWN',
    `La racine du fichier est ${quote(top.qname, 60)} : ce n'est pas un document CDA.`,
    'Déposez un document CDA R2 (racine ClinicalDocument) ou un PDF accompagné de son fichier de métadonnées .json.',
  );
}

/**
 * fast-xml-parser builds text nodes slowly and with many copies: a 20 MB PDF in base64 took
 * 3 s and 850 MB. Long base64 texts (largeTexts.ts) are swapped for short placeholders with the
 * same line breaks before decoding and parsing, and put back in the tree afterwards (they are
 * ASCII: their Latin-1 reading is their UTF-8 one). Each placeholder carries a random nonce, so
 * that no text of the file — even one spelled with character references — can stand for one.
 */
function setAsideLargeTexts(
  bytes: Uint8Array,
  runs: readonly Base64Run[],
): { view: Uint8Array; large: Map<string, string> } {
  const large = new Map<string, string>();
  if (runs.length === 0) return { view: bytes, large };
  const prefix = `navette-large-text-${randomBytes(12).toString('hex')}-`;
  runs.forEach((run, n) => large.set(`${prefix}${n}`, latin1Of(bytes, run.start, run.end)));
  return { view: withRunsReplaced(bytes, runs, (n) => `${prefix}${n}`), large };
}

/** Reads and locates the ClinicalDocument of a CDA file. Never throws on bad input. */
export function readCda(bytes: Uint8Array, options: ReadCdaOptions = {}): ReadCdaResult {
  const max = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (bytes.byteLength > max) {
    return fail(
      'CDA_TOO_LARGE',
      `Le document fait ${bytes.byteLength} octets, au-delà de la limite de ${max} octets.`,
      'Réduisez la taille du document (PDF compressé) ou augmentez la limite dans la configuration.',
    );
  }
  const decoded = decode(bytes, options.largeRuns);
  if ('ok' in decoded) return decoded;
  if (decoded.text.trim() === '') {
    return fail('CDA_EMPTY', 'Le fichier est vide.', 'Réexportez le document depuis le logiciel.');
  }
  let top: XmlElement | undefined;
  try {
    top = documentElement(
      parseXml(decoded.text, {
        removeNSPrefix: false,
        preserveOrder: true,
        maxLength: Number.MAX_SAFE_INTEGER,
      }),
      decoded.large,
    );
  } catch (error) {
    return parseFailure(error);
  }
  if (!top) {
    return fail(
      'CDA_EMPTY',
      'Le fichier ne contient aucun élément XML.',
      'Réexportez le document depuis le logiciel.',
    );
  }
  const located = locate(top);
  if ('ok' in located) return located;
  return {
    ok: true,
    document: {
      root: located.root,
      wrapper: located.wrapper,
      level: levelOf(located.root),
      byteLength: bytes.byteLength,
      bom: decoded.bom,
    },
  };
}
