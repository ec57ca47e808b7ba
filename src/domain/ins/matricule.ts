// The INS matricule: a NIR (numéro d'inscription au répertoire, INSEE) or a NIA (numéro
// d'identification d'attente), always 13 characters + a 2-digit key.
//
// Layout (décret 82-103 art. 4; INSEE; Service-Public F33078):
//   [0]     sex: 1 man, 2 woman. 3/4 and 7/8 are older/provisional series (foreign-born people
//           being registered, temporary numbers); accepted, odd = man, even = woman.
//   [1-2]   last two digits of the birth year.
//   [3-4]   birth month 01-12. INSEE registers people whose civil-status document lacks the
//           month under a pseudo-month: 20-30 or 50-99, and 31-42 in older registrations. We
//           accept 20-42 and 50-99 as "month unknown", and reject 00, 13-19 and 43-49.
//   [5-9]   birth place. Metropolitan France: department (2 chars: 01-95, 2A/2B for Corsica
//           since 1976, 20 before) + INSEE commune (3 digits). Overseas: 97x/98x (3 digits) +
//           commune (2 digits). Born abroad: 99 + INSEE country code. 91-96 also carry births in
//           Algeria, Morocco and Tunisia before independence.
//   [10-12] order number of the birth certificate in that commune and month (001-999).
//   [13-14] key = 97 - (13-digit number mod 97), 01..97. Corsica: 2A counts as 19, 2B as 18.
//
// The NIA (assigned by the CNAV's SNGI to people born abroad while their civil status is being
// checked) is "constitué comme un NIR" (circulaire DSS/SD4C 2012-213) with the same key, and
// keeps its number when it becomes a NIR. Nothing in the digits tells a NIA from a NIR: only
// the INS OID (1.2.250.1.213.1.4.9) does. Both therefore go through this one validator.
import { insError } from './InsError.js';

export type Sex = 'M' | 'F';

export interface MatriculeParts {
  /** The normalised 15 characters. */
  readonly value: string;
  /** The 13 characters before the key. */
  readonly body: string;
  readonly key: string;
  readonly sexDigit: string;
  readonly sex: Sex;
  readonly birthYear: string;
  readonly birthMonth: string;
  /** False for INSEE pseudo-months (20-42, 50-99). */
  readonly monthKnown: boolean;
  /** '75', '2A', '971', '99'… */
  readonly department: string;
  readonly commune: string;
  readonly order: string;
  readonly bornAbroad: boolean;
  readonly overseas: boolean;
  readonly corsica: boolean;
}

const SEX_DIGITS = new Set(['1', '2', '3', '4', '7', '8']);
const OVERSEAS = /^(97[1-8]|98[4-9])$/;

/** Removes every kind of space and upper-cases the Corsican letters: "2 07 05 2a…" → "207052A…". */
export function normalizeMatricule(input: string): string {
  return input.replace(/[\s\u00a0\u202f]+/g, '').toUpperCase();
}

/** 97 − (n mod 97) over the 13-character body, with 2A → 19 and 2B → 18. Returns 2 digits. */
export function computeMatriculeKey(body: string): string {
  if (!/^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}$/.test(body)) {
    throw insError(
      'INS_CHARS',
      'Le matricule INS sans sa clé doit comporter 13 caractères : des chiffres, avec 2A ou 2B en 6e et 7e position pour la Corse.',
    );
  }
  const numeric =
    body.slice(0, 5) + body.slice(5, 7).replace('2A', '19').replace('2B', '18') + body.slice(7);
  let rest = 0;
  for (const ch of numeric) rest = (rest * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return String(97 - rest).padStart(2, '0');
}

function checkCharacters(value: string): void {
  if (value.length === 0) {
    throw insError(
      'INS_EMPTY',
      'Le matricule INS est vide. Saisissez les 15 caractères du matricule (clé comprise).',
    );
  }
  const bad = /[^0-9AB]/.exec(value);
  if (bad) {
    throw insError(
      'INS_CHARS',
      `Le matricule INS contient un caractère non autorisé en position ${bad.index + 1}. ` +
        'Seuls les chiffres sont admis, ainsi que 2A ou 2B pour un lieu de naissance en Corse.',
      { position: bad.index + 1 },
    );
  }
  if (value.length !== 15) {
    throw insError(
      'INS_LENGTH',
      `Le matricule INS doit comporter 15 caractères (13 caractères et une clé de 2 chiffres) ; ` +
        `celui saisi en comporte ${value.length}. Vérifiez qu'il ne manque pas de chiffre et que la clé est présente.`,
      { length: value.length },
    );
  }
  const letter = /[AB]/.exec(value);
  if (letter && !(letter.index === 6 && value[5] === '2' && /^[0-9]*$/.test(value.slice(7)))) {
    throw insError(
      'INS_CHARS',
      `Le matricule INS contient une lettre en position ${letter.index + 1} : seules les formes 2A et 2B ` +
        '(Corse) sont admises, en 6e et 7e position.',
      { position: letter.index + 1 },
    );
  }
}

function monthStatus(month: number): 'known' | 'pseudo' | 'invalid' {
  if (month >= 1 && month <= 12) return 'known';
  if ((month >= 20 && month <= 42) || (month >= 50 && month <= 99)) return 'pseudo';
  return 'invalid';
}

/**
 * Validates a matricule (NIR or NIA) and returns its parts. Throws `InsError` with a precise
 * code: INS_EMPTY, INS_CHARS, INS_LENGTH, INS_SEX_INVALID, INS_MONTH_INVALID,
 * INS_DEPARTMENT_INVALID, INS_COMMUNE_INVALID, INS_ORDER_INVALID, INS_KEY_INVALID.
 */
export function parseMatricule(input: string): MatriculeParts {
  const value = normalizeMatricule(input);
  checkCharacters(value);
  const body = value.slice(0, 13);
  const key = value.slice(13);

  const sexDigit = value.charAt(0);
  if (!SEX_DIGITS.has(sexDigit)) {
    throw insError(
      'INS_SEX_INVALID',
      'Le premier chiffre du matricule INS (sexe) doit être 1 ou 2. Vérifiez la saisie.',
      { position: 1 },
    );
  }
  const birthMonth = value.slice(3, 5);
  const month = monthStatus(Number(birthMonth));
  if (month === 'invalid') {
    throw insError(
      'INS_MONTH_INVALID',
      'Les 4e et 5e chiffres du matricule INS (mois de naissance) ne correspondent à aucun mois possible. Vérifiez la saisie.',
      { position: 4 },
    );
  }
  const dept2 = value.slice(5, 7);
  const overseas = dept2 === '97' || dept2 === '98';
  const department = overseas ? value.slice(5, 8) : dept2;
  const commune = overseas ? value.slice(8, 10) : value.slice(7, 10);
  if (dept2 === '00' || (overseas && !OVERSEAS.test(department))) {
    throw insError(
      'INS_DEPARTMENT_INVALID',
      'Les 6e et 7e caractères du matricule INS (département de naissance) ne correspondent à aucun département. Vérifiez la saisie.',
      { position: 6 },
    );
  }
  if (/^0+$/.test(commune)) {
    throw insError(
      'INS_COMMUNE_INVALID',
      'Le code de la commune (ou du pays) de naissance dans le matricule INS ne peut pas être nul. Vérifiez la saisie.',
      { position: 11 - commune.length },
    );
  }
  const order = value.slice(10, 13);
  if (order === '000') {
    throw insError(
      'INS_ORDER_INVALID',
      "Le numéro d'ordre du matricule INS (11e à 13e chiffres) ne peut pas être 000. Vérifiez la saisie.",
      { position: 11 },
    );
  }
  if (computeMatriculeKey(body) !== key) {
    throw insError(
      'INS_KEY_INVALID',
      'La clé du matricule INS (2 derniers chiffres) ne correspond pas aux 13 premiers caractères : ' +
        "un chiffre a probablement été mal saisi. Vérifiez le matricule sur la carte Vitale ou l'attestation.",
    );
  }
  return {
    value,
    body,
    key,
    sexDigit,
    sex: Number(sexDigit) % 2 === 1 ? 'M' : 'F',
    birthYear: value.slice(1, 3),
    birthMonth,
    monthKnown: month === 'known',
    department,
    commune,
    order,
    bornAbroad: dept2 === '99',
    overseas,
    corsica: dept2 === '2A' || dept2 === '2B',
  };
}

/** True when `parseMatricule` would accept the input. */
export function isValidMatricule(input: string): boolean {
  try {
    parseMatricule(input);
    return true;
  } catch {
    return false;
  }
}
