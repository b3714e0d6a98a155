/**
 * Linksets (RFC 9264, `application/linkset+json`) as a GS1-Conformant resolver returns them
 * (GS1-Conformant Resolver Standard 1.2 §2.9, §2.10): one link context object per identifier level that
 * has links, most specific first, each with its `anchor` (the uncompressed Digital Link URI of that level)
 * and `itemDescription`, and the level's links keyed by their link type as a full URI. A default link also
 * appears under `gs1:defaultLink` with its target and title only (§2.5.8: a default has no optional
 * attributes); `gs1:defaultLinkMulti` links keep theirs, since the resolver chooses between them by them.
 *
 * The result validates against GS1's linkset schema, which §2.10 makes normative. The same document less
 * `itemDescription` and `context` validates against the plain RFC 9264 schema of the same repository;
 * no document can satisfy both, as GS1's requires `itemDescription` and the plain one forbids it.
 *
 * The linkset is served as `application/linkset+json`, as `application/json` with the same body (§2.10
 * RECOMMENDED), as `application/ld+json` with the GS1 linkset context embedded (§2.10 SHOULD), and as an
 * HTML page with that JSON-LD inside it (§2.10 SHOULD, for `text/html` or no media type).
 */
import { tryParseDigitalLink } from '@suyuan/core';
import { DEFAULT_LINK, DEFAULT_LINK_MULTI, compactLinkType } from './link-types.js';
import { describeIdentifier, identifierOf, normaliseLinks, type ResolverLink } from './links.js';

export const LINKSET_MEDIA_TYPE = 'application/linkset+json';
/** GS1's JSON-LD context for linksets, release 1.2.0 (immutable; Resolver Standard 1.2 "Artefacts"). */
export const LINKSET_CONTEXT = 'https://ref.gs1.org/standards/resolver/1.2.0/linkset-context';
/** The link relation that points JSON at its JSON-LD context (JSON-LD 1.1 §6.1). */
export const JSON_LD_CONTEXT_RELATION = 'http://www.w3.org/ns/json-ld#context';

/** The representations a linkset is served in, the server's preference first for an unspecific request. */
export const LINKSET_FORMATS = ['text/html', LINKSET_MEDIA_TYPE, 'application/json', 'application/ld+json'] as const;
export type LinksetFormat = (typeof LINKSET_FORMATS)[number];

/** One link target object of a linkset. */
export interface LinkTarget {
  href: string;
  title: string;
  type?: string;
  hreflang?: string[];
  context?: string[];
}

/** One link context object: the anchor, the item description, and link targets by link type. */
export type LinkContext = { anchor: string; itemDescription: string } & { [linkType: string]: string | LinkTarget[] };

/** An RFC 9264 JSON linkset. */
export interface Linkset {
  linkset: LinkContext[];
}

/** The links of one identifier level with what the linkset says of it. */
export interface LinksetLevel {
  /** The uncompressed Digital Link URI of the level. */
  readonly anchor: string;
  readonly itemDescription: string;
  readonly links: readonly ResolverLink[];
}

function targetOf(link: ResolverLink): LinkTarget {
  return {
    href: link.href,
    title: link.title,
    ...(link.type ? { type: link.type } : {}),
    ...(link.hreflang?.length ? { hreflang: [...link.hreflang] } : {}),
    ...(link.context?.length ? { context: [...link.context] } : {}),
  };
}

/** The link context object of one level (links as `normaliseLinks` gives them): link types in order of registration, then the defaults. */
export function linkContextOf(level: LinksetLevel): LinkContext {
  const byType = new Map<string, LinkTarget[]>();
  const add = (linkType: string, target: LinkTarget): void => {
    const targets = byType.get(linkType) ?? [];
    targets.push(target);
    byType.set(linkType, targets);
  };
  for (const link of level.links) add(link.linkType, targetOf(link));
  for (const link of level.links) if (link.isDefault) add(DEFAULT_LINK, { href: link.href, title: link.title });
  for (const link of level.links) if (link.isDefaultMulti) add(DEFAULT_LINK_MULTI, targetOf(link));
  return { anchor: level.anchor, itemDescription: level.itemDescription, ...Object.fromEntries(byType) };
}

/** The linkset of several levels, most specific first; levels without links are left out. */
export function linksetOf(levels: readonly LinksetLevel[]): Linkset {
  return { linkset: levels.filter((level) => level.links.length > 0).map(linkContextOf) };
}

/**
 * The linkset of one identifier: `anchor` is its uncompressed Digital Link URI. `itemDescription`
 * defaults to one made from the anchor's AIs (`GTIN 09506000134352, BATCH/LOT ABC`).
 */
export function linksetFor(anchor: string, links: readonly ResolverLink[], itemDescription?: string): Linkset {
  return { linkset: [linkContextOf({ anchor, itemDescription: itemDescription ?? describeAnchor(anchor), links: normaliseLinks(links) })] };
}

function describeAnchor(anchor: string): string {
  const parsed = tryParseDigitalLink(anchor);
  return parsed.ok ? describeIdentifier(identifierOf(parsed.value.elements).identifier) : anchor;
}

/** The linkset written in one of its representations. */
export function renderLinkset(linkset: Linkset, format: LinksetFormat, heading = 'Links'): string {
  switch (format) {
    case LINKSET_MEDIA_TYPE:
    case 'application/json':
      return JSON.stringify(linkset);
    case 'application/ld+json':
      return JSON.stringify(jsonLdOf(linkset));
    case 'text/html':
      return htmlOf(linkset, heading);
  }
}

/** The `Content-Type` of a representation. */
export function contentTypeOf(format: LinksetFormat): string {
  return format === 'text/html' ? 'text/html; charset=utf-8' : format;
}

function jsonLdOf(linkset: Linkset): Record<string, unknown> {
  return { '@context': LINKSET_CONTEXT, ...linkset };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/** JSON safe inside a `<script>` element: no `<`, `>` or `&`, and no line separators JavaScript rejects. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function htmlTarget(target: LinkTarget): string {
  const notes = [target.type, target.hreflang?.join(', '), target.context?.join(', ')].filter((note): note is string => Boolean(note));
  const hreflang = target.hreflang?.length === 1 ? ` hreflang="${escapeHtml(target.hreflang[0]!)}"` : '';
  const type = target.type ? ` type="${escapeHtml(target.type)}"` : '';
  const note = notes.length > 0 ? ` <small>(${escapeHtml(notes.join('; '))})</small>` : '';
  return `<li><a href="${escapeHtml(target.href)}"${hreflang}${type}>${escapeHtml(target.title)}</a>${note}</li>`;
}

function htmlContext(context: LinkContext): string {
  const rows = Object.entries(context)
    .filter((entry): entry is [string, LinkTarget[]] => Array.isArray(entry[1]))
    .map(([linkType, targets]) => `<dt title="${escapeHtml(linkType)}">${escapeHtml(compactLinkType(linkType))}</dt><dd><ul>${targets.map(htmlTarget).join('')}</ul></dd>`);
  return `<section><h2>${escapeHtml(context.itemDescription)}</h2><p><code>${escapeHtml(context.anchor)}</code></p><dl>${rows.join('')}</dl></section>`;
}

/** An HTML page listing the links, with the linkset embedded as JSON-LD (§2.10). */
function htmlOf(linkset: Linkset, heading: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(heading)}</title>`,
    `<script type="application/ld+json">${scriptJson(jsonLdOf(linkset))}</script>`,
    `</head><body><main><h1>${escapeHtml(heading)}</h1>${linkset.linkset.map(htmlContext).join('')}</main></body></html>`,
  ].join('\n');
}

/** One link of an HTTP `Link` header (RFC 8288 §3): `<target>; name="value"…`, values quoted and escaped. */
export function linkHeaderValue(target: string, params: Readonly<Record<string, string>>): string {
  const quoted = Object.entries(params).map(([name, value]) => `; ${name}="${value.replace(/["\\]/g, '\\$&')}"`);
  return `<${target}>${quoted.join('')}`;
}
