/**
 * GS1 character sets (GS1 General Specifications §7.11): CSET 82 for alphanumeric AI data,
 * CSET 39 for a few identifiers (CPID), CSET 64 (base64url) for digital signatures, and
 * CSET 32 for the GMN check-character pair.
 */
import type { CharacterSet } from './syntax-dictionary.js';

/** CSET 82 in GS1's order; a character's index is its value in the `csumalpha` check. */
export const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
/** CSET 39: `#`, `-`, `/`, digits and upper-case letters. */
export const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** CSET 64: the base64url alphabet, plus `=` padding. */
export const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=';
/** CSET 32, used for the two check characters of a GMN. */
export const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}

const TABLES: Record<CharacterSet, Uint8Array> = {
  N: table('0123456789'),
  X: table(CSET82),
  Y: table(CSET39),
  Z: table(CSET64),
};

/** Index of the first character of `value` outside `set`, or -1 when all are inside. */
export function firstInvalidCharacter(value: string, set: CharacterSet, from = 0, to = value.length): number {
  const t = TABLES[set];
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c > 127 || t[c] === 0) return i;
  }
  return -1;
}

export function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export const CHARACTER_SET_NAMES: Record<CharacterSet, string> = {
  N: 'digits',
  X: 'GS1 CSET 82 characters',
  Y: 'GS1 CSET 39 characters (# - / 0-9 A-Z)',
  Z: 'GS1 CSET 64 characters (base64url)',
};
