import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectRejection, expectSuyuanError, readAs, toFullWidth } from '../test-helpers.js';
import { cnDetonator } from './cn-detonator.js';

describe('cn-detonator: industrial detonator code (GA 441)', () => {
  it.each([
    ['5360815A12345', { enterpriseCode: '53', yearDigit: '6', month: 8, day: 15, featureCharacter: 'A', sequence: '12345' }],
    ['0690123456789', { enterpriseCode: '06', yearDigit: '9', month: 1, day: 23, featureCharacter: '4', sequence: '56789' }],
    ['1141231Z00001', { enterpriseCode: '11', yearDigit: '4', month: 12, day: 31, featureCharacter: 'Z', sequence: '00001' }],
    ['1100229000000', { enterpriseCode: '11', yearDigit: '0', month: 2, day: 29, featureCharacter: '0', sequence: '00000' }],
  ])('reads %s', (code, fields) => {
    expect(expectReading(cnDetonator, code)).toEqual({ evidence: 'shape', canonical: code, fields, checks: [{ check: 'date', status: 'passed' }] });
  });

  it('reads a lower-case feature character in upper case', () => {
    expect(expectReading(cnDetonator, '5360815a12345').canonical).toBe('5360815A12345');
  });

  it.each([
    ['month 13', '5361315A12345'],
    ['month 00', '5360015A12345'],
    ['day 00', '5360800A12345'],
    ['31 April', '5360431A12345'],
    ['30 February', '5360230A12345'],
  ])('rejects %s as not a real date', (_label, code) => {
    const rejection = expectRejection(cnDetonator, code, 'CODE_DATE');
    expect(rejection.evidence).toBe('shape');
    expect(rejection.error.details).toMatchObject({ scheme: 'cn-detonator', position: 3, expected: 'MMDD' });
  });

  describe('shape', () => {
    it.each([
      ['12 characters', '5360815A1234'],
      ['14 characters', '5360815A123456'],
      ['a letter in the enterprise code', 'A360815A12345'],
      ['a letter in the sequence', '5360815A1234B'],
      ['a punctuation feature character', '5360815-12345'],
    ])('is not read with %s', (_label, text) => {
      expect(readAs(cnDetonator, text)).toBeUndefined();
    });

    it.each([
      ['full-width', toFullWidth('5360815A12345')],
      ['full-width lower case', toFullWidth('5360815a12345')],
      ['spaces', '53 6 08 15 A 12345'],
      ['a line break', '5360815\nA12345'],
    ])('is read with %s', (_label, text) => {
      const parsed = parseCode(text);
      expect(parsed.scheme).toBe('cn-detonator');
      expect(parsed.canonical).toBe('5360815A12345');
    });
  });

  it('is only an alternative when the 13 digits are also a valid GTIN-13', () => {
    const parsed = parseCode('6901010012349');
    expect(parsed.scheme).toBe('gs1');
    expect(parsed.alternatives?.map((a) => [a.scheme, a.canonical])).toEqual([['cn-detonator', '6901010012349']]);
  });

  it('is read when forced even though the digits fail the GTIN check', () => {
    expectSuyuanError(() => parseCode('0690123456789'), 'CODE_CHECK_DIGIT', { candidates: ['cn-detonator'] });
    const forced = parseCode('0690123456789', { scheme: 'cn-detonator' });
    expect(forced.scheme).toBe('cn-detonator');
    expect(forced.alternatives).toBeUndefined();
  });
});
