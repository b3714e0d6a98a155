import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, readAs, toFullWidth } from '../test-helpers.js';
import { cnPesticide } from './cn-pesticide.js';

const CODE = '11234561123123456789012345678901';

describe('cn-pesticide: pesticide label unit code (MOA announcement 2579)', () => {
  it.each([
    ['1', 'PD', '1', 'own'],
    ['2', 'WP', '2', 'contract-processing'],
    ['3', 'temporary', '3', 'contract-repacking'],
  ] as const)('reads registration type %s (%s) and production type %s (%s)', (type, registrationType, production, productionType) => {
    const code = `${type}202012${production}0050${'7'.repeat(20)}`;
    expect(code).toHaveLength(32);
    expect(expectReading(cnPesticide, code)).toEqual({
      evidence: 'shape',
      canonical: code,
      fields: { registrationType, registrationNumberDigits: '202012', productionType, specificationCode: '005', random: `0${'7'.repeat(20)}` },
      checks: [],
    });
  });

  it('splits the 32 digits at positions 1, 2–7, 8, 9–11 and 12–32', () => {
    expect(expectReading(cnPesticide, CODE).fields).toEqual({
      registrationType: 'PD',
      registrationNumberDigits: '123456',
      productionType: 'own',
      specificationCode: '123',
      random: '123456789012345678901',
    });
  });

  it.each([
    ['31 digits', CODE.slice(0, 31)],
    ['33 digits', `${CODE}1`],
    ['registration type 0', `0${CODE.slice(1)}`],
    ['registration type 4', `4${CODE.slice(1)}`],
    ['production type 0', `${CODE.slice(0, 7)}0${CODE.slice(8)}`],
    ['production type 4', `${CODE.slice(0, 7)}4${CODE.slice(8)}`],
    ['a letter', `${CODE.slice(0, 31)}A`],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(cnPesticide, text)).toBeUndefined();
  });

  describe('inside the enterprise trace URL', () => {
    it.each([
      ['a query parameter', `https://nongyao.example.cn/trace?code=${CODE}`, { location: 'query', param: 'code' }],
      ['a path segment', `https://nongyao.example.cn/t/${CODE}`, { location: 'path' }],
      ['the fragment', `https://nongyao.example.cn/t#${CODE}`, { location: 'fragment' }],
      ['a path below a date', `https://trace.example.cn/2024/01/${CODE}`, { location: 'path' }],
    ])('is found in %s', (_label, url, wrapper) => {
      const parsed = parseCode(url);
      expect(parsed.scheme).toBe('cn-pesticide');
      expect(parsed.canonical).toBe(CODE);
      expect(parsed.wrappedIn).toEqual({ url, ...wrapper });
    });
  });

  it.each([
    ['full-width digits', toFullWidth(CODE)],
    ['spaces', `${CODE.slice(0, 11)} ${CODE.slice(11)}`],
    ['a line break', `${CODE.slice(0, 16)}\n${CODE.slice(16)}`],
  ])('is read with %s', (_label, text) => {
    expect(parseCode(text).canonical).toBe(CODE);
  });
});
