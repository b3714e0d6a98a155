/**
 * Resolving a GS1 Digital Link request, as the GS1-Conformant Resolver Standard 1.2 specifies, as a pure
 * function of the request and a source of registered links: no HTTP server and no store here. The answer
 * says the status, the headers and the body; an HTTP route sends it as it is.
 *
 * - GET, HEAD and OPTIONS, with CORS (§2.2): every answer allows any origin and exposes `Link`; OPTIONS is
 *   a preflight (204); HEAD has the headers of GET and no body.
 * - The request URI is parsed and validated as a GS1 Digital Link by `@suyuan/core` (§2.4): a failure is
 *   400 with an RFC 9457 problem, never 200 (§2.4.1). One trailing slash is tolerated (§2.13). A compressed
 *   URI is decompressed (§2.3) and its uncompressed form given in a `Link` header, `rel="owl:sameAs"`.
 * - Links are drawn from every level of the identifier, the most specific first, walking up to the primary
 *   key inside the one request, without redirecting (§2.5.9). A valid URI with no links at all is 404.
 * - `linkType=linkset` (or the deprecated `all`), or an `Accept` header preferring
 *   `application/linkset+json`, answers 200 with the linkset of all levels (§2.9, §2.10).
 * - `linkType=<type>` redirects (307) to the link of that type from the most specific level that has one
 *   (§2.6.2), chosen by `context`, `Accept-Language` and `Accept` among several (§2.6.3); none of that type
 *   is 404, not the default link (§2.6.2); a choice the request cannot make is 300 with the candidates.
 * - Otherwise the default link (§2.6.1): the most specific level's `gs1:defaultLinkMulti` link that the
 *   request's headers pick, else its `gs1:defaultLink` (§2.5.8).
 * - A redirect passes the request's whole query string on (§2.12) and carries a `Link` header to the
 *   linkset, `rel="linkset"` (§2.9 SHOULD).
 */
import { SuyuanError, buildDigitalLink, parseDigitalLink, type ParsedDigitalLink, type SuyuanErrorCode, type SuyuanErrorDetails } from '@suyuan/core';
import { PROBLEM_CONTENT_TYPE, problemOf, type Problem } from '../http/problem.js';
import { DEFAULT_LINK, DEFAULT_LINK_MULTI, LINKSET_KEYWORD, compactLinkType, readLinkTypeParameter, type LinkTypeRequest } from './link-types.js';
import {
  JSON_LD_CONTEXT_RELATION,
  LINKSET_CONTEXT,
  LINKSET_FORMATS,
  LINKSET_MEDIA_TYPE,
  contentTypeOf,
  linkHeaderValue,
  linksetOf,
  renderLinkset,
  type Linkset,
  type LinksetFormat,
  type LinksetLevel,
} from './linkset.js';
import { anchorPathOf, describeIdentifier, identifierOf, normaliseLinks, registrationLevels, type Identifier, type LevelLinks, type LinkSource, type ResolverLink } from './links.js';
import { chooseLink, chooseRepresentation, parseAccept, parseAcceptLanguage, prefersMediaType, type Preferences, type WeightedValue } from './negotiate.js';

/** The methods a GS1-Conformant resolver supports (§2.2). */
export const RESOLVER_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
export type ResolverMethod = (typeof RESOLVER_METHODS)[number];

/** Longest request path read (the path of a Digital Link is far shorter; longer is 400, not a parse). */
export const MAX_RESOLVER_PATH_LENGTH = 2048;

/** The relation of the `Link` to the uncompressed form of a compressed request URI (conformance statement). */
export const SAME_AS_RELATION = 'owl:sameAs';

/** A request to the resolver, as the HTTP route received it. */
export interface ResolveRequest {
  readonly method: ResolverMethod;
  /** The origin the request was made to, `https://id.example.com` (no path). */
  readonly base: string;
  /** The request path exactly as received, still percent-encoded: `/01/09506000134352/10/AB%2F1`. */
  readonly path: string;
  /** The query string as received (with or without `?`); pass the raw string to forward it exactly (§2.12). */
  readonly query?: URLSearchParams | string;
  readonly accept?: string | undefined;
  readonly acceptLanguage?: string | undefined;
}

type Headers = Record<string, string>;

/** How the resolver answers; `body` is absent for HEAD, for redirects and for the preflight. */
export type ResolveAnswer =
  | { readonly kind: 'redirect'; readonly status: 307; readonly headers: Headers; readonly location: string; readonly link: ResolverLink; readonly anchor: string }
  | { readonly kind: 'linkset'; readonly status: 200; readonly headers: Headers; readonly body?: string; readonly linkset: Linkset; readonly format: LinksetFormat }
  | { readonly kind: 'choices'; readonly status: 300; readonly headers: Headers; readonly body?: string; readonly linkset: Linkset; readonly format: LinksetFormat }
  | { readonly kind: 'preflight'; readonly status: 204; readonly headers: Headers }
  | { readonly kind: 'problem'; readonly status: 400 | 404 | 405; readonly headers: Headers; readonly body?: string; readonly problem: Problem };

/** CORS (§2.2): any origin may read the answers, their `Link` and `Location` headers included. */
const CORS_HEADERS: Readonly<Headers> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Link, Location, Content-Type, Vary',
};

/** The answer to an OPTIONS request: a CORS preflight for any resolver path. */
function preflight(): ResolveAnswer {
  return {
    kind: 'preflight',
    status: 204,
    headers: {
      ...CORS_HEADERS,
      allow: RESOLVER_METHODS.join(', '),
      'access-control-allow-methods': RESOLVER_METHODS.join(', '),
      'access-control-allow-headers': 'Accept, Accept-Language',
      'access-control-max-age': '86400',
    },
  };
}

/** A request that parsed: the identifier, where it lives, and what the request asks for. */
interface ReadRequest {
  readonly identifier: Identifier;
  /** Scheme, host and any path before the primary key. */
  readonly stem: string;
  /** The uncompressed URI of the request's identifier (no query). */
  readonly anchor: string;
  /** For a compressed request, its uncompressed form with the query. */
  readonly sameAs?: string;
  readonly linkType?: LinkTypeRequest;
  readonly preferences: Preferences;
  readonly accept: readonly WeightedValue[];
  /** The query string to pass on, as received, without `?`. */
  readonly query: string;
  readonly head: boolean;
}

function fail(code: SuyuanErrorCode, message: string, details: SuyuanErrorDetails = {}): never {
  throw new SuyuanError(code, message, details);
}

/** `https://host[:port]` of the request, or a 400. */
function originOf(base: string): string {
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    fail('REQUEST_INVALID', `The request's origin ${JSON.stringify(base.slice(0, 80))} is not an http(s) origin.`, { expected: 'https://host[:port]' });
  }
  return url.origin;
}

/** The request path ready for the Digital Link parser: checked for length and dot segments, one trailing slash dropped (§2.13). */
function pathOf(path: string): string {
  if (path.length > MAX_RESOLVER_PATH_LENGTH) {
    fail('INPUT_TOO_LONG', `The request path has ${path.length} characters; a GS1 Digital Link path here has at most ${MAX_RESOLVER_PATH_LENGTH}.`, {
      expected: `at most ${MAX_RESOLVER_PATH_LENGTH} characters`,
    });
  }
  if (!path.startsWith('/')) fail('CODE_DIGITAL_LINK', 'The request path must start with "/".', { position: 0 });
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    fail('CODE_DIGITAL_LINK', 'The path has a "." or ".." segment, which is not part of a GS1 Digital Link; a value of "." or ".." is written %2E or %2E%2E.', {
      received: path.slice(0, 80),
    });
  }
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function queryOf(query: URLSearchParams | string | undefined): string {
  if (query === undefined) return '';
  return typeof query === 'string' ? query.replace(/^\?/, '') : query.toString();
}

/** The one value of a reserved query parameter (`linkType`, `context`), or a 400 for a repeated or empty one. */
function singleParam(params: readonly [string, string][], name: string): string | undefined {
  const values = params.filter(([key]) => key === name).map(([, value]) => value);
  if (values.length > 1) fail('REQUEST_INVALID', `The query gives ${name} ${values.length} times; give it once.`, { path: name });
  if (values[0] === '') fail('REQUEST_INVALID', `The query parameter ${name} has no value.`, { path: name });
  return values[0];
}

/** The uncompressed form of a compressed request URI, with its query (§2.3). */
function uncompressedOf(parsed: ParsedDigitalLink): string {
  return buildDigitalLink(parsed.elements, { stem: parsed.stem, params: parsed.unknownParams });
}

/** Parses and validates the request (§2.4), throwing `SuyuanError` for anything a 400 answers. */
function readRequest(request: ResolveRequest): ReadRequest {
  const query = queryOf(request.query);
  const uri = `${originOf(request.base)}${pathOf(request.path)}${query ? `?${query}` : ''}`;
  const parsed = parseDigitalLink(uri);
  const { identifier } = identifierOf(parsed.elements);
  const linkType = singleParam(parsed.unknownParams, 'linkType');
  const accept = parseAccept(request.accept);
  return {
    identifier,
    stem: parsed.stem,
    anchor: parsed.stem + anchorPathOf(identifier),
    ...(parsed.compressed ? { sameAs: uncompressedOf(parsed) } : {}),
    ...(linkType === undefined ? {} : { linkType: readLinkTypeParameter(linkType) }),
    preferences: { languages: parseAcceptLanguage(request.acceptLanguage), mediaRanges: accept, context: singleParam(parsed.unknownParams, 'context') },
    accept,
    query,
    head: request.method === 'HEAD',
  };
}

/** One loaded identifier level. */
type Level = LinksetLevel;

function unpack(found: LevelLinks): { links: readonly ResolverLink[]; itemDescription?: string | undefined } {
  return 'links' in found ? found : { links: found };
}

/** The links of every level the request draws on, most specific first (§2.5.9). */
async function loadLevels(read: ReadRequest, source: LinkSource): Promise<Level[]> {
  return Promise.all(
    registrationLevels(read.identifier).map(async (identifier) => {
      const path = anchorPathOf(identifier);
      const found = unpack(await source(path));
      return { anchor: read.stem + path, itemDescription: found.itemDescription || describeIdentifier(identifier), links: normaliseLinks(found.links) };
    }),
  );
}

/** Headers every GET or HEAD answer carries: CORS, `Vary`, and the uncompressed URI of a compressed request. */
function baseHeaders(read: ReadRequest | undefined): Headers {
  const headers: Headers = { ...CORS_HEADERS, vary: 'Accept, Accept-Language' };
  if (read?.sameAs) headers.link = linkHeaderValue(read.sameAs, { rel: SAME_AS_RELATION });
  return headers;
}

function addLink(headers: Headers, value: string): Headers {
  return { ...headers, link: headers.link ? `${headers.link}, ${value}` : value };
}

/** The `Link` to the request's linkset (§2.9). */
function linksetLinkOf(read: ReadRequest): string {
  return linkHeaderValue(`${read.anchor}?linkType=${LINKSET_KEYWORD}`, { rel: 'linkset', type: LINKSET_MEDIA_TYPE });
}

function problemAnswer(status: 400 | 404 | 405, error: SuyuanError, headers: Headers, head: boolean): ResolveAnswer {
  const problem = { ...problemOf(error), status };
  return {
    kind: 'problem',
    status,
    headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE },
    ...(head ? {} : { body: JSON.stringify(problem) }),
    problem,
  };
}

/** The target of a redirect: the link's URL with the request's query string appended (§2.12). */
export function redirectTarget(href: string, query: string): string {
  if (!query) return href;
  const hash = href.indexOf('#');
  const target = hash < 0 ? href : href.slice(0, hash);
  const fragment = hash < 0 ? '' : href.slice(hash);
  const joiner = !target.includes('?') ? '?' : /[?&]$/.test(target) ? '' : '&';
  return `${target}${joiner}${query}${fragment}`;
}

function redirect(read: ReadRequest, level: Level, link: ResolverLink): ResolveAnswer {
  const location = redirectTarget(link.href, read.query);
  return { kind: 'redirect', status: 307, headers: { ...addLink(baseHeaders(read), linksetLinkOf(read)), location }, location, link, anchor: level.anchor };
}

/** The format a linkset is answered in: HTML when the request names none (§2.10), else by `Accept`. */
function formatFor(read: ReadRequest): LinksetFormat {
  return chooseRepresentation(read.accept, LINKSET_FORMATS, read.accept.length === 0 ? 'text/html' : LINKSET_MEDIA_TYPE);
}

function linksetBody(read: ReadRequest, linkset: Linkset, format: LinksetFormat, heading: string): { headers: Headers; body?: string } {
  let headers: Headers = { ...baseHeaders(read), 'content-type': contentTypeOf(format) };
  if (format === LINKSET_MEDIA_TYPE || format === 'application/json') {
    headers = addLink(headers, linkHeaderValue(LINKSET_CONTEXT, { rel: JSON_LD_CONTEXT_RELATION, type: 'application/ld+json' }));
  }
  return { headers, ...(read.head ? {} : { body: renderLinkset(linkset, format, heading) }) };
}

/** 200 with the linkset of every level (§2.9, §2.10). */
function linksetAnswer(read: ReadRequest, levels: readonly Level[]): ResolveAnswer {
  const format = formatFor(read);
  const linkset = linksetOf(levels);
  return { kind: 'linkset', status: 200, ...linksetBody(read, linkset, format, `Links for ${read.anchor}`), linkset, format };
}

/** 300 Multiple Choices with the links the request could not choose between (§2.6.3). */
function choicesAnswer(read: ReadRequest, level: Level, links: readonly ResolverLink[]): ResolveAnswer {
  const format = formatFor(read);
  const linkset = linksetOf([{ anchor: level.anchor, itemDescription: level.itemDescription, links }]);
  const answer = linksetBody(read, linkset, format, `Choose a link for ${read.anchor}`);
  return { kind: 'choices', status: 300, headers: addLink(answer.headers, linksetLinkOf(read)), ...(answer.body === undefined ? {} : { body: answer.body }), linkset, format };
}

/** The link types a link answers to: its own, and the default types it is flagged with (§2.5.8). */
function typesOf(link: ResolverLink): string[] {
  return [link.linkType, ...(link.isDefault ? [DEFAULT_LINK] : []), ...(link.isDefaultMulti ? [DEFAULT_LINK_MULTI] : [])];
}

function notFound(read: ReadRequest, message: string, details: SuyuanErrorDetails, withLinkset: boolean): ResolveAnswer {
  const headers = withLinkset ? addLink(baseHeaders(read), linksetLinkOf(read)) : baseHeaders(read);
  return problemAnswer(404, new SuyuanError('NOT_FOUND', message, details), headers, read.head);
}

/** A request for one link type (§2.6.2): the most specific level with links of that type answers. */
function linkTypeAnswer(read: ReadRequest, levels: readonly Level[], linkType: string): ResolveAnswer {
  for (const level of levels) {
    const candidates = level.links.filter((link) => typesOf(link).includes(linkType));
    const choice = chooseLink(candidates, read.preferences);
    if (!choice) continue;
    return choice.kind === 'one' ? redirect(read, level, choice.link) : choicesAnswer(read, level, choice.links);
  }
  const links = levels.flatMap((level) => level.links);
  const available = [...new Set([...links.map((link) => link.linkType), ...links.flatMap(typesOf)])].map(compactLinkType);
  return notFound(read, `No link of type ${compactLinkType(linkType)} is registered for ${read.anchor}.`, { expected: `one of ${available.join(', ')}`, received: compactLinkType(linkType).slice(0, 120) }, true);
}

/**
 * A request that names no link type (§2.6.1): the most specific level with a default answers with the
 * `gs1:defaultLinkMulti` link the request's headers pick, else its `gs1:defaultLink` (§2.5.8).
 */
function defaultAnswer(read: ReadRequest, levels: readonly Level[]): ResolveAnswer {
  const level = levels.find((candidate) => candidate.links.some((link) => link.isDefault || link.isDefaultMulti));
  if (!level) {
    return notFound(read, `No default link is registered for ${read.anchor} or any level above it; ask for a link type or for the linkset.`, { expected: 'linkType=linkset' }, true);
  }
  const single = level.links.find((link) => link.isDefault);
  const choice = chooseLink(level.links.filter((link) => link.isDefaultMulti), read.preferences);
  if (choice?.kind === 'one' && (choice.matched || !single)) return redirect(read, level, choice.link);
  if (single) return redirect(read, level, single);
  return choicesAnswer(read, level, choice?.kind === 'tie' ? choice.links : []);
}

/** Whether the request asks for the linkset (§2.9): `linkType=linkset`, or `Accept` preferring it with no `linkType`. */
function wantsLinkset(read: ReadRequest): boolean {
  return read.linkType ? read.linkType.kind === 'linkset' : prefersMediaType(read.accept, LINKSET_MEDIA_TYPE);
}

/**
 * Answers a resolver request from the links `source` gives for each identifier level. Hostile input is
 * answered 400 with a problem; an error thrown by `source` is passed on (the route answers it as a server
 * error).
 */
export async function resolve(request: ResolveRequest, source: LinkSource): Promise<ResolveAnswer> {
  const method = String(request.method).toUpperCase();
  if (method === 'OPTIONS') return preflight();
  if (method !== 'GET' && method !== 'HEAD') {
    const error = new SuyuanError('REQUEST_INVALID', `A GS1 resolver answers ${RESOLVER_METHODS.join(', ')}; not ${method.slice(0, 20)}.`, { expected: RESOLVER_METHODS.join(', ') });
    return problemAnswer(405, error, { ...baseHeaders(undefined), allow: RESOLVER_METHODS.join(', ') }, false);
  }
  let read: ReadRequest;
  try {
    read = readRequest({ ...request, method });
  } catch (error) {
    if (error instanceof SuyuanError) return problemAnswer(400, error, baseHeaders(undefined), method === 'HEAD');
    throw error;
  }
  const levels = await loadLevels(read, source);
  if (levels.every((level) => level.links.length === 0)) {
    return notFound(read, `No links are registered for ${read.anchor} or any level above it.`, {}, false);
  }
  if (wantsLinkset(read)) return linksetAnswer(read, levels);
  if (read.linkType?.kind === 'type') return linkTypeAnswer(read, levels, read.linkType.linkType);
  return defaultAnswer(read, levels);
}
