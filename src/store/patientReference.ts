// The only form in which a patient identifier reaches the audit journal.
import { createHmac } from 'node:crypto';

/** Shape of a patient reference: HMAC-SHA-256 in lower-case hex. */
export const PATIENT_REF_PATTERN = /^[0-9a-f]{64}$/;

/**
 * HMAC-SHA-256 of the patient's identifier (INS matricule, trimmed, upper-case for Corsican 2A/2B)
 * under `key`, in lower-case hex. Without the key, the reference cannot be turned back into an
 * INS by trying every NIR (a plain hash could: there are only ~10^13 of them). With the key, the
 * journal can still be searched for a patient whose INS is presented again.
 *
 * `key` is a per-installation secret of at least 32 random bytes, kept by the application like the
 * other secrets (safeStorage); losing it only loses the ability to search the journal by patient.
 */
export function patientReference(key: Uint8Array, patientId: string): string {
  if (key.byteLength < 32) throw new RangeError('patient reference key must be at least 32 bytes');
  const normalised = patientId.trim().toUpperCase();
  if (normalised === '') throw new RangeError('patient identifier is empty');
  return createHmac('sha256', key).update(normalised, 'utf8').digest('hex');
}
