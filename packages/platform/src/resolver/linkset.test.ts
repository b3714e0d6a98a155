/**
 * Linksets (RFC 9264; Resolver Standard 1.2 §2.5.8, §2.9, §2.10), validated against this package's copies
 * of GS1's linkset schema and the plain RFC 9264 schema (`standards/linkset/`).
 */
import { describe, expect, it } from 'vitest';
import { linkHeaderValue, linksetFor, linksetOf, renderLinkset } from './linkset.js';
import { ResolverLinkInputSchema, type ResolverLinkInput } from './links.js';
import { GTIN, errorsOf, exampleLinkset, validateGs1Linkset, validatePlainLinkset, withoutGs1Extensions } from './test-fixtures.js';

const ANCHOR = `https://id.example.com/01/${GTIN}`;
const parse = (links: ResolverLinkInput[]) => links.map((link) => ResolverLinkInputSchema.parse(link));

const LINKS = parse([
  { linkType: 'gs1:pip', href: 'https://brand.example/en', title: 'Product', hreflang: 'en', type: 'text/html', context: 'gb', isDefault: true, isDefaultMulti: true },
  { linkType: 'gs1:pip', href: 'https://brand.example/fr', title: 'Produit', hreflang: ['fr', 'fr-BE'], type: 'text/html', isDefaultMulti: true },
  { linkType: 'gs1:certificationInfo', href: 'https://cert.example/1.pdf', title: 'Certificate', type: 'application/pdf' },
  { linkType: 'describedby', href: 'https://brand.example/data.jsonld', title: 'Data', type: 'application/ld+json' },
]);

describe('the schemas', () => {
  it('accept the example that ships with them (checks the validators themselves)', () => {
    expect(validateGs1Linkset(exampleLinkset()), errorsOf(validateGs1Linkset)).toBe(true);
  });

  it('cannot both be met: GS1 requires itemDescription, the plain schema forbids it', () => {
    const linkset = linksetFor(ANCHOR, LINKS);
    expect(validatePlainLinkset(linkset)).toBe(false);
    expect(validatePlainLinkset.errors?.map((error) => error.params)).toContainEqual({ additionalProperty: 'itemDescription' });
    expect(validateGs1Linkset(withoutGs1Extensions(linkset))).toBe(false);
  });
});

describe('linksetFor', () => {
  it('writes one link context object valid against GS1 linkset schema and, less GS1 extensions, the plain one', () => {
    const linkset = linksetFor(ANCHOR, LINKS);
    expect(validateGs1Linkset(linkset), errorsOf(validateGs1Linkset)).toBe(true);
    expect(validatePlainLinkset(withoutGs1Extensions(linkset)), errorsOf(validatePlainLinkset)).toBe(true);
    expect(linkset).toEqual({
      linkset: [
        {
          anchor: ANCHOR,
          itemDescription: `GTIN ${GTIN}`,
          'https://ref.gs1.org/voc/pip': [
            { href: 'https://brand.example/en', title: 'Product', type: 'text/html', hreflang: ['en'], context: ['gb'] },
            { href: 'https://brand.example/fr', title: 'Produit', type: 'text/html', hreflang: ['fr', 'fr-BE'] },
          ],
          'https://ref.gs1.org/voc/certificationInfo': [{ href: 'https://cert.example/1.pdf', title: 'Certificate', type: 'application/pdf' }],
          describedby: [{ href: 'https://brand.example/data.jsonld', title: 'Data', type: 'application/ld+json' }],
          'https://ref.gs1.org/voc/defaultLink': [{ href: 'https://brand.example/en', title: 'Product' }],
          'https://ref.gs1.org/voc/defaultLinkMulti': [
            { href: 'https://brand.example/en', title: 'Product', type: 'text/html', hreflang: ['en'], context: ['gb'] },
            { href: 'https://brand.example/fr', title: 'Produit', type: 'text/html', hreflang: ['fr', 'fr-BE'] },
          ],
        },
      ],
    });
  });

  it('takes a given item description, and writes link types given as CURIEs as URIs', () => {
    const linkset = linksetFor(ANCHOR, [{ linkType: 'gs1:epil', href: 'https://x.example/', title: 'Leaflet' }], 'Risotto');
    expect(linkset.linkset[0]).toEqual({ anchor: ANCHOR, itemDescription: 'Risotto', 'https://ref.gs1.org/voc/epil': [{ href: 'https://x.example/', title: 'Leaflet' }] });
  });

  it('validates for every link the registration schema accepts, whatever its attributes', async () => {
    const fc = await import('fast-check');
    const tag = fc.constantFrom('en', 'fr', 'de-CH', 'ZH-tw');
    const input = fc.record(
      {
        linkType: fc.constantFrom('gs1:pip', 'gs1:epil', 'https://gs1.org/voc/dpp', 'describedby', 'https://example.org/a/b.c'),
        href: fc.webUrl({ withQueryParameters: true, withFragments: true }),
        title: fc.string({ minLength: 1, maxLength: 40 }),
        hreflang: fc.oneof(tag, fc.array(tag, { minLength: 1, maxLength: 3 })),
        type: fc.constantFrom('text/html', 'application/pdf', 'application/vnd.gs1.x+json'),
        context: fc.array(fc.constantFrom('us', 'GB', 'ca-qc'), { minLength: 1, maxLength: 2 }),
        isDefault: fc.boolean(),
        isDefaultMulti: fc.boolean(),
      },
      { requiredKeys: ['linkType', 'href', 'title'] },
    );
    fc.assert(
      fc.property(fc.array(input, { maxLength: 6 }), (inputs) => {
        const links = inputs.flatMap((link) => {
          const parsed = ResolverLinkInputSchema.safeParse(link);
          return parsed.success ? [parsed.data] : [];
        });
        const linkset = linksetOf([{ anchor: ANCHOR, itemDescription: 'x', links }]);
        if (!validateGs1Linkset(linkset)) throw new Error(errorsOf(validateGs1Linkset));
        if (!validatePlainLinkset(withoutGs1Extensions(linkset))) throw new Error(errorsOf(validatePlainLinkset));
      }),
      { numRuns: 300 },
    );
  });
});

describe('linksetOf', () => {
  it('writes the levels in the order given and leaves out levels without links', () => {
    const linkset = linksetOf([
      { anchor: `${ANCHOR}/21/S1`, itemDescription: 'serial', links: [] },
      { anchor: `${ANCHOR}/10/L1`, itemDescription: 'lot', links: LINKS.slice(2, 3) },
      { anchor: ANCHOR, itemDescription: 'gtin', links: LINKS.slice(0, 1) },
    ]);
    expect(linkset.linkset.map((context) => context.anchor)).toEqual([`${ANCHOR}/10/L1`, ANCHOR]);
    expect(validateGs1Linkset(linkset), errorsOf(validateGs1Linkset)).toBe(true);
  });
});

describe('renderLinkset (§2.10)', () => {
  const hostile = linksetFor(ANCHOR, [{ linkType: 'gs1:pip', href: 'https://x.example/?a="b"&c=<d>', title: '</script><script>alert(1)</script> & "quotes"' }], '<b>item</b>');

  it('writes the same JSON for application/linkset+json and application/json', () => {
    expect(renderLinkset(hostile, 'application/linkset+json')).toBe(JSON.stringify(hostile));
    expect(renderLinkset(hostile, 'application/json')).toBe(JSON.stringify(hostile));
  });

  it('embeds the GS1 linkset context for application/ld+json', () => {
    expect(JSON.parse(renderLinkset(hostile, 'application/ld+json'))['@context']).toBe('https://ref.gs1.org/standards/resolver/1.2.0/linkset-context');
  });

  it('escapes everything it writes into HTML, and the JSON-LD inside the page', () => {
    const html = renderLinkset(hostile, 'text/html', 'Links <here>');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>item');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<title>Links &lt;here&gt;</title>');
    const jsonLd = /<script type="application\/ld\+json">(.*)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(jsonLd!)).toEqual({ '@context': 'https://ref.gs1.org/standards/resolver/1.2.0/linkset-context', ...hostile });
  });
});

describe('linkHeaderValue (RFC 8288 §3)', () => {
  it('writes the target in angle brackets and quotes parameters, escaping quotes and backslashes', () => {
    expect(linkHeaderValue('https://id.example.com/01/1?linkType=linkset', { rel: 'linkset', type: 'application/linkset+json' })).toBe(
      '<https://id.example.com/01/1?linkType=linkset>; rel="linkset"; type="application/linkset+json"',
    );
    expect(linkHeaderValue('https://x.example/', { title: 'a "b" \\c' })).toBe('<https://x.example/>; title="a \\"b\\" \\\\c"');
  });
});
