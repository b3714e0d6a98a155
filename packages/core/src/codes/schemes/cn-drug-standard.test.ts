import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectRejection, expectSuyuanError, readAs, refGs1CheckDigit, singleSubstitutions, toFullWidth } from '../test-helpers.js';
import { cnDrugStandard } from './cn-drug-standard.js';

// 86 (China) + 9 (drugs) + 5 enterprise + 5 product + GS1 mod-10 check digit.
const VALID: [string, string, string][] = [
  ['86901234567898', '01234', '56789'],
  ['86900000000003', '00000', '00000'],
  ['86979474000086', '79474', '00008'],
];

describe('cn-drug-standard: national drug standard code 药品本位码', () => {
  it.each(VALID)('reads %s', (code, enterpriseCode, productCode) => {
    expect(refGs1CheckDigit(code.slice(0, 13))).toBe(code[13]);
    expect(expectReading(cnDrugStandard, code)).toEqual({
      evidence: 'check',
      canonical: code,
      fields: { enterpriseCode, productCode, checkDigit: code[13] },
      checks: [{ check: 'csum', status: 'passed' }],
    });
  });

  it.each(VALID)('%s is read by parseCode as a drug standard code with the GTIN-14 as alternative', (code) => {
    const parsed = parseCode(code);
    expect(parsed.scheme).toBe('cn-drug-standard');
    expect(parsed.evidence).toBe('check');
    expect(parsed.alternatives?.map((a) => a.scheme)).toEqual(['gs1']);
    const gtin = parsed.alternatives![0]!;
    expect(gtin.canonical).toBe(`(01)${code}`);
    expect(gtin.scheme === 'gs1' && gtin.fields.gtin).toBe(code);
  });

  it('rejects a wrong check digit', () => {
    const rejection = expectRejection(cnDrugStandard, '86901234567894', 'CODE_CHECK_DIGIT');
    expect(rejection.evidence).toBe('check');
    expect(rejection.error.details).toEqual({ scheme: 'cn-drug-standard', position: 13, expected: '8', received: '4' });
    expectSuyuanError(() => parseCode('86901234567894'), 'CODE_CHECK_DIGIT');
  });

  describe('every single-digit substitution of a valid code is rejected', () => {
    // Mod 10 with weights 3 and 1: 3·Δ and 1·Δ are never multiples of 10 for 0 < |Δ| < 10.
    it.each(VALID.map(([c]) => c))('%s', (code) => {
      const mutants = singleSubstitutions(code, '0123456789');
      expect(mutants).toHaveLength(14 * 9);
      for (const { mutant, position } of mutants) {
        const outcome = readAs(cnDrugStandard, mutant);
        if (position < 3) {
          // No longer starts with 869: not a drug standard code.
          expect(outcome, mutant).toBeUndefined();
          expectSuyuanError(() => parseCode(mutant, { scheme: 'cn-drug-standard' }), 'CODE_FORMAT', { scheme: 'cn-drug-standard' });
        } else {
          expectRejection(cnDrugStandard, mutant, 'CODE_CHECK_DIGIT');
          expectSuyuanError(() => parseCode(mutant, { scheme: 'cn-drug-standard' }), 'CODE_CHECK_DIGIT', { scheme: 'cn-drug-standard' });
        }
      }
    });
  });

  describe('shape', () => {
    it.each([
      ['13 digits', '8690123456789'],
      ['15 digits', '869012345678980'],
      ['prefix 868', '86801234567899'],
      ['prefix 879', '87901234567898'],
      ['a letter', '8690123456789A'],
    ])('is not read with %s', (_label, text) => {
      expect(readAs(cnDrugStandard, text)).toBeUndefined();
    });

    it.each([
      ['full-width digits', toFullWidth('86901234567898')],
      ['spaces', '869 01234 56789 8'],
      ['a line break', '8690123\n4567898'],
    ])('is read with %s', (_label, text) => {
      const parsed = parseCode(text);
      expect(parsed.scheme).toBe('cn-drug-standard');
      expect(parsed.canonical).toBe('86901234567898');
    });
  });
});
