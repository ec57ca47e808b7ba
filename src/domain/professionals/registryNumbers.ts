// Check rules of the French registry numbers inside professional and structure identifiers.
// - SIREN (INSEE, 9 digits) and SIRET (SIREN + 5-digit NIC): Luhn. Exception: La Poste's
//   establishments (SIREN 356000000) have SIRETs whose digit sum is a multiple of 5 instead.
// - FINESS (9 characters: department 2 chars, then 6 digits, then a key): the key is Luhn over
//   the 9 digits. Corsican FINESS start with 2A/2B; test FINESS of the DMP platform contain
//   letters too (`0B0127189` in DMP-INTERFACE §4). No published rule covers letters, so their
//   key is reported as "not applicable" (null), never as invalid.
// - RPPS (11 digits): Luhn on the 11 digits (the test card 899900063480 passes it).
// - ADELI (9 characters: department 2 chars + 7 digits): no public key rule; format only.
import { luhnValid } from './luhn.js';

export const LA_POSTE_SIREN = '356000000';

export function isSirenFormat(value: string): boolean {
  return /^[0-9]{9}$/.test(value);
}

export function isValidSiren(value: string): boolean {
  return isSirenFormat(value) && luhnValid(value);
}

export function isSiretFormat(value: string): boolean {
  return /^[0-9]{14}$/.test(value);
}

export function isValidSiret(value: string): boolean {
  if (!isSiretFormat(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (const ch of value) sum += ch.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(value);
}

export function isFinessFormat(value: string): boolean {
  return /^[0-9A-Z]{9}$/.test(value);
}

/** true/false for an all-digit FINESS, null when its key rule does not apply (letters). */
export function finessCheckDigitValid(value: string): boolean | null {
  if (!isFinessFormat(value)) return false;
  return /^[0-9]{9}$/.test(value) ? luhnValid(value) : null;
}

export function isRppsFormat(value: string): boolean {
  return /^[0-9]{11}$/.test(value);
}

export function isValidRpps(value: string): boolean {
  return isRppsFormat(value) && luhnValid(value);
}

export function isAdeliFormat(value: string): boolean {
  return /^(?:[0-9]{2}|2A|2B)[0-9]{7}$/.test(value);
}
