// The per-installation key of the audit journal's patient references (patientReference): read
// from the data folder, created once (owner-only) on first use. Sending, consultation and import
// all journal with it, so a patient's entries can be found again whoever wrote them.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The per-installation key of the journal's patient references, in the data folder. */
export const PATIENT_KEY_FILE = 'patient-ref.key';

/** Reads the key (32 random bytes) the journal's patient references are computed with. */
export function patientReferenceKey(dataDir: string): Buffer {
  const file = path.join(dataDir, PATIENT_KEY_FILE);
  const existing = existsSync(file) ? readFileSync(file) : undefined;
  if (existing !== undefined && existing.byteLength >= 32) return existing;
  const key = randomBytes(32);
  try {
    // 'wx': two processes creating it at once must not end up with two keys. A truncated key
    // (unusable: references need 32 bytes) is replaced.
    writeFileSync(file, key, { flag: existing === undefined ? 'wx' : 'w', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file);
  }
  chmodSync(file, 0o600);
  return key;
}
