// What a token looks like and how it is reduced before storage. A token is `nvt_` followed by
// 256 random bits in base64url: the prefix lets secret scanners and people recognise it, the
// randomness makes guessing hopeless, and only its SHA-256 is ever stored.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_MARK = 'nvt_';
/** 32 random bytes = 43 base64url characters. */
const SECRET_BYTES = 32;
export const TOKEN_LENGTH = TOKEN_MARK.length + Math.ceil((SECRET_BYTES * 4) / 3);
/** How much of the token `list` shows: the mark and 8 characters (48 of the 256 bits). */
export const PREFIX_LENGTH = TOKEN_MARK.length + 8;

const TOKEN_PATTERN = new RegExp(
  `^${TOKEN_MARK}[A-Za-z0-9_-]{${TOKEN_LENGTH - TOKEN_MARK.length}}$`,
);
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

export function generateToken(): string {
  return TOKEN_MARK + randomBytes(SECRET_BYTES).toString('base64url');
}

/** SHA-256 of the token's UTF-8 bytes. */
export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function tokenPrefix(token: string): string {
  return token.slice(0, PREFIX_LENGTH);
}

/** Whether `value` has the shape of a token (a cheap filter before any hashing). */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function isValidTokenName(name: string): boolean {
  return NAME_PATTERN.test(name);
}
