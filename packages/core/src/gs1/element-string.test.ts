import { thrown } from '../test-support.js';
import { describe, expect, it } from 'vitest';
import type { SuyuanErrorCode } from '../errors.js';
import {
  MAX_ELEMENT_STRING_LENGTH,
  formatElementString,
  parseElementString,
  parseElementStringWithChecks,
  tryParseElementString,
  type Gs1Element,
} from './element-string.js';

const GS = '\x1d';
const GTIN = '09520123456788';


describe('parsing the bracketed form', () => {
  it('reads AIs and values in order', () => {
    expect(parseElementString(`(01)${GTIN}(10)ABC123(21)XYZ`)).toEqual([
      { ai: '01', value: GTIN },
      { ai: '10', value: 'ABC123' },
      { ai: '21', value: 'XYZ' },
    ]);
  });

  it('reads 2-, 3- and 4-digit AIs and multi-component values', () => {
    expect(parseElementString(`(01)${GTIN}(3103)000195(7003)2512311230(253)9520123456788ABC(254)X`, { checkAssociations: false })).toEqual([
      { ai: '01', value: GTIN },
      { ai: '3103', value: '000195' },
      { ai: '7003', value: '2512311230' },
      { ai: '253', value: '9520123456788ABC' },
      { ai: '254', value: 'X' },
    ]);
  });

  it('reads "\\(" as a literal "(" in a value; ")" needs no escape', () => {
    expect(parseElementString(`(01)${GTIN}(10)AB\\(C)D`)).toEqual([
      { ai: '01', value: GTIN },
      { ai: '10', value: 'AB(C)D' },
    ]);
    expect(parseElementString(`(01)${GTIN}(10)\\(\\(`)[1]).toEqual({ ai: '10', value: '((' });
  });

  it('refuses an unescaped "(" inside a value: it opens an AI', () => {
    const error = thrown(() => parseElementString(`(01)${GTIN}(10)AB(C`));
    expect(error.code).toBe('CODE_FORMAT');
    expect(error.details.position).toBe(25);
  });
});

describe('parsing the raw form', () => {
  const expected: Gs1Element[] = [
    { ai: '01', value: GTIN },
    { ai: '10', value: 'ABC123' },
    { ai: '21', value: 'XYZ' },
  ];
  const body = `01${GTIN}10ABC123${GS}21XYZ`;

  it('reads GS-separated data with or without a leading FNC1', () => {
    expect(parseElementString(body)).toEqual(expected);
    expect(parseElementString(`^${body}`)).toEqual(expected);
    expect(parseElementString(`^01${GTIN}10ABC123^21XYZ`)).toEqual(expected);
    expect(parseElementString(`01${GTIN}10ABC123^21XYZ`)).toEqual(expected);
  });

  it.each([']C1', ']d2', ']Q3', ']e0', ']J1'])('reads data after the GS1 symbology identifier %s', (id) => {
    expect(parseElementString(`${id}${body}`)).toEqual(expected);
  });

  it.each([']C0', ']d1', ']Q1', ']E0', ']J0', ']e1', ']X'])('refuses the non-GS1 symbology identifier %s', (id) => {
    const error = thrown(() => parseElementString(`${id}${body}`));
    expect(error.code).toBe('CODE_FORMAT');
    expect(error.details.position).toBe(0);
  });

  it('needs no separator after predefined-length AIs', () => {
    expect(parseElementString(`01${GTIN}17251231310300019511250101${'10'}LOT`)).toEqual([
      { ai: '01', value: GTIN },
      { ai: '17', value: '251231' },
      { ai: '3103', value: '000195' },
      { ai: '11', value: '250101' },
      { ai: '10', value: 'LOT' },
    ]);
  });

  it('tolerates superfluous separators after predefined-length AIs and at the end', () => {
    expect(parseElementString(`^01${GTIN}${GS}17251231${GS}10LOT${GS}`)).toEqual([
      { ai: '01', value: GTIN },
      { ai: '17', value: '251231' },
      { ai: '10', value: 'LOT' },
    ]);
  });

  it('reads a variable-length value up to the next separator, whatever it looks like', () => {
    // Without GS after (10), "21XYZ" is part of the lot.
    expect(parseElementString(`01${GTIN}10ABC21XYZ`)).toEqual([
      { ai: '01', value: GTIN },
      { ai: '10', value: 'ABC21XYZ' },
    ]);
  });

  it('gives the same elements as the bracketed form', () => {
    expect(parseElementString(`(01)${GTIN}(10)ABC123(21)XYZ`)).toEqual(parseElementString(body));
  });
});

describe('associations (req= and ex=)', () => {
  it.each([
    ['(10)ABC', 'CODE_AI_REQUIRED', '10', 1],
    ['^10ABC', 'CODE_AI_REQUIRED', '10', 1],
    [']C110ABC', 'CODE_AI_REQUIRED', '10', 3],
    [`(01)${GTIN}(250)X`, 'CODE_AI_REQUIRED', '250', 19], // 250 has two req=: (01) or (8006), and (21)
    [`(02)${GTIN}(37)5`, 'CODE_AI_REQUIRED', '37', 19], // 37 needs (00), or (02) or (8026); 02 needs 37 → the first is unmet
    [`(01)${GTIN}(8011)123`, 'CODE_AI_REQUIRED', '8011', 19],
    [`(01)${GTIN}(02)${GTIN}`, 'CODE_AI_EXCLUSIVE', '02', 19],
    [`(01)${GTIN}(37)5`, 'CODE_AI_EXCLUSIVE', '01', 1],
    [`(01)${GTIN}(3103)000195(3102)000195`, 'CODE_AI_EXCLUSIVE', '3103', 19], // ex=310n
    [`(01)${GTIN}(21)S(235)T`, 'CODE_AI_EXCLUSIVE', '21', 19],
  ] as const)('%s → %s', (input, code, ai, position) => {
    const error = thrown(() => parseElementString(input));
    expect(error.code).toBe(code);
    expect(error.details.ai).toBe(ai);
    expect(error.details.position).toBe(position);
    // The same data is acceptable when pairings are checked elsewhere (several carriers on one item).
    expect(parseElementString(input, { checkAssociations: false }).length).toBeGreaterThan(0);
  });

  it('accepts data that satisfies every rule', () => {
    expect(parseElementString(`(01)${GTIN}(21)S(250)X`)).toHaveLength(3);
    expect(parseElementString(`(00)006141411234567890(37)5(02)${GTIN}`)).toHaveLength(3);
    expect(parseElementString('(8010)0614141ABC(8011)123')).toHaveLength(2);
  });

  it('does not count an AI as excluding itself', () => {
    expect(parseElementString(`(01)${GTIN}(3103)000195(3103)000195`)).toHaveLength(3);
  });
});

describe('duplicates', () => {
  it('refuses an AI repeated with a different value, pointing at the repetition', () => {
    const error = thrown(() => parseElementString(`(01)${GTIN}(10)A(21)S(10)B`));
    expect(error.code).toBe('CODE_AI_DUPLICATE');
    expect(error.details).toMatchObject({ ai: '10', position: 29 });
    const raw = thrown(() => parseElementString(`01${GTIN}10A${GS}10B`));
    expect(raw.details).toMatchObject({ ai: '10', position: 20 });
  });

  it('accepts an AI repeated with the same value (as GS1 does)', () => {
    expect(parseElementString(`(01)${GTIN}(10)A(10)A`)).toEqual([
      { ai: '01', value: GTIN },
      { ai: '10', value: 'A' },
      { ai: '10', value: 'A' },
    ]);
  });
});

describe('unknown AIs', () => {
  it('refuses AIs missing from the dictionary, pointing at the AI', () => {
    expect(thrown(() => parseElementString('(89)ABC')).details).toMatchObject({ ai: '89', position: 1 });
    expect(thrown(() => parseElementString(`(01)${GTIN}(236)ABC`)).details).toMatchObject({ ai: '236', position: 19 });
    const raw = thrown(() => parseElementString(`^01${GTIN}236ABC`));
    expect(raw.code).toBe('CODE_AI_UNKNOWN');
    expect(raw.details).toMatchObject({ ai: '236', position: 17 });
    // A raw prefix that no AI starts with: the AI's length cannot even be known.
    const prefix = thrown(() => parseElementString(`01${GTIN}89ABC`));
    expect(prefix.code).toBe('CODE_AI_UNKNOWN');
    expect(prefix.details.position).toBe(16);
  });

  it('keeps unknown AIs with permitUnknownAis when their extent is known', () => {
    expect(parseElementString(`(01)${GTIN}(89)ABC`, { permitUnknownAis: true })).toEqual([
      { ai: '01', value: GTIN },
      { ai: '89', value: 'ABC' },
    ]);
    expect(parseElementString(`^01${GTIN}236ABC${GS}10X`, { permitUnknownAis: true })).toEqual([
      { ai: '01', value: GTIN },
      { ai: '236', value: 'ABC' },
      { ai: '10', value: 'X' },
    ]);
    // Still refused: an unallocated two-digit prefix in raw data, and an empty unknown value.
    expect(thrown(() => parseElementString(`01${GTIN}89ABC`, { permitUnknownAis: true })).code).toBe('CODE_AI_UNKNOWN');
    expect(thrown(() => parseElementString(`(01)${GTIN}(89)`, { permitUnknownAis: true })).code).toBe('CODE_LENGTH');
  });
});

describe('errors point at the offending character', () => {
  it.each([
    // [input, code, position]
    [`(01)09520123456789`, 'CODE_CHECK_DIGIT', 17],
    [`(01)0952012345678A`, 'CODE_CHARSET', 17],
    [`(01)0952012345678`, 'CODE_LENGTH', 17],
    [`(01)095201234567888`, 'CODE_LENGTH', 18],
    [`(01)${GTIN}(10)`, 'CODE_LENGTH', 22],
    [`(01)${GTIN}(10)${'A'.repeat(21)}`, 'CODE_LENGTH', 42],
    [`(01)${GTIN}(10)AB#C`, 'CODE_CHARSET', 24],
    [`(01)${GTIN}(10)A\\(B#`, 'CODE_CHARSET', 26], // after an escape the position is still the input's
    [`(01)${GTIN}(10)\\(\\(\\(#`, 'CODE_CHARSET', 28],
    [`(01)${GTIN}(10)\\(${'A'.repeat(20)}`, 'CODE_LENGTH', 43],
    [`(01)${GTIN}(10)ABC${GS}`, 'CODE_CHARSET', 25],
    [`(01)${GTIN}(17)251331`, 'CODE_DATE', 24],
    [`(01)${GTIN}(17)250230`, 'CODE_DATE', 26],
    [`01${GTIN}${GS}17251331`, 'CODE_DATE', 21],
    [`01${GTIN}17251231${'3103'}00019A`, 'CODE_CHARSET', 33],
    [`^01${GTIN}10ABC${GS}21X Y`, 'CODE_CHARSET', 26],
    [`(01)${GTIN}(8011)0123`, 'CODE_VALUE', 24], // nozeroprefix
    [`(01)${GTIN}(4321)2`, 'CODE_VALUE', 24], // yesno: 0 or 1
    [`(01)${GTIN}(4321)1`, 'CODE_AI_REQUIRED', 19], // requires (00)
    ['(1)A', 'CODE_FORMAT', 1],
    ['(01', 'CODE_FORMAT', 1],
    ['(ab)12', 'CODE_FORMAT', 1],
    ['(01234)1', 'CODE_FORMAT', 1],
    [`(01)${GTIN}X(10)A`, 'CODE_LENGTH', 18],
    ['X', 'CODE_AI_UNKNOWN', 0],
    ['0', 'CODE_AI_UNKNOWN', 0],
    ['01', 'CODE_LENGTH', 2],
    ['', 'INPUT_EMPTY', 0],
    ['^', 'INPUT_EMPTY', 1],
    [']C1', 'INPUT_EMPTY', 3],
    [`^${GS}${GS}`, 'INPUT_EMPTY', 3],
  ] as const)('%j → %s at %i', (input, code, position) => {
    const error = thrown(() => parseElementString(input));
    expect(error.code).toBe(code);
    expect(error.details.position).toBe(position);
    expect(error.message.length).toBeGreaterThan(10);
    // The try… variant reports the same error instead of throwing.
    const result = tryParseElementString(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('hostile input', () => {
  const cases: [string, string, SuyuanErrorCode, number][] = [
    ['NUL byte', '\0', 'CODE_AI_UNKNOWN', 0],
    ['NUL byte inside a GTIN', '(01)0952012345\u0000788', 'CODE_CHARSET', 14],
    ['NUL byte inside a raw lot', `01${GTIN}10A\u0000B`, 'CODE_CHARSET', 19],
    ['emoji', '😀', 'CODE_AI_UNKNOWN', 0],
    ['emoji in a lot', `(01)${GTIN}(10)A😀`, 'CODE_CHARSET', 23],
    ['full-width digits as the AI', `０１${GTIN}`, 'CODE_AI_UNKNOWN', 0],
    ['full-width digit in a GTIN', '(01)０9520123456788', 'CODE_CHARSET', 4],
    ['full-width digits in brackets', `(０１)${GTIN}`, 'CODE_FORMAT', 1],
    ['lone high surrogate', '\ud800', 'CODE_AI_UNKNOWN', 0],
    ['lone low surrogate in a lot', `(01)${GTIN}(10)AB\udc00`, 'CODE_CHARSET', 24],
    ['Latin-1 letter', `(01)${GTIN}(10)Ä`, 'CODE_CHARSET', 22],
    ['10,000 characters', 'x'.repeat(10_000), 'INPUT_TOO_LONG', MAX_ELEMENT_STRING_LENGTH],
    ['10,000 digits', '0'.repeat(10_000), 'INPUT_TOO_LONG', MAX_ELEMENT_STRING_LENGTH],
    ['only brackets', '()()()', 'CODE_FORMAT', 1],
    ['a lone closing bracket', ')', 'CODE_AI_UNKNOWN', 0],
  ];

  it.each(cases)('%s → %s', (_what, input, code, position) => {
    const error = thrown(() => parseElementString(input));
    expect(error.code).toBe(code);
    expect(error.details.position).toBe(position);
  });

  it('accepts exactly the maximum length and refuses one character more', () => {
    const max = `01${GTIN}`.repeat(MAX_ELEMENT_STRING_LENGTH / 16);
    expect(max).toHaveLength(MAX_ELEMENT_STRING_LENGTH);
    expect(parseElementString(max)).toHaveLength(MAX_ELEMENT_STRING_LENGTH / 16);
    expect(thrown(() => parseElementString(`${max}^`)).code).toBe('INPUT_TOO_LONG');
  });

  it.each([null, undefined, 42, {}, [], ['(01)09520123456788'], new String(`(01)${GTIN}`), Symbol('x'), () => `(01)${GTIN}`])(
    'refuses the non-string %s with INPUT_TYPE',
    (input) => {
      expect(thrown(() => parseElementString(input as unknown as string)).code).toBe('INPUT_TYPE');
      const result = tryParseElementString(input as unknown as string);
      expect(result.ok ? undefined : result.error.code).toBe('INPUT_TYPE');
    },
  );

  it('gives the same code for the same input every time', () => {
    for (const [, input, code] of cases) {
      for (let i = 0; i < 3; i++) expect(thrown(() => parseElementString(input)).code).toBe(code);
    }
  });
});

describe('checks', () => {
  it('reports each syntax test that ran, and the association check', () => {
    const { elements, checks } = parseElementStringWithChecks(`(01)${GTIN}(17)251231`);
    expect(elements).toHaveLength(2);
    expect(checks).toEqual([
      { check: 'csum', ai: '01', status: 'passed' },
      { check: 'gcppos2', ai: '01', status: 'passed' },
      { check: 'yymmd0', ai: '17', status: 'passed' },
      { check: 'associations', status: 'passed' },
    ]);
    expect(parseElementStringWithChecks(`(01)${GTIN}`, { checkAssociations: false }).checks.map((c) => c.check)).toEqual([
      'csum',
      'gcppos2',
    ]);
  });
});

describe('formatElementString', () => {
  const elements: Gs1Element[] = [
    { ai: '01', value: GTIN },
    { ai: '10', value: 'AB(C)' },
    { ai: '17', value: '251231' },
    { ai: '21', value: 'XYZ' },
    { ai: '3103', value: '000195' },
  ];

  it('writes the bracketed form, escaping "("', () => {
    expect(formatElementString(elements)).toBe(`(01)${GTIN}(10)AB\\(C)(17)251231(21)XYZ(3103)000195`);
    expect(formatElementString(elements, { style: 'bracketed' })).toBe(formatElementString(elements));
  });

  it('writes the raw form with a separator only after variable-length values that are not last', () => {
    expect(formatElementString(elements, { style: 'raw' })).toBe(`01${GTIN}10AB(C)${GS}1725123121XYZ${GS}3103000195`);
    expect(formatElementString(elements, { style: 'raw', separator: '^' })).toBe(`01${GTIN}10AB(C)^1725123121XYZ^3103000195`);
    expect(formatElementString([{ ai: '01', value: GTIN }, { ai: '21', value: 'S' }], { style: 'raw' })).toBe(`01${GTIN}21S`);
  });

  it('round-trips through parseElementString in both styles', () => {
    for (const style of ['bracketed', 'raw'] as const) {
      expect(parseElementString(formatElementString(elements, { style }))).toEqual(elements);
      expect(parseElementString(`^${formatElementString(elements, { style: 'raw', separator: '^' })}`)).toEqual(elements);
    }
  });

  it('round-trips GS1 reference element strings', () => {
    for (const raw of [
      '^011231231231233310ABC123^99TESTING',
      '^011231231231233310ABC123^1199122598TESTING^97XYZ',
      '^0109520123456788310300019539220299^17201225',
      '^0095201234567891234502095201234567883725^10ABC123',
    ]) {
      const parsed = parseElementString(raw, { checkAssociations: false });
      expect(`^${formatElementString(parsed, { style: 'raw', separator: '^', checkAssociations: false })}`).toBe(raw);
    }
  });

  it('validates exactly as parsing does', () => {
    expect(thrown(() => formatElementString([{ ai: '01', value: '09520123456789' }])).code).toBe('CODE_CHECK_DIGIT');
    expect(thrown(() => formatElementString([{ ai: '10', value: 'A' }])).code).toBe('CODE_AI_REQUIRED');
    expect(thrown(() => formatElementString([{ ai: '89', value: 'A' }])).code).toBe('CODE_AI_UNKNOWN');
    expect(formatElementString([{ ai: '89', value: 'A' }], { permitUnknownAis: true })).toBe('(89)A');
    expect(formatElementString([{ ai: '10', value: 'A' }], { checkAssociations: false })).toBe('(10)A');
    expect(
      thrown(() =>
        formatElementString([
          { ai: '01', value: GTIN },
          { ai: '10', value: 'A' },
          { ai: '10', value: 'B' },
        ]),
      ).code,
    ).toBe('CODE_AI_DUPLICATE');
  });

  it('refuses malformed element lists with a stable code', () => {
    expect(thrown(() => formatElementString([])).code).toBe('INPUT_EMPTY');
    for (const bad of [null, undefined, 'x', 42, { ai: '01', value: GTIN }]) {
      expect(thrown(() => formatElementString(bad as unknown as Gs1Element[])).code).toBe('INPUT_TYPE');
    }
    for (const bad of [[null], [{ ai: 1, value: GTIN }], [{ ai: '01' }], [{ ai: '01', value: 9520123456788 }], ['(01)09520123456788']]) {
      const error = thrown(() => formatElementString(bad as unknown as Gs1Element[]));
      expect(error.code).toBe('INPUT_TYPE');
      expect(error.details.path).toBe('[0]');
    }
  });
});
