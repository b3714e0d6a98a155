/**
 * Property tests: for any input, `parseCode` returns a parsed code or throws a `SuyuanError` with a
 * documented code — never any other exception — and it is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SuyuanError } from '../errors.js';
import { parseCode, type ParsedCode } from './parse-code.js';
import { toFullWidth } from './test-helpers.js';

const VALID_CODES = [
  '91350100M000100Y43',
  '7732-18-5',
  '64-17-5',
  '06901234567892',
  '6901010012349',
  '96385074',
  '86901234567898',
  '83123456789012345678',
  '81104403052015120001',
  '11234561123123456789012345678901',
  '201701050012312345678901',
  '311010001201900001',
  '12345AB12345CD',
  '5360815A12345',
  'UN1203',
  '88.1000.2/mm',
  'MA.156.1003.16291',
  'MA.156.M0.100001.10000011.L123.M200101.E261231.S99',
  '(01)06901234567892(17)261231(10)ABC(21)XYZ',
  '010690123456789217261231\x1d10ABC\x1d21XYZ',
  ']d2010690123456789217261231\x1d10ABC',
  ']E06901234567892',
  ']Q1https://id.gs1.org/01/06901234567892',
  'https://id.gs1.org/01/06901234567892/10/ABC?17=261231',
  'https://trace.example.cn/q?code=91350100M000100Y43#x',
  'urn:epc:id:sgtin:0614141.112345.400',
  '郑单958\n河南秋乐种业科技股份有限公司\nA1234567890\nhttps://zz.example.cn/t/A1234567890',
];

const ERROR_CODE_KEYS = new Set(Object.keys(ERROR_CODES));

/** Parses, returning the code or the SuyuanError; any other throw fails the property. */
function outcome(input: string): ParsedCode | SuyuanError {
  try {
    return parseCode(input);
  } catch (error) {
    if (!(error instanceof SuyuanError)) throw error;
    if (!ERROR_CODE_KEYS.has(error.code)) throw new Error(`undocumented error code ${String(error.code)}`);
    return error;
  }
}

function plain(result: ParsedCode | SuyuanError): unknown {
  return result instanceof SuyuanError ? { error: result.toJSON() } : result;
}

/** The invariants of a successful result. */
function checkParsed(input: string, parsed: ParsedCode): void {
  expect(parsed.input).toBe(input);
  expect(typeof parsed.canonical).toBe('string');
  expect(['marker', 'check', 'shape']).toContain(parsed.evidence);
  for (const code of [parsed, ...(parsed.alternatives ?? [])]) {
    expect(code.checks.every((c) => c.status === 'passed' || c.status === 'not-checked')).toBe(true);
  }
  if (parsed.scheme === 'unknown') expect(parsed.alternatives).toBeUndefined();
}

const property = (input: string): void => {
  const first = outcome(input);
  if (!(first instanceof SuyuanError)) checkParsed(input, first);
  expect(plain(outcome(input))).toEqual(plain(first));
};

// Characters that matter to the parsers: digits, letters of every scheme, separators, URL syntax, GS
// and its spellings, whitespace of every kind, full-width forms and invisible characters.
const codeChar = fc.constantFrom(
  ...'0123456789ABCDEFGHJKLMNPQRTUWXYZabcmxyz()-./?=&#%:+]^<>{}[]|_~'.split(''),
  '\x1d',
  ' ',
  '\n',
  '\r',
  '\t',
  '\u3000',
  '\u200b',
  '\ufeff',
  '０',
  '９',
  'Ａ',
  '－',
  '中',
  '\u0000',
  '\u007f',
);

const mutatedCode = fc
  .tuple(
    fc.constantFrom(...VALID_CODES),
    fc.array(
      fc.record({
        kind: fc.constantFrom('truncate', 'insert', 'duplicate', 'delete', 'substitute', 'full-width'),
        at: fc.nat(),
        text: fc.string({ unit: codeChar, minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([code, edits]) => {
    let text = code;
    for (const { kind, at, text: piece } of edits) {
      const i = at % (text.length + 1);
      if (kind === 'truncate') text = text.slice(0, i);
      else if (kind === 'insert') text = text.slice(0, i) + piece + text.slice(i);
      else if (kind === 'duplicate') text = text.slice(0, i) + text.slice(i, i + 1 + (at % 3)) + text.slice(i);
      else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
      else if (kind === 'substitute') text = text.slice(0, i) + piece[0] + text.slice(i + 1);
      else text = text.slice(0, i) + toFullWidth(text.slice(i, i + 4)) + text.slice(i + 4);
    }
    return text;
  });

const RUNS = 1500;

describe('parseCode properties', () => {
  it('any string: a parsed code or a documented SuyuanError, deterministically', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), property), { numRuns: RUNS });
  });

  it('any Unicode string (full code points, graphemes)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), property), { numRuns: RUNS });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), property), { numRuns: RUNS / 3 });
  });

  it('random bytes decoded as latin1 and as UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        property(Buffer.from(bytes).toString('latin1'));
        property(Buffer.from(bytes).toString('utf8'));
      }),
      { numRuns: RUNS },
    );
  });

  it('strings of the characters codes are made of', () => {
    fc.assert(fc.property(fc.string({ unit: codeChar, maxLength: 60 }), property), { numRuns: RUNS });
  });

  it('valid codes mutated by truncation, insertion, duplication, deletion, substitution', () => {
    fc.assert(fc.property(mutatedCode, property), { numRuns: RUNS * 2 });
  });

  it('valid codes inside URLs, with any query around them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_CODES),
        fc.constantFrom('query', 'path', 'fragment'),
        fc.string({ maxLength: 12 }),
        (code, where, noise) => {
          const value = encodeURIComponent(code);
          const extra = encodeURIComponent(noise);
          const url =
            where === 'query'
              ? `https://x.example/t?n=${extra}&c=${value}`
              : where === 'path'
                ? `https://x.example/${extra}/${value}`
                : `https://x.example/${extra}#${value}`;
          property(url);
        },
      ),
      { numRuns: RUNS / 3 },
    );
  });

  it('long strings, up to and beyond the length limit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_CODES, '0', 'A1', '\u3000'), fc.integer({ min: 1, max: 9000 }), (piece, length) => {
        const text = piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
        const result = outcome(text);
        if (text.length > 8192) expect(result instanceof SuyuanError && result.code).toBe('INPUT_TOO_LONG');
        property(text);
      }),
      { numRuns: 60 },
    );
  });

  it('reads a valid code the same way whatever whitespace, full-width forms and invisible characters surround it', () => {
    const noise = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r\n', '\u3000', '\u200b', '\ufeff'), maxLength: 4 });
    fc.assert(
      fc.property(fc.constantFrom(...VALID_CODES.filter((c) => !c.includes('\n'))), noise, noise, fc.boolean(), (code, before, after, wide) => {
        const plainResult = outcome(code);
        const noisy = outcome(before + (wide && !code.includes('\x1d') ? toFullWidth(code) : code) + after);
        expect(noisy instanceof SuyuanError).toBe(plainResult instanceof SuyuanError);
        if (!(plainResult instanceof SuyuanError) && !(noisy instanceof SuyuanError)) {
          expect(noisy.scheme).toBe(plainResult.scheme);
          expect(noisy.canonical).toBe(plainResult.canonical);
        }
      }),
      { numRuns: RUNS / 3 },
    );
  });
});
