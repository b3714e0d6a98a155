import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, readAs, toFullWidth } from '../test-helpers.js';
import { maIdcode } from './ma-idcode.js';

const NOT_CHECKED = { check: 'ma-check', status: 'not-checked', note: 'the MA code check rules are not public' };

describe('ma-idcode: MA / IDcode object identifier', () => {
  it.each([
    ['MA.156.1003.16291', ['156', '1003', '16291']],
    ['MA.156.10', ['156', '10']],
    ['MA.156.A1.B2.C3', ['156', 'A1', 'B2', 'C3']],
  ])('reads %s', (code, segments) => {
    expect(expectReading(maIdcode, code)).toEqual({
      evidence: 'marker',
      canonical: code,
      fields: { segments, countryCode: '156' },
      checks: [NOT_CHECKED],
    });
  });

  it.each([
    ['lower case prefix', 'ma.156.1003.16291'],
    ['full-width', toFullWidth('MA.156.1003.16291')],
    ['spaces', 'MA. 156. 1003. 16291'],
  ])('is read with %s', (_label, text) => {
    const parsed = parseCode(text);
    expect(parsed.scheme).toBe('ma-idcode');
    expect(parsed.canonical).toBe('MA.156.1003.16291');
    expect(parsed.checks).toEqual([NOT_CHECKED]);
  });

  it.each([
    ['a single segment', 'MA.156'],
    ['an empty segment', 'MA.156..1003'],
    ['a trailing dot', 'MA.156.1003.'],
    ['a hyphen', 'MA.156.10-03'],
    ['no MA prefix', '156.1003.16291'],
    ['an MA-form UDI', 'MA.156.M0.100001.10000011'],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(maIdcode, text)).toBeUndefined();
  });
});
