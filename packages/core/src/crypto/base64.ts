/**
 * Base64 encoding with a given 64-letter alphabet (RFC 4648 §4 or §5), and base64url decoding that
 * accepts only canonical text. On Node, `Buffer`'s native codec (reached through
 * `process.getBuiltinModule`, so no browser bundle names it) does the work for the two standard
 * forms; the portable code is the reference, and the tests hold both to the same answers.
 */

export const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

interface NodeBuffer {
  from(text: string, encoding: 'base64url' | 'utf8' | 'latin1'): Uint8Array & { toString(encoding: 'base64url'): string };
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64' | 'base64url'): string };
}
const NATIVE_BUFFER = (globalThis as { process?: { getBuiltinModule?: (id: string) => { Buffer?: NodeBuffer } | undefined } }).process?.getBuiltinModule?.('node:buffer')?.Buffer;

let nativeEnabled = NATIVE_BUFFER !== undefined;

/** Whether the native codec is used where the runtime has one; for tests. Returns the previous setting. */
export function useNativeBase64(enabled: boolean): boolean {
  const previous = nativeEnabled;
  nativeEnabled = enabled && NATIVE_BUFFER !== undefined;
  return previous;
}

const UTF8 = new TextEncoder();

/** The UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as the WHATWG encoder writes it). */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  if (nativeEnabled && NATIVE_BUFFER) return view(NATIVE_BUFFER.from(text, 'utf8'));
  return UTF8.encode(text);
}

/** The bytes of text known to be ASCII (such as base64url), one byte per character. */
export function asciiTextBytes(text: string): Uint8Array<ArrayBuffer> {
  if (nativeEnabled && NATIVE_BUFFER) return view(NATIVE_BUFFER.from(text, 'latin1'));
  return UTF8.encode(text);
}

/** A plain `Uint8Array` over a Node `Buffer`'s bytes (no copy), so callers never meet a `Buffer`. */
function view(buffer: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}

/** The base64 text of `bytes` in `alphabet`, with `=` padding when `pad`. */
export function encodeBase64Text(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  if (nativeEnabled && NATIVE_BUFFER) {
    const form = alphabet === BASE64URL_ALPHABET && !pad ? 'base64url' : alphabet === BASE64_ALPHABET && pad ? 'base64' : undefined;
    if (form) return NATIVE_BUFFER.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(form);
  }
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64URL_ALPHABET.length; i++) VALUES[BASE64URL_ALPHABET.charCodeAt(i)] = i;

/**
 * The bytes of canonical base64url `text` (no padding), or `undefined` when `text` is not canonical:
 * a character outside the alphabet, a length that cannot occur, or bits set after the last byte
 * (lenient decoders map several spellings to the same bytes; a verifier built on one would accept a
 * JWS whose last signature character was changed).
 */
export function decodeBase64urlText(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || text.length % 4 === 1) return undefined;
  if (nativeEnabled && NATIVE_BUFFER) {
    // Node's decoder is lenient; only text it writes back unchanged is canonical.
    const decoded = NATIVE_BUFFER.from(text, 'base64url');
    return decoded.toString('base64url') === text ? new Uint8Array(decoded) : undefined;
  }
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
