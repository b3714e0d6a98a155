/**
 * Property tests (fast-check) across the GS1 parsers: random valid element strings and Digital Links
 * round-trip, and arbitrary or mutated input never makes a parser throw anything but a SuyuanError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SuyuanError } from '../errors.js';
import { CSET39, CSET64, CSET82 } from './character-sets.js';
import { VALUE_LAYOUTS } from './digital-link-compression-tables.js';
import { buildDigitalLink, parseDigitalLink } from './digital-link.js';
import { formatElementString, parseElementString, type Gs1Element } from './element-string.js';
import { elementsToEpcUrn, parseEpcUrn } from './epc-urn.js';
import { parseScanData } from './scan-data.js';
import { listAis, lookupAi, type AiDefinition } from './syntax-dictionary.js';

const RUNS = { numRuns: 400 };

// ---------------------------------------------------------------------------------------------
// Independent helpers (not the implementation's) used to build valid data.

function checkDigit(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((d, i) => (sum += Number(d) * (i % 2 === 0 ? 3 : 1)));
  return String((10 - (sum % 10)) % 10);
}

/** `n` in a dictionary pattern stands for any digit. */
function matches(ai: string, pattern: string): boolean {
  return ai.length === pattern.length && [...pattern].every((p, i) => p === 'n' || p === ai[i]);
}

const SIMPLE_LINTERS = new Set(['csum', 'gcppos1', 'gcppos2', 'yymmdd', 'yymmd0']);
const ALPHABETS = { N: '0123456789', X: CSET82, Y: CSET39, Z: CSET64.replace('=', '') } as const;

/** AIs whose every component we can fill without knowing a syntax test beyond check digits. */
function isSimple(definition: AiDefinition): boolean {
  if (!definition.components.every((c) => c.linters.every((l) => SIMPLE_LINTERS.has(l)))) return false;
  const fixedDigits = (c: AiDefinition['components'][number]) => c.characterSet === 'N' && c.minLength === c.maxLength;
  if (!definition.components.every((c) => !c.linters.includes('csum') || fixedDigits(c))) return false;
  if (!definition.components.every((c) => !c.linters.some((l) => l.startsWith('yymm')) || (fixedDigits(c) && c.maxLength === 6))) return false;
  // A predefined-length AI must always be written at full length.
  return definition.predefinedLength === null || definition.components.every((c) => !c.optional && c.minLength === c.maxLength);
}

/** A random valid value for a simple AI. */
function valueArbitrary(definition: AiDefinition): fc.Arbitrary<string> {
  const parts = definition.components.map((c) => {
    const unit = fc.constantFrom(...ALPHABETS[c.characterSet]);
    const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
    let part = fc.string({ unit, minLength: c.minLength, maxLength: c.maxLength });
    if (c.linters.includes('csum')) part = digits(c.maxLength - 1).map((b) => b + checkDigit(b));
    // A Company Prefix starts with four digits.
    if (c.linters.includes('gcppos1') && c.characterSet !== 'N') {
      part = fc.tuple(digits(4), fc.string({ unit, minLength: Math.max(0, c.minLength - 4), maxLength: c.maxLength - 4 })).map(([a, b]) => a + b);
    }
    // A date YYMMDD (day 00 allowed by yymmd0 only); days up to 28 exist in every month.
    if (c.linters.some((l) => l.startsWith('yymm'))) {
      const day = c.linters.includes('yymmd0') ? fc.integer({ min: 0, max: 28 }) : fc.integer({ min: 1, max: 28 });
      part = fc
        .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), day)
        .map((parts) => parts.map((n) => String(n).padStart(2, '0')).join(''));
    }
    return c.optional ? fc.option(part, { nil: '' }) : part;
  });
  // Optional components are only ever trailing: once one is left out, so are the rest.
  return fc.tuple(...parts).map((values) => {
    const out: string[] = [];
    for (const [i, v] of values.entries()) {
      if (definition.components[i]!.optional && v === '') break;
      out.push(v);
    }
    return out.join('');
  });
}

const gtinArbitrary = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }).map((b) => b + checkDigit(b));
const GTIN = lookupAi('01')!;

/** Simple AIs that may accompany (01): each req= is met by (01), and neither excludes the other. */
const COMPANIONS = listAis().filter(
  (d) =>
    d.ai !== '01' &&
    isSimple(d) &&
    d.requires.every((req) => req.some((alternative) => alternative.length === 1 && alternative[0] === '01')) &&
    !d.excludes.some((p) => matches('01', p)) &&
    !GTIN.excludes.some((p) => matches(d.ai, p)),
);

function compatible(ais: readonly AiDefinition[]): boolean {
  return ais.every((a) => ais.every((b) => a === b || !a.excludes.some((p) => matches(b.ai, p))));
}

const elementsArbitrary: fc.Arbitrary<Gs1Element[]> = fc
  .tuple(
    gtinArbitrary,
    fc.uniqueArray(fc.constantFrom(...COMPANIONS), { maxLength: 6, selector: (d) => d.ai }).filter(compatible),
    fc.nat(),
  )
  .chain(([gtin, companions, at]) =>
    fc.tuple(...companions.map(valueArbitrary)).map((values) => {
      const elements = companions.map((d, i) => ({ ai: d.ai, value: values[i]! }));
      elements.splice(at % (elements.length + 1), 0, { ai: '01', value: gtin });
      return elements;
    }),
  );

describe('random valid element strings', () => {
  it('draws from a useful set of AIs', () => {
    expect(COMPANIONS.length).toBeGreaterThan(100);
    for (const ai of ['00', '10', '11', '17', '21', '22', '235', '253', '3103', '401', '8010', '91', '99']) {
      expect(COMPANIONS.map((d) => d.ai)).toContain(ai);
    }
  });

  it('round-trip through formatElementString and parseElementString in both styles', () => {
    fc.assert(
      fc.property(elementsArbitrary, fc.constantFrom<'\x1d' | '^'>('\x1d', '^'), (elements, separator) => {
        const bracketed = formatElementString(elements);
        expect(parseElementString(bracketed)).toEqual(elements);
        const raw = formatElementString(elements, { style: 'raw', separator });
        expect(parseElementString(raw)).toEqual(elements);
        expect(parseElementString(`]d2${formatElementString(elements, { style: 'raw' })}`)).toEqual(elements);
        expect(parseElementString(`^${raw}`)).toEqual(elements);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Random Digital Links.

const COMPRESSIBLE = new Set(Object.values(VALUE_LAYOUTS).flatMap((ais) => ais.split(' ')));
const QUALIFIERS = new Set(['22', '10', '21', '235']);
const ATTRIBUTES = COMPANIONS.filter((d) => d.dlDataAttribute && !QUALIFIERS.has(d.ai) && !d.dlKeyQualifiers);

const qualifierValue = fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: 20 });

interface LinkCase {
  path: Gs1Element[];
  attributes: Gs1Element[];
  params: [string, string][];
}

const linkArbitrary: fc.Arbitrary<LinkCase> = fc
  .tuple(
    gtinArbitrary,
    fc.oneof(fc.subarray(['22', '10', '21']), fc.constant(['235'])),
    fc.uniqueArray(fc.constantFrom(...ATTRIBUTES), { maxLength: 4, selector: (d) => d.ai }).filter(compatible),
    fc.uniqueArray(
      fc.tuple(fc.stringMatching(/^[a-z][A-Za-z0-9_-]{0,7}$/), fc.string({ unit: 'grapheme-ascii', maxLength: 12 })),
      { maxLength: 3, selector: ([name]) => name },
    ),
  )
  .chain(([gtin, qualifiers, attributes, params]) =>
    fc
      .tuple(fc.tuple(...qualifiers.map(() => qualifierValue)), fc.tuple(...attributes.map(valueArbitrary)))
      .map(([qualifierValues, attributeValues]) => ({
        path: [{ ai: '01', value: gtin }, ...qualifiers.map((ai, i) => ({ ai, value: qualifierValues[i]! }))],
        attributes: attributes.map((d, i) => ({ ai: d.ai, value: attributeValues[i]! })),
        params,
      })),
  )
  // No ex= clash between qualifiers and attributes (e.g. (21) excludes (235)).
  .filter((c) => compatible([...c.path, ...c.attributes].map((e) => lookupAi(e.ai)!)));

const stemArbitrary = fc.constantFrom('https://id.gs1.org', 'https://example.com', 'http://example.com/a/b', 'HTTPS://EXAMPLE.COM:8443/x');

function byAi(elements: readonly Gs1Element[]): [string, string][] {
  return elements.map((e): [string, string] => [e.ai, e.value]).sort(([a], [b]) => (a < b ? -1 : 1));
}

describe('random Digital Links', () => {
  it('round-trip through buildDigitalLink and parseDigitalLink', () => {
    fc.assert(
      fc.property(linkArbitrary, stemArbitrary, fc.boolean(), ({ path, attributes, params }, stem, reverse) => {
        // Give the elements in any order: the key and qualifiers still go in the path, in GS1's order.
        const given = [...path, ...attributes];
        if (reverse) given.reverse();
        const uri = buildDigitalLink(given, { stem, params });
        const parsed = parseDigitalLink(uri);
        expect(parsed.compressed).toBe(false);
        expect(parsed.stem).toBe(stem);
        expect(parsed.elements.slice(0, path.length)).toEqual(path);
        // Attributes: predefined-length ones first, each group in the order given.
        const givenAttributes = given.filter((e) => attributes.includes(e));
        const fixed = givenAttributes.filter((e) => lookupAi(e.ai)!.predefinedLength !== null);
        const variable = givenAttributes.filter((e) => lookupAi(e.ai)!.predefinedLength === null);
        expect(parsed.elements.slice(path.length)).toEqual([...fixed, ...variable]);
        expect(parsed.unknownParams).toEqual(params);
      }),
      RUNS,
    );
  });

  it('round-trip through the compressed form', () => {
    const compressible = linkArbitrary.filter((c) => [...c.path, ...c.attributes].every((e) => COMPRESSIBLE.has(e.ai)));
    fc.assert(
      fc.property(compressible, stemArbitrary, ({ path, attributes, params }, stem) => {
        const uri = buildDigitalLink([...attributes, ...path], { stem, params, compress: true });
        expect(uri).toMatch(/\/[A-Za-z0-9_-]+$/);
        const parsed = parseDigitalLink(uri);
        expect(parsed.compressed).toBe(true);
        expect(parsed.stem).toBe(stem);
        expect(parsed.elements.slice(0, path.length)).toEqual(path);
        expect(byAi(parsed.elements.slice(path.length))).toEqual(byAi(attributes));
        expect(parsed.unknownParams).toEqual(params);
        // Decompressed and rebuilt plainly, it is the plain link of the same data.
        expect(buildDigitalLink(parsed.elements, { stem, params: parsed.unknownParams })).toBe(
          buildDigitalLink(parsed.elements, { stem, params }),
        );
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Nothing but SuyuanError, ever.

const CODES = new Set(Object.keys(ERROR_CODES));

function onlySuyuanErrors(fn: () => unknown): SuyuanError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof SuyuanError)) throw new Error(`threw a non-SuyuanError: ${String(error)}`, { cause: error });
    if (!CODES.has(error.code)) throw new Error(`unknown error code ${error.code}`);
    return error;
  }
}

function everyParser(input: string): void {
  for (const permitUnknownAis of [false, true]) {
    const error = onlySuyuanErrors(() => parseElementString(input, { permitUnknownAis }));
    // Every element-string error about a string points into it.
    if (error) {
      expect(error.details.position, `${error.code} for ${JSON.stringify(input)}`).toBeTypeOf('number');
      expect(error.details.position).toBeGreaterThanOrEqual(0);
      expect(error.details.position).toBeLessThanOrEqual(input.length);
    }
    onlySuyuanErrors(() => parseDigitalLink(input, { permitUnknownAis }));
  }
  onlySuyuanErrors(() => parseScanData(input));
  onlySuyuanErrors(() => parseScanData(input, { elements: false }));
  onlySuyuanErrors(() => parseEpcUrn(input));
}

const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const latin1 = fc.uint8Array({ maxLength: 80 }).map((bytes) => String.fromCharCode(...bytes));
const utf8 = fc.uint8Array({ maxLength: 80 }).map((bytes) => new TextDecoder().decode(bytes));

const VALID = [
  '(01)09520123456788(10)ABC123(21)XYZ',
  '(01)09520123456788(10)AB\\(C(17)251231(3103)000195(8008)21063012(253)9520123456788ABC',
  '^0109520123456788310300019539220299^17201225',
  ']C1010952012345678810ABC\x1d21S',
  '(00)006141411234567890(37)5(02)09520123456788',
  '(8010)0614141ABC(8011)123',
  'https://id.gs1.org/01/09520123456788/22/2A/10/ABC%2F1/21/S?17=251231&99=A%2BC&linkType=gs1:pip',
  'https://example.com/a/b/gtin/9520123456788/ser/X?3103=000195&foo=bar+baz#f',
  'https://id.gs1.org/414/9520123456788/254/32a%2Fb',
  'https://id.gs1.org/LRFRJydaKAAYYuYkEnJEgJW',
  'https://id.gs1.org/01/09520123456788/EEarwSMXMSCQ',
  'https://id.gs1.org/ohFRJydaKICV-DfooYNtqvwUm0CYcS_G',
  'https://dlnkd.tn.gg/HxHKVAdpQgZzjr-hCDKigI',
  ']Q1https://id.gs1.org/01/09520123456788?99=TEST',
  ']d2011231231231233310ABC123\x1d99TESTING',
  ']E02112345678900|]e099COMPOSITE\x1d98XYZ',
  ']E402345673',
  ']I109520123456788',
  'urn:epc:id:sgtin:9521141.012345.4711',
  'urn:epc:id:upui:9521141.089456.51qIgY)%3C%26Jp3*j7\'SDB',
  'urn:epc:id:itip:9521141.012345.04.04.32a%2Fb',
  'urn:epc:id:cpi:9521141.5PQ7%2FZ43.12345',
  'urn:epc:class:lgtin:9521141.712345.32a%2Fb',
  'urn:epc:idpat:sgtin:9521141.012345.*',
  'urn:epc:id:sgln:952656789012..4711',
];

type Mutation = (s: string) => string;
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (s) => s.slice(0, n % (s.length + 1))),
  fc.tuple(fc.nat(), anyUtf16).map(([n, text]): Mutation => (s) => {
    const at = n % (s.length + 1);
    return s.slice(0, at) + text + s.slice(at);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 8 })).map(([n, k]): Mutation => (s) => {
    const at = n % (s.length + 1);
    return s.slice(0, at) + s.slice(at + k);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...'0123456789%/?&=()^\x1d\x00.:#+-_AZaz~ é😀\ud800')).map(([n, c]): Mutation => (s) => {
    const at = n % Math.max(s.length, 1);
    return s.slice(0, at) + c + s.slice(at + 1);
  }),
);

describe('hostile input never throws anything but a SuyuanError', () => {
  it('holds for the valid corpus itself', () => {
    for (const input of VALID) everyParser(input);
    // … and most of it is valid for its own parser.
    expect(parseElementString(VALID[1]!)).toHaveLength(6);
    expect(parseDigitalLink(VALID[7]!).elements).toHaveLength(3);
    expect(parseScanData(VALID[15]!).elements).toHaveLength(3);
    expect(parseEpcUrn(VALID[20]!).elements).toHaveLength(2);
  });

  it.each([
    ['printable strings', fc.string({ maxLength: 80 })],
    ['full Unicode strings', fc.string({ unit: 'binary', maxLength: 60 })],
    ['any UTF-16 code units, lone surrogates included', anyUtf16],
    ['bytes read as Latin-1', latin1],
    ['bytes read as UTF-8', utf8],
    ['GS1-flavoured strings', fc.string({ unit: fc.constantFrom(...'0123456789()^]\x1d%/?&=CdQeJ1EI0|.:*urnepcidsgtin'), maxLength: 60 })],
  ] as const)('%s', (_what, arbitrary) => {
    fc.assert(fc.property(arbitrary, (input) => everyParser(input)), RUNS);
  });

  it('mutations of valid input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), (input, mutations) => {
        everyParser(mutations.reduce((s, m) => m(s), input));
      }),
      { numRuns: 1000 },
    );
  });

  it('random valid data converted to every form, then mutated', () => {
    fc.assert(
      fc.property(elementsArbitrary, mutationArbitrary, (elements, mutate) => {
        const forms = [formatElementString(elements), formatElementString(elements, { style: 'raw' })];
        const link = onlySuyuanErrors(() => forms.push(buildDigitalLink(elements)));
        if (!link) forms.push(`]Q1${forms[2]}`);
        onlySuyuanErrors(() => forms.push(elementsToEpcUrn(elements, { gcpLength: 7 })));
        for (const form of forms) {
          everyParser(form);
          everyParser(mutate(form));
        }
      }),
      { numRuns: 300 },
    );
  });
});
