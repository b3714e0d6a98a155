/**
 * Helpers for the tests of the code schemes (imported by `*.test.ts` files only, never by the
 * library). The reference check-digit functions here are written from code-formats.md, independently
 * of the implementations under test, so that a test can fail when an implementation is wrong.
 */
import { expect } from 'vitest';
import { SuyuanError, type SuyuanErrorCode } from '../errors.js';
import { normaliseCodeText } from './normalise.js';
import { toCodeInput } from './parse-code.js';
import { isRejection, type CodeInput, type CodeScheme, type SchemeReading, type SchemeRejection } from './scheme.js';
import type { SchemeFields } from './fields.js';

export { expectSuyuanError } from '../test-support.js';

/** The `CodeInput` `parseCode` would hand a scheme for `text`. */
export function codeInput(text: string): CodeInput {
  return toCodeInput(text, normaliseCodeText(text));
}

/** What `scheme` makes of `text`. */
export function readAs<S extends keyof SchemeFields>(scheme: CodeScheme<S>, text: string): SchemeReading<S> | SchemeRejection | undefined {
  return scheme.read(codeInput(text));
}

/** Asserts that `scheme` reads `text` and returns the reading. */
export function expectReading<S extends keyof SchemeFields>(scheme: CodeScheme<S>, text: string): SchemeReading<S> {
  const outcome = readAs(scheme, text);
  expect(outcome, `${scheme.id} should read ${JSON.stringify(text)}`).toBeDefined();
  if (outcome && isRejection(outcome)) {
    throw new Error(`${scheme.id} rejected ${JSON.stringify(text)}: ${outcome.error.code} ${outcome.error.message}`);
  }
  return outcome as SchemeReading<S>;
}

/** Asserts that `scheme` rejects `text` (it has the shape, a check failed) and returns the rejection. */
export function expectRejection(scheme: CodeScheme, text: string, code: SuyuanErrorCode): SchemeRejection {
  const outcome = readAs(scheme, text);
  expect(outcome, `${scheme.id} should reject ${JSON.stringify(text)}`).toBeDefined();
  if (!outcome || !isRejection(outcome)) throw new Error(`${scheme.id} accepted ${JSON.stringify(text)}`);
  expect(outcome.error).toBeInstanceOf(SuyuanError);
  expect(outcome.error.code).toBe(code);
  return outcome;
}

/** Every string that differs from `code` in exactly one position, by a character of `alphabet`. */
export function singleSubstitutions(code: string, alphabet: string): { mutant: string; position: number; from: string; to: string }[] {
  const out: { mutant: string; position: number; from: string; to: string }[] = [];
  for (let position = 0; position < code.length; position++) {
    for (const to of alphabet) {
      if (to === code[position]) continue;
      out.push({ mutant: code.slice(0, position) + to + code.slice(position + 1), position, from: code[position]!, to });
    }
  }
  return out;
}

/** GS1 mod-10 check digit (weights 3, 1, 3, 1 … from the right, over the digits before the check digit). */
export function refGs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

/** CAS check digit: Σ(i·dᵢ) mod 10, i counted from 1 at the rightmost body digit. */
export function refCasCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i + 1);
  return String(sum % 10);
}

export const REF_USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const REF_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** USCC check character: 31 − (Σ value·weight mod 31), 31 → 0, over the first 17 characters. */
export function refUsccCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += REF_USCC_CHARACTERS.indexOf(body[i]!) * REF_USCC_WEIGHTS[i]!;
  return REF_USCC_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

/** Full-width form of printable ASCII (what a Chinese input method types). */
export function toFullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
