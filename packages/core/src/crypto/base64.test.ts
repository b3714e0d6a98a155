import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE64_ALPHABET, BASE64URL_ALPHABET, decodeBase64urlText, encodeBase64Text, useNativeBase64 } from './base64.js';

afterAll(() => {
  useNativeBase64(true);
});

describe('base64: the native codec and the portable code give the same answers', () => {
  it('encodes alike in both alphabets (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(16), (bytes, offset) => {
        // A view into a larger buffer: the native path must encode the view only.
        const backing = new Uint8Array(offset + bytes.length + 3);
        backing.set(bytes, offset);
        const view = backing.subarray(offset, offset + bytes.length);
        const answers = [true, false].map((native) => {
          useNativeBase64(native);
          return [encodeBase64Text(view, BASE64_ALPHABET, true), encodeBase64Text(view, BASE64URL_ALPHABET, false), encodeBase64Text(view, BASE64URL_ALPHABET, true)];
        });
        expect(answers[0]).toEqual(answers[1]);
        expect(answers[1]![0]).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('decodes alike, canonical text only (property over arbitrary strings)', () => {
    const text = fc.oneof(fc.string({ unit: fc.constantFrom(...`${BASE64URL_ALPHABET}=+/ .é`) }), fc.string());
    fc.assert(
      fc.property(text, (input) => {
        useNativeBase64(true);
        const native = decodeBase64urlText(input);
        useNativeBase64(false);
        const portable = decodeBase64urlText(input);
        expect(native).toEqual(portable);
        if (native) expect(Buffer.from(native).toString('base64url')).toBe(input);
      }),
      { numRuns: 2000 },
    );
  });
});
