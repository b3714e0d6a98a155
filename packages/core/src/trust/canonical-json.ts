/**
 * The JSON Canonicalization Scheme (JCS, RFC 8785): one exact text for each JSON value, so that a
 * signature over the text is a signature over the value.
 *
 * ```ts
 * canonicalize({ b: [1.0, 'x'], a: 4.50 }); // '{"a":4.5,"b":[1,"x"]}'
 * canonicalize(1e21);                       // '1e+21'
 * ```
 *
 * - Object members are sorted by their names' UTF-16 code units (§3.2.3) — not by code point, so
 *   `"😀"` (D83D DE00) sorts before `"דּ"` (FB33) — and written without whitespace.
 * - Numbers are written as ECMAScript's Number::toString writes them (§3.2.2.3): JavaScript's own
 *   `String(number)`, which is that algorithm, with `-0` written `0`. `NaN` and the infinities have
 *   no JSON form and are refused.
 * - Strings escape `"` and `\`, write U+0008, U+0009, U+000A, U+000C and U+000D as `\b` `\t` `\n`
 *   `\f` `\r`, the other controls below U+0020 as `\u00xx` (lower-case hex), and every other
 *   character as itself (§3.2.2.2).
 * - The input must be I-JSON (RFC 7493), as §3.1 requires: a string or member name with an unpaired
 *   surrogate is refused (it has no UTF-8 form), and so is anything that is not JSON data — `undefined`
 *   outside an object member, functions, symbols, bigints, class instances (`Date`, `Map` …), sparse
 *   arrays, cycles and nesting deeper than `MAX_CANONICAL_DEPTH`. An object member whose value is
 *   `undefined` is left out, as `JSON.stringify` leaves it out: it is an absent member.
 *
 * Refusals throw `SuyuanError` `INPUT_TYPE` (or `INPUT_TOO_LONG` for the depth) with the JSON path.
 */
import { SuyuanError } from '../errors.js';
import { encodeUtf8 } from './base64url.js';

/** JSON data as JCS reads it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [name: string]: JsonValue };

/** Deepest nesting accepted, in levels of objects and arrays. */
export const MAX_CANONICAL_DEPTH = 64;

/** The RFC 8785 canonical JSON text of `value`. */
export function canonicalize(value: unknown): string {
  return write(value, { names: [], open: [] });
}

/** The UTF-8 bytes of the RFC 8785 canonical JSON text of `value`: what is hashed or signed. */
export function canonicalizeToBytes(value: unknown): Uint8Array {
  return encodeUtf8(canonicalize(value));
}

/**
 * Whether `text` is exactly the canonical JSON text of the value it denotes: parsing it and
 * canonicalising the result gives `text` back. Duplicate member names, whitespace, unsorted members,
 * `1.0`, `"\u0041"`, numbers outside the double range and unpaired surrogates all make it `false`.
 */
export function isCanonicalJson(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  try {
    return canonicalize(value) === text;
  } catch (error) {
    if (error instanceof SuyuanError) return false;
    throw error;
  }
}

/**
 * Where the writer is: the member names and array indexes down to the current value, and the
 * objects and arrays open around it (for cycles). The JSON path of an error is built from `names`
 * only when there is an error — building it for every member would double the cost of a record.
 */
interface Trail {
  names: (string | number)[];
  open: object[];
}

function pathOf(trail: Trail, last?: string | number): string {
  const names = last === undefined ? trail.names : [...trail.names, last];
  return names.map((name, i) => (typeof name === 'number' ? `[${name}]` : i === 0 ? name : `.${name}`)).join('');
}

function refuse(message: string, path: string, received?: string): never {
  throw new SuyuanError('INPUT_TYPE', `${message}${path ? ` at ${path}` : ''}; canonical JSON (RFC 8785) takes I-JSON data only.`, {
    path: path || undefined,
    expected: 'JSON data (null, boolean, finite number, string, array, plain object)',
    ...(received === undefined ? {} : { received }),
  });
}

function write(value: unknown, trail: Trail): string {
  switch (typeof value) {
    case 'string':
      return quote(value, trail);
    case 'number':
      if (!Number.isFinite(value)) refuse(`${String(value)} has no JSON form`, pathOf(trail), String(value));
      return Object.is(value, -0) ? '0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      refuse(`a ${typeof value} is not JSON data`, pathOf(trail), typeof value);
  }
  if (value === null) return 'null';
  const { names, open } = trail;
  if (open.length >= MAX_CANONICAL_DEPTH) {
    const path = pathOf(trail);
    throw new SuyuanError('INPUT_TOO_LONG', `JSON nested deeper than ${MAX_CANONICAL_DEPTH} levels${path ? ` at ${path}` : ''}.`, {
      path: path || undefined,
      expected: `at most ${MAX_CANONICAL_DEPTH} levels`,
    });
  }
  if (open.includes(value)) refuse('a cycle is not JSON data', pathOf(trail));
  open.push(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) refuse('a sparse array is not JSON data', pathOf(trail, i));
      names.push(i);
      text += (i === 0 ? '' : ',') + write(value[i], trail);
      names.pop();
    }
    text += ']';
  } else {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      refuse('only plain objects are JSON data', pathOf(trail), (value as object).constructor?.name ?? 'object');
    }
    const record = value as Record<string, unknown>;
    text = '{';
    // The default sort compares strings by UTF-16 code units (ECMA-262 IsLessThan): RFC 8785 §3.2.3.
    for (const name of Object.keys(record).sort()) {
      const member = record[name];
      if (member === undefined) continue;
      names.push(name);
      text += (text.length === 1 ? '' : ',') + quote(name, trail) + ':' + write(member, trail);
      names.pop();
    }
    text += '}';
  }
  open.pop();
  return text;
}

/** Orders strings by UTF-16 code units (what `<` does on JavaScript strings). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
const NEEDS_WORK = /[\u0000-\u001f"\\\ud800-\udfff]/;

function quote(text: string, trail: Trail): string {
  if (!NEEDS_WORK.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) {
      out += short;
    } else if (code < 0x20) {
      out += `\\u00${code.toString(16).padStart(2, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) refuse(`an unpaired surrogate U+${code.toString(16).toUpperCase()} (character ${i})`, pathOf(trail));
      out += text[i]! + text[i + 1]!;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      refuse(`an unpaired surrogate U+${code.toString(16).toUpperCase()} (character ${i})`, pathOf(trail));
    } else {
      out += text[i]!;
    }
  }
  return `${out}"`;
}
