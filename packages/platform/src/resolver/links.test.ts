/**
 * Link registration input (Resolver Standard 1.2 §2.5.1–§2.5.8) and identifier levels (§2.5.9).
 */
import { SuyuanError, parseDigitalLink } from '@suyuan/core';
import { describe, expect, it } from 'vitest';
import {
  ResolverLevelInputSchema,
  ResolverLinkInputSchema,
  anchorPathOf,
  associationProblem,
  describeIdentifier,
  identifierOf,
  normaliseLinks,
  registrationAnchorPath,
  registrationLevels,
  type Identifier,
} from './links.js';
import { GTIN } from './test-fixtures.js';

const minimal = { linkType: 'gs1:pip', href: 'https://brand.example/p', title: 'Product' };

function identifier(path: string): Identifier {
  return identifierOf(parseDigitalLink(`https://id.example.com${path}`).elements).identifier;
}

describe('ResolverLinkInputSchema', () => {
  it('writes the canonical form: link type URI, normalised URL, arrays, lower-case media type, normalised tags', () => {
    expect(ResolverLinkInputSchema.parse({ ...minimal, href: 'https://Brand.Example/a b', hreflang: 'EN-gb', type: 'Text/HTML', context: 'us', isDefault: true })).toEqual({
      linkType: 'https://ref.gs1.org/voc/pip',
      href: 'https://brand.example/a%20b',
      title: 'Product',
      hreflang: ['en-GB'],
      type: 'text/html',
      context: ['us'],
      isDefault: true,
    });
  });

  it.each([
    ['gs1:pip', 'https://ref.gs1.org/voc/pip'],
    ['https://gs1.org/voc/pip', 'https://ref.gs1.org/voc/pip'],
    ['http://www.gs1.org/voc/pip', 'https://ref.gs1.org/voc/pip'],
    ['https://ref.gs1.org/voc/pip', 'https://ref.gs1.org/voc/pip'],
    ['describedby', 'describedby'],
    ['https://example.org/rel/manual', 'https://example.org/rel/manual'],
  ])('accepts the link type %s as %s', (linkType, canonical) => {
    expect(ResolverLinkInputSchema.parse({ ...minimal, linkType }).linkType).toBe(canonical);
  });

  it.each([
    ['no title', { linkType: 'gs1:pip', href: 'https://brand.example/p' }, /title/],
    ['a blank title', { ...minimal, title: '   ' }, /title/],
    ['a title with a control character', { ...minimal, title: 'a\u0007b' }, /control/],
    ['no target', { linkType: 'gs1:pip', title: 'x' }, /href/],
    ['a javascript: target', { ...minimal, href: 'javascript:alert(1)' }, /http or https/],
    ['a relative target', { ...minimal, href: '/p' }, /absolute URL/],
    ['a target with credentials', { ...minimal, href: 'https://user:pw@brand.example/' }, /user name or password/],
    ['an IPv6 literal host, which the linkset schema cannot carry', { ...minimal, href: 'https://[::1]/' }, /cannot be written in a GS1 linkset/],
    ['gs1:defaultLink as the link type', { ...minimal, linkType: 'gs1:defaultLink' }, /isDefault/],
    ['a CURIE with an unknown prefix', { ...minimal, linkType: 'foo:bar' }, /not a link type/],
    ['a URI the linkset schema cannot carry', { ...minimal, linkType: 'http://www.w3.org/ns/json-ld#context' }, /not a link type/],
    ['the linkset member "anchor" as a link type', { ...minimal, linkType: 'anchor' }, /not a link type/],
    ['a language tag the linkset schema refuses', { ...minimal, hreflang: ['es-419'] }, /language tag/],
    ['an empty list of languages', { ...minimal, hreflang: [] }, /./],
    ['a media type with parameters', { ...minimal, type: 'text/html; charset=utf-8' }, /media type/],
    ['a context value with a space', { ...minimal, context: 'north america' }, /spaces/],
    ['an unknown member', { ...minimal, fwqs: false }, /fwqs/],
  ])('refuses %s', (_name, input, message) => {
    const result = ResolverLinkInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });

  it('refuses a level with two default links (§2.5.8)', () => {
    const result = ResolverLevelInputSchema.safeParse([
      { ...minimal, isDefault: true },
      { ...minimal, href: 'https://brand.example/q', isDefault: true },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/exactly one default link; 2/);
    expect(ResolverLevelInputSchema.safeParse([{ ...minimal, isDefault: true }, minimal]).success).toBe(true);
  });
});

describe('identifier levels (§2.5.9)', () => {
  it('splits a parsed Digital Link into the identifier and its data attributes', () => {
    const parsed = parseDigitalLink(`https://id.example.com/01/${GTIN}/10/L1/21/S1?17=261231`);
    const { identifier: found, attributes } = identifierOf(parsed.elements);
    expect(found.qualifiers.map((q) => q.ai)).toEqual(['10', '21']);
    expect(attributes).toEqual([{ ai: '17', value: '261231' }]);
  });

  it('lists the levels of a GTIN with variant, lot and serial: serial alone first, then 22+10, 10, 22 and the GTIN', () => {
    expect(registrationLevels(identifier(`/01/${GTIN}/22/V/10/L/21/S`)).map(anchorPathOf)).toEqual([
      `/01/${GTIN}/21/S`,
      `/01/${GTIN}/22/V/10/L`,
      `/01/${GTIN}/10/L`,
      `/01/${GTIN}/22/V`,
      `/01/${GTIN}`,
    ]);
  });

  it('lists the levels of other keys by walking up their qualifiers', () => {
    expect(registrationLevels(identifier('/414/9506000134352/254/EXT1')).map(anchorPathOf)).toEqual(['/414/9506000134352/254/EXT1', '/414/9506000134352']);
    expect(registrationLevels(identifier(`/01/${GTIN}/235/TPX1`)).map(anchorPathOf)).toEqual([`/01/${GTIN}/235/TPX1`, `/01/${GTIN}`]);
    expect(registrationLevels(identifier('/00/095060001343528907')).map(anchorPathOf)).toEqual(['/00/095060001343528907']);
  });

  it('forbids links for a serial number together with a variant or lot, for GTIN and ITIP only', () => {
    expect(associationProblem(identifier(`/01/${GTIN}/10/L/21/S`))).toMatch(/without \(10\)/);
    expect(associationProblem(identifier(`/01/${GTIN}/21/S`))).toBeUndefined();
    expect(associationProblem(identifier(`/01/${GTIN}/22/V/10/L`))).toBeUndefined();
  });

  it('writes anchor paths with numeric AIs, 14-digit GTINs and GS1 percent-encoding', () => {
    expect(anchorPathOf(identifier('/gtin/9506000134352/lot/A%2fB%2b%25'))).toBe(`/01/${GTIN}/10/A%2FB%2B%25`);
  });

  it('describes a level with its AI titles', () => {
    expect(describeIdentifier(identifier(`/01/${GTIN}/10/L1`))).toBe(`GTIN ${GTIN}, BATCH/LOT L1`);
  });
});

describe('registrationAnchorPath', () => {
  it('gives the canonical anchor path of a path or URI', () => {
    expect(registrationAnchorPath('/01/9506000134352/10/ABC')).toBe(`/01/${GTIN}/10/ABC`);
    expect(registrationAnchorPath(`https://id.gs1.org/gtin/${GTIN}/ser/1`)).toBe(`/01/${GTIN}/21/1`);
  });

  it.each([
    ['a serial number with a lot', `/01/${GTIN}/10/L/21/S`, 'REQUEST_INVALID'],
    ['data attributes', `/01/${GTIN}?17=261231`, 'REQUEST_INVALID'],
    ['a linkType', `/01/${GTIN}?linkType=gs1:pip`, 'REQUEST_INVALID'],
    ['a bad check digit', '/01/09506000134353', 'CODE_CHECK_DIGIT'],
    ['something that is no Digital Link', '/hello', 'CODE_DIGITAL_LINK'],
  ])('refuses %s', (_name, input, code) => {
    try {
      registrationAnchorPath(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SuyuanError);
      expect((error as SuyuanError).code).toBe(code);
    }
  });
});

describe('normaliseLinks', () => {
  it('writes link types canonically and leaves out links whose type cannot be a linkset key', () => {
    const links = normaliseLinks([
      { ...minimal, linkType: 'gs1:epil' },
      { ...minimal, linkType: 'anchor' },
      { ...minimal, linkType: 'https://ref.gs1.org/voc/defaultLink' },
      { ...minimal, linkType: 'not a type' },
    ]);
    expect(links.map((link) => link.linkType)).toEqual(['https://ref.gs1.org/voc/epil']);
  });
});
