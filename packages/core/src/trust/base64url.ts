/**
 * base64url without padding (RFC 4648 §5, as JOSE uses it: RFC 7515 §2), strict in both directions:
 * `decodeBase64url` accepts only the one canonical spelling of each byte string — no padding, no
 * characters outside the alphabet, no length that cannot occur, and zero bits after the last byte.
 * Lenient decoders map several spellings to the same bytes; a verifier built on one would accept a
 * JWS whose last signature character was changed. Pure and isomorphic (no `Buffer`, no `atob`).
 */
import { BASE64URL_ALPHABET, encodeBase64Text } from '../crypto/base64.js';

const ALPHABET = BASE64URL_ALPHABET;
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** The base64url text of `bytes`, without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  return encodeBase64Text(bytes, BASE64URL_ALPHABET, false);
}

/** The bytes of canonical base64url `text`, or `undefined` when `text` is not canonical base64url. */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffered = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return undefined;
    bits = (bits << 6) | value;
    buffered += 6;
    if (buffered >= 8) {
      buffered -= 8;
      out[o++] = (bits >>> buffered) & 0xff;
      bits &= (1 << buffered) - 1;
    }
  }
  // The 2 or 4 bits left over after the last byte must be zero, or another text spells the same bytes.
  if (bits !== 0) return undefined;
  return out;
}

/** Whether `text` is canonical base64url of exactly `byteLength` bytes (of any length when omitted). */
export function isBase64url(text: unknown, byteLength?: number): text is string {
  if (typeof text !== 'string') return false;
  const bytes = decodeBase64url(text);
  return bytes !== undefined && (byteLength === undefined || bytes.length === byteLength);
}

const ASCII = /^[\x00-\x7f]*$/;

/** The bytes of an ASCII string (a JWS signing input, a disclosure); `undefined` for any other character. */
export function asciiBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!ASCII.test(text)) return undefined;
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8 = new TextEncoder();

/** Decodes UTF-8 strictly (malformed bytes → `undefined`; a byte-order mark is kept, so JSON then rejects it). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The UTF-8 bytes of `text`. */
export function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  return UTF8.encode(text);
}
