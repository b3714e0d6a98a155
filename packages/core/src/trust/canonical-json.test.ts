import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { canonicalize, canonicalizeToBytes, isCanonicalJson, MAX_CANONICAL_DEPTH } from './canonical-json.js';
import { referenceCanonicalJson } from './test-support.js';

/** A double from its IEEE 754 bits, as RFC 8785 Appendix B writes them. */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

/** RFC 8785 Appendix B: IEEE 754 value (hex) → canonical JSON number. */
const APPENDIX_B: readonly [hex: string, expected: string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'], // minus zero
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

/** RFC 8785 Appendix B: values with no JSON form. */
const APPENDIX_B_REFUSED: readonly [hex: string, name: string][] = [
  ['7fffffffffffffff', 'NaN'],
  ['7ff0000000000000', 'Infinity'],
  ['fff0000000000000', '-Infinity'],
];

/** Numbers as JSON text (§3.2.2 example, and the usual suspects) → canonical form. */
const NUMBER_TEXTS: readonly [text: string, expected: string][] = [
  ['333333333.33333329', '333333333.3333333'],
  ['1E30', '1e+30'],
  ['4.50', '4.5'],
  ['2e-3', '0.002'],
  ['0.000000000000000000000000001', '1e-27'],
  ['0.000001', '0.000001'],
  ['0.0000001', '1e-7'],
  ['-0', '0'],
  ['-0.0', '0'],
  ['1.0', '1'],
  ['100', '100'],
  ['1e21', '1e+21'],
  ['1e20', '100000000000000000000'],
  ['9007199254740993', '9007199254740992'], // beyond 2^53: the nearest double
];

/** RFC 8785 §3.2.2 / §3.2.3 examples and further documents: JSON text → canonical text. */
const DOCUMENTS: readonly [name: string, text: string, expected: string][] = [
  [
    'RFC 8785 §3.2.2 (numbers, string escapes, literals)',
    String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`,
    String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
  ],
  [
    'RFC 8785 §3.2.3 (sorting by UTF-16 code units)',
    String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`,
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  ],
  ['nested members sorted at every level', '{"b":[{"z":1,"a":2}],"a":{"d":true,"c":null}}', '{"a":{"c":null,"d":true},"b":[{"a":2,"z":1}]}'],
  ['controls: short escapes, \\u00xx in lower case, DEL and U+2028 as themselves', '["\\u0000\\b\\t\\n\\u000b\\f\\r\\u001F\\u007f\\u2028"]', '["\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\u007f\u2028"]'],
  ['Chinese text and an emoji as themselves', '{"名称":"惠州荔枝 🍒"}', '{"名称":"惠州荔枝 🍒"}'],
  ['empty structures', '{"a":[],"b":{}}', '{"a":[],"b":{}}'],
  ['a string at top level', '"x"', '"x"'],
];

describe('canonicalize (RFC 8785)', () => {
  it.each(APPENDIX_B)('writes the double %s as %s (Appendix B)', (hex, expected) => {
    expect(canonicalize(fromBits(hex))).toBe(expected);
    expect(canonicalize([fromBits(hex)])).toBe(`[${expected}]`);
  });

  it.each(APPENDIX_B_REFUSED)('refuses %s (%s): it has no JSON form', (hex) => {
    expectSuyuanError(() => canonicalize(fromBits(hex)), 'INPUT_TYPE');
    expectSuyuanError(() => canonicalize({ a: [fromBits(hex)] }), 'INPUT_TYPE', { path: 'a[0]' });
  });

  it.each(NUMBER_TEXTS)('writes the JSON number %s as %s', (text, expected) => {
    expect(canonicalize(JSON.parse(text))).toBe(expected);
  });

  it.each(DOCUMENTS)('%s', (_name, text, expected) => {
    expect(canonicalize(JSON.parse(text))).toBe(expected);
    expect(isCanonicalJson(expected)).toBe(true);
  });

  it('gives the UTF-8 bytes RFC 8785 §3.2.4 prints for the §3.2.2 example', () => {
    const hex = Buffer.from(canonicalizeToBytes(JSON.parse(DOCUMENTS[0]![1]))).toString('hex');
    expect(hex).toBe(
      '7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b333333333333333' +
        '3332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac245c7' +
        '5303030665c6e4127425c225c5c5c5c5c222f227d',
    );
  });

  it('sorts by UTF-16 code units, not code points: an astral character sorts before U+FFFF', () => {
    expect(canonicalize({ '\uffff': 1, '😀': 2, '\ue000': 3 })).toBe('{"😀":2,"\ue000":3,"\uffff":1}');
  });

  it('leaves out object members whose value is undefined (absent), as JSON.stringify does', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('writes a member named __proto__ like any other', () => {
    expect(canonicalize(JSON.parse('{"__proto__":{"x":1},"a":0}'))).toBe('{"__proto__":{"x":1},"a":0}');
  });

  it.each<[string, () => unknown, string | undefined]>([
    ['a lone high surrogate', () => ({ a: 'x\ud800' }), 'a'],
    ['a lone low surrogate', () => ['\udc00y'], '[0]'],
    ['a surrogate pair in the wrong order', () => '\ude00\ud83d', undefined],
    ['a lone surrogate in a member name', () => ({ ['k\ud800']: 1 }), undefined],
    ['undefined at the top', () => undefined, undefined],
    ['undefined in an array', () => [undefined], '[0]'],
    ['a function', () => ({ f: () => 1 }), 'f'],
    ['a symbol', () => [Symbol('s')], '[0]'],
    ['a bigint', () => ({ n: 1n }), 'n'],
    ['a Date', () => ({ d: new Date(0) }), 'd'],
    ['a Map', () => new Map(), undefined],
    ['a sparse array', () => [1, , 3], '[1]'], // eslint-disable-line no-sparse-arrays
  ])('refuses %s', (_name, make, path) => {
    const error = expectSuyuanError(() => canonicalize(make()), 'INPUT_TYPE');
    if (path) expect(error.details.path).toBe(path);
  });

  it('refuses cycles and nesting deeper than MAX_CANONICAL_DEPTH', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expectSuyuanError(() => canonicalize(cycle), 'INPUT_TYPE', { path: 'self' });
    let deep: unknown = 0;
    for (let i = 0; i < MAX_CANONICAL_DEPTH; i++) deep = [deep];
    expect(canonicalize(deep)).toMatch(/^\[+0\]+$/);
    expectSuyuanError(() => canonicalize([deep]), 'INPUT_TOO_LONG');
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}'); // shared, not cyclic
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2, a: 1 });
    expect(canonicalize(bare)).toBe('{"a":1,"b":2}');
  });

  it('is idempotent through JSON and agrees with an independent implementation (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(canonicalize(JSON.parse(text))).toBe(text);
        expect(isCanonicalJson(text)).toBe(true);
        expect(text).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts array-index-like member names as strings ("" < "0" < "10" < "9")', () => {
    expect(canonicalize({ 9: 'a', 10: 'b', '': 'c', 0: 'd' })).toBe('{"":"c","0":"d","10":"b","9":"a"}');
  });
});

describe('isCanonicalJson', () => {
  it.each([
    ['{"a":1}', true],
    ['{ "a":1}', false],
    ['{"b":1,"a":2}', false],
    ['{"a":1.0}', false],
    ['{"a":"\\u0041"}', false],
    ['{"a":"\\/"}', false],
    ['{"a":1,"a":1}', false], // duplicate member
    ['{"a":1e400}', false], // overflows to Infinity
    ['["\\ud800"]', false], // unpaired surrogate
    ['\ufeff{"a":1}', false], // byte-order mark
    ['{"a":1}\n', false],
    ['not json', false],
  ])('%j → %s', (text, expected) => {
    expect(isCanonicalJson(text)).toBe(expected);
  });
});
