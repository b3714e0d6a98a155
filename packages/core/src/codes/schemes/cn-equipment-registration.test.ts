import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectRejection, readAs, toFullWidth } from '../test-helpers.js';
import { cnEquipmentRegistration } from './cn-equipment-registration.js';

describe('cn-equipment-registration: special equipment registration code 注册代码', () => {
  it.each([
    ['1', 'boiler'],
    ['2', 'pressure-vessel'],
    ['3', 'elevator'],
    ['4', 'crane'],
    ['5', 'amusement-ride'],
    ['8', 'pipeline'],
  ] as const)('reads category %s as %s', (digit, category) => {
    const code = `${digit}110110105201903` + '0042';
    expect(expectReading(cnEquipmentRegistration, code)).toEqual({
      evidence: 'shape',
      canonical: code,
      fields: { categoryCode: `${digit}110`, category, areaCode: '110105', registered: '2019-03', sequence: '0042' },
      checks: [],
    });
  });

  it('reads an elevator registration code through parseCode', () => {
    const parsed = parseCode('31104403052015120001');
    expect(parsed.scheme).toBe('cn-equipment-registration');
    expect(parsed.fields).toEqual({ categoryCode: '3110', category: 'elevator', areaCode: '440305', registered: '2015-12', sequence: '0001' });
  });

  it.each(['0', '6', '7', '9'])('does not read the unknown category digit %s', (digit) => {
    expect(readAs(cnEquipmentRegistration, `${digit}1104403052015120001`)).toBeUndefined();
  });

  it.each([
    ['month 00', '31104403052015000001'],
    ['month 13', '31104403052015130001'],
    ['year 1899', '31104403051899120001'],
  ])('rejects %s', (_label, code) => {
    const rejection = expectRejection(cnEquipmentRegistration, code, 'CODE_DATE');
    expect(rejection.evidence).toBe('shape');
    expect(rejection.error.details).toMatchObject({ scheme: 'cn-equipment-registration', position: 10, expected: 'YYYYMM' });
  });

  it.each([
    ['19 digits', '3110440305201512000'],
    ['21 digits', '311044030520151200011'],
    ['a letter', '3110440305201512000A'],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(cnEquipmentRegistration, text)).toBeUndefined();
  });

  it('is read with full-width digits and spaces', () => {
    expect(parseCode(toFullWidth('3110 440305 201512 0001')).canonical).toBe('31104403052015120001');
  });

  it('yields to the drug trace code when the 20 digits start with 8 (registry order)', () => {
    const parsed = parseCode('81104403052015120001');
    expect(parsed.scheme).toBe('cn-drug-trace');
    expect(parsed.alternatives?.map((a) => [a.scheme, a.fields])).toEqual([
      ['cn-equipment-registration', { categoryCode: '8110', category: 'pipeline', areaCode: '440305', registered: '2015-12', sequence: '0001' }],
    ]);
  });
});
