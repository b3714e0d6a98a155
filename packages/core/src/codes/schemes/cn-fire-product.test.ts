import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, readAs, toFullWidth } from '../test-helpers.js';
import { cnFireProduct } from './cn-fire-product.js';

describe('cn-fire-product: fire product identity mark (GA 846-2009), ^\\d{5}[A-Z]{2}\\d{5}[A-Z]{2}$', () => {
  it.each(['12345AB12345CD', '00000AA00000ZZ', '99999XY00001QR'])('reads %s', (mark) => {
    expect(expectReading(cnFireProduct, mark)).toEqual({ evidence: 'shape', canonical: mark, fields: { mark }, checks: [] });
    expect(parseCode(mark).scheme).toBe('cn-fire-product');
  });

  it.each([
    ['13 characters', '12345AB12345C'],
    ['15 characters', '12345AB12345CDE'],
    ['a digit where a letter belongs', '123451B12345CD'],
    ['a letter where a digit belongs', '1234AAB12345CD'],
    ['three letters', '12345ABC1234CD'],
    ['a non-ASCII letter', '12345ÄB12345CD'],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(cnFireProduct, text)).toBeUndefined();
  });

  it.each([
    ['lower case', '12345ab12345cd'],
    ['full-width', toFullWidth('12345AB12345CD')],
    ['full-width lower case', toFullWidth('12345ab12345cd')],
    ['spaces', '12345 AB 12345 CD'],
    ['a line break', '12345AB\n12345CD'],
  ])('is read with %s, canonical upper case', (_label, text) => {
    const parsed = parseCode(text);
    expect(parsed.scheme).toBe('cn-fire-product');
    expect(parsed.canonical).toBe('12345AB12345CD');
    expect(parsed.fields).toEqual({ mark: '12345AB12345CD' });
  });
});
