import { thrown } from '../test-support.js';
import { describe, expect, it } from 'vitest';
import { toResult } from '../errors.js';
import { checkAssociations } from './associations.js';
import { decodeCompressedPath } from './digital-link-compression.js';
import { OPTIMISATIONS } from './digital-link-compression-tables.js';
import {
  DEFAULT_DIGITAL_LINK_STEM,
  buildDigitalLink,
  looksLikeDigitalLink,
  parseDigitalLink,
  parseDigitalLinkWithChecks,
  percentDecode,
  percentEncode,
  tryParseDigitalLink,
} from './digital-link.js';
import { formatElementString, parseElementString, type Gs1Element } from './element-string.js';
import compressionJson from './testdata/dl-vectors.json' with { type: 'json' };
import escapeJson from './testdata/dl-escape-vectors.json' with { type: 'json' };
import generateJson from './testdata/dl-generate-vectors.json' with { type: 'json' };
import parseJson from './testdata/dl-parse-vectors.json' with { type: 'json' };

interface EngineOptions {
  permitZeroSuppressedGTINinDLuris?: boolean;
  permitConvenienceAlphas?: boolean;
  permitUnknownAIs?: boolean;
  validation_UNKNOWN_AI_NOT_DL_ATTR?: boolean;
}

interface ParseVector {
  uri: string;
  ok: boolean;
  elementString?: string;
  options?: EngineOptions;
  comment?: string;
}

interface GenerateVector {
  stem: string | null;
  aiData?: string;
  inputDLuri?: string;
  ok: boolean;
  uri?: string;
  options?: EngineOptions;
  comment?: string;
}

interface CompressionVector {
  id: number;
  uncompressed: string | null;
  compressed: string;
  useOptimisations: boolean | null;
  compressOtherKeyValuePairs: boolean | null;
  expectedAIs: Record<string, string>;
  expectedNonGS1: Record<string, string>;
  partiallyCompressed?: boolean;
  decompressedCanonical?: string;
}

const parseVectors = parseJson as unknown as ParseVector[];
const generateVectors = (generateJson as unknown as { vectors: GenerateVector[] }).vectors;
const compressionVectors = compressionJson as unknown as CompressionVector[];
const escapeVectors = escapeJson as unknown as {
  escape: { in: string; path: string; query: string }[];
  unescape: { in: string; path?: string; query?: string; error?: string; comment?: string }[];
};


/** Our elements in the engine's notation: `^` (FNC1 first), `^` only after variable-length AIs. */
function engineElementString(elements: readonly Gs1Element[]): string {
  return `^${formatElementString(elements, { style: 'raw', separator: '^', checkAssociations: false, permitUnknownAis: true })}`;
}

const key = (v: { uri: string; options?: EngineOptions }): string => `${v.uri} ${JSON.stringify(v.options ?? {})}`;

/**
 * GS1 syntax-engine parse vectors (test_dl_parseDLuri) on which we deliberately differ from the
 * engine's *defaults*. Each deviation says what we do instead; every other vector must match exactly.
 */
const PARSE_DEVIATIONS: Record<string, { why: string; elementString?: string; options?: { permitUnknownAis: boolean } }> = {
  // Convenience alphas (/gtin/, /ser/ …) are deprecated but still printed on packs: we always accept them
  // (the engine's permitConvenienceAlphas = true).
  [key({ uri: 'https://a/gtin/12312312312333' })]: { why: 'convenience alphas accepted', elementString: '^0112312312312333' },
  // Zero-suppressed GTIN-8/12/13 in the path are padded to 14 digits (the engine's legacy option
  // permitZeroSuppressedGTINinDLuris = true), as GS1's own toolkit and resolvers do.
  [key({ uri: 'https://a/01/2112345678900' })]: { why: 'GTIN-13 in the path padded', elementString: '^0102112345678900' },
  [key({ uri: 'https://a/01/416000336108' })]: { why: 'GTIN-12 in the path padded', elementString: '^0100416000336108' },
  [key({ uri: 'https://a/01/02345673' })]: { why: 'GTIN-8 in the path padded', elementString: '^0100000002345673' },
  // We have one switch, permitUnknownAis, which is the engine's permitUnknownAIs *together with*
  // validation UNKNOWN_AI_NOT_DL_ATTR disabled: an unknown AI we accept may also be a query attribute.
  [key({ uri: 'https://example.com/01/09520123456788?99=XYZ&89=ABC123', options: { permitUnknownAIs: true } })]: {
    why: 'permitUnknownAis also permits unknown AIs as attributes',
    elementString: '^010952012345678899XYZ^89ABC123',
    options: { permitUnknownAis: true },
  },
};

/** How a vector's engine options map to ours (convenience alphas and zero suppression need none). */
function ourOptions(options: EngineOptions | undefined): { permitUnknownAis: boolean } {
  return { permitUnknownAis: options?.permitUnknownAIs === true && options.validation_UNKNOWN_AI_NOT_DL_ATTR === false };
}

describe('GS1 syntax-engine parse vectors (dl.c test_dl_parseDLuri)', () => {
  it('lists only deviations that exist among the vectors', () => {
    const keys = new Set(parseVectors.map(key));
    for (const deviation of Object.keys(PARSE_DEVIATIONS)) expect(keys, deviation).toContain(deviation);
    expect(parseVectors.length).toBeGreaterThan(90);
  });

  it.each(parseVectors.filter((v) => !PARSE_DEVIATIONS[key(v)]).map((v) => [v.uri, JSON.stringify(v.options ?? {}), v] as const))(
    '%s %s',
    (_uri, _options, v) => {
      const result = toResult(() => parseDigitalLink(v.uri, ourOptions(v.options)));
      if (v.ok) {
        expect(result.ok ? undefined : result.error.message).toBeUndefined();
        if (result.ok) expect(engineElementString(result.value.elements)).toBe(v.elementString);
      } else {
        expect(result.ok, v.comment).toBe(false);
      }
    },
  );

  it.each(Object.entries(PARSE_DEVIATIONS))('deliberate deviation: %s', (vectorKey, deviation) => {
    const v = parseVectors.find((vector) => key(vector) === vectorKey)!;
    expect(v.ok).toBe(false); // the engine refuses it by default …
    const parsed = parseDigitalLink(v.uri, deviation.options ?? {}); // … we accept it, and say what it means
    expect(engineElementString(parsed.elements)).toBe(deviation.elementString);
    if (deviation.options?.permitUnknownAis) expect(thrown(() => parseDigitalLink(v.uri)).code).toBe('CODE_AI_UNKNOWN');
  });
});

describe('GS1 syntax-engine generate vectors (dl.c test_dl_generateDLuri)', () => {
  function elementsOf(v: GenerateVector): Gs1Element[] {
    if (v.inputDLuri) return parseDigitalLink(v.inputDLuri).elements;
    return parseElementString(v.aiData!, { permitUnknownAis: v.options?.permitUnknownAIs === true });
  }

  // Deviations, both refusals where the engine generates a URI:
  // - buildDigitalLink has no permitUnknownAis: it never writes an AI missing from the dictionary.
  // - buildDigitalLink sees only elements, not where they came from. The newer engine keeps the path
  //   of a parsed URI (/01/…/235/… with ?10=…); from the same elements as AI data it refuses (the
  //   vector just before), and so do we in both cases, choosing /01/…/10/… and finding (235) is no
  //   query attribute. The two vectors cannot both hold for a stateless builder.
  const deviations = new Map<GenerateVector, string>([
    [generateVectors.find((v) => v.ok && v.options?.permitUnknownAIs)!, 'CODE_AI_UNKNOWN'],
    [generateVectors.find((v) => v.inputDLuri)!, 'CODE_DIGITAL_LINK'],
  ]);

  it('has the two deviating vectors', () => {
    expect([...deviations.keys()].every(Boolean)).toBe(true);
    expect(generateVectors.length).toBeGreaterThan(20);
  });

  it.each(generateVectors.filter((v) => !deviations.has(v)).map((v) => [v.aiData ?? v.inputDLuri, v] as const))('%s', (_data, v) => {
    const result = toResult(() => buildDigitalLink(elementsOf(v), v.stem === null ? {} : { stem: v.stem }));
    if (v.ok) {
      expect(result.ok ? result.value : result.error.message).toBe(v.uri);
      // What we write, we read back: the same AIs, each once.
      const parsed = parseDigitalLink(v.uri!);
      const unique = new Map(elementsOf(v).map((e) => [e.ai, e.value]));
      expect(new Map(parsed.elements.map((e) => [e.ai, e.value]))).toEqual(unique);
    } else {
      expect(result.ok, v.comment).toBe(false);
    }
  });

  it.each([...deviations].map(([v, code]) => [v.comment, v, code] as const))('deliberate deviation: %s', (_comment, v, code) => {
    expect(v.ok).toBe(true);
    expect(thrown(() => buildDigitalLink(elementsOf(v), { stem: v.stem! })).code).toBe(code);
  });
});

describe('percent-encoding (dl.c URIescape / URIunescape vectors)', () => {
  it.each(escapeVectors.escape.map((v) => [v.in, v] as const))('escapes %j', (_in, v) => {
    expect(percentEncode(v.in)).toBe(v.path);
    expect(percentEncode(v.in, true)).toBe(v.query);
  });

  // Deliberate deviations: the engine copies a "%" that does not start an escape, and decodes
  // escapes byte by byte (%FF → ÿ). We follow RFC 3986 and decode UTF-8: a bare "%" and a byte
  // sequence that is not UTF-8 are CODE_PERCENT_ENCODING errors. In a GS1 value the engine's
  // results differ only for the bare "%" (CSET 82 contains "%"); ÿ is no CSET 82 character anyway.
  const refused = new Set(['ABC%2', 'ABCD%', 'A%4gB', 'A%4GB', 'A%g4B', 'A%G4B', 'A%ffB', 'A%FfB', 'A%fFB', 'A%FFB']);

  it.each(escapeVectors.unescape.filter((v) => !v.error && !refused.has(v.in)).map((v) => [v.in, v] as const))('unescapes %j', (_in, v) => {
    expect(percentDecode(v.in, false)).toBe(v.path);
    expect(percentDecode(v.in, true)).toBe(v.query);
  });

  it.each([...refused])('deliberate deviation: refuses %j', (input) => {
    for (const plusIsSpace of [false, true]) {
      const error = thrown(() => percentDecode(input, plusIsSpace, 100));
      expect(error.code).toBe('CODE_PERCENT_ENCODING');
      expect(error.details.position).toBeGreaterThanOrEqual(100);
    }
    expect(thrown(() => parseDigitalLink(`https://a/01/12312312312333/10/${input}`)).code).toBe('CODE_PERCENT_ENCODING');
  });

  it('refuses a decoded NUL in a value, as the engine does', () => {
    const v = escapeVectors.unescape.find((u) => u.error)!;
    expect(v.in).toBe('A%00B');
    const error = thrown(() => parseDigitalLink(`https://a/01/12312312312333/10/${v.in}`));
    expect(error.code).toBe('CODE_CHARSET');
    expect(error.details.position).toBe(32); // the "%" of %00
  });

  it('decodes UTF-8 and encodes non-ASCII as UTF-8 bytes', () => {
    expect(percentEncode('é😀')).toBe('%C3%A9%F0%9F%98%80');
    expect(percentDecode('%C3%A9%F0%9F%98%80', false)).toBe('é😀');
  });
});

describe('compression vectors (GS1 Digital Link toolkit, digital-link.js, Trust Codes)', () => {
  const lastSegment = (uri: string): string => uri.split('?')[0]!.split('/').pop()!;
  const expectedElements = (v: CompressionVector): Gs1Element[] => Object.entries(v.expectedAIs).map(([ai, value]) => ({ ai, value }));
  const sorted = (map: Record<string, string> | Map<string, string> | [string, string][]): [string, string][] =>
    (map instanceof Map ? [...map] : Array.isArray(map) ? map : Object.entries(map)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  it.each(compressionVectors.map((v) => [v.id, v.compressed, v] as const))('#%i decompresses %s', (_id, _uri, v) => {
    // The base64url segment alone holds every AI except, when partially compressed, the key.
    const decoded = decodeCompressedPath(lastSegment(v.compressed));
    const inSegment = Object.entries(v.expectedAIs).filter(([ai]) => !(v.partiallyCompressed && v.compressed.includes(`/${ai}/`)));
    expect(sorted(decoded.elements.map((e): [string, string] => [e.ai, e.value]))).toEqual(sorted(inSegment));

    // The whole URI: every AI and every non-GS1 parameter (compressed or left in the query).
    const associations = toResult(() => checkAssociations(expectedElements(v)));
    const parsed = toResult(() => parseDigitalLink(v.compressed));
    if (!associations.ok) {
      // A few vectors test compression only: their AIs break GS1's pairing rules, which we enforce.
      expect(parsed.ok ? undefined : parsed.error.code).toBe(associations.error.code);
      return;
    }
    expect(parsed.ok ? undefined : parsed.error.message).toBeUndefined();
    if (!parsed.ok) return;
    expect(parsed.value.compressed).toBe(true);
    expect(sorted(new Map(parsed.value.elements.map((e) => [e.ai, e.value])))).toEqual(sorted(v.expectedAIs));
    expect(parsed.value.elements).toHaveLength(Object.keys(v.expectedAIs).length);
    expect(sorted(parsed.value.unknownParams)).toEqual(sorted(v.expectedNonGS1));
    expect(parsed.value.stem).toBe(new URL(v.compressed).origin);
    if (v.decompressedCanonical) {
      expect(buildDigitalLink(parsed.value.elements, { stem: parsed.value.stem, params: parsed.value.unknownParams })).toBe(v.decompressedCanonical);
    }
  });

  const reproducible = compressionVectors.filter((v) => {
    if (v.partiallyCompressed || v.useOptimisations === null) return false;
    const otherPairs = Object.keys(v.expectedNonGS1).length > 0;
    // We always use optimisation codes and always compress extra parameters; a vector made without
    // them is comparable only when it would not have used them either.
    const optimisable = Object.values(OPTIMISATIONS).some((ais) => ais.every((ai) => ai in v.expectedAIs));
    return (v.useOptimisations || !optimisable) && (v.compressOtherKeyValuePairs || !otherPairs);
  });

  it('reproduces every vector made with optimisations and compressed parameters', () => {
    const both = compressionVectors.filter((v) => v.useOptimisations && v.compressOtherKeyValuePairs && !v.partiallyCompressed);
    expect(both.length).toBeGreaterThan(40);
    for (const v of both) expect(reproducible).toContain(v);
  });

  it.each(reproducible.map((v) => [v.id, v.compressed, v] as const))('#%i compresses to %s', (_id, _uri, v) => {
    const stem = new URL(v.compressed).origin;
    const params = Object.entries(v.expectedNonGS1);
    const elements = expectedElements(v);
    const compress = (): string => buildDigitalLink(elements, { stem, compress: true, params });
    if (!toResult(() => checkAssociations(elements)).ok) {
      expect(thrown(compress).code).toMatch(/^CODE_AI_(REQUIRED|EXCLUSIVE)$/);
      return;
    }
    expect(compress()).toBe(v.compressed);
  });

  // The toolkit's input URI of vector 29 has (10), a key qualifier of (01), in the query. GS1's
  // syntax engine refuses that ("AI in query params that should be in the path info") and so do we.
  const qualifierInQuery = new Set([29]);

  it.each(compressionVectors.filter((v) => v.uncompressed?.startsWith('http')).map((v) => [v.id, v.uncompressed!, v] as const))(
    '#%i reads the uncompressed %s',
    (_id, uri, v) => {
      const parsed = toResult(() => parseDigitalLink(uri));
      if (qualifierInQuery.has(v.id)) {
        expect(parsed.ok ? undefined : parsed.error.code).toBe('CODE_DIGITAL_LINK');
        return;
      }
      if (!toResult(() => checkAssociations(expectedElements(v))).ok) {
        expect(parsed.ok).toBe(false);
        return;
      }
      expect(parsed.ok ? undefined : parsed.error.message).toBeUndefined();
      if (!parsed.ok) return;
      expect(parsed.value.compressed).toBe(false);
      expect(sorted(new Map(parsed.value.elements.map((e) => [e.ai, e.value])))).toEqual(sorted(v.expectedAIs));
      expect(sorted(parsed.value.unknownParams)).toEqual(sorted(v.expectedNonGS1));
    },
  );

  it('parses the partially compressed form stem/01/<gtin>/<base64url>', () => {
    const parsed = parseDigitalLink('https://id.gs1.org/01/09520123456788/EEarwSMXMSCQ');
    expect(parsed).toEqual({
      stem: 'https://id.gs1.org',
      elements: [
        { ai: '01', value: '09520123456788' },
        { ai: '10', value: 'ABC123' },
        { ai: '17', value: '201225' },
      ],
      unknownParams: [],
      compressed: true,
    });
    // Any stem path, and a partially compressed form of our own fully compressed data.
    const full = buildDigitalLink(parsed.elements, { compress: true });
    const segment = full.split('/').pop()!;
    expect(parseDigitalLink(`https://example.com/a/b/${segment}`).stem).toBe('https://example.com/a/b');
    const partial = parseDigitalLink(`https://example.com/a/01/09520123456788/${buildDigitalLink([{ ai: '01', value: '09520123456788' }, { ai: '21', value: 'S1' }], { compress: true }).split('/').pop()}`);
    expect(partial.stem).toBe('https://example.com/a');
    expect(partial.elements).toEqual([
      { ai: '01', value: '09520123456788' },
      { ai: '21', value: 'S1' },
    ]);
  });

  it('keeps leading zeros of variable-length numbers and empty optional parts', () => {
    for (const elements of [
      [{ ai: '01', value: '09520123456788' }, { ai: '10', value: '00123' }],
      [{ ai: '01', value: '09520123456788' }, { ai: '30', value: '0012' }],
      [{ ai: '01', value: '09520123456788' }, { ai: '8008', value: '21063012' }],
      [{ ai: '01', value: '09520123456788' }, { ai: '8008', value: '2106301259' }],
      [{ ai: '253', value: '9520123456788' }],
      [{ ai: '255', value: '9520614000018' }],
    ]) {
      expect(parseDigitalLink(buildDigitalLink(elements, { compress: true })).elements).toEqual(elements);
    }
  });

  it('refuses data that is not a valid compressed Digital Link', () => {
    for (const uri of ['https://id.gs1.org/AAAAAAAA', 'https://id.gs1.org/ZZZZZZZZ', 'https://id.gs1.org/ARFRJydaKA__', 'https://id.gs1.org/01/09520123456788/ZZZZZZZZ']) {
      const error = thrown(() => parseDigitalLink(uri));
      expect(error.code, uri).toBe('CODE_COMPRESSION');
      expect(error.details.position, uri).toBe(uri.lastIndexOf('/') + 1);
    }
  });

  it('refuses to compress AIs missing from the compression tables and parameters it cannot hold', () => {
    expect(thrown(() => buildDigitalLink([{ ai: '01', value: '09520123456788' }, { ai: '235', value: 'X' }], { compress: true })).code).toBe(
      'CODE_COMPRESSION',
    );
    expect(thrown(() => buildDigitalLink([{ ai: '01', value: '09520123456788' }], { compress: true, params: [['a b', 'x']] })).code).toBe(
      'CODE_COMPRESSION',
    );
    expect(thrown(() => buildDigitalLink([{ ai: '01', value: '09520123456788' }], { compress: true, params: [['k', 'é']] })).code).toBe(
      'CODE_COMPRESSION',
    );
  });
});

describe('parseDigitalLink', () => {
  it('splits stem, key, qualifiers, attributes and other parameters', () => {
    const { link, checks } = parseDigitalLinkWithChecks(
      'https://brand.example.com/some/path/01/09520123456788/22/2A/10/ABC%2F1/21/S?17=251231&linkType=gs1:pip&99=A%2BC&flag#frag',
    );
    expect(link).toEqual({
      stem: 'https://brand.example.com/some/path',
      elements: [
        { ai: '01', value: '09520123456788' },
        { ai: '22', value: '2A' },
        { ai: '10', value: 'ABC/1' },
        { ai: '21', value: 'S' },
        { ai: '17', value: '251231' },
        { ai: '99', value: 'A+C' },
      ],
      unknownParams: [
        ['linkType', 'gs1:pip'],
        ['flag', ''],
      ],
      compressed: false,
    });
    expect(checks.map((c) => c.check)).toContain('associations');
    expect(checks.filter((c) => c.status !== 'passed')).toEqual([]);
  });

  it('reads "+" as a space only in the query', () => {
    expect(parseDigitalLink('https://a/01/12312312312333/22/ABC+123').elements[1]).toEqual({ ai: '22', value: 'ABC+123' });
    expect(parseDigitalLink('https://a/01/12312312312333?note=a+b').unknownParams).toEqual([['note', 'a b']]);
    expect(thrown(() => parseDigitalLink('https://a/01/12312312312333?99=A+B')).code).toBe('CODE_CHARSET');
  });

  it.each([
    // [uri, code, position]
    ['https://id.gs1.org/01/09520123456789', 'CODE_CHECK_DIGIT', 35],
    ['https://id.gs1.org/01/0952012345678', 'CODE_LENGTH', 35],
    ['https://id.gs1.org/01/09520123456788/10/A%2FB%23', 'CODE_CHARSET', 45],
    ['https://id.gs1.org/01/09520123456788?99=A%2FB%23', 'CODE_CHARSET', 45],
    ['https://id.gs1.org/01/09520123456788?99=%C3%A9', 'CODE_CHARSET', 40],
    ['https://id.gs1.org/01/09520123456788?99=%F0%9F%98%80X%23', 'CODE_CHARSET', 40],
    ['https://id.gs1.org/01/09520123456788/10/ABC?17=251331', 'CODE_DATE', 49],
    ['ftp://a/01/09520123456788', 'CODE_DIGITAL_LINK', 0],
    ['HtTp://a/01/09520123456788', 'CODE_DIGITAL_LINK', 0],
    ['https://a_b/01/09520123456788', 'CODE_DIGITAL_LINK', 8],
    ['https://id.gs1.org', 'CODE_DIGITAL_LINK', 18],
    ['https://id.gs1.org/', 'CODE_DIGITAL_LINK', 18],
    ['https://id.gs1.org/01/09520123456788/', 'CODE_DIGITAL_LINK', 36],
    ['https://id.gs1.org//01/09520123456788', 'CODE_DIGITAL_LINK', 18],
    ['https://id.gs1.org/01/09520123456788/21/S/10/L', 'CODE_DIGITAL_LINK', 40],
    ['https://id.gs1.org/01/09520123456788/22/A/235/X', 'CODE_DIGITAL_LINK', 40],
    ['https://id.gs1.org/01/09520123456788?21=S', 'CODE_DIGITAL_LINK', 37],
    ['https://id.gs1.org/01/09520123456788?10=L', 'CODE_DIGITAL_LINK', 37],
    ['https://id.gs1.org/01/09520123456788?99=A&99=B', 'CODE_AI_DUPLICATE', 45],
    ['https://id.gs1.org/01/09520123456788?999=A', 'CODE_AI_UNKNOWN', 37],
    ['https://id.gs1.org/01/09520123456788?99=', 'CODE_LENGTH', 37],
    ['https://id.gs1.org/01/09520123456788?99=A%4', 'CODE_PERCENT_ENCODING', 41],
    ['https://id.gs1.org/01/09520123456788?x=%E9', 'CODE_PERCENT_ENCODING', 39],
    ['https://id.gs1.org/01/09520123456788?3922=0299', 'CODE_AI_REQUIRED', 42],
  ] as const)('%s → %s at %i', (uri, code, position) => {
    const error = thrown(() => parseDigitalLink(uri));
    expect(error.code).toBe(code);
    expect(error.details.position).toBe(position);
    const result = tryParseDigitalLink(uri);
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it('refuses non-strings and overlong input with stable codes', () => {
    for (const input of [null, undefined, 1, {}, [], new String('https://id.gs1.org/01/09520123456788')]) {
      expect(thrown(() => parseDigitalLink(input as unknown as string)).code).toBe('INPUT_TYPE');
    }
    expect(thrown(() => parseDigitalLink(`https://id.gs1.org/01/09520123456788?x=${'a'.repeat(9000)}`)).code).toBe('INPUT_TOO_LONG');
  });
});

describe('buildDigitalLink', () => {
  const gtin = { ai: '01', value: '09520123456788' };

  it('writes the canonical stem by default and trims a trailing slash from a given stem', () => {
    expect(buildDigitalLink([gtin])).toBe(`${DEFAULT_DIGITAL_LINK_STEM}/01/09520123456788`);
    expect(buildDigitalLink([gtin], { stem: 'https://example.com/x/' })).toBe('https://example.com/x/01/09520123456788');
  });

  it('pads a GTIN-8, -12 or -13 to 14 digits', () => {
    expect(buildDigitalLink([{ ai: '01', value: '9520123456788' }])).toBe('https://id.gs1.org/01/09520123456788');
    expect(buildDigitalLink([{ ai: '01', value: '02345673' }])).toBe('https://id.gs1.org/01/00000002345673');
  });

  it('escapes path and query values as GS1 does, and appends extra parameters', () => {
    expect(
      buildDigitalLink(
        [gtin, { ai: '10', value: 'A+B/C' }, { ai: '99', value: 'X+Y' }],
        { params: [['a b', 'c d+e'], ['linkType', 'gs1:pip']] },
      ),
    ).toBe('https://id.gs1.org/01/09520123456788/10/A%2BB%2FC?99=X%2BY&a+b=c+d%2Be&linkType=gs1%3Apip');
  });

  it('chooses the key and qualifiers, putting predefined-length attributes first', () => {
    expect(
      buildDigitalLink([
        { ai: '99', value: 'A' },
        { ai: '21', value: 'S' },
        { ai: '17', value: '251231' },
        gtin,
        { ai: '10', value: 'L' },
      ]),
    ).toBe('https://id.gs1.org/01/09520123456788/10/L/21/S?17=251231&99=A');
  });

  it.each([
    [[{ ai: '99', value: 'A' }], {}, 'CODE_DIGITAL_LINK'], // no primary key
    [[gtin, { ai: '21', value: 'A' }, { ai: '235', value: 'X' }], {}, 'CODE_AI_EXCLUSIVE'],
    [[gtin, { ai: '22', value: 'A' }, { ai: '235', value: 'X' }], {}, 'CODE_DIGITAL_LINK'], // (235) would go in the query
    [[gtin, { ai: '10', value: 'A' }, { ai: '10', value: 'B' }], {}, 'CODE_AI_DUPLICATE'],
    [[{ ai: '01', value: '09520123456789' }], {}, 'CODE_CHECK_DIGIT'],
    [[gtin, { ai: '89', value: 'X' }], {}, 'CODE_AI_UNKNOWN'],
    [[gtin], { params: [['12', 'x']] }, 'CODE_DIGITAL_LINK'],
    [[gtin], { stem: 'https://example.com/x?a=b' }, 'CODE_DIGITAL_LINK'],
    [[gtin], { stem: 'example.com' }, 'CODE_DIGITAL_LINK'],
    [[], {}, 'INPUT_EMPTY'],
    [null, {}, 'INPUT_TYPE'],
    ['(01)09520123456788', {}, 'INPUT_TYPE'],
    [[null], {}, 'INPUT_TYPE'],
    [[{ ai: '01', value: 9520123456788 }], {}, 'INPUT_TYPE'],
  ] as const)('refuses %j %j with %s', (elements, options, code) => {
    expect(thrown(() => buildDigitalLink(elements as unknown as Gs1Element[], options)).code).toBe(code);
  });
});

describe('looksLikeDigitalLink', () => {
  it.each([
    ['https://id.gs1.org/01/09520123456788', true],
    ['https://id.gs1.org/01/09520123456789', true], // shape only: a wrong check digit still looks like one
    ['https://example.com/a/gtin/9520123456788', true],
    ['https://id.gs1.org/ARFRJydaKA', true],
    ['https://example.com/products/shoes', false],
    ['https://example.com/', false],
    ['not a uri', false],
    ['', false],
  ] as const)('%s → %s', (uri, expected) => {
    expect(looksLikeDigitalLink(uri)).toBe(expected);
  });
});
