import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiBytes, decodeBase64url, decodeUtf8, encodeBase64url, isBase64url } from './base64url.js';
import { describeCryptoPaths } from './test-support.js';

describeCryptoPaths(() => {
  describe('base64url', () => {
    it('agrees with Buffer both ways (property)', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
          const text = encodeBase64url(bytes);
          expect(text).toBe(Buffer.from(bytes).toString('base64url'));
          expect(decodeBase64url(text)).toEqual(new Uint8Array(bytes));
        }),
      );
    });

    it.each([
      ['padding', 'QQ=='],
      ['standard alphabet', 'a+b/'],
      ['a length that cannot occur', 'QUJDR'],
      ['stray bits after the last byte (2 characters)', 'QR'],
      ['stray bits after the last byte (3 characters)', 'QUJ'],
      ['whitespace', 'QU JD'],
      ['a non-ASCII character', 'QUJDé'],
    ])('refuses %s', (_name, text) => {
      expect(decodeBase64url(text)).toBeUndefined();
      expect(isBase64url(text)).toBe(false);
    });

    it('checks lengths, ASCII and UTF-8', () => {
      expect(isBase64url('QUJD', 3)).toBe(true);
      expect(isBase64url('QUJD', 2)).toBe(false);
      expect(isBase64url(undefined)).toBe(false);
      expect(decodeBase64url('')).toEqual(new Uint8Array());
      expect(asciiBytes('a.b')).toEqual(new Uint8Array([97, 46, 98]));
      expect(asciiBytes('ä')).toBeUndefined();
      expect(decodeUtf8(new Uint8Array([0xe2, 0x82, 0xac]))).toBe('€');
      expect(decodeUtf8(new Uint8Array([0xe2, 0x82]))).toBeUndefined();
      expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA'); // the BOM is kept
    });
  });
});
