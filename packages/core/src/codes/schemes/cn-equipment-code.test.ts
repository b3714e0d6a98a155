import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectRejection, expectSuyuanError, readAs, refUsccCheckCharacter, toFullWidth } from '../test-helpers.js';
import { cnEquipmentCode } from './cn-equipment-code.js';

describe('cn-equipment-code: special equipment code 特种设备代码', () => {
  it.each([
    ['311010001201900001', { equipmentType: '3110', manufacturerCode: '10001', manufacturerArea: '10', year: 2019, sequence: '00001' }],
    ['212044123199812345', { equipmentType: '2120', manufacturerCode: '44123', manufacturerArea: '44', year: 1998, sequence: '12345' }],
  ])('reads %s', (code, fields) => {
    expect(expectReading(cnEquipmentCode, code)).toEqual({ evidence: 'shape', canonical: code, fields, checks: [] });
  });

  it.each([
    ['1899', '311010001189900001'],
    ['2100', '311010001210000001'],
  ])('rejects the year %s as not a year of manufacture', (_year, code) => {
    expect(expectRejection(cnEquipmentCode, code, 'CODE_DATE').error.details).toMatchObject({ scheme: 'cn-equipment-code', position: 9 });
  });

  it.each([
    ['17 digits', '31101000120190000'],
    ['19 digits', '3110100012019000011'],
    ['a letter', '3110A0001201900001'],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(cnEquipmentCode, text)).toBeUndefined();
  });

  describe('against the unified social credit code (also 18 characters, digits allowed)', () => {
    it('an equipment code that fails the USCC check makes parseCode throw, naming it as candidate', () => {
      // A failed check outranks a shape-only reading (parse-code.ts): the caller must force the scheme.
      expect(refUsccCheckCharacter('31101000120190000')).not.toBe('1');
      expectSuyuanError(() => parseCode('311010001201900001'), 'CODE_CHECK_DIGIT', { scheme: 'cn-uscc', candidates: ['cn-equipment-code'] });
      const forced = parseCode(toFullWidth('3110 10001 2019 00001'), { scheme: 'cn-equipment-code' });
      expect(forced.scheme).toBe('cn-equipment-code');
      expect(forced.canonical).toBe('311010001201900001');
    });

    it('an equipment code that passes the USCC check is read as a USCC with the equipment code as alternative', () => {
      // Among the sequences 00001…, the first equipment code whose last digit is also its USCC check character.
      const code = Array.from({ length: 100 }, (_, n) => `311010001201900${String(n).padStart(2, '0')}`)
        .map((body) => body + refUsccCheckCharacter(body))
        .find((candidate) => /^\d{18}$/.test(candidate))!;
      expect(code).toBeDefined();
      const parsed = parseCode(code);
      expect(parsed.scheme).toBe('cn-uscc');
      expect(parsed.alternatives?.map((a) => [a.scheme, a.canonical])).toEqual([['cn-equipment-code', code]]);
    });
  });
});
