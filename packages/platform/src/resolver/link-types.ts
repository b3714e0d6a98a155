/**
 * Link types (link relation types) of a GS1-Conformant resolver (GS1-Conformant Resolver Standard 1.2,
 * §2.5.2 and §2.14): the GS1 Web Vocabulary namespace `https://ref.gs1.org/voc/` under the CURIE prefix
 * `gs1:`, the two default link types `gs1:defaultLink` and `gs1:defaultLinkMulti`, and the `linkType`
 * query parameter, whose value is a CURIE, a full URI, or `linkset` (`all` is the deprecated spelling).
 *
 * A link type is kept in one canonical spelling: a full URI, with the older spellings of the GS1
 * vocabulary (`https://gs1.org/voc/`, `http://gs1.org/voc/`, `https://www.gs1.org/voc/`) rewritten to
 * `https://ref.gs1.org/voc/`, so that `gs1:pip` and every spelling of its URI name the same thing.
 * Linkset keys are always full URIs: the GS1 linkset schema admits no CURIE as a key.
 */

/** The GS1 Web Vocabulary namespace that `gs1:` expands to (Resolver Standard 1.2 §2.14). */
export const GS1_VOCABULARY = 'https://ref.gs1.org/voc/';

/** Other spellings of the GS1 vocabulary namespace, read as `GS1_VOCABULARY`. */
const GS1_VOCABULARY_ALIASES = ['https://gs1.org/voc/', 'http://gs1.org/voc/', 'https://www.gs1.org/voc/', 'http://www.gs1.org/voc/', 'http://ref.gs1.org/voc/'];

/** The default link of an identified entity: one per entity, no optional attributes (§2.5.8). */
export const DEFAULT_LINK = `${GS1_VOCABULARY}defaultLink`;
/** Default links a resolver may choose between with the request's headers (§2.5.8). */
export const DEFAULT_LINK_MULTI = `${GS1_VOCABULARY}defaultLinkMulti`;

/** The `linkType` value that asks for the linkset rather than a redirect (§2.9). */
export const LINKSET_KEYWORD = 'linkset';
/** The value of `linkType` that GS1-Conformant Resolver 1.0.0 deprecated in favour of `linkset`. */
export const DEPRECATED_LINKSET_KEYWORD = 'all';

/** Namespaces the resolver recognises, with their CURIE prefixes (declared in the description file, §3). */
export const KNOWN_PREFIXES: Readonly<Record<string, string>> = { gs1: GS1_VOCABULARY };

/**
 * A link relation key the GS1 linkset schema accepts: a lower-case token (an IANA registered relation
 * such as `describedby`; the plain RFC 9264 schema allows no hyphen) or an `http(s)` URI of letters,
 * digits, `.` and `/` only.
 */
const TOKEN = /^[a-z]+$/;
const SCHEMA_URI = /^https?:\/\/[A-Za-z0-9./]+$/;
const CURIE = /^([A-Za-z_][A-Za-z0-9_-]*):([A-Za-z][A-Za-z0-9]*)$/;

/** What a `linkType` query value asks for. */
export type LinkTypeRequest = { kind: 'linkset'; deprecated: boolean } | { kind: 'type'; linkType: string };

/** Rewrites an older spelling of the GS1 vocabulary to `https://ref.gs1.org/voc/`; other URIs stay. */
function canonicalVocabulary(uri: string): string {
  const alias = GS1_VOCABULARY_ALIASES.find((prefix) => uri.startsWith(prefix));
  return alias ? GS1_VOCABULARY + uri.slice(alias.length) : uri;
}

/**
 * The canonical full URI of a link type written as a CURIE with a known prefix (`gs1:pip`), a URI
 * (`https://gs1.org/voc/pip`) or a registered token (`describedby`), or `undefined` when it is none of
 * these or cannot be written as a linkset key.
 */
export function canonicalLinkType(value: string): string | undefined {
  if (TOKEN.test(value)) return value === 'anchor' ? undefined : value; // "anchor" is the linkset's own member
  const curie = CURIE.exec(value);
  if (curie && !value.includes('//')) {
    const namespace = KNOWN_PREFIXES[curie[1]!];
    return namespace ? namespace + curie[2]! : undefined;
  }
  const uri = canonicalVocabulary(value);
  return SCHEMA_URI.test(uri) && !uri.endsWith('/') ? uri : undefined;
}

/** The CURIE of a canonical link type in a known namespace (`gs1:pip`), else the link type itself. */
export function compactLinkType(linkType: string): string {
  for (const [prefix, namespace] of Object.entries(KNOWN_PREFIXES)) {
    if (linkType.startsWith(namespace)) return `${prefix}:${linkType.slice(namespace.length)}`;
  }
  return linkType;
}

/**
 * Reads the value of the `linkType` query parameter (§2.6.2, §2.9): `linkset` (or the deprecated `all`)
 * asks for the linkset; anything else names a link type. A value that cannot be a link type at all is
 * kept as written, so that it matches no link and the request is answered 404, as for any link type the
 * resolver has no link of.
 */
export function readLinkTypeParameter(value: string): LinkTypeRequest {
  if (value === LINKSET_KEYWORD) return { kind: 'linkset', deprecated: false };
  if (value === DEPRECATED_LINKSET_KEYWORD) return { kind: 'linkset', deprecated: true };
  return { kind: 'type', linkType: canonicalLinkType(value) ?? value };
}
