/**
 * GS1 check digits (GS1 General Specifications §7.9): the mod-10 check digit of GTIN, GLN, SSCC
 * and friends, and the mod-1021 check-character pair of the GMN (`csumalpha`).
 */
import { SuyuanError, excerpt } from '../errors.js';
import { CSET32, CSET82, isDigits } from './character-sets.js';

/** The mod-10 check digit for `body` (the digits before the check digit). */
export function gs1CheckDigit(body: string): number {
  if (!isDigits(body)) {
    throw new SuyuanError('CODE_CHARSET', `A GS1 check digit is computed over digits only, got ${excerpt(body)}.`, {
      expected: 'digits',
      received: body,
    });
  }
  let sum = 0;
  let weight = 3;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += (body.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether the last digit of `digits` is the correct mod-10 check digit of the rest. */
export function hasValidCheckDigit(digits: string): boolean {
  return digits.length >= 2 && isDigits(digits) && gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** Whether `code` is a GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return [8, 12, 13, 14].includes(code.length) && hasValidCheckDigit(code);
}

/** A GLN is 13 digits with a correct check digit. */
export function isValidGln(code: string): boolean {
  return code.length === 13 && hasValidCheckDigit(code);
}

/** An SSCC is 18 digits with a correct check digit. */
export function isValidSscc(code: string): boolean {
  return code.length === 18 && hasValidCheckDigit(code);
}

/** A GTIN-8/12/13/14 padded with leading zeros to the 14 digits of AI (01). */
export function toGtin14(code: string): string {
  if (!isValidGtin(code)) {
    throw new SuyuanError('CODE_CHECK_DIGIT', `${excerpt(code)} is not a GTIN-8, -12, -13 or -14 with a correct check digit.`, {
      expected: 'GTIN-8, GTIN-12, GTIN-13 or GTIN-14',
      received: code,
    });
  }
  return code.padStart(14, '0');
}

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];

/**
 * The two GS1 check characters (from CSET 32) of `body`, a CSET 82 string of at most 23 characters:
 * each character's CSET 82 value times a prime weight (2 for the rightmost), summed mod 1021.
 */
export function gs1CheckCharacters(body: string): string {
  if (body.length > PRIMES.length) {
    throw new SuyuanError('CODE_LENGTH', `GS1 check characters cover at most ${PRIMES.length} characters, got ${body.length}.`, {
      expected: `at most ${PRIMES.length} characters`,
    });
  }
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = CSET82.indexOf(body[i]!);
    if (value < 0) {
      throw new SuyuanError('CODE_CHARSET', `${excerpt(body[i]!)} is not a GS1 CSET 82 character.`, { position: i });
    }
    sum += value * PRIMES[body.length - 1 - i]!;
  }
  sum %= 1021;
  return CSET32[sum >> 5]! + CSET32[sum & 31]!;
}
