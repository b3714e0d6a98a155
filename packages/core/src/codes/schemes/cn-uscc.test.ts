import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import {
  expectReading,
  expectRejection,
  expectSuyuanError,
  readAs,
  REF_USCC_CHARACTERS,
  refUsccCheckCharacter,
  singleSubstitutions,
  toFullWidth,
} from '../test-helpers.js';
import { cnUscc, isValidUscc, usccCheckCharacter, USCC_CHARACTERS } from './cn-uscc.js';

// 91350100M000100Y43 is the worked example of code-formats.md; the others have check characters
// computed with the reference function of test-helpers (and cross-checked below).
const VALID = ['91350100M000100Y43', '91110000600037341L', '12100000400012345P', '91310000MA1FL1234Q', '11100000000013127D'];

describe('cn-uscc: unified social credit code (GB 32100-2015)', () => {
  it('uses the 31 characters 0-9A-HJ-NPQRTUWXY (no I, O, Z, S, V)', () => {
    expect(USCC_CHARACTERS).toBe(REF_USCC_CHARACTERS);
    expect(USCC_CHARACTERS).toHaveLength(31);
    for (const excluded of 'IOZSV') expect(USCC_CHARACTERS).not.toContain(excluded);
  });

  it('computes the worked example check character 3 of 91350100M000100Y4', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(refUsccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it.each(VALID)('reads %s with its check character verified', (code) => {
    expect(refUsccCheckCharacter(code)).toBe(code[17]);
    const reading = expectReading(cnUscc, code);
    expect(reading).toEqual({
      evidence: 'check',
      canonical: code,
      fields: { code, checkCharacter: code[17] },
      checks: [{ check: 'uscc-check-character', status: 'passed' }],
    });
    const parsed = parseCode(code);
    expect(parsed.scheme).toBe('cn-uscc');
    expect(parsed.canonical).toBe(code);
  });

  it('maps a check value of 31 to 0 (31 − (Σ mod 31) with Σ mod 31 = 0)', () => {
    // Search a body whose weighted sum is a multiple of 31: its check character must be "0".
    const body = '9135010000000000';
    const found = USCC_CHARACTERS.split('').map((c) => body + c).find((b) => refUsccCheckCharacter(b) === '0');
    expect(found).toBeDefined();
    expect(usccCheckCharacter(found!)).toBe('0');
    expect(expectReading(cnUscc, `${found}0`).canonical).toBe(`${found}0`);
  });

  it('agrees with the reference check character on many bodies', () => {
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let body = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        body += USCC_CHARACTERS[seed % 31];
      }
      expect(usccCheckCharacter(body)).toBe(refUsccCheckCharacter(body));
    }
  });

  describe('every single-character substitution of a valid code is rejected', () => {
    // Weights are powers of 3 modulo 31, all non-zero, and 31 is prime: a substitution changes the
    // sum by w·Δ with 0 < |Δ| < 31, never a multiple of 31. So the check detects every one.
    it.each(VALID)('%s', (code) => {
      const mutants = singleSubstitutions(code, USCC_CHARACTERS);
      expect(mutants).toHaveLength(18 * 30);
      const accepted = mutants.filter(({ mutant }) => {
        const outcome = readAs(cnUscc, mutant);
        expect(outcome, mutant).toBeDefined();
        return outcome !== undefined && !('error' in outcome);
      });
      expect(accepted).toEqual([]);
      for (const { mutant } of mutants) {
        const rejection = expectRejection(cnUscc, mutant, 'CODE_CHECK_DIGIT');
        expect(rejection.evidence).toBe('check');
        expect(rejection.error.details).toMatchObject({ scheme: 'cn-uscc', position: 17, received: mutant[17] });
      }
    });

    it('and parseCode forced to the scheme throws CODE_CHECK_DIGIT', () => {
      for (const { mutant } of singleSubstitutions('91350100M000100Y43', USCC_CHARACTERS)) {
        expectSuyuanError(() => parseCode(mutant, { scheme: 'cn-uscc' }), 'CODE_CHECK_DIGIT', { scheme: 'cn-uscc' });
      }
    });
  });

  it('reports the expected check character', () => {
    const rejection = expectRejection(cnUscc, '91350100M000100Y44', 'CODE_CHECK_DIGIT');
    expect(rejection.error.details).toEqual({ scheme: 'cn-uscc', position: 17, expected: '3', received: '4' });
  });

  describe('shape', () => {
    it.each([
      ['17 characters', '91350100M000100Y4'],
      ['19 characters', '91350100M000100Y433'],
      ['the excluded letter I', '91350100I000100Y43'],
      ['the excluded letter O', '91350100O000100Y43'],
      ['the excluded letter Z', '91350100Z000100Y43'],
      ['the excluded letter S', '91350100S000100Y43'],
      ['the excluded letter V', '91350100V000100Y43'],
      ['a hyphen', '91350100-000100Y43'],
    ])('is not read with %s', (_label, text) => {
      expect(readAs(cnUscc, text)).toBeUndefined();
      expectSuyuanError(() => parseCode(text, { scheme: 'cn-uscc' }), 'CODE_FORMAT', { scheme: 'cn-uscc' });
    });

    it.each([
      ['lower case', '91350100m000100y43'],
      ['full-width (IME)', toFullWidth('91350100M000100Y43')],
      ['full-width lower case', toFullWidth('91350100m000100y43')],
      ['embedded spaces', '9135 0100 M000 100Y 43'],
      ['an ideographic space', '91350100\u3000M000100Y43'],
      ['an embedded line break', '913501\n00M000100Y43'],
      ['CRLF at the end', '91350100M000100Y43\r\n'],
      ['a zero-width space', '91350100\u200bM000100Y43'],
    ])('is read with %s, canonical upper case', (_label, text) => {
      const parsed = parseCode(text);
      expect(parsed.scheme).toBe('cn-uscc');
      expect(parsed.canonical).toBe('91350100M000100Y43');
      expect(parsed.input).toBe(text);
    });
  });
});
