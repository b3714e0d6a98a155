/**
 * SHA-256 against the FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf") and
 * against node:crypto on random and boundary-length inputs.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { sha256 as sha256Default, sha256Portable } from './sha256.js';

const nodeSha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

// Every test runs on both paths: the default (Node's native hash where available) and the portable
// TypeScript implementation that browsers use.
describe.each([
  ['sha256', sha256Default],
  ['sha256Portable', sha256Portable],
] as const)('%s', (_name, sha256) => {
  const sha256Hex = (data: Uint8Array | string): string => Buffer.from(sha256(data)).toString('hex');

  it.each([
    ['the empty message', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc" (one block)', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the 448-bit message (two blocks)', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['one million "a"', 'a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('hashes %s', (_, message, expected) => {
    expect(sha256Hex(message)).toBe(expected);
    expect(sha256Hex(new TextEncoder().encode(message))).toBe(expected);
  });

  it('returns 32 bytes', () => {
    const digest = sha256('abc');
    expect(digest).toBeInstanceOf(Uint8Array);
    expect(digest.length).toBe(32);
    expect(digest[0]).toBe(0xba);
    expect(digest[31]).toBe(0xad);
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(sha256Hex(bytes), `length ${length}`).toBe(nodeSha256(bytes));
    }
  });

  it('agrees with node:crypto on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes strings as UTF-8, astral characters included', () => {
    for (const text of ['溯源', 'é', '\u{1F600} emoji', 'mixed ascii 和 中文 \u{10FFFF}']) expect(sha256Hex(text)).toBe(nodeSha256(text));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(Buffer.from(text, 'utf8')));
      }),
      { numRuns: 200 },
    );
  });

  it('does not modify its input', () => {
    const bytes = Uint8Array.from([1, 2, 3]);
    sha256(bytes);
    expect([...bytes]).toEqual([1, 2, 3]);
  });

  it('rejects anything but a string or a Uint8Array with INPUT_TYPE', () => {
    for (const input of [undefined, null, 42, {}, [1, 2], new ArrayBuffer(4)]) {
      expectSuyuanError(() => sha256(input as unknown as string), 'INPUT_TYPE');
    }
  });
});
