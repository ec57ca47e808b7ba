// A generated set of hostile files for the intake (issue 5): what a broken export, a confused
// user or an attacker may leave in the export folder. Deterministic (seeded), so a failure can be
// reproduced. Every file is something the checks must refuse; none may be sent.
import type { SandboxManifest } from '../../../../src/sandbox/index.js';
import { TINY_PDF } from '../../../unit/protocol/cda/cdaTestSupport.js';
import { PATIENT, buildDocument } from './reliabilitySandbox.js';

export type HostileCategory =
  | 'malformed'
  | 'entity-bomb'
  | 'external-entity'
  | 'huge'
  | 'binary'
  | 'empty'
  | 'wrong-ins-key'
  | 'pdf-alone'
  | 'not-cda'
  | 'text';

export interface HostileFile {
  readonly name: string;
  readonly category: HostileCategory;
  readonly bytes: Uint8Array;
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const CDA_OPEN = '<ClinicalDocument xmlns="urn:hl7-org:v3">';

/** Ways to break a well-formed CDA, one per index (cycled). */
function malformed(base: string, i: number, random: () => number): string {
  const cut = 1 + Math.floor(random() * (base.length - 2));
  switch (i % 8) {
    case 0:
      return base.slice(0, cut); // truncated export
    case 1:
      return base.replace('</ClinicalDocument>', '</ClinicalDocumen>'); // wrong end tag
    case 2:
      return `${base.slice(0, cut)}<<>${base.slice(cut)}`; // stray markup
    case 3:
      return `${base.slice(0, cut)}\u0001\u0002${base.slice(cut)}`; // control characters
    case 4:
      return `${base}${base}`; // two roots
    case 5:
      return base.replace(/ root="/, ' root="a" root="'); // duplicate attribute
    case 6:
      return `garbage before the prolog ${base}`;
    default:
      return base.replace(/<title>/, '<title><unclosed>'); // element never closed
  }
}

function entityBomb(i: number): string {
  if (i % 2 === 0) {
    // Billion laughs, of growing depth.
    const depth = 3 + (i % 8);
    const entities = ['<!ENTITY l0 "lol">'];
    for (let d = 1; d <= depth; d++) {
      entities.push(`<!ENTITY l${d} "${`&l${d - 1};`.repeat(10)}">`);
    }
    return `<?xml version="1.0"?><!DOCTYPE ClinicalDocument [${entities.join('')}]>${CDA_OPEN}<title>&l${depth};</title></ClinicalDocument>`;
  }
  // Quadratic blow-up: one large entity referenced many times.
  const big = 'x'.repeat(20_000);
  return `<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY a "${big}">]>${CDA_OPEN}<title>${'&a;'.repeat(2000)}</title></ClinicalDocument>`;
}

/** External references that would make a careless parser fetch something (`canary` counts). */
function externalEntity(i: number, canary: string): string {
  switch (i % 5) {
    case 0:
      return `<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "${canary}/entity-${i}">]>${CDA_OPEN}<title>&x;</title></ClinicalDocument>`;
    case 1:
      return `<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>${CDA_OPEN}<title>&x;</title></ClinicalDocument>`;
    case 2:
      return `<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY % p SYSTEM "${canary}/parameter-${i}"> %p;]>${CDA_OPEN}</ClinicalDocument>`;
    case 3:
      return `<?xml version="1.0"?><!DOCTYPE ClinicalDocument SYSTEM "${canary}/dtd-${i}">${CDA_OPEN}</ClinicalDocument>`;
    default:
      return `<?xml version="1.0"?>${CDA_OPEN}<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${canary}/xinclude-${i}"/></ClinicalDocument>`;
  }
}

/**
 * At least 500 hostile files. `canary` is a URL of a local server that must receive nothing;
 * `maxBytes` the configured size limit (the huge files exceed it).
 */
export function hostileFiles(
  manifest: SandboxManifest,
  canary: string,
  maxBytes: number,
): HostileFile[] {
  const random = seeded(5);
  const files: HostileFile[] = [];
  /** `ext`: the extension, or one per index. */
  const add = (
    category: HostileCategory,
    n: number,
    ext: string | ((i: number) => string),
    make: (i: number) => Uint8Array,
  ): void => {
    for (let i = 0; i < n; i++) {
      const suffix = typeof ext === 'string' ? ext : ext(i);
      files.push({ name: `${category}-${i}${suffix}`, category, bytes: make(i) });
    }
  };
  const base = new TextDecoder().decode(buildDocument(manifest, 'Modèle').bytes);
  add('malformed', 120, '.xml', (i) => utf8(malformed(base, i, random)));
  add('entity-bomb', 50, '.xml', (i) => utf8(entityBomb(i)));
  add('external-entity', 50, '.xml', (i) => utf8(externalEntity(i, canary)));
  add('huge', 5, '.xml', (i) => {
    // A well-formed CDA padded with a comment past the limit: refused by size, never parsed.
    const pad = maxBytes + 1 + i * 300_000;
    return utf8(
      base.replace('</ClinicalDocument>', `<!--${'p'.repeat(pad)}--></ClinicalDocument>`),
    );
  });
  const extensions = ['.xml', '.pdf', '.bin', ''];
  const anyExtension = (i: number): string => extensions[i % extensions.length] ?? '';
  add('binary', 100, anyExtension, () => {
    const bytes = new Uint8Array(1 + Math.floor(random() * 64 * 1024));
    for (let b = 0; b < bytes.length; b++) bytes[b] = Math.floor(random() * 256);
    return bytes;
  });
  add('empty', 40, anyExtension, () => new Uint8Array(0));
  add('wrong-ins-key', 50, '.xml', (i) => {
    // A valid document whose INS key (the last two digits) is wrong.
    const good = new TextDecoder().decode(buildDocument(manifest, `Clé fausse ${i}`).bytes);
    const key = Number(PATIENT.slice(-2));
    const wrong = `${PATIENT.slice(0, -2)}${String((key + 1 + i) % 98 || 1).padStart(2, '0')}`;
    return utf8(good.replaceAll(PATIENT, wrong));
  });
  add('pdf-alone', 40, '.pdf', () => TINY_PDF);
  add('not-cda', 30, '.xml', (i) =>
    utf8(`<?xml version="1.0"?><facture numero="${i}"><montant>12</montant></facture>`),
  );
  add('text', 30, '.txt', (i) =>
    utf8(`Compte rendu ${i} saisi en texte libre, sans structure.\r\n`),
  );
  return files;
}
