/**
 * Link types and the `linkType` parameter (Resolver Standard 1.2 §2.5.2, §2.6.2, §2.9, §2.14).
 */
import { describe, expect, it } from 'vitest';
import { canonicalLinkType, compactLinkType, readLinkTypeParameter } from './link-types.js';

describe('canonicalLinkType', () => {
  it.each([
    ['gs1:pip', 'https://ref.gs1.org/voc/pip'],
    ['https://ref.gs1.org/voc/pip', 'https://ref.gs1.org/voc/pip'],
    ['https://gs1.org/voc/pip', 'https://ref.gs1.org/voc/pip'],
    ['http://gs1.org/voc/pip', 'https://ref.gs1.org/voc/pip'],
    ['https://www.gs1.org/voc/pip', 'https://ref.gs1.org/voc/pip'],
    ['describedby', 'describedby'],
    ['https://example.org/rel/x', 'https://example.org/rel/x'],
  ])('writes %s as %s', (value, canonical) => {
    expect(canonicalLinkType(value)).toBe(canonical);
  });

  it.each(['', 'gs1:', 'gs1:pip/x', 'ex:pip', 'anchor', 'Describedby', 'https://example.org/rel#x', 'https://example.org/', 'urn:x:y', 'gs1:pip extra'])('refuses %j', (value) => {
    expect(canonicalLinkType(value)).toBeUndefined();
  });

  it('compacts the GS1 namespace to its CURIE and leaves other types as they are', () => {
    expect(compactLinkType('https://ref.gs1.org/voc/defaultLink')).toBe('gs1:defaultLink');
    expect(compactLinkType('https://example.org/rel/x')).toBe('https://example.org/rel/x');
  });
});

describe('readLinkTypeParameter', () => {
  it('reads linkset, the deprecated all, and link types', () => {
    expect(readLinkTypeParameter('linkset')).toEqual({ kind: 'linkset', deprecated: false });
    expect(readLinkTypeParameter('all')).toEqual({ kind: 'linkset', deprecated: true });
    expect(readLinkTypeParameter('gs1:epil')).toEqual({ kind: 'type', linkType: 'https://ref.gs1.org/voc/epil' });
    expect(readLinkTypeParameter('https://gs1.org/voc/epil')).toEqual({ kind: 'type', linkType: 'https://ref.gs1.org/voc/epil' });
  });

  it('keeps a value that is no link type as written, so that it matches no link', () => {
    expect(readLinkTypeParameter('gs1:no such')).toEqual({ kind: 'type', linkType: 'gs1:no such' });
  });
});
