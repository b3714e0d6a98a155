/**
 * Negotiation among links of one type (Resolver Standard 1.2 §2.6.3) and of the linkset's representation
 * (§2.10), with RFC 9110 quality values and RFC 4647 language matching.
 */
import { describe, expect, it } from 'vitest';
import { chooseLink, chooseRepresentation, fitOf, parseAccept, parseAcceptLanguage, prefersMediaType, type NegotiableLink, type Preferences } from './negotiate.js';

function prefs(acceptLanguage?: string, accept?: string, context?: string): Preferences {
  return { languages: parseAcceptLanguage(acceptLanguage), mediaRanges: parseAccept(accept), context };
}

function pick(links: (NegotiableLink & { name: string })[], preferences: Preferences): string | string[] | undefined {
  const choice = chooseLink(links, preferences);
  if (!choice) return undefined;
  return choice.kind === 'one' ? choice.link.name : choice.links.map((link) => link.name);
}

describe('header parsing (RFC 9110 §12.4.2, §12.5.1, §12.5.4)', () => {
  it('reads values, quality values and positions, lower-casing values', () => {
    expect(parseAcceptLanguage('fr-CH, fr;q=0.9, EN;Q=0.8, *;q=0.5')).toEqual([
      { value: 'fr-ch', q: 1, position: 0 },
      { value: 'fr', q: 0.9, position: 1 },
      { value: 'en', q: 0.8, position: 2 },
      { value: '*', q: 0.5, position: 3 },
    ]);
    expect(parseAccept('text/html;level=1;q=0.5, application/*')).toEqual([
      { value: 'text/html', q: 0.5, position: 0 },
      { value: 'application/*', q: 1, position: 1 },
    ]);
  });

  it('skips malformed entries instead of failing', () => {
    expect(parseAccept('text/html;q=2, nonsense, */html, image/png;q=0.3333, image/gif;q=0.25').map((v) => v.value)).toEqual(['image/gif']);
    expect(parseAcceptLanguage('en_GB, 123456789, de;q=abc, fr')).toEqual([{ value: 'fr', q: 1, position: 0 }]);
    expect(parseAccept(undefined)).toEqual([]);
    expect(parseAccept('')).toEqual([]);
  });

  it('reads at most 64 entries of at most 4096 characters', () => {
    expect(parseAcceptLanguage(Array.from({ length: 100 }, () => 'en').join(','))).toHaveLength(64);
    expect(parseAcceptLanguage(`${'x'.repeat(5000)},en`)).toEqual([]);
  });
});

describe('chooseLink (§2.6.3)', () => {
  const en = { name: 'en', hreflang: ['en'] };
  const enGb = { name: 'en-GB', hreflang: ['en-GB'] };
  const fr = { name: 'fr', hreflang: ['fr'] };
  const none: NegotiableLink & { name: string } = { name: 'none' };

  it('prefers the language with the higher quality value', () => {
    expect(pick([en, fr], prefs('fr;q=0.4, en;q=0.6'))).toBe('en');
    expect(pick([en, fr], prefs('de, fr;q=0.1'))).toBe('fr');
  });

  it('matches a range to its subtags (basic filtering) and a tag to a longer range (lookup)', () => {
    expect(pick([enGb, fr], prefs('en'))).toBe('en-GB');
    expect(pick([en, fr], prefs('en-US'))).toBe('en');
    expect(pick([en, enGb], prefs('en-GB'))).toBe('en-GB');
    expect(pick([en, enGb], prefs('en'))).toBe('en');
  });

  it('ranks a link that says nothing above one the request rules out, and below one it matches', () => {
    expect(pick([fr, none], prefs('en'))).toBe('none');
    expect(pick([en, none], prefs('en'))).toBe('en');
    expect(pick([en, fr], prefs('en;q=0, fr;q=0'))).toEqual(['en', 'fr']);
    expect(pick([en, fr], prefs('de;q=0, *'))).toEqual(['en', 'fr']);
    expect(pick([en, fr], prefs('en;q=0, *'))).toBe('fr');
  });

  it('ties when the request says nothing', () => {
    expect(pick([en, fr], prefs())).toEqual(['en', 'fr']);
    expect(pick([en], prefs())).toBe('en');
    expect(chooseLink([], prefs())).toBeUndefined();
  });

  it('uses media types after languages, the most specific range deciding', () => {
    const html = { name: 'html', type: 'text/html', hreflang: ['en'] };
    const pdf = { name: 'pdf', type: 'application/pdf', hreflang: ['en'] };
    const pdfFr = { name: 'pdf-fr', type: 'application/pdf', hreflang: ['fr'] };
    expect(pick([html, pdf], prefs('en', 'application/pdf'))).toBe('pdf');
    expect(pick([html, pdf], prefs('en', 'text/*;q=0.5, application/pdf;q=0.4'))).toBe('html');
    expect(pick([html, pdf], prefs('en', 'application/pdf;q=0, */*'))).toBe('html');
    expect(pick([html, pdf], prefs('en', '*/*'))).toEqual(['html', 'pdf']);
    expect(pick([html, pdfFr], prefs('fr', 'text/html'))).toBe('pdf-fr');
  });

  it('uses context before languages, case-insensitively', () => {
    const us = { name: 'us', context: ['US'], hreflang: ['en'] };
    const ca = { name: 'ca', context: ['CA', 'ca-qc'], hreflang: ['fr'] };
    expect(pick([us, ca], prefs('en', undefined, 'ca'))).toBe('ca');
    expect(pick([us, ca], prefs('fr', undefined, 'us'))).toBe('us');
    expect(pick([us, ca], prefs(undefined, undefined, 'mx'))).toEqual(['us', 'ca']);
  });

  it('tells whether the winner matched anything the request said', () => {
    expect(chooseLink([en, fr], prefs('en'))).toMatchObject({ kind: 'one', matched: true });
    expect(chooseLink([none, fr], prefs('en'))).toMatchObject({ kind: 'one', matched: false });
    expect(fitOf(en, prefs('de'))).toEqual([1, 0, 0, 0, 1, 0, 0]);
  });
});

describe('linkset representations (§2.9, §2.10)', () => {
  const offered = ['text/html', 'application/linkset+json', 'application/json', 'application/ld+json'] as const;
  const choose = (accept: string | undefined) => chooseRepresentation(parseAccept(accept), offered, 'application/linkset+json');

  it('prefers what the request names, by quality value, then specificity, then order', () => {
    expect(choose('application/json')).toBe('application/json');
    expect(choose('application/json, text/html')).toBe('application/json');
    expect(choose('text/html;q=0.5, application/ld+json')).toBe('application/ld+json');
    expect(choose('application/*, application/json;q=0.9')).toBe('application/linkset+json');
    expect(choose('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('text/html');
  });

  it('answers HTML for a bare wildcard and the fallback when nothing offered is acceptable', () => {
    expect(choose('*/*')).toBe('text/html');
    expect(choose('image/png')).toBe('application/linkset+json');
    expect(choose('text/html;q=0, application/*;q=0')).toBe('application/linkset+json');
  });

  it('knows when the linkset media type is asked for above everything else named', () => {
    expect(prefersMediaType(parseAccept('application/linkset+json'), 'application/linkset+json')).toBe(true);
    expect(prefersMediaType(parseAccept('application/linkset+json, application/json;q=0.9, */*'), 'application/linkset+json')).toBe(true);
    expect(prefersMediaType(parseAccept('text/html, application/linkset+json;q=0.9'), 'application/linkset+json')).toBe(false);
    expect(prefersMediaType(parseAccept('application/linkset+json;q=0'), 'application/linkset+json')).toBe(false);
    expect(prefersMediaType(parseAccept('application/*'), 'application/linkset+json')).toBe(false);
  });
});
