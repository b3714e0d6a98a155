/** The strict encodings: base64 against node's Buffer, and every non-canonical spelling refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, parseDecimal } from './encoding.js';

describe('base64 (RFC 4648 §4)', () => {
  it('encodes and decodes as Buffer does (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
    );
  });

  it.each(['A', 'AA', 'AAA', 'AA=', 'A===', '====', 'AA==AA==', 'AB==', 'AAB=', 'AA-_', 'AA AA', ' AAAA', 'AAAA\n', 'AA=A', 'ÀAAA', '\u0000AAA'])('refuses %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('accepts the empty string as no bytes', () => {
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
  });

  it('refuses every spelling whose unused bits are not zero (one spelling per value)', () => {
    for (let last = 0; last < 64; last++) {
      const letter = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[last]!;
      expect(decodeBase64(`A${letter}==`) !== undefined).toBe((last & 0xf) === 0);
      expect(decodeBase64(`AA${letter}=`) !== undefined).toBe((last & 0x3) === 0);
    }
  });
});

describe('decimals', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['10', 10],
    ['9007199254740991', 2 ** 53 - 1],
  ])('reads %s', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['', '00', '01', '-1', '+1', '1.0', '1e3', ' 1', '1 ', '0x1', '9007199254740992', '99999999999999999', '\u0661'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });
});
