import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, readAs, toFullWidth } from '../test-helpers.js';
import { unNumber } from './un-number.js';

describe('un-number: UN number of a dangerous good', () => {
  it.each(['UN1203', 'UN0004', 'UN3480'])('reads %s', (code) => {
    expect(expectReading(unNumber, code)).toEqual({ evidence: 'marker', canonical: code, fields: { number: code.slice(2) }, checks: [] });
  });

  it.each([
    ['a space', 'UN 1203'],
    ['lower case', 'un1203'],
    ['full-width', toFullWidth('UN1203')],
    ['an ideographic space', 'UN\u30001203'],
  ])('is read with %s', (_label, text) => {
    const parsed = parseCode(text);
    expect(parsed.scheme).toBe('un-number');
    expect(parsed.canonical).toBe('UN1203');
  });

  it.each(['UN123', 'UN12034', 'UNA203', 'NA1203', '1203'])('does not read %s', (text) => {
    expect(readAs(unNumber, text)).toBeUndefined();
  });
});
