import { thrown } from '../test-support.js';
import { describe, expect, it } from 'vitest';
import { formatElementString, parseElementString, type Gs1Element } from './element-string.js';
import {
  digitalLinkToEpcUrn,
  elementsToEpcUrn,
  epcUrnToDigitalLink,
  escapeUrnComponent,
  parseEpcUrn,
  tryParseEpcUrn,
  type ToEpcUrnOptions,
} from './epc-urn.js';
import epcJson from './testdata/epc-vectors.json' with { type: 'json' };

interface EpcVector {
  urn: string;
  digitalLink: string;
  elementString: string;
  gcpLength: number;
  source: string;
}

const data = epcJson as unknown as {
  vectors: EpcVector[];
  libraryVectors: EpcVector[];
  knownBadLibraryVectors: { urn?: string; dl?: string; libraryOutput?: string; correct?: string }[];
};
const allVectors = [...data.vectors, ...data.libraryVectors];


/**
 * TDS 2.3 Table A-1 form: the seven characters a URN may not hold raw (and "#" in a CPI part
 * reference) escaped with upper-case hex, every other escape decoded.
 */
function normaliseUrn(urn: string): string {
  return urn.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return '"%&/<>?#'.includes(c) ? `%${hex.toUpperCase()}` : c;
  });
}

describe('EPC vectors (GS1 EPC Tag Data Standard 2.3 examples and cross-checked libraries)', () => {
  it('has the vectors', () => {
    expect(data.vectors.length).toBeGreaterThan(30);
    expect(data.libraryVectors.length).toBeGreaterThan(20);
  });

  it.each(allVectors.map((v) => [v.urn, v] as const))('%s', (_urn, v) => {
    // URN → elements
    const parsed = parseEpcUrn(v.urn);
    expect(formatElementString(parsed.elements)).toBe(v.elementString);
    expect(parsed.elements).toEqual(parseElementString(v.elementString));
    expect(parsed.companyPrefix).toBe(v.urn.split(':')[4]!.split('.')[0]);
    expect(parsed.companyPrefix).toHaveLength(v.gcpLength);
    expect(parsed.kind).toBe(v.urn.split(':')[2]);
    expect(parsed.scheme).toBe(v.urn.split(':')[3]);

    // URN → Digital Link (canonical stem)
    expect(epcUrnToDigitalLink(v.urn)).toBe(v.digitalLink);
    expect(epcUrnToDigitalLink(v.urn, { stem: 'https://example.com/x' })).toBe(v.digitalLink.replace('https://id.gs1.org', 'https://example.com/x'));

    // elements (and Digital Link) + Company Prefix length → URN
    expect(normaliseUrn(elementsToEpcUrn(parseElementString(v.elementString), { gcpLength: v.gcpLength }))).toBe(normaliseUrn(v.urn));
    expect(normaliseUrn(digitalLinkToEpcUrn(v.digitalLink, { gcpLength: v.gcpLength }))).toBe(normaliseUrn(v.urn));
  });

  it('gives the correct answers where other libraries were found wrong', () => {
    const [sscc, grai, unescaped, badCheck] = data.knownBadLibraryVectors;
    expect(epcUrnToDigitalLink(sscc!.urn!)).toBe(sscc!.correct);
    expect(epcUrnToDigitalLink(grai!.urn!)).toBe(grai!.correct);
    expect(epcUrnToDigitalLink(grai!.urn!)).not.toBe(grai!.libraryOutput);
    // A serial with the seven TDS characters unescaped is not a URN.
    expect(thrown(() => parseEpcUrn('urn:epc:id:sgtin:234567.1890123.!"%&\'()*+,-./')).code).toBe('CODE_EPC_URN');
    expect(unescaped!.correct).toContain('must escape');
    // A Digital Link with a wrong check digit has no URN.
    expect(thrown(() => digitalLinkToEpcUrn(badCheck!.dl!, { gcpLength: 7 })).code).toBe('CODE_CHECK_DIGIT');
  });
});

describe('parseEpcUrn', () => {
  it('splits only on the first dots: serials may contain dots', () => {
    const parsed = parseEpcUrn('urn:epc:id:giai:4251218..SENSOR.TR-07:1');
    expect(parsed.components).toEqual(['4251218', '.SENSOR.TR-07:1']);
    expect(parsed.elements).toEqual([{ ai: '8004', value: '4251218.SENSOR.TR-07:1' }]);
    expect(parseEpcUrn('urn:epc:id:sgtin:9521141.012345.a.b.c').elements[1]).toEqual({ ai: '21', value: 'a.b.c' });
  });

  it('decodes escapes in either case, including ones that were not needed', () => {
    expect(parseEpcUrn('urn:epc:id:sgtin:9521141.012345.a%2fb%21%3c').elements[1]).toEqual({ ai: '21', value: 'a/b!<' });
    expect(parseEpcUrn('urn:epc:id:cpi:9521141.5PQ7%2fZ%23.7').elements).toEqual([
      { ai: '8010', value: '95211415PQ7/Z#' },
      { ai: '8011', value: '7' },
    ]);
  });

  it('maps an SGLN extension 0 to no (254) and the idpat form to a GTIN alone', () => {
    expect(parseEpcUrn('urn:epc:id:sgln:9521141.12345.0').elements).toEqual([{ ai: '414', value: '9521141123454' }]);
    expect(parseEpcUrn('urn:epc:idpat:sgtin:9521141.012345.*')).toMatchObject({ kind: 'idpat', elements: [{ ai: '01', value: '09521141123454' }] });
  });

  it.each([
    // bad prefixes and schemes
    ['urn:epc:id:foo:9521141.012345.4711', 'CODE_EPC_URN'],
    ['URN:EPC:ID:SGTIN:9521141.012345.4711', 'CODE_EPC_URN'],
    ['urn:epc:tag:sgtin-96:3.9521141.012345.4711', 'CODE_EPC_URN'],
    ['urn:epc:class:sgtin:9521141.012345.4711', 'CODE_EPC_URN'],
    ['urn:epc:id:lgtin:9521141.012345.4711', 'CODE_EPC_URN'],
    ['urn:epc:idpat:sgtin:9521141.012345.4711', 'CODE_EPC_URN'],
    ['urn:epc:idpat:sgtin:9521141.*.*', 'CODE_EPC_URN'],
    ['urn:epc:idpat:sscc:9521141.*', 'CODE_EPC_URN'],
    ['https://id.gs1.org/01/09521141123454/21/4711', 'CODE_EPC_URN'],
    [' urn:epc:id:sgtin:9521141.012345.4711', 'CODE_EPC_URN'],
    // wrong digit counts
    ['urn:epc:id:sgtin:9521141.01234.4711', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.0123456.4711', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141123454..4711', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.01234A.4711', 'CODE_EPC_URN'],
    ['urn:epc:id:sscc:9521141.123456789', 'CODE_EPC_URN'],
    ['urn:epc:id:sscc:9521141.12345678901', 'CODE_EPC_URN'],
    ['urn:epc:id:sgln:9521141.1234.0', 'CODE_EPC_URN'],
    ['urn:epc:id:gsrn:9521141.123456789', 'CODE_EPC_URN'],
    ['urn:epc:id:gsin:9521141.12345678', 'CODE_EPC_URN'],
    ['urn:epc:id:itip:9521141.012345.1.02.981', 'CODE_EPC_URN'],
    ['urn:epc:id:itip:9521141.012345.01.002.981', 'CODE_EPC_URN'],
    ['urn:epc:id:sgcn:9521141.67890.0471A', 'CODE_EPC_URN'],
    // Company Prefix length out of range
    ['urn:epc:id:sgtin:95211.12345678.4711', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141234567..4711', 'CODE_EPC_URN'],
    ['urn:epc:id:giai:95211.ABC', 'CODE_EPC_URN'],
    ['urn:epc:id:giai:.ABC', 'CODE_EPC_URN'],
    // missing parts
    ['urn:epc:id:sgtin:9521141.012345', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.', 'CODE_EPC_URN'],
    ['urn:epc:id:grai:9521141.12345.', 'CODE_EPC_URN'],
    // bad escapes and characters
    ['urn:epc:id:sgtin:9521141.012345.47%2', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.47%G1', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.a%20b', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.a%7Eb', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.a%00b', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.a/b', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.a"b', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.a b', 'CODE_EPC_URN'],
    ['urn:epc:id:sgtin:9521141.012345.é', 'CODE_EPC_URN'],
    ['urn:epc:id:cpi:9521141.5pq7.12345', 'CODE_EPC_URN'],
    ['urn:epc:id:cpi:9521141.5PQ7%25.12345', 'CODE_EPC_URN'],
    ['urn:epc:id:cpi:9521141.5PQ7.012345', 'CODE_EPC_URN'],
    // a value GS1 does not allow once decoded
    ['urn:epc:id:sgtin:9521141.012345.123456789012345678901', 'CODE_LENGTH'],
    ['urn:epc:id:giai:9521141.12345678901234567890123456', 'CODE_LENGTH'],
    ['urn:epc:id:cpi:9521141.5PQ7.0', 'CODE_VALUE'], // TDS allows serial 0; GS1's syntax for (8011) does not
  ] as const)('refuses %s with %s', (urn, code) => {
    expect(thrown(() => parseEpcUrn(urn)).code).toBe(code);
    const result = tryParseEpcUrn(urn);
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it('refuses non-strings and overlong input', () => {
    for (const input of [null, undefined, 1, {}, ['urn:epc:id:sgtin:9521141.012345.4711']]) {
      expect(thrown(() => parseEpcUrn(input as unknown as string)).code).toBe('INPUT_TYPE');
    }
    expect(thrown(() => parseEpcUrn(`urn:epc:id:giai:9521141.${'A'.repeat(600)}`)).code).toBe('INPUT_TOO_LONG');
  });
});

describe('elementsToEpcUrn', () => {
  const sgtin: Gs1Element[] = [
    { ai: '01', value: '09521141123454' },
    { ai: '21', value: '4711' },
  ];

  it('chooses the URN form from the elements', () => {
    const gtin = { ai: '01', value: '09521141123454' };
    expect(elementsToEpcUrn([gtin, { ai: '10', value: 'L1' }], { gcpLength: 7 })).toBe('urn:epc:class:lgtin:9521141.012345.L1');
    expect(elementsToEpcUrn([gtin, { ai: '10', value: 'L1' }], { gcpLength: 7, classLevel: false })).toBe('urn:epc:idpat:sgtin:9521141.012345.*');
    expect(elementsToEpcUrn([gtin], { gcpLength: 7 })).toBe('urn:epc:idpat:sgtin:9521141.012345.*');
    expect(elementsToEpcUrn([gtin, { ai: '10', value: 'L1' }, { ai: '21', value: 'S' }], { gcpLength: 7 })).toBe('urn:epc:id:sgtin:9521141.012345.S');
    expect(elementsToEpcUrn([{ ai: '414', value: '9521141123454' }], { gcpLength: 7 })).toBe('urn:epc:id:sgln:9521141.12345.0');
    // TDS 2.3 §7.3.2: a GTIN-8 is a GTIN-14 with Company Prefix length 8 (95010939 → 00000950.01093).
    expect(elementsToEpcUrn([{ ai: '01', value: '00000095010939' }, { ai: '21', value: 'S' }], { gcpLength: 8 })).toBe(
      'urn:epc:id:sgtin:00000950.01093.S',
    );
  });

  it('escapes exactly the characters TDS Table A-1 lists', () => {
    expect(escapeUrnComponent('!"%&\'()*+,-./:;<=>?_AZaz09')).toBe("!%22%25%26'()*+,-.%2F:;%3C=%3E%3F_AZaz09");
    expect(escapeUrnComponent('A#/B')).toBe('A#%2FB');
    expect(escapeUrnComponent('A#/B', true)).toBe('A%23%2FB');
    expect(elementsToEpcUrn([sgtin[0]!, { ai: '21', value: '6789/&%"!?()' }], { gcpLength: 7 })).toBe(
      'urn:epc:id:sgtin:9521141.012345.6789%2F%26%25%22!%3F()',
    );
  });

  it.each([5, 13, 0, -7, 6.5, Number.NaN, Number.POSITIVE_INFINITY, '7', undefined])('refuses gcpLength %s', (gcpLength) => {
    const error = thrown(() => elementsToEpcUrn(sgtin, { gcpLength } as unknown as ToEpcUrnOptions));
    expect(error.code).toBe('CODE_EPC_URN');
  });

  it.each([
    [[{ ai: '99', value: 'X' }], 7, 'CODE_EPC_URN'],
    [[{ ai: '01', value: '09521141123455' }, { ai: '21', value: 'S' }], 7, 'CODE_CHECK_DIGIT'],
    [[{ ai: '8003', value: '09521141123454' }], 7, 'CODE_EPC_URN'], // a GRAI without serial has no EPC
    [[{ ai: '253', value: '9521141123454' }], 7, 'CODE_EPC_URN'],
    [[{ ai: '8006', value: '095211411234540102' }], 7, 'CODE_EPC_URN'], // ITIP needs (21)
    [[{ ai: '8010', value: '95211415PQ7' }], 7, 'CODE_EPC_URN'], // CPI needs (8011)
    [[{ ai: '8004', value: '1234ABCDEF' }], 7, 'CODE_EPC_URN'], // no 7-digit Company Prefix
    [[{ ai: '8004', value: '95211415' }], 12, 'CODE_EPC_URN'], // no reference after the prefix
    [[{ ai: '401', value: '9521141' }], 7, 'CODE_EPC_URN'],
    [[{ ai: '8010', value: '9521141' }, { ai: '8011', value: '1' }], 7, 'CODE_EPC_URN'],
    [[{ ai: '21', value: 'x'.repeat(21) }], 7, 'CODE_LENGTH'],
    [null, 7, 'INPUT_TYPE'],
    ['(01)09521141123454(21)4711', 7, 'INPUT_TYPE'],
    [[null], 7, 'INPUT_TYPE'],
    [[{ ai: '01', value: 9521141123454 }], 7, 'INPUT_TYPE'],
  ] as const)('refuses %j (gcpLength %i) with %s', (elements, gcpLength, code) => {
    expect(thrown(() => elementsToEpcUrn(elements as unknown as Gs1Element[], { gcpLength })).code).toBe(code);
  });

  it('writes only URNs that parse back to the same elements', () => {
    for (const v of allVectors) {
      const urn = elementsToEpcUrn(parseElementString(v.elementString), { gcpLength: v.gcpLength });
      expect(parseEpcUrn(urn).elements).toEqual(parseElementString(v.elementString));
    }
    // Every Company Prefix length the key allows.
    for (let gcpLength = 6; gcpLength <= 12; gcpLength++) {
      for (const elements of [
        sgtin,
        [{ ai: '00', value: '195211412345678900' }],
        [{ ai: '414', value: '9521141123454' }, { ai: '254', value: 'X/1' }],
        [{ ai: '8004', value: '952114112345ABC' }],
        [{ ai: '8010', value: '9521141234565PQ7/Z#' }, { ai: '8011', value: '12' }],
        [{ ai: '255', value: '952114167890904711' }],
        [{ ai: '8006', value: '095211411234540102' }, { ai: '21', value: '981' }],
      ]) {
        const urn = elementsToEpcUrn(elements, { gcpLength });
        expect(parseEpcUrn(urn).companyPrefix, urn).toHaveLength(gcpLength);
        expect(parseEpcUrn(urn).elements, urn).toEqual(elements);
      }
    }
  });
});
