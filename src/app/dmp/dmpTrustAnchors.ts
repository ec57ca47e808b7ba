// The anchors the DMP server's certificate must chain to: the configured PEM files. Navette does
// not bundle the IGC-Santé roots yet (docs/configuration.md promises them for an empty list), so
// an empty list is refused with the setting to fix rather than falling back on any other store.
import { readTrustAnchors } from '../../transport/index.js';
import type { NavetteConfig } from '../config/index.js';
import { dmpSetupErrors } from './DmpSetupError.js';

/** PEM texts of the configured anchors (TRANSPORT_TRUST_ANCHORS_INVALID when unreadable). */
export function loadDmpTrustAnchors(config: NavetteConfig): string[] {
  if (config.dmp.trustAnchors.length === 0) throw dmpSetupErrors.trustAnchorsMissing();
  return readTrustAnchors(config.dmp.trustAnchors);
}
