/**
 * The links a resolver answers with, and the identifier levels they are registered at
 * (GS1-Conformant Resolver Standard 1.2, §2.5 "Links").
 *
 * A link (§2.5.1–§2.5.7) has a target URL, a link type and a human-readable title (all three SHALL be
 * given), and optionally the human language(s) of the target (`hreflang`, BCP 47 tags in an array), its
 * IANA media type and `context` values. One link of an identified entity is its default (§2.5.8,
 * `gs1:defaultLink`); links may also be flagged as `gs1:defaultLinkMulti`, the defaults a resolver picks
 * between with the request's headers. Default links are always also typed with a descriptive link type,
 * so here a default is a descriptive link with a flag, never a link whose only type is a default.
 *
 * Links are registered for an identifier at one level: a primary key alone (`/01/09506000134352`) or with
 * key qualifiers (`/01/09506000134352/10/ABC`). A request is answered from the most specific levels first
 * and walks up to the primary key (§2.5.9): `registrationLevels` lists the levels a request draws on.
 */
import { SuyuanError, lookupAi, parseDigitalLink, percentEncode, type Gs1Element } from '@suyuan/core';
import { z } from 'zod';
import { DEFAULT_LINK, DEFAULT_LINK_MULTI, canonicalLinkType, compactLinkType } from './link-types.js';

/** The linkset schemas' `href` pattern: the target starts with `http(s)://` and a host of these characters. */
const SCHEMA_HREF = /^https?:\/\/[A-Za-z0-9./]+/;
/** `xx` or `xx-XX`: the BCP 47 tags the GS1 linkset schema admits (it refuses e.g. `es-419`, `zh-Hant`). */
const LANGUAGE_TAG = /^([A-Za-z]{2})(?:-([A-Za-z]{2}))?$/;
/** An IANA media type without parameters (RFC 6838 §4.2 restricted names). */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Most links one identifier level may hold; a linkset of one request holds at most five levels of them. */
export const MAX_LINKS_PER_LEVEL = 200;

const LinkTypeSchema = z
  .string()
  .max(256)
  .transform((value, ctx) => {
    const linkType = canonicalLinkType(value.trim());
    if (!linkType) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value.slice(0, 80))} is not a link type: write a GS1 CURIE such as gs1:pip, a URI such as https://ref.gs1.org/voc/pip (letters, digits, "." and "/" only), or a lower-case registered relation such as describedby.`,
      });
      return z.NEVER;
    }
    if (linkType === DEFAULT_LINK || linkType === DEFAULT_LINK_MULTI) {
      ctx.addIssue({
        code: 'custom',
        message: `A link is registered with its descriptive link type; mark it as a default with isDefault or isDefaultMulti instead of the link type ${compactLinkType(linkType)} (Resolver Standard 1.2 §2.5.8).`,
      });
      return z.NEVER;
    }
    return linkType;
  });

const HrefSchema = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value.slice(0, 80))} is not an absolute URL.` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: `A link target is an http or https URL, not ${url.protocol}.` });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'A link target may not carry a user name or password.' });
      return z.NEVER;
    }
    if (!SCHEMA_HREF.test(url.href)) {
      ctx.addIssue({ code: 'custom', message: `The host of ${JSON.stringify(url.href.slice(0, 80))} cannot be written in a GS1 linkset (letters, digits and "." only).` });
      return z.NEVER;
    }
    return url.href;
  });

const TitleSchema = z
  .string()
  .trim()
  .min(1, 'A link needs a human-readable title (Resolver Standard 1.2 §2.5.3).')
  .max(512)
  .refine((value) => !CONTROL.test(value), 'A title may not contain control characters.');

const LanguageTagSchema = z.string().transform((value, ctx) => {
  const tag = LANGUAGE_TAG.exec(value.trim());
  if (!tag) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value.slice(0, 40))} is not a language tag of the form "en" or "en-GB" (the forms the GS1 linkset schema admits).` });
    return z.NEVER;
  }
  return tag[2] ? `${tag[1]!.toLowerCase()}-${tag[2].toUpperCase()}` : tag[1]!.toLowerCase();
});

const MediaTypeSchema = z
  .string()
  .trim()
  .regex(MEDIA_TYPE, 'A media type is an IANA type/subtype such as text/html, without parameters (Resolver Standard 1.2 §2.5.5).')
  .transform((value) => value.toLowerCase());

const ContextValueSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((value) => !CONTROL.test(value) && !/\s/.test(value), 'A context value has no spaces or control characters.');

/** A single value or an array of them, always an array after parsing. */
function oneOrMany<T extends z.ZodType>(item: T, max: number) {
  return z.union([item.transform((value) => [value]), z.array(item).min(1).max(max)]);
}

/**
 * A link as registered (the input of the future registration API): `linkType` as a CURIE or a URI,
 * written out as the canonical full URI; `href` normalised as a URL; `hreflang` and `context` as one value
 * or an array, written out as arrays. Every link that parses can be written in a linkset that validates
 * against the GS1 linkset schema.
 */
export const ResolverLinkInputSchema = z
  .object({
    linkType: LinkTypeSchema,
    href: HrefSchema,
    title: TitleSchema,
    hreflang: oneOrMany(LanguageTagSchema, 16).optional(),
    type: MediaTypeSchema.optional(),
    context: oneOrMany(ContextValueSchema, 32).optional(),
    /** This level's default link (`gs1:defaultLink`): at most one per level (§2.5.8). */
    isDefault: z.boolean().optional(),
    /** One of this level's `gs1:defaultLinkMulti` links, chosen between with the request's headers (§2.5.8). */
    isDefaultMulti: z.boolean().optional(),
  })
  .strict();

/** A link as a client registers it. */
export type ResolverLinkInput = z.input<typeof ResolverLinkInputSchema>;
/** A link as stored and resolved: canonical link type URI, normalised target, arrays for `hreflang` and `context`. */
export type ResolverLink = z.output<typeof ResolverLinkInputSchema>;

/** The links of one identifier level as registered: at most one default link among them (§2.5.8). */
export const ResolverLevelInputSchema = z
  .array(ResolverLinkInputSchema)
  .max(MAX_LINKS_PER_LEVEL)
  .superRefine((links, ctx) => {
    const defaults = links.filter((link) => link.isDefault).length;
    if (defaults > 1) ctx.addIssue({ code: 'custom', message: `An identified entity has exactly one default link; ${defaults} links are marked isDefault (Resolver Standard 1.2 §2.5.8).` });
  });

/** What a link source returns for one level: its links, and optionally a description of the item. */
export type LevelLinks = readonly ResolverLink[] | { readonly links: readonly ResolverLink[]; readonly itemDescription?: string };

/**
 * Where links come from: called with the canonical path of one identifier level (`anchorPath`), such as
 * `/01/09506000134352`, `/01/09506000134352/10/ABC` or `/01/09506000134352/21/1` — numeric AIs, the GTIN in
 * 14 digits, qualifiers in GS1 order, values percent-encoded as `anchorPathOf` writes them.
 */
export type LinkSource = (anchorPath: string) => LevelLinks | Promise<LevelLinks>;

/** A GS1 primary key with the key qualifiers of a request, in the order of the Digital Link path. */
export interface Identifier {
  readonly key: Gs1Element;
  readonly qualifiers: readonly Gs1Element[];
}

/** The qualifier AIs a primary key may have in a Digital Link path, in GS1 order (all its sequences). */
function qualifierAisOf(keyAi: string): readonly string[] {
  return (lookupAi(keyAi)?.dlKeyQualifiers ?? []).flat();
}

/**
 * Splits a parsed Digital Link's elements into the identifier (primary key and key qualifiers) and the
 * data attributes of its query. Core's parser puts the key first and its qualifiers after it, in path order.
 */
export function identifierOf(elements: readonly Gs1Element[]): { identifier: Identifier; attributes: Gs1Element[] } {
  const [key, ...rest] = elements;
  if (!key || !lookupAi(key.ai)?.dlKeyQualifiers) throw new SuyuanError('CODE_DIGITAL_LINK', 'The Digital Link has no primary key.');
  const allowed = qualifierAisOf(key.ai);
  let count = 0;
  while (count < rest.length && allowed.includes(rest[count]!.ai)) count++;
  return { identifier: { key, qualifiers: rest.slice(0, count) }, attributes: rest.slice(count) };
}

/** The canonical path of an identifier level: `/01/09506000134352/10/ABC`, values percent-encoded. */
export function anchorPathOf(identifier: Identifier): string {
  return [identifier.key, ...identifier.qualifiers].map(({ ai, value }) => `/${ai}/${percentEncode(value)}`).join('');
}

/** Keys whose serial number (AI 21) identifies one instance, registered without a variant or lot (§2.5.9). */
const SERIALISED_KEYS = new Set(['01', '8006']);

/**
 * Why links may not be registered for this combination of key qualifiers, or `undefined` when they may
 * (§2.5.9): with a GTIN or ITIP, a serial number (21) is registered alone, without a consumer product
 * variant (22) or a batch/lot (10). (With a GTIN, the third-party extension 235 takes no other qualifier:
 * the Digital Link syntax already forbids that.)
 */
export function associationProblem(identifier: Identifier): string | undefined {
  const ais = identifier.qualifiers.map((q) => q.ai);
  if (SERIALISED_KEYS.has(identifier.key.ai) && ais.includes('21') && ais.length > 1) {
    return `Links for a serial number are registered at /${identifier.key.ai}/…/21/…, without ${ais.filter((ai) => ai !== '21').map((ai) => `(${ai})`).join(' or ')} (Resolver Standard 1.2 §2.5.9).`;
  }
  return undefined;
}

/** Every subsequence of `items` (order kept), the full sequence first. */
function subsequences<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = (1 << items.length) - 1; mask >= 0; mask--) out.push(items.filter((_, i) => (mask >> i) & 1));
  return out;
}

/**
 * The identifier levels a request draws links from, most specific first (§2.5.9, "walking up the tree"):
 * every combination of the request's key qualifiers that links may be registered for, down to the primary
 * key alone. For `/01/{gtin}/22/{cpv}/10/{lot}/21/{serial}` these are 01+21, 01+22+10, 01+10, 01+22 and 01:
 * a serial number names one instance and comes first; then the more qualifiers, and the later in GS1's
 * order (a lot is more specific than a variant), the more specific.
 */
export function registrationLevels(identifier: Identifier): Identifier[] {
  const order = qualifierAisOf(identifier.key.ai);
  // The later a level's last qualifier comes in GS1's order, the more specific it is (a serial number, last
  // in the order, names one instance); between equals, the more qualifiers, the more specific.
  const rank = (qualifiers: readonly Gs1Element[]): number[] => [Math.max(-1, ...qualifiers.map((q) => order.indexOf(q.ai))), qualifiers.length];
  return subsequences(identifier.qualifiers)
    .map((qualifiers) => ({ key: identifier.key, qualifiers }))
    .filter((level) => associationProblem(level) === undefined)
    .sort((a, b) => compareDescending(rank(a.qualifiers), rank(b.qualifiers)));
}

function compareDescending(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/**
 * The canonical anchor path that links for `identifier` are registered under: a Digital Link path such
 * as `/01/9506000134352/10/ABC` or a whole Digital Link URI (short names such as `/gtin/` and GTIN-13 are
 * accepted), with no data attributes. Throws `SuyuanError` (`CODE_…` for a malformed identifier,
 * `REQUEST_INVALID` for a combination links may not be registered for).
 */
export function registrationAnchorPath(identifier: string): string {
  const uri = identifier.startsWith('/') ? `https://resolver.invalid${identifier}` : identifier;
  const parsed = parseDigitalLink(uri);
  const { identifier: found, attributes } = identifierOf(parsed.elements);
  if (attributes.length > 0 || parsed.unknownParams.length > 0) {
    throw new SuyuanError('REQUEST_INVALID', 'Links are registered for a primary key and its key qualifiers only, without a query string.', { received: identifier.slice(0, 80) });
  }
  const problem = associationProblem(found);
  if (problem) throw new SuyuanError('REQUEST_INVALID', problem, { received: identifier.slice(0, 80) });
  return anchorPathOf(found);
}


/** A plain description of an identifier level from its AIs' titles, e.g. `GTIN 09506000134352, BATCH/LOT ABC`. */
export function describeIdentifier(identifier: Identifier): string {
  return [identifier.key, ...identifier.qualifiers].map(({ ai, value }) => `${lookupAi(ai)?.title ?? `(${ai})`} ${value}`).join(', ');
}

/**
 * Stored links as the resolver uses them: each link type in its canonical full-URI spelling; a link whose
 * type cannot be written as a linkset key, or is only a default type, is left out (registration through
 * `ResolverLinkInputSchema` never produces one).
 */
export function normaliseLinks(links: readonly ResolverLink[]): ResolverLink[] {
  return links.flatMap((link) => {
    const linkType = canonicalLinkType(link.linkType);
    return linkType && linkType !== DEFAULT_LINK && linkType !== DEFAULT_LINK_MULTI ? [{ ...link, linkType }] : [];
  });
}
