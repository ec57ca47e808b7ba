// The CI-SIS header value sets (IHE SVS RetrieveValueSetResponse files from the ANS test kit,
// bundled in resources/cda/jeuxDeValeurs). The texts are handed in already loaded: this layer
// does no I/O. Each set is recognised by its OID, not by its file name.
import { parseXml } from '../xml/parse.js';
import { CdaError } from './CdaError.js';
import { attr, documentElement, type XmlElement } from './xmlElement.js';

/** The value sets the header rules use, by OID (CDA-CISIS §1). */
export const CDA_VALUE_SET_OIDS = {
  J01_AUTHOR_SPECIALTY: '1.2.250.1.213.1.1.5.461',
  J02_FACILITY_TYPE: '1.2.250.1.213.1.1.5.466',
  J04_PRACTICE_SETTING: '1.2.250.1.213.1.1.5.467',
  J07_TYPE_CODE: '1.2.250.1.213.1.1.5.471',
  J08_CONFIDENTIALITY: '1.2.250.1.213.1.1.5.463',
  J47_FUNCTION_CODE: '1.2.250.1.213.1.1.5.124',
  J142_ENCOUNTER_TYPE: '1.2.250.1.213.1.1.5.589',
  J143_GENDER: '1.2.250.1.213.1.1.5.590',
} as const;

export type CdaValueSetKey = keyof typeof CDA_VALUE_SET_OIDS;

/** File names of the bundled copies (resources/cda/jeuxDeValeurs), for the loader. */
export const CDA_VALUE_SET_FILES: readonly string[] = [
  'JDV_J01_XdsAuthorSpecialty_CISIS.xml',
  'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml',
  'JDV_J04_XdsPracticeSettingCode_CISIS.xml',
  'JDV_J07_XdsTypeCode_CISIS.xml',
  'JDV_J08_XdsConfidentialityCode_CISIS.xml',
  'JDV_J47_FunctionCode_CISIS.xml',
  'JDV_J142_TypeRencontre_CISIS.xml',
  'JDV_J143_AdministrativeGender_CISIS.xml',
];

export interface ValueSetConcept {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

export interface ValueSet {
  readonly oid: string;
  /** `JDV_J07_XdsTypeCode_CISIS` (from displayName, `.tabs` dropped). */
  readonly name: string;
  /** dateMaj of the file (`YYYYMMDDHHMMSS`), to say which version was used. */
  readonly updated: string;
  readonly concepts: readonly ValueSetConcept[];
  /** The concept with this code and code system. */
  find(code: string, codeSystem: string): ValueSetConcept | undefined;
  /** Concepts with this code, whatever their code system. */
  withCode(code: string): ValueSetConcept[];
}

export type CdaValueSets = Readonly<Record<CdaValueSetKey, ValueSet>>;

function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

/** Parses one SVS value-set file. Throws CdaError CDA_VALUE_SET_INVALID. */
export function parseValueSet(xml: string): ValueSet {
  let root: XmlElement | undefined;
  try {
    root = documentElement(parseXml(xml, { removeNSPrefix: false, preserveOrder: true }));
  } catch (cause) {
    throw new CdaError(
      'CDA_VALUE_SET_INVALID',
      'Jeu de valeurs illisible (XML mal formé).',
      {},
      { cause },
    );
  }
  const set = root ? descendants(root, 'ValueSet')[0] : undefined;
  const oid = attr(set, 'id');
  if (!set || oid === undefined) {
    throw new CdaError(
      'CDA_VALUE_SET_INVALID',
      'Jeu de valeurs illisible : élément ValueSet@id absent.',
    );
  }
  const concepts = descendants(set, 'Concept').flatMap((c) => {
    const code = attr(c, 'code');
    const codeSystem = attr(c, 'codeSystem');
    return code !== undefined && codeSystem !== undefined
      ? [{ code, codeSystem, displayName: attr(c, 'displayName') ?? code }]
      : [];
  });
  const byKey = new Map(concepts.map((c) => [`${c.codeSystem}|${c.code}`, c]));
  return {
    oid,
    name: (attr(set, 'displayName') ?? oid).replace(/\.tabs$/, ''),
    updated: attr(set, 'dateMaj') ?? '',
    concepts,
    find: (code, codeSystem) => byKey.get(`${codeSystem}|${code}`),
    withCode: (code) => concepts.filter((c) => c.code === code),
  };
}

/**
 * Recognises the eight header value sets among the given SVS texts (any order, extra sets
 * ignored). Throws CdaError CDA_VALUE_SET_MISSING when one is absent.
 */
export function loadCdaValueSets(texts: Iterable<string>): CdaValueSets {
  const byOid = new Map<string, ValueSet>();
  for (const text of texts) {
    const set = parseValueSet(text);
    byOid.set(set.oid, set);
  }
  const out: Partial<Record<CdaValueSetKey, ValueSet>> = {};
  for (const [key, oid] of Object.entries(CDA_VALUE_SET_OIDS) as [CdaValueSetKey, string][]) {
    const set = byOid.get(oid);
    if (!set) {
      throw new CdaError(
        'CDA_VALUE_SET_MISSING',
        `Le jeu de valeurs ${key} (${oid}) est introuvable : l'installation de Navette est incomplète.`,
        { key, oid },
      );
    }
    out[key] = set;
  }
  return out as CdaValueSets;
}
