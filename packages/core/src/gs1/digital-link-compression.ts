/**
 * GS1 Digital Link compression (GS1 Digital Link standard 1.1 §compression), bit-compatible with GS1's
 * reference toolkit: each AI as 4-bit digits (or a two-hex-digit optimisation code for a common AI
 * sequence), each value packed by its layout (numbers as binary integers, text in the smallest of
 * hex, base64url or 7-bit ASCII), non-GS1 query parameters flagged with `F`, the bits written in
 * base64url. Unlike the toolkit, leading zeros of variable-length numbers survive a round trip.
 */
import { SuyuanError } from '../errors.js';
import type { Gs1Element } from './element-string.js';
import { AI_LENGTH_BY_PREFIX, OPTIMISATIONS, VALUE_LAYOUTS } from './digital-link-compression-tables.js';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789ABCDEF';

interface Component {
  numeric: boolean;
  fixed: number | null;
  max: number;
}

const LAYOUT_BY_AI = new Map<string, Component[]>();
for (const [layout, ais] of Object.entries(VALUE_LAYOUTS)) {
  const components = layout.split(' ').map((part) => {
    const numeric = part[0] === 'N';
    const variable = part.includes('..');
    const length = Number(part.slice(variable ? 3 : 1));
    return { numeric, fixed: variable ? null : length, max: length };
  });
  for (const ai of ais.split(' ')) LAYOUT_BY_AI.set(ai, components);
}

const OPTIMISATION_ENTRIES = Object.entries(OPTIMISATIONS);

function compressionError(message: string, position?: number): SuyuanError {
  return new SuyuanError('CODE_COMPRESSION', message, position === undefined ? {} : { position });
}

/** Bits for a number of `digits` decimal digits, as GS1's toolkit computes them (note n=0 → 1, n=59 → 197). */
export function valueBits(digits: number): number {
  return Math.ceil((digits * Math.log(10)) / Math.log(2) + 0.01);
}

/** Bits for a length of at most `max`. */
export function lengthBits(max: number): number {
  return Math.ceil(Math.log(max) / Math.log(2) + 0.01);
}

function binary(value: bigint | number, width: number): string {
  const text = value.toString(2);
  if (text.length > width) throw compressionError(`A value does not fit in ${width} bits.`);
  return text.padStart(width, '0');
}

type Encoding = 0 | 1 | 2 | 3 | 4;

function encodingOf(text: string): Encoding {
  if (/^[0-9]+$/.test(text)) return 0;
  if (/^[0-9A-F]+$/.test(text)) return 2;
  if (/^[0-9a-f]+$/.test(text)) return 1;
  if (/^[A-Za-z0-9_-]+$/.test(text)) return 3;
  return 4;
}

function encodeCharacters(text: string, encoding: Encoding): string {
  switch (encoding) {
    case 0:
      return binary(BigInt(text), valueBits(text.length));
    case 1:
    case 2:
      return [...text.toUpperCase()].map((c) => binary(HEX.indexOf(c), 4)).join('');
    case 3:
      return [...text].map((c) => binary(BASE64URL.indexOf(c), 6)).join('');
    default:
      return [...text].map((c) => {
        const code = c.charCodeAt(0);
        if (code > 127 || c.length !== 1) throw compressionError('Only 7-bit ASCII text can be compressed.');
        return binary(code, 7);
      }).join('');
  }
}

function encodeValue(ai: string, value: string): string {
  const layout = LAYOUT_BY_AI.get(ai);
  if (!layout) throw compressionError(`AI (${ai}) is not in GS1's Digital Link compression tables and cannot be compressed.`);
  let bits = '';
  let at = 0;
  for (const component of layout) {
    const part = component.fixed === null ? value.slice(at) : value.slice(at, at + component.fixed);
    at += part.length;
    if (component.numeric) {
      if (!/^[0-9]*$/.test(part)) throw compressionError(`AI (${ai}) has a non-digit in a numeric part.`);
      if (component.fixed === null) bits += binary(part.length, lengthBits(component.max));
      bits += binary(BigInt(part === '' ? 0 : part), valueBits(part.length));
    } else {
      const encoding = encodingOf(part);
      bits += binary(encoding, 3);
      if (component.fixed === null) bits += binary(part.length, lengthBits(component.max));
      bits += encodeCharacters(part, encoding);
    }
  }
  return bits;
}

function aiBits(ai: string): string {
  return [...ai].map((d) => binary(Number(d), 4)).join('');
}

function canCompressParam(name: string, value: string): boolean {
  return /^[A-Za-z0-9_-]{1,127}$/.test(name) && value.length <= 127 && /^[\x00-\x7f]*$/.test(value);
}

/**
 * The base64url path segment of a fully compressed Digital Link for these elements and extra
 * parameters (parameters that cannot be compressed are refused: their names must be base64url).
 */
export function encodeCompressedPath(elements: readonly Gs1Element[], params: readonly (readonly [string, string])[]): string {
  const values = new Map(elements.map((e) => [e.ai, e.value]));
  const remaining = [...values.keys()].sort();
  let bits = '';
  for (;;) {
    let chosen: [string, readonly string[]] | undefined;
    let chosenLength = 0;
    for (const entry of OPTIMISATION_ENTRIES) {
      const length = entry[1].join('').length;
      if (length > chosenLength && entry[1].every((ai) => remaining.includes(ai))) {
        chosen = entry;
        chosenLength = length;
      }
    }
    if (!chosen) break;
    bits += binary(HEX.indexOf(chosen[0][0]!), 4) + binary(HEX.indexOf(chosen[0][1]!), 4);
    for (const ai of chosen[1]) {
      bits += encodeValue(ai, values.get(ai)!);
      remaining.splice(remaining.indexOf(ai), 1);
    }
  }
  for (const ai of remaining) bits += aiBits(ai) + encodeValue(ai, values.get(ai)!);
  for (const [name, value] of params) {
    if (!canCompressParam(name, value)) {
      throw compressionError(`Parameter ${JSON.stringify(name)} cannot be compressed: names are base64url characters, values 7-bit ASCII, each at most 127 characters.`);
    }
    const encoding = encodingOf(value);
    bits += '1111' + binary(name.length, 7) + encodeCharacters(name, 3) + binary(encoding, 3) + binary(value.length, 7) + encodeCharacters(value, encoding);
  }
  bits = bits.padEnd(Math.ceil(bits.length / 6) * 6, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 6) out += BASE64URL[parseInt(bits.slice(i, i + 6), 2)];
  return out;
}

/** Whether a path segment could be a compressed Digital Link (base64url, long enough to hold a key). */
export function looksCompressed(segment: string): boolean {
  return /^[A-Za-z0-9_-]{6,}$/.test(segment);
}

class BitReader {
  pos = 0;
  constructor(readonly bits: string) {}
  get remaining(): number {
    return this.bits.length - this.pos;
  }
  read(count: number): bigint {
    if (count > this.remaining) throw compressionError('The compressed Digital Link ends in the middle of a value.');
    const value = count === 0 ? 0n : BigInt(`0b${this.bits.slice(this.pos, this.pos + count)}`);
    this.pos += count;
    return value;
  }
  number(count: number): number {
    return Number(this.read(count));
  }
}

function decodeCharacters(reader: BitReader, encoding: number, length: number): string {
  switch (encoding) {
    case 0: {
      const number = reader.read(valueBits(length));
      // An empty number is written as one 0 bit (valueBits(0) = 1): it decodes to '', not '0'.
      const value = length === 0 && number === 0n ? '' : number.toString();
      if (value.length > length) throw compressionError('A compressed number has more digits than its length says.');
      return value.padStart(length, '0');
    }
    case 1:
    case 2: {
      let text = '';
      for (let i = 0; i < length; i++) text += HEX[reader.number(4)];
      return encoding === 1 ? text.toLowerCase() : text;
    }
    case 3: {
      let text = '';
      for (let i = 0; i < length; i++) text += BASE64URL[reader.number(6)];
      return text;
    }
    case 4: {
      let text = '';
      for (let i = 0; i < length; i++) text += String.fromCharCode(reader.number(7));
      return text;
    }
    default:
      throw compressionError(`Unknown compressed text encoding ${encoding}.`);
  }
}

function decodeValue(reader: BitReader, ai: string): string {
  const layout = LAYOUT_BY_AI.get(ai);
  if (!layout) throw compressionError(`AI (${ai}) is not in GS1's Digital Link compression tables.`);
  let value = '';
  for (const component of layout) {
    if (component.numeric) {
      const length = component.fixed ?? reader.number(lengthBits(component.max));
      value += decodeCharacters(reader, 0, length);
    } else {
      const encoding = reader.number(3);
      const length = component.fixed ?? reader.number(lengthBits(component.max));
      value += decodeCharacters(reader, encoding, length);
    }
  }
  return value;
}

/** Decodes the base64url segment of a compressed Digital Link into its elements and extra parameters. */
export function decodeCompressedPath(segment: string, position = 0): { elements: Gs1Element[]; params: [string, string][] } {
  try {
    return decode(segment, position);
  } catch (error) {
    // Errors deep in the bit reader know no position: point them at the compressed segment.
    if (error instanceof SuyuanError && error.details.position === undefined) {
      throw new SuyuanError(error.code, error.message, { ...error.details, position }, { cause: error });
    }
    throw error;
  }
}

function decode(segment: string, position: number): { elements: Gs1Element[]; params: [string, string][] } {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw compressionError('A compressed Digital Link is written in base64url characters.', position);
  const bits = [...segment].map((c) => BASE64URL.indexOf(c).toString(2).padStart(6, '0')).join('');
  const reader = new BitReader(bits);
  const elements: Gs1Element[] = [];
  const params: [string, string][] = [];
  while (reader.remaining > 8) {
    const h1 = reader.number(4);
    if (h1 === 15) {
      const name = decodeCharacters(reader, 3, reader.number(7));
      const encoding = reader.number(3);
      params.push([name, decodeCharacters(reader, encoding, reader.number(7))]);
      continue;
    }
    const h2 = reader.number(4);
    const code = HEX[h1]! + HEX[h2]!;
    if (h1 <= 9 && h2 <= 9) {
      const aiLength = AI_LENGTH_BY_PREFIX[code];
      if (aiLength === undefined) throw compressionError(`No AI starts with ${code}.`, position);
      let ai = code;
      for (let i = 2; i < aiLength; i++) {
        const digit = reader.number(4);
        if (digit > 9) throw compressionError('An AI digit in the compressed data is not 0-9.', position);
        ai += digit;
      }
      elements.push({ ai, value: decodeValue(reader, ai) });
    } else if (OPTIMISATIONS[code]) {
      for (const ai of OPTIMISATIONS[code]!) elements.push({ ai, value: decodeValue(reader, ai) });
    } else {
      throw compressionError(`No compression optimisation is defined for code ${code}.`, position);
    }
  }
  if (reader.remaining >= 6 || /1/.test(bits.slice(reader.pos))) {
    throw compressionError('The compressed Digital Link has data left over after its last element.', position);
  }
  if (elements.length === 0) throw compressionError('The compressed Digital Link holds no AI.', position);
  return { elements, params };
}
