/**
 * A GS1-Conformant resolver (GS1-Conformant Resolver Standard 1.2) as pure functions: link registration
 * schemas, identifier levels, negotiation, linksets, the resolution of a request and the description file.
 * The HTTP route and the link store are built on top of this.
 */
export { resolve, redirectTarget, RESOLVER_METHODS, MAX_RESOLVER_PATH_LENGTH, SAME_AS_RELATION } from './resolve.js';
export type { ResolveAnswer, ResolveRequest, ResolverMethod } from './resolve.js';
export {
  ResolverLinkInputSchema,
  ResolverLevelInputSchema,
  MAX_LINKS_PER_LEVEL,
  anchorPathOf,
  associationProblem,
  describeIdentifier,
  identifierOf,
  normaliseLinks,
  registrationAnchorPath,
  registrationLevels,
} from './links.js';
export type { Identifier, LevelLinks, LinkSource, ResolverLink, ResolverLinkInput } from './links.js';
export { linksetFor, linksetOf, linkContextOf, renderLinkset, contentTypeOf, linkHeaderValue, LINKSET_MEDIA_TYPE, LINKSET_CONTEXT, LINKSET_FORMATS, JSON_LD_CONTEXT_RELATION } from './linkset.js';
export type { LinkContext, LinkTarget, Linkset, LinksetFormat, LinksetLevel } from './linkset.js';
export { chooseLink, chooseRepresentation, fitOf, parseAccept, parseAcceptLanguage, prefersMediaType } from './negotiate.js';
export type { Choice, NegotiableLink, Preferences, WeightedValue } from './negotiate.js';
export { GS1_VOCABULARY, DEFAULT_LINK, DEFAULT_LINK_MULTI, KNOWN_PREFIXES, LINKSET_KEYWORD, canonicalLinkType, compactLinkType, readLinkTypeParameter } from './link-types.js';
export type { LinkTypeRequest } from './link-types.js';
export { resolverDescription, supportedPrimaryKeys, ResolverDescriptionOptionsSchema, RESOLVER_DESCRIPTION_PATH } from './description.js';
export type { ResolverDescription, ResolverDescriptionOptions } from './description.js';
