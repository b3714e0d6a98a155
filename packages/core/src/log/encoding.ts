/**
 * The text encodings the log formats are written in — strict RFC 4648 §4 base64, decimal without
 * leading zeros, fixed-length lower-case hex, UTF-8 — read strictly, so that one value has exactly
 * one spelling and a changed byte never decodes to the same value. No `Buffer`, no `atob`: this
 * module runs in browsers as it is.
 */
import { BASE64_ALPHABET, encodeBase64Text } from '../crypto/base64.js';
import { SuyuanError } from '../errors.js';

const ALPHABET = BASE64_ALPHABET;
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** The standard base64 encoding (RFC 4648 §4) of `bytes`, with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeBase64Text(bytes, BASE64_ALPHABET, true);
}

/**
 * Decodes standard, padded base64 (RFC 4648 §4) strictly: only the 64 letters, `=` padding exactly
 * where it belongs, no whitespace, and zero bits in the unused low bits of the last letter (so each
 * byte string has exactly one base64 spelling). Returns `undefined` for anything else.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0) return undefined;
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const values = [0, 0, 0, 0];
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      if (last && j >= 4 - padding) {
        if (code !== 0x3d) return undefined;
        continue;
      }
      const value = code < 128 ? DECODE[code]! : -1;
      if (value < 0) return undefined;
      values[j] = value;
    }
    const n = (values[0]! << 18) | (values[1]! << 12) | (values[2]! << 6) | values[3]!;
    if (last && padding === 2) {
      if ((n & 0xffff) !== 0) return undefined;
      out[o++] = n >>> 16;
    } else if (last && padding === 1) {
      if ((n & 0xff) !== 0) return undefined;
      out[o++] = n >>> 16;
      out[o++] = (n >>> 8) & 0xff;
    } else {
      out[o++] = n >>> 16;
      out[o++] = (n >>> 8) & 0xff;
      out[o++] = n & 0xff;
    }
  }
  return out;
}

/** `0` or a decimal without leading zeros, at most 2^53 − 1 (the largest integer a JS number holds exactly). */
const DECIMAL = /^(?:0|[1-9][0-9]{0,15})$/;

/**
 * Reads an ASCII decimal with no sign and no leading zeros (`0` alone is allowed). Returns
 * `undefined` for any other spelling and for values above `Number.MAX_SAFE_INTEGER`.
 */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Whether `value` is an integer in 0 … 2^53 − 1: a tree size or index this library can compute with exactly. */
export function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** `value` as eight lower-case hex digits (a uint32 key ID). */
export function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

/** Decodes UTF-8 strictly (a byte-order mark is kept as U+FEFF); `undefined` if the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8_DECODER.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A lone surrogate: a string that has no UTF-8 encoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** ASCII control characters other than newline. */
const CONTROL = /[\u0000-\u0009\u000B-\u001F]/;

/**
 * Accepts `input` as note-like text — a string or UTF-8 bytes, with no lone surrogate, no ASCII
 * control character but newline, at most `maxLength` UTF-8 bytes — and returns it as a string; throws
 * a `SuyuanError` with `code` otherwise. `what` names the input in messages.
 */
export function readText(input: unknown, code: 'NOTE_INVALID' | 'CHECKPOINT_INVALID' | 'PROOF_BUNDLE_INVALID', what: string, maxLength: number): string {
  let text: string;
  if (input instanceof Uint8Array) {
    if (input.length > maxLength) throw new SuyuanError(code, `The ${what} is ${input.length} bytes long; at most ${maxLength} are accepted.`, { expected: `at most ${maxLength} bytes` });
    const decoded = decodeUtf8(input);
    if (decoded === undefined) throw new SuyuanError(code, `The ${what} is not valid UTF-8.`, { expected: 'UTF-8 text' });
    text = decoded;
  } else if (typeof input === 'string') {
    // A UTF-16 code unit is at least one UTF-8 byte: the length check is exact enough and cheap.
    if (input.length > maxLength) throw new SuyuanError(code, `The ${what} is ${input.length} characters long; at most ${maxLength} bytes are accepted.`, { expected: `at most ${maxLength} bytes` });
    const lone = LONE_SURROGATE.exec(input);
    if (lone) throw new SuyuanError(code, `The ${what} contains a lone surrogate at ${lone.index}: it has no UTF-8 encoding.`, { position: lone.index, expected: 'UTF-8 text' });
    text = input;
    if (utf8Length(text) > maxLength) throw new SuyuanError(code, `The ${what} is longer than ${maxLength} bytes.`, { expected: `at most ${maxLength} bytes` });
  } else {
    throw new SuyuanError(code, `The ${what} must be a string or UTF-8 bytes (a Uint8Array).`, { expected: 'string or Uint8Array' });
  }
  const control = CONTROL.exec(text);
  if (control) {
    const shown = `U+${text.charCodeAt(control.index).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new SuyuanError(code, `The ${what} contains the control character ${shown} at ${control.index}; only newline (U+000A) is allowed (CRLF line endings are not).`, {
      position: control.index,
      received: shown,
      expected: 'no ASCII control character but U+000A',
    });
  }
  return text;
}

function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Byte equality in time that depends on the length only. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function isBytes(value: unknown, length?: number): value is Uint8Array {
  return value instanceof Uint8Array && (length === undefined || value.length === length);
}
