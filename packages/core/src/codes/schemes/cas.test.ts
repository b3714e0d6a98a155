import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectRejection, expectSuyuanError, readAs, refCasCheckDigit, singleSubstitutions, toFullWidth } from '../test-helpers.js';
import { cas, casCheckDigit } from './cas.js';

// 7732-18-5 (water) and 64-17-5 (ethanol) are the worked examples of code-formats.md.
const VALID: [string, string][] = [
  ['7732-18-5', 'water'],
  ['64-17-5', 'ethanol'],
  ['50-00-0', 'formaldehyde'],
  ['7440-44-0', 'carbon'],
  ['10028-15-6', 'ozone'],
  ['1071-83-6', 'glyphosate'],
  ['9002-88-4', 'polyethylene'],
  ['1234567-89-5', 'a 7-digit first part'],
];

/** The single substitutions of digits a weighted mod-10 sum cannot see: weight·Δ ≡ 0 (mod 10). */
function undetectable(code: string): string[] {
  const [first, second, check] = code.split('-') as [string, string, string];
  const body = first + second;
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const weight = body.length - i;
    for (let d = 0; d <= 9; d++) {
      if (String(d) === body[i] || (weight * (d - Number(body[i]))) % 10 !== 0) continue;
      const mutated = body.slice(0, i) + d + body.slice(i + 1);
      out.push(`${mutated.slice(0, first.length)}-${mutated.slice(first.length)}-${check}`);
    }
  }
  return out.sort();
}

describe('cas: CAS Registry Number', () => {
  it('computes the check digits of the worked examples', () => {
    expect(casCheckDigit('773218')).toBe(5);
    expect(casCheckDigit('6417')).toBe(5);
    expect(refCasCheckDigit('773218')).toBe('5');
    expect(refCasCheckDigit('6417')).toBe('5');
  });

  it.each(VALID)('reads %s (%s)', (code) => {
    expect(refCasCheckDigit(code.replace(/-/g, '').slice(0, -1))).toBe(code.at(-1));
    expect(expectReading(cas, code)).toEqual({
      evidence: 'check',
      canonical: code,
      fields: { number: code, checkDigit: code.at(-1) },
      checks: [{ check: 'cas-check-digit', status: 'passed' }],
    });
    const parsed = parseCode(code);
    expect(parsed.scheme).toBe('cas');
    expect(parsed.canonical).toBe(code);
  });

  it('rejects a wrong check digit with the expected one', () => {
    const rejection = expectRejection(cas, '7732-18-4', 'CODE_CHECK_DIGIT');
    expect(rejection.evidence).toBe('check');
    expect(rejection.error.details).toEqual({ scheme: 'cas', position: 8, expected: '5', received: '4' });
    expectSuyuanError(() => parseCode('7732-18-4'), 'CODE_CHECK_DIGIT', { scheme: 'cas' });
  });

  describe('single-character substitutions', () => {
    // Weights 1…9 modulo 10 are not all units: a substitution at weight 5 by an even difference, or at
    // an even weight by a difference of 5, keeps Σ mod 10. So the CAS check does NOT detect every
    // single substitution; the test asserts exactly which ones it misses.
    it.each(VALID)('%s: every substitution is rejected except the undetectable ones', (code) => {
      const mutants = singleSubstitutions(code, '0123456789-');
      const accepted: string[] = [];
      for (const { mutant } of mutants) {
        const outcome = readAs(cas, mutant);
        if (outcome === undefined) {
          // The hyphens moved or multiplied: not a CAS number's shape at all.
          expect(/^\d{2,7}-\d{2}-\d$/.test(mutant), mutant).toBe(false);
          expectSuyuanError(() => parseCode(mutant, { scheme: 'cas' }), 'CODE_FORMAT', { scheme: 'cas' });
        } else if ('error' in outcome) {
          expect(outcome.error.code).toBe('CODE_CHECK_DIGIT');
          expectSuyuanError(() => parseCode(mutant, { scheme: 'cas' }), 'CODE_CHECK_DIGIT', { scheme: 'cas' });
        } else {
          accepted.push(mutant);
        }
      }
      expect(accepted.sort()).toEqual(undetectable(code));
    });

    it('misses exactly these substitutions of 7732-18-5', () => {
      expect(undetectable('7732-18-5')).toEqual(['2732-18-5', '7132-18-5', '7332-18-5', '7532-18-5', '7782-18-5', '7932-18-5', '7732-68-5'].sort());
    });

    it('detects every substitution of the check digit itself', () => {
      for (const code of VALID.map(([c]) => c)) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code.at(-1)) continue;
          expectRejection(cas, code.slice(0, -1) + d, 'CODE_CHECK_DIGIT');
        }
      }
    });
  });

  describe('shape', () => {
    it.each([
      ['a 1-digit first part', '4-17-3'],
      ['an 8-digit first part', '12345678-90-0'],
      ['a 1-digit second part', '64-1-5'],
      ['a 3-digit second part', '64-170-5'],
      ['a 2-digit check part', '64-17-55'],
      ['no hyphens', '64175'],
      ['a letter', '64-1A-5'],
      ['a third hyphen', '64-17-5-0'],
    ])('is not read with %s', (_label, text) => {
      expect(readAs(cas, text)).toBeUndefined();
      expectSuyuanError(() => parseCode(text, { scheme: 'cas' }), 'CODE_FORMAT');
    });

    it.each([
      ['full-width digits and hyphens', toFullWidth('7732-18-5')],
      ['spaces around the hyphens', '7732 - 18 - 5'],
      ['a line break', '7732-\n18-5'],
      ['surrounding whitespace', '  7732-18-5\t'],
    ])('is read with %s', (_label, text) => {
      const parsed = parseCode(text);
      expect(parsed.scheme).toBe('cas');
      expect(parsed.canonical).toBe('7732-18-5');
    });
  });
});
