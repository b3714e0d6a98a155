/**
 * base64url without padding (RFC 4648 §5, as JOSE uses it: RFC 7515 §2), strict in both directions:
 * `decodeBase64url` accepts only the one canonical spelling of each byte string — no padding, no
 * characters outside the alphabet, no length that cannot occur, and zero bits after the last byte.
 * Lenient decoders map several spellings to the same bytes; a verifier built on one would accept a
 * JWS whose last signature character was changed. Isomorphic: `Buffer`'s native codec on Node,
 * portable code elsewhere (`crypto/base64.ts`).
 */
import { BASE64URL_ALPHABET, decodeBase64urlText, encodeBase64Text, utf8Bytes } from '../crypto/base64.js';

/** The base64url text of `bytes`, without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  return encodeBase64Text(bytes, BASE64URL_ALPHABET, false);
}

/** The bytes of canonical base64url `text`, or `undefined` when `text` is not canonical base64url. */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  return decodeBase64urlText(text);
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
  // ASCII text is its own UTF-8.
  return ASCII.test(text) ? utf8Bytes(text) : undefined;
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
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
  return utf8Bytes(text);
}
