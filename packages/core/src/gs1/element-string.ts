/**
 * GS1 element strings: the bracketed human-readable form `(01)09506000134352(10)ABC` and the raw
 * form a barcode carries, with FNC1 shown as GS (`\x1d`) or `^`, optionally after a symbology
 * identifier (`]C1`, `]d2`, `]Q3`, `]e0`, `]J1`).
 */
import type { Check } from '../checks.js';
import { SuyuanError, excerpt, toResult, type Result } from '../errors.js';
import { validateAiValue } from './ai-value.js';
import { checkAssociations } from './associations.js';
import { aiLengthForPrefix, lookupAi, type AiDefinition } from './syntax-dictionary.js';

/** One AI and its value. */
export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

export interface ElementStringOptions {
  /** Accept AIs missing from GS1's dictionary (their values are kept unchecked). Default `false`. */
  permitUnknownAis?: boolean;
  /**
   * Check the dictionary's `req=` and `ex=` pairings. Default `true`; turn off when the elements are
   * one of several carriers on the same item (GS1 evaluates pairings over all of them).
   */
  checkAssociations?: boolean;
}

export interface ParsedElementString {
  readonly elements: Gs1Element[];
  readonly checks: Check[];
}

/** The longest element string accepted; GS1 symbols carry far less (a GS1 QR Code at most ~7000 digits). */
export const MAX_ELEMENT_STRING_LENGTH = 8192;

const GS = 0x1d;
const CARET = 0x5e;
/** Symbology identifiers whose data is GS1 element strings (ISO/IEC 15424, GS1 GenSpecs §5.1.2). */
const GS1_SYMBOLOGY_IDS = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);

/** Parses an element string into its ordered elements, validating every value against GS1's data. */
export function parseElementString(input: string, options: ElementStringOptions = {}): Gs1Element[] {
  return parseElementStringWithChecks(input, options).elements;
}

/** `parseElementString` returning a result instead of throwing. */
export function tryParseElementString(input: string, options: ElementStringOptions = {}): Result<Gs1Element[]> {
  return toResult(() => parseElementString(input, options));
}

/** `parseElementString`, also reporting each check that ran (for `parseCode`'s `checks`). */
export function parseElementStringWithChecks(input: string, options: ElementStringOptions = {}): ParsedElementString {
  if (typeof input !== 'string') {
    throw new SuyuanError('INPUT_TYPE', `An element string must be a string, got ${typeof input}.`, { expected: 'string' });
  }
  if (input.length === 0) throw new SuyuanError('INPUT_EMPTY', 'The element string is empty.', { position: 0 });
  if (input.length > MAX_ELEMENT_STRING_LENGTH) {
    throw new SuyuanError('INPUT_TOO_LONG', `An element string may have at most ${MAX_ELEMENT_STRING_LENGTH} characters, got ${input.length}.`, {
      position: MAX_ELEMENT_STRING_LENGTH,
      expected: `at most ${MAX_ELEMENT_STRING_LENGTH} characters`,
    });
  }
  const checks: Check[] = [];
  /** Where each element's AI starts in `input`, for errors about whole elements. */
  const positions: number[] = [];
  const elements =
    input.charCodeAt(0) === 0x28 /* ( */ ? parseBracketed(input, options, checks, positions) : parseRaw(input, options, checks, positions);
  if (elements.length === 0) throw new SuyuanError('INPUT_EMPTY', 'The element string holds no elements.', { position: input.length });
  checkDuplicates(elements, positions);
  if (options.checkAssociations !== false) {
    checkAssociations(elements, positions);
    checks.push({ check: 'associations', status: 'passed' });
  }
  return { elements, checks };
}

function definitionFor(ai: string, position: number, options: ElementStringOptions): AiDefinition | undefined {
  const definition = lookupAi(ai);
  if (!definition && !options.permitUnknownAis) {
    throw new SuyuanError('CODE_AI_UNKNOWN', `(${ai}) is not an application identifier in the GS1 syntax dictionary.`, {
      ai,
      position,
    });
  }
  return definition;
}

function rawStart(input: string): number {
  if (input.charCodeAt(0) === CARET) return 1;
  if (input.charCodeAt(0) === 0x5d /* ] */) {
    const id = input.slice(0, 3);
    if (GS1_SYMBOLOGY_IDS.has(id)) return 3;
    throw new SuyuanError(
      'CODE_FORMAT',
      `Symbology identifier ${excerpt(id)} does not announce GS1 data; expected one of ${[...GS1_SYMBOLOGY_IDS].join(', ')}.`,
      { position: 0, expected: [...GS1_SYMBOLOGY_IDS].join(', '), received: id },
    );
  }
  return 0;
}

function isSeparator(code: number): boolean {
  return code === GS || code === CARET;
}

function parseRaw(input: string, options: ElementStringOptions, checks: Check[], positions: number[]): Gs1Element[] {
  const elements: Gs1Element[] = [];
  const n = input.length;
  let pos = rawStart(input);
  while (pos < n) {
    if (isSeparator(input.charCodeAt(pos))) {
      // A separator after a predefined-length field, or a trailing one, carries no data.
      pos++;
      continue;
    }
    const aiStart = pos;
    const aiLength = aiLengthForPrefix(input.slice(pos, pos + 2));
    if (aiLength === undefined || pos + aiLength > n || !isDigitRun(input, pos, pos + aiLength)) {
      throw new SuyuanError('CODE_AI_UNKNOWN', `No GS1 application identifier starts with ${excerpt(input.slice(pos, pos + 4))} at position ${pos}.`, {
        position: pos,
        received: input.slice(pos, pos + 4),
      });
    }
    const ai = input.slice(pos, pos + aiLength);
    const definition = definitionFor(ai, aiStart, options);
    pos += aiLength;
    let end: number;
    if (definition?.predefinedLength != null) {
      end = Math.min(n, pos + definition.predefinedLength);
    } else {
      end = pos;
      while (end < n && !isSeparator(input.charCodeAt(end))) end++;
    }
    const value = input.slice(pos, end);
    if (definition) validateAiValue(definition, value, pos, checks);
    else checkUnknownValue(ai, value, pos);
    elements.push({ ai, value });
    positions.push(aiStart);
    pos = end;
  }
  return elements;
}

function parseBracketed(input: string, options: ElementStringOptions, checks: Check[], positions: number[]): Gs1Element[] {
  const elements: Gs1Element[] = [];
  const n = input.length;
  let pos = 0;
  while (pos < n) {
    if (input.charCodeAt(pos) !== 0x28) {
      throw new SuyuanError('CODE_FORMAT', `Expected "(" to open an application identifier at position ${pos}.`, {
        position: pos,
        expected: '(',
        received: input[pos]!,
      });
    }
    const close = input.indexOf(')', pos + 1);
    const ai = close < 0 ? '' : input.slice(pos + 1, close);
    if (ai.length < 2 || ai.length > 4 || !isDigitRun(ai, 0, ai.length)) {
      throw new SuyuanError('CODE_FORMAT', `Expected a 2- to 4-digit application identifier in brackets at position ${pos}.`, {
        position: pos + 1,
        expected: '(NN) to (NNNN)',
        received: input.slice(pos, pos + 6),
      });
    }
    const definition = definitionFor(ai, pos + 1, options);
    const valueStart = close + 1;
    let value = '';
    let end = valueStart;
    let segment = valueStart;
    /** Indices in `value` of each `(` that the input wrote as `\(`. */
    const escapes: number[] = [];
    while (end < n) {
      const c = input.charCodeAt(end);
      if (c === 0x28) break;
      if (c === 0x5c /* \ */ && input.charCodeAt(end + 1) === 0x28) {
        value += input.slice(segment, end);
        escapes.push(value.length);
        value += '(';
        end += 2;
        segment = end;
        continue;
      }
      end++;
    }
    value += input.slice(segment, end);
    // Each escape before (or at) a value index shifts its position in the input by one.
    const at = escapes.length === 0 ? valueStart : (index: number) => valueStart + index + escapes.filter((e) => e <= index).length;
    if (definition) validateAiValue(definition, value, at, checks);
    else checkUnknownValue(ai, value, valueStart);
    elements.push({ ai, value });
    positions.push(pos + 1);
    pos = end;
  }
  return elements;
}

function checkUnknownValue(ai: string, value: string, position: number): void {
  if (value.length === 0 || value.length > 90) {
    throw new SuyuanError('CODE_LENGTH', `Unknown AI (${ai}) must have 1 to 90 characters, got ${value.length}.`, {
      ai,
      position,
      expected: '1 to 90 characters',
    });
  }
}

function isDigitRun(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function checkDuplicates(elements: readonly Gs1Element[], positions?: readonly number[]): void {
  for (let i = 1; i < elements.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = elements[j]!;
      const b = elements[i]!;
      if (a.ai === b.ai && a.value !== b.value) {
        const position = positions?.[i];
        throw new SuyuanError('CODE_AI_DUPLICATE', `AI (${a.ai}) appears twice with different values.`, {
          ai: a.ai,
          ...(position === undefined ? {} : { position }),
        });
      }
    }
  }
}

export interface FormatElementStringOptions extends ElementStringOptions {
  /** `bracketed` (human readable, the default) or `raw` (what a barcode carries). */
  style?: 'bracketed' | 'raw';
  /** Raw style: how FNC1 separators are written. Default GS (`\x1d`). */
  separator?: '\x1d' | '^';
}

/** Writes elements as an element string after validating them exactly as `parseElementString` would. */
export function formatElementString(elements: readonly Gs1Element[], options: FormatElementStringOptions = {}): string {
  if (!Array.isArray(elements)) throw new SuyuanError('INPUT_TYPE', 'The elements must be an array.', { expected: 'an array of { ai, value }' });
  if (elements.length === 0) {
    throw new SuyuanError('INPUT_EMPTY', 'An element string needs at least one element.', { expected: 'a non-empty array' });
  }
  const definitions = elements.map((element, index) => {
    if (typeof element?.ai !== 'string' || typeof element.value !== 'string') {
      throw new SuyuanError('INPUT_TYPE', `Element ${index} must be { ai: string, value: string }.`, { path: `[${index}]` });
    }
    const definition = definitionFor(element.ai, 0, options);
    if (definition) validateAiValue(definition, element.value);
    else checkUnknownValue(element.ai, element.value, 0);
    return definition;
  });
  checkDuplicates(elements);
  if (options.checkAssociations !== false) checkAssociations(elements);
  if (options.style === 'raw') {
    const separator = options.separator ?? '\x1d';
    let out = '';
    elements.forEach((element, index) => {
      out += element.ai + element.value;
      const definition = definitions[index];
      if (index < elements.length - 1 && (!definition || definition.predefinedLength === null)) out += separator;
    });
    return out;
  }
  return elements.map((element) => `(${element.ai})${element.value.replaceAll('(', '\\(')}`).join('');
}
