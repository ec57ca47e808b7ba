// Luhn (mod 10) check used by French registries: SIREN (9 digits), SIRET (14), FINESS (9, key
// on the 9th digit) and RPPS (11, key on the 11th digit).

/** True when the digit string passes the Luhn check. Non-digit input is never valid. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit to append to `digits`. */
export function luhnCheckDigit(digits: string): string {
  for (let c = 0; c <= 9; c++) if (luhnValid(digits + String(c))) return String(c);
  /* c8 ignore next -- unreachable: one of the ten digits always completes the sum */
  throw new RangeError('luhnCheckDigit: digits only');
}
