import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectSuyuanError, readAs, toFullWidth } from '../test-helpers.js';
import { cnDrugTrace } from './cn-drug-trace.js';

const NOT_CHECKED = { check: 'nmpa-check-characters', status: 'not-checked', note: 'the check algorithm of the 20-digit drug trace code is proprietary' };

describe('cn-drug-trace: drug trace code 药品追溯码 (20-digit form)', () => {
  it.each([
    ['83123456789012345678', '8312345', '678901234', '5678'],
    ['81000010000000000001', '8100001', '000000000', '0001'],
    ['89999999999999999999', '8999999', '999999999', '9999'],
  ])('reads %s with the check characters not checked', (code, drugIdentificationCode, serial, checkCharacters) => {
    expect(expectReading(cnDrugTrace, code)).toEqual({
      evidence: 'shape',
      canonical: code,
      fields: { drugIdentificationCode, serial, checkCharacters },
      checks: [NOT_CHECKED],
    });
  });

  it('reports the proprietary check as not-checked through parseCode, never as passed or failed', () => {
    const parsed = parseCode('83123456789012345678');
    expect(parsed.scheme).toBe('cn-drug-trace');
    expect(parsed.checks).toEqual([NOT_CHECKED]);
  });

  it('cannot detect a mistyped digit (the check is not verifiable offline)', () => {
    expect(parseCode('83123456789012345679').scheme).toBe('cn-drug-trace');
  });

  describe('shape', () => {
    it.each([
      ['19 digits', '8312345678901234567'],
      ['21 digits', '831234567890123456789'],
      ['a first digit other than 8', '73123456789012345678'],
      ['a letter', '8312345678901234567A'],
    ])('is not read with %s', (_label, text) => {
      expect(readAs(cnDrugTrace, text)).toBeUndefined();
      expectSuyuanError(() => parseCode(text, { scheme: 'cn-drug-trace' }), 'CODE_FORMAT', { scheme: 'cn-drug-trace' });
    });

    it.each([
      ['full-width digits', toFullWidth('83123456789012345678')],
      ['spaces in groups of four', '8312 3456 7890 1234 5678'],
      ['a line break and CRLF', '8312345678\n9012345678\r\n'],
    ])('is read with %s', (_label, text) => {
      const parsed = parseCode(text);
      expect(parsed.scheme).toBe('cn-drug-trace');
      expect(parsed.canonical).toBe('83123456789012345678');
    });
  });
});
