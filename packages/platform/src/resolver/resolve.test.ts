/**
 * The resolution of GS1 Digital Link requests against GS1-Conformant Resolver Standard 1.2, section by
 * section, and against the checks of GS1's resolver test suite (GS1DL-resolver-testsuite, named in the
 * test titles where one applies).
 */
import { buildDigitalLink } from '@suyuan/core';
import { describe, expect, it } from 'vitest';
import { redirectTarget, resolve, type ResolveAnswer, type ResolveRequest } from './resolve.js';
import { BASE, GTIN, errorsOf, memorySource, validateGs1Linkset, validatePlainLinkset, withoutGs1Extensions } from './test-fixtures.js';
import type { LinkSource, ResolverLinkInput } from './links.js';

const PIP_EN: ResolverLinkInput = { linkType: 'gs1:pip', href: 'https://brand.example/en/risotto', title: 'Risotto', hreflang: 'en', type: 'text/html', isDefault: true };
const PIP_FR: ResolverLinkInput = { linkType: 'gs1:pip', href: 'https://brand.example/fr/risotto', title: 'Risotto (FR)', hreflang: 'fr', type: 'text/html' };
const EPIL: ResolverLinkInput = { linkType: 'https://gs1.org/voc/epil', href: 'https://brand.example/leaflet.pdf', title: 'Leaflet', type: 'application/pdf' };
const RECALL_LOT: ResolverLinkInput = { linkType: 'gs1:recallStatus', href: 'https://brand.example/recall/L1', title: 'Recall of lot L1', isDefault: true };
const DPP_SERIAL: ResolverLinkInput = { linkType: 'gs1:dpp', href: 'https://brand.example/dpp/S1', title: 'Passport', type: 'application/ld+json', isDefault: true };

const GTIN_PATH = `/01/${GTIN}`;
const source = () =>
  memorySource({
    [GTIN_PATH]: [PIP_EN, PIP_FR, EPIL],
    [`${GTIN_PATH}/10/L1`]: [RECALL_LOT],
    [`${GTIN_PATH}/21/S1`]: [DPP_SERIAL],
  });

function request(path: string, extra: Partial<ResolveRequest> = {}): ResolveRequest {
  return { method: 'GET', base: BASE, path, ...extra };
}

async function expectRedirect(answer: Promise<ResolveAnswer>, location: string): Promise<Extract<ResolveAnswer, { kind: 'redirect' }>> {
  const got = await answer;
  expect(got.status, JSON.stringify(got)).toBe(307);
  expect(got.headers.location).toBe(location);
  if (got.kind !== 'redirect') throw new Error('not a redirect');
  return got;
}

function linksetHeaderFor(anchor: string): string {
  return `<${anchor}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`;
}

describe('default link (§2.6.1, §2.5.8; test suite "defaultTarget", "linkOnRedirect", "corsCheck")', () => {
  it('redirects 307 to the default link with a Link header to the linkset, CORS headers and no body', async () => {
    const answer = await expectRedirect(resolve(request(GTIN_PATH), source()), PIP_EN.href);
    expect(answer.headers.link).toBe(linksetHeaderFor(`${BASE}${GTIN_PATH}`));
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-expose-headers']).toMatch(/\bLink\b/);
    expect(answer.headers.vary).toBe('Accept, Accept-Language');
    expect('body' in answer).toBe(false);
    expect(answer.headers.link).not.toMatch(/rel="gs1:/); // listing every link in the header was deprecated in 1.0.0
  });

  it('passes the whole query string on, as received (§2.12; test suite "qsPassedOn")', async () => {
    await expectRedirect(resolve(request(GTIN_PATH, { query: '?foo=bar&17=261231' }), source()), `${PIP_EN.href}?foo=bar&17=261231`);
    await expectRedirect(resolve(request(GTIN_PATH, { query: 'a=%20b;c' }), source()), `${PIP_EN.href}?a=%20b;c`);
    await expectRedirect(resolve(request(GTIN_PATH, { query: new URLSearchParams({ x: '1' }) }), source()), `${PIP_EN.href}?x=1`);
  });

  it('answers HEAD with the headers of GET and no body (§2.2)', async () => {
    const get = await resolve(request(GTIN_PATH), source());
    const head = await resolve(request(GTIN_PATH, { method: 'HEAD' }), source());
    expect(head).toEqual(get);
  });

  it('tolerates one trailing slash (§2.13; test suite "trailingSlash")', async () => {
    const slash = await resolve(request(`${GTIN_PATH}/`), source());
    expect(slash).toEqual(await resolve(request(GTIN_PATH), source()));
  });

  it('takes the default of the most specific level: serial, then lot, then GTIN (§2.5.9)', async () => {
    await expectRedirect(resolve(request(`${GTIN_PATH}/21/S1`), source()), DPP_SERIAL.href);
    await expectRedirect(resolve(request(`${GTIN_PATH}/10/L1`), source()), RECALL_LOT.href);
    await expectRedirect(resolve(request(`${GTIN_PATH}/10/L2`), source()), PIP_EN.href);
    await expectRedirect(resolve(request(`${GTIN_PATH}/10/L2/21/S9`), source()), PIP_EN.href);
  });

  it('draws a serial request from 01+21, not 01+10+21, and a lot from 01+10 when a variant is given too (§2.5.9)', async () => {
    const links = source();
    await expectRedirect(resolve(request(`${GTIN_PATH}/22/V1/10/L1/21/S1`), links), DPP_SERIAL.href);
    expect(links.calls).toEqual([`${GTIN_PATH}/21/S1`, `${GTIN_PATH}/22/V1/10/L1`, `${GTIN_PATH}/10/L1`, `${GTIN_PATH}/22/V1`, GTIN_PATH]);
    await expectRedirect(resolve(request(`${GTIN_PATH}/22/V1/10/L1`), source()), RECALL_LOT.href);
  });

  it('walks up without redirecting to the less granular URI (§2.5.9 SHOULD NOT redirect)', async () => {
    const answer = await resolve(request(`${GTIN_PATH}/10/UNKNOWN`), source());
    expect(answer.headers.location).toBe(PIP_EN.href);
    expect(answer.headers.link).toBe(linksetHeaderFor(`${BASE}${GTIN_PATH}/10/UNKNOWN`));
  });

  it('accepts the Digital Link 1.x short names and a GTIN-13, and answers for the canonical identifier', async () => {
    const links = source();
    await expectRedirect(resolve(request('/gtin/9506000134352/lot/L1'), links), RECALL_LOT.href);
    expect(links.calls).toContain(`${GTIN_PATH}/10/L1`);
  });

  it('keeps a stem path before the primary key in the anchors', async () => {
    const answer = await resolve(request(`/products${GTIN_PATH}`), source());
    expect(answer.headers.link).toBe(linksetHeaderFor(`${BASE}/products${GTIN_PATH}`));
  });

  it('decodes percent-encoded values and looks them up in canonical form', async () => {
    const links = memorySource({ [`${GTIN_PATH}/10/A%2FB`]: [RECALL_LOT] });
    await expectRedirect(resolve(request(`${GTIN_PATH}/10/A%2fB`), links), RECALL_LOT.href);
  });

  it('answers 404 when links exist but no level has a default', async () => {
    const answer = await resolve(request(GTIN_PATH), memorySource({ [GTIN_PATH]: [PIP_FR] }));
    expect(answer.status).toBe(404);
    expect(answer.kind === 'problem' && answer.problem.detail).toMatch(/No default link/);
    expect(answer.headers.link).toBe(linksetHeaderFor(`${BASE}${GTIN_PATH}`));
  });
});

describe('defaultLinkMulti (§2.5.8)', () => {
  const multi = () =>
    memorySource({
      [GTIN_PATH]: [
        { ...PIP_EN, isDefaultMulti: true },
        { ...PIP_FR, isDefaultMulti: true },
      ],
    });

  it('redirects to the multi default the headers pick', async () => {
    await expectRedirect(resolve(request(GTIN_PATH, { acceptLanguage: 'fr-CH, fr;q=0.9' }), multi()), PIP_FR.href);
  });

  it('falls back to the single default when the headers match no multi default, or say nothing', async () => {
    await expectRedirect(resolve(request(GTIN_PATH, { acceptLanguage: 'de' }), multi()), PIP_EN.href);
    await expectRedirect(resolve(request(GTIN_PATH), multi()), PIP_EN.href);
  });

  it('falls back to the single default when the multi default the headers pick matches nothing they said', async () => {
    const links = memorySource({ [GTIN_PATH]: [PIP_EN, { ...PIP_FR, isDefaultMulti: true }, { ...EPIL, isDefaultMulti: true }] });
    await expectRedirect(resolve(request(GTIN_PATH, { acceptLanguage: 'de' }), links), PIP_EN.href);
    await expectRedirect(resolve(request(GTIN_PATH, { acceptLanguage: 'fr' }), links), PIP_FR.href);
  });

  it('answers 300 when there is no single default and the headers cannot choose', async () => {
    const answer = await resolve(request(GTIN_PATH, { accept: 'application/json' }), memorySource({ [GTIN_PATH]: [{ ...PIP_FR, isDefaultMulti: true }, { ...EPIL, hreflang: 'de', isDefaultMulti: true }] }));
    expect(answer.status).toBe(300);
  });
});

describe('linkType (§2.6.2; test suite "loFor…", "specificLinkTypeNotFound")', () => {
  it.each([
    ['a CURIE', 'gs1:epil'],
    ['the full URI', 'https://ref.gs1.org/voc/epil'],
    ['the older URI', 'https://gs1.org/voc/epil'],
    ['the percent-encoded URI', 'https%3A%2F%2Fref.gs1.org%2Fvoc%2Fepil'],
  ])('redirects to the requested type written as %s', async (_name, value) => {
    await expectRedirect(resolve(request(GTIN_PATH, { query: `linkType=${value}` }), source()), `${EPIL.href}?linkType=${value}`);
  });

  it('answers a type registered higher up the tree from a qualified request', async () => {
    await expectRedirect(resolve(request(`${GTIN_PATH}/10/L1`, { query: 'linkType=gs1:epil' }), source()), `${EPIL.href}?linkType=gs1:epil`);
  });

  it('answers from the most specific level that has the type', async () => {
    const links = memorySource({ [GTIN_PATH]: [PIP_EN], [`${GTIN_PATH}/10/L1`]: [{ ...PIP_FR, hreflang: undefined, isDefault: true }] });
    await expectRedirect(resolve(request(`${GTIN_PATH}/10/L1`, { query: 'linkType=gs1:pip' }), links), `${PIP_FR.href}?linkType=gs1:pip`);
  });

  it('answers gs1:defaultLink like a request without linkType', async () => {
    await expectRedirect(resolve(request(GTIN_PATH, { query: 'linkType=gs1:defaultLink' }), source()), `${PIP_EN.href}?linkType=gs1:defaultLink`);
  });

  it('answers 404, not the default link, when no link of the type exists (§2.6.2)', async () => {
    const answer = await resolve(request(GTIN_PATH, { query: 'linkType=gs1:nosuchlt' }), source());
    expect(answer.status).toBe(404);
    if (answer.kind !== 'problem') throw new Error('not a problem');
    expect(answer.problem.code).toBe('NOT_FOUND');
    expect(answer.problem.detail).toBe(`No link of type gs1:nosuchlt is registered for ${BASE}${GTIN_PATH}.`);
    expect(answer.problem.details?.expected).toBe('one of gs1:pip, gs1:epil, gs1:defaultLink');
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.link).toBe(linksetHeaderFor(`${BASE}${GTIN_PATH}`));
    expect(JSON.parse(answer.body!)).toEqual(answer.problem);
  });

  it('refuses a repeated or empty linkType with 400', async () => {
    expect((await resolve(request(GTIN_PATH, { query: 'linkType=gs1:pip&linkType=gs1:epil' }), source())).status).toBe(400);
    expect((await resolve(request(GTIN_PATH, { query: 'linkType=' }), source())).status).toBe(400);
  });
});

describe('choosing among links of one type (§2.6.3)', () => {
  const pip = (query = 'linkType=gs1:pip') => ({ query });

  it('picks by Accept-Language, with quality values and language fallback (RFC 4647)', async () => {
    await expectRedirect(resolve(request(GTIN_PATH, { ...pip(), acceptLanguage: 'fr' }), source()), `${PIP_FR.href}?linkType=gs1:pip`);
    await expectRedirect(resolve(request(GTIN_PATH, { ...pip(), acceptLanguage: 'de-CH, fr;q=0.5, en;q=0.9' }), source()), `${PIP_EN.href}?linkType=gs1:pip`);
    await expectRedirect(resolve(request(GTIN_PATH, { ...pip(), acceptLanguage: 'fr-CA' }), source()), `${PIP_FR.href}?linkType=gs1:pip`);
    await expectRedirect(resolve(request(GTIN_PATH, { ...pip(), acceptLanguage: 'fr;q=0, *' }), source()), `${PIP_EN.href}?linkType=gs1:pip`);
  });

  it('picks by Accept (media type) when languages do not decide', async () => {
    const links = memorySource({
      [GTIN_PATH]: [
        { ...PIP_EN, isDefault: true },
        { ...PIP_EN, href: 'https://brand.example/en/risotto.pdf', type: 'application/pdf', isDefault: false },
      ],
    });
    await expectRedirect(resolve(request(GTIN_PATH, { ...pip(), accept: 'application/pdf, text/html;q=0.5', acceptLanguage: 'en' }), links), 'https://brand.example/en/risotto.pdf?linkType=gs1:pip');
    await expectRedirect(resolve(request(GTIN_PATH, { ...pip(), accept: 'text/*' }), links), `${PIP_EN.href}?linkType=gs1:pip`);
  });

  it('picks by the context query parameter first, case-insensitively', async () => {
    const links = memorySource({
      [GTIN_PATH]: [
        { ...PIP_EN, context: 'us', isDefault: true },
        { ...PIP_EN, href: 'https://brand.example/ca/risotto', context: ['ca'], isDefault: false },
        { ...PIP_FR, context: 'ca' },
      ],
    });
    await expectRedirect(resolve(request(GTIN_PATH, { query: 'linkType=gs1:pip&context=CA', acceptLanguage: 'en' }), links), 'https://brand.example/ca/risotto?linkType=gs1:pip&context=CA');
    await expectRedirect(resolve(request(GTIN_PATH, { query: 'linkType=gs1:pip&context=us', acceptLanguage: 'fr' }), links), `${PIP_EN.href}?linkType=gs1:pip&context=us`);
  });

  it('answers 300 with a valid linkset of the candidates when the request cannot decide (test suite "threehundredLinks")', async () => {
    const answer = await resolve(request(GTIN_PATH, { ...pip(), accept: 'application/linkset+json' }), source());
    expect(answer.status).toBe(300);
    if (answer.kind !== 'choices') throw new Error('not 300');
    expect(validateGs1Linkset(answer.linkset), errorsOf(validateGs1Linkset)).toBe(true);
    expect(JSON.parse(answer.body!)).toEqual(answer.linkset);
    expect(answer.linkset.linkset[0]!['https://ref.gs1.org/voc/pip']).toEqual([
      { href: PIP_EN.href, title: 'Risotto', type: 'text/html', hreflang: ['en'] },
      { href: PIP_FR.href, title: 'Risotto (FR)', type: 'text/html', hreflang: ['fr'] },
    ]);
    expect(answer.headers.link).toContain('rel="linkset"');
  });

  it('answers 300 for links with identical attributes whatever the headers say', async () => {
    const links = memorySource({ [GTIN_PATH]: [{ ...EPIL, isDefault: true }, { ...EPIL, href: 'https://brand.example/other.pdf' }] });
    const answer = await resolve(request(GTIN_PATH, { query: 'linkType=gs1:epil', accept: 'application/pdf', acceptLanguage: 'en' }), links);
    expect(answer.status).toBe(300);
    expect(answer.headers['content-type']).toBe('application/linkset+json'); // no linkset format is acceptable: the linkset media type
  });
});

describe('the linkset (§2.9, §2.10; test suite "ltLinksetNoRedirect", "ltAcceptHeader", "validLinkset", "declaredContentType", "linksetJsonldCheck")', () => {
  it('answers linkType=linkset with every level of the request, valid against the GS1 linkset schema', async () => {
    const answer = await resolve(request(`${GTIN_PATH}/10/L1/21/S1`, { query: 'linkType=linkset', accept: 'application/linkset+json' }), source());
    expect(answer.status).toBe(200);
    if (answer.kind !== 'linkset') throw new Error('not a linkset');
    expect(answer.headers['content-type']).toBe('application/linkset+json');
    expect(answer.headers.link).toBe('<https://ref.gs1.org/standards/resolver/1.2.0/linkset-context>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"');
    const body = JSON.parse(answer.body!);
    expect(validateGs1Linkset(body), errorsOf(validateGs1Linkset)).toBe(true);
    expect(validatePlainLinkset(withoutGs1Extensions(body)), errorsOf(validatePlainLinkset)).toBe(true);
    expect(body.linkset.map((context: { anchor: string }) => context.anchor)).toEqual([`${BASE}${GTIN_PATH}/21/S1`, `${BASE}${GTIN_PATH}/10/L1`, `${BASE}${GTIN_PATH}`]);
    expect(body.linkset[2]).toEqual({
      anchor: `${BASE}${GTIN_PATH}`,
      itemDescription: `GTIN ${GTIN}`,
      'https://ref.gs1.org/voc/pip': [
        { href: PIP_EN.href, title: 'Risotto', type: 'text/html', hreflang: ['en'] },
        { href: PIP_FR.href, title: 'Risotto (FR)', type: 'text/html', hreflang: ['fr'] },
      ],
      'https://ref.gs1.org/voc/epil': [{ href: EPIL.href, title: 'Leaflet', type: 'application/pdf' }],
      'https://ref.gs1.org/voc/defaultLink': [{ href: PIP_EN.href, title: 'Risotto' }],
    });
  });

  it('answers the same linkset for the deprecated linkType=all and for Accept: application/linkset+json alone', async () => {
    const byKeyword = await resolve(request(GTIN_PATH, { query: 'linkType=linkset', accept: 'application/linkset+json' }), source());
    const byAll = await resolve(request(GTIN_PATH, { query: 'linkType=all', accept: 'application/linkset+json' }), source());
    const byAccept = await resolve(request(GTIN_PATH, { accept: 'application/linkset+json' }), source());
    expect(byAll.status).toBe(200);
    expect(byAccept.status).toBe(200);
    expect(byAll).toMatchObject({ body: (byKeyword as { body: string }).body });
    expect(byAccept).toMatchObject({ body: (byKeyword as { body: string }).body });
  });

  it('redirects when Accept names application/linkset+json below another type', async () => {
    expect((await resolve(request(GTIN_PATH, { accept: 'text/html, application/linkset+json;q=0.5' }), source())).status).toBe(307);
  });

  it('serves the same JSON as application/json, and JSON-LD with the context embedded', async () => {
    const linkset = await resolve(request(GTIN_PATH, { query: 'linkType=linkset', accept: 'application/linkset+json' }), source());
    const json = await resolve(request(GTIN_PATH, { query: 'linkType=linkset', accept: 'application/json' }), source());
    const jsonLd = await resolve(request(GTIN_PATH, { query: 'linkType=linkset', accept: 'application/ld+json' }), source());
    expect(json.headers['content-type']).toBe('application/json');
    expect((json as { body: string }).body).toBe((linkset as { body: string }).body);
    expect(jsonLd.headers['content-type']).toBe('application/ld+json');
    expect(JSON.parse((jsonLd as { body: string }).body)).toEqual({ '@context': 'https://ref.gs1.org/standards/resolver/1.2.0/linkset-context', ...JSON.parse((linkset as { body: string }).body) });
  });

  it('serves HTML with the JSON-LD inside when the request names no media type or asks for HTML', async () => {
    for (const accept of [undefined, '*/*', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
      const answer = await resolve(request(GTIN_PATH, { query: 'linkType=linkset', accept }), source());
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect((answer as { body: string }).body).toContain('<script type="application/ld+json">');
      expect((answer as { body: string }).body).toContain(`<a href="${PIP_FR.href}" hreflang="fr" type="text/html">Risotto (FR)</a>`);
    }
  });

  it('uses the item description the source gives', async () => {
    const links = memorySource({ [GTIN_PATH]: [PIP_EN] }, { [GTIN_PATH]: 'Dal Giardino risotto' });
    const answer = await resolve(request(GTIN_PATH, { query: 'linkType=linkset', accept: 'application/json' }), links);
    expect(JSON.parse((answer as { body: string }).body).linkset[0].itemDescription).toBe('Dal Giardino risotto');
  });

  it('answers HEAD for the linkset with the headers of GET and no body', async () => {
    const get = await resolve(request(GTIN_PATH, { query: 'linkType=linkset' }), source());
    const head = await resolve(request(GTIN_PATH, { method: 'HEAD', query: 'linkType=linkset' }), source());
    expect(head.headers).toEqual(get.headers);
    expect('body' in head).toBe(false);
  });
});

describe('compressed Digital Link URIs (§2.3; test suite "validDecompressCheck", "exposeDecompressedLink")', () => {
  const compressedPath = (elements: { ai: string; value: string }[]) => new URL(buildDigitalLink(elements, { stem: BASE, compress: true })).pathname;

  it('answers a compressed URI as its uncompressed form, which it gives in a Link header with rel owl:sameAs', async () => {
    const path = compressedPath([
      { ai: '01', value: GTIN },
      { ai: '10', value: 'L1' },
      { ai: '17', value: '261231' },
    ]);
    const links = source();
    const answer = await expectRedirect(resolve(request(path, { query: 'x=1' }), links), `${RECALL_LOT.href}?x=1`);
    expect(answer.headers.link).toBe(`<${BASE}${GTIN_PATH}/10/L1?17=261231&x=1>; rel="owl:sameAs", ${linksetHeaderFor(`${BASE}${GTIN_PATH}/10/L1`)}`);
    expect(links.calls).toEqual([`${GTIN_PATH}/10/L1`, GTIN_PATH]);
  });

  it('uses the uncompressed URI as the linkset anchor (§2.3)', async () => {
    const answer = await resolve(request(compressedPath([{ ai: '01', value: GTIN }]), { query: 'linkType=linkset', accept: 'application/json' }), source());
    expect(JSON.parse((answer as { body: string }).body).linkset[0].anchor).toBe(`${BASE}${GTIN_PATH}`);
    expect(answer.headers.link).toContain(`<${BASE}${GTIN_PATH}?linkType=linkset>; rel="owl:sameAs"`);
  });

  it('refuses a path segment that is not a compressed Digital Link with 400', async () => {
    const answer = await resolve(request('/AAAAAAAAAAAAAAAAAAAA'), source());
    expect(answer.status).toBe(400);
  });
});

describe('not found (§2.4.1)', () => {
  it('answers a valid URI with no links at any level with a plain 404', async () => {
    const answer = await resolve(request('/01/09506000134369/21/X'), source());
    expect(answer.status).toBe(404);
    expect(answer.headers.link).toBeUndefined();
    expect(answer.kind === 'problem' && answer.problem.code).toBe('NOT_FOUND');
  });

  it('answers a linkset request for an unknown identifier with 404, not an empty 200', async () => {
    expect((await resolve(request('/01/09506000134369', { query: 'linkType=linkset' }), source())).status).toBe(404);
  });
});

describe('CORS and methods (§2.2; test suite "corsCheck", "methodsCheck")', () => {
  it('answers OPTIONS with a preflight for any path', async () => {
    for (const path of [GTIN_PATH, '/not/a/digital/link']) {
      const answer = await resolve(request(path, { method: 'OPTIONS' }), source());
      expect(answer).toEqual({
        kind: 'preflight',
        status: 204,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-expose-headers': 'Link, Location, Content-Type, Vary',
          allow: 'GET, HEAD, OPTIONS',
          'access-control-allow-methods': 'GET, HEAD, OPTIONS',
          'access-control-allow-headers': 'Accept, Accept-Language',
          'access-control-max-age': '86400',
        },
      });
    }
  });

  it('answers another method 405 with Allow', async () => {
    const answer = await resolve({ ...request(GTIN_PATH), method: 'POST' as 'GET' }, source());
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('does not ask the link source about a request it refuses', async () => {
    const links = source();
    await resolve(request('/01/123'), links);
    expect(links.calls).toEqual([]);
  });
});

describe('hostile and malformed input: 400 with a clear problem, never 200 (§2.4, §2.4.1; test suite "reportWith400", "noErrorWith200")', () => {
  const cases: [string, Partial<ResolveRequest> & { path: string }, string, RegExp][] = [
    ['a segment after the key (the test suite adds /foo)', { path: `${GTIN_PATH}/foo` }, 'CODE_DIGITAL_LINK', /primary key/],
    ['an overlong path', { path: `${GTIN_PATH}/10/${'A'.repeat(5000)}` }, 'INPUT_TOO_LONG', /at most 2048/],
    ['an overlong query', { path: GTIN_PATH, query: `x=${'a'.repeat(9000)}` }, 'INPUT_TOO_LONG', /at most 8192/],
    ['a bad percent-escape', { path: `${GTIN_PATH}/10/%zz` }, 'CODE_PERCENT_ENCODING', /two hexadecimal digits/],
    ['percent-encoded bytes that are not UTF-8', { path: `${GTIN_PATH}/10/%C3%28` }, 'CODE_PERCENT_ENCODING', /UTF-8/],
    ['raw full-width digits', { path: '/01/０９５０６０００１３４３５２' }, 'CODE_DIGITAL_LINK', /percent-encoded/],
    ['percent-encoded full-width digits', { path: `/01/${encodeURIComponent('０９５０６０００１３４３５２')}` }, 'CODE_CHARSET', /"０" .* expected digits/],
    ['a ".." segment', { path: `${GTIN_PATH}/10/..` }, 'CODE_DIGITAL_LINK', /"\.\."/],
    ['a "." segment', { path: `/01/./${GTIN}` }, 'CODE_DIGITAL_LINK', /"\."/],
    ['a traversal', { path: `/../../etc/passwd` }, 'CODE_DIGITAL_LINK', /"\.\."/],
    ['an AI that is not a qualifier of the key', { path: `${GTIN_PATH}/99/ABC` }, 'CODE_DIGITAL_LINK', /not allowed after \/01\//],
    ['an unknown AI as the key', { path: '/98/123' }, 'CODE_DIGITAL_LINK', /primary key/],
    ['qualifiers out of order', { path: `${GTIN_PATH}/21/S1/10/L1` }, 'CODE_DIGITAL_LINK', /22\/10\/21/],
    ['a wrong check digit', { path: '/01/09506000134353' }, 'CODE_CHECK_DIGIT', /check digit/i],
    ['a numeric query parameter that is no AI', { path: GTIN_PATH, query: '9999=1' }, 'CODE_AI_UNKNOWN', /not a GS1 application identifier/],
    ['a key qualifier in the query', { path: GTIN_PATH, query: '10=L1' }, 'CODE_DIGITAL_LINK', /belongs in the path/],
    ['a NUL byte', { path: `${GTIN_PATH}/10/A%00B` }, 'CODE_CHARSET', /not allowed/],
    ['an empty path', { path: '/' }, 'CODE_DIGITAL_LINK', /no path/],
    ['a path without a leading slash', { path: `01/${GTIN}` }, 'CODE_DIGITAL_LINK', /start with/],
    ['two trailing slashes', { path: `${GTIN_PATH}//` }, 'CODE_DIGITAL_LINK', /end with/],
    ['a request origin that is not one', { path: GTIN_PATH, base: 'https://id.example.com/x?y' }, 'REQUEST_INVALID', /not an http\(s\) origin/],
    ['a non-http origin', { path: GTIN_PATH, base: 'ftp://id.example.com' }, 'REQUEST_INVALID', /origin/],
  ];

  it.each(cases)('%s', async (_name, extra, code, message) => {
    for (const method of ['GET', 'HEAD'] as const) {
      const answer = await resolve(request(extra.path, { ...extra, method }), source());
      expect(answer.status).toBe(400);
      if (answer.kind !== 'problem') throw new Error('not a problem');
      expect(answer.problem.code).toBe(code);
      expect(answer.problem.detail).toMatch(message);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect('body' in answer).toBe(method === 'GET');
    }
  });

  it('never throws and never answers 200 without a linkset request, for arbitrary paths, queries and headers', async () => {
    const fc = await import('fast-check');
    const pieces = fc.constantFrom('/', '01', GTIN, '10', '21', '..', '.', '%', '%2F', '%00', '%E0%A4', 'ａ', '?', '#', 'gtin', '9999', '235', 'A', '%zz', '');
    const path = fc.array(pieces, { maxLength: 12 }).map((parts) => `/${parts.join('/')}`);
    const anyPath = fc.oneof(path, fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 50 }));
    const links: LinkSource = source();
    await fc.assert(
      fc.asyncProperty(anyPath, fc.string({ maxLength: 80 }), fc.option(fc.string({ maxLength: 80 })), fc.option(fc.string({ maxLength: 80 })), async (p, query, accept, acceptLanguage) => {
        const answer = await resolve({ method: 'GET', base: BASE, path: p, query, accept: accept ?? undefined, acceptLanguage: acceptLanguage ?? undefined }, links);
        expect([200, 300, 307, 400, 404]).toContain(answer.status);
        if (answer.status === 200) expect(answer.kind).toBe('linkset');
        if (answer.status === 400 && answer.kind === 'problem') expect(answer.problem.detail.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});

describe('redirectTarget (§2.12)', () => {
  it.each([
    ['https://t.example/a', '', 'https://t.example/a'],
    ['https://t.example/a', 'x=1', 'https://t.example/a?x=1'],
    ['https://t.example/a?y=2', 'x=1', 'https://t.example/a?y=2&x=1'],
    ['https://t.example/a?', 'x=1', 'https://t.example/a?x=1'],
    ['https://t.example/a#top', 'x=1', 'https://t.example/a?x=1#top'],
    ['https://t.example/a?y=2#top', 'x=1', 'https://t.example/a?y=2&x=1#top'],
  ])('%s + %s', (href, query, expected) => {
    expect(redirectTarget(href, query)).toBe(expected);
  });
});
