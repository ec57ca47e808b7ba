// The bridge between the domain's document visibility (domain/documents/visibility.ts) and the
// confidentialityCode classifications of XDS metadata: the domain says `codeSystem`, ebRIM says
// `codingScheme`. Used to build TD2.1 lots and TD3.3a/b visibility updates, and to read TD3.1.
import {
  visibilityFromConfidentialityCodes,
  visibilityToConfidentialityCodes,
  type DocumentVisibility,
  type ReadVisibility,
} from '../../domain/documents/visibility.js';
import type { DocumentEntry, XdsCode } from './metadata.js';

/** N, then one DMP code per restriction, as XDS codes. */
export function confidentialityCodesFor(visibility: DocumentVisibility): XdsCode[] {
  return visibilityToConfidentialityCodes(visibility).map((c) => ({
    code: c.code,
    codingScheme: c.codeSystem,
    displayName: c.displayName,
  }));
}

/**
 * The visibility an entry's confidentialityCodes say. Throws VISIBILITY_CODE_UNKNOWN on a code
 * of the DMP visibility system Navette does not know (never guess a document is visible).
 */
export function visibilityOfEntry(
  entry: Pick<DocumentEntry, 'confidentialityCodes'>,
): ReadVisibility {
  return visibilityFromConfidentialityCodes(
    entry.confidentialityCodes.map((c) => ({ code: c.code, codeSystem: c.codingScheme })),
  );
}
