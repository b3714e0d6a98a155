/**
 * Choosing between links of one link type with what the request says (GS1-Conformant Resolver Standard
 * 1.2 §2.6.3): the `context` query parameter (MAY), the `Accept-Language` header (SHOULD) and the `Accept`
 * header (MAY). Headers are read as RFC 9110 §12.4.2 (quality values) and §12.5.1/§12.5.4 say; languages
 * are compared as RFC 4647 §3.3.1 (basic filtering) and §3.4 (lookup) do, case-insensitively.
 *
 * Each link gets a fit on three dimensions, compared in this order: context, language, media type. On each
 * one a link that matches the request beats one that says nothing (no `hreflang`, no `type`, no `context`,
 * or a request that says nothing), which beats one the request rules out. Among matches the higher quality
 * value, then the more exact match, wins. When the best fit is shared the request cannot decide, and the
 * resolver answers 300 Multiple Choices (§2.6.3).
 */

/** One entry of an `Accept` or `Accept-Language` header. */
export interface WeightedValue {
  /** The media range or language range, lower case. */
  readonly value: string;
  /** Its quality value, 0 to 1. */
  readonly q: number;
  /** Its place in the header, from 0. */
  readonly position: number;
}

/** What a request says about the link it wants. */
export interface Preferences {
  readonly languages: readonly WeightedValue[];
  readonly mediaRanges: readonly WeightedValue[];
  /** The `context` query parameter, if given. */
  readonly context?: string | undefined;
}

/** The attributes of a link that negotiation reads. */
export interface NegotiableLink {
  readonly hreflang?: readonly string[] | undefined;
  readonly type?: string | undefined;
  readonly context?: readonly string[] | undefined;
}

/** Longest header read and most entries taken from it: more is ignored, not an error. */
const MAX_HEADER_LENGTH = 4096;
const MAX_ENTRIES = 64;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
const MEDIA_RANGE = /^(?:\*\/\*|[a-z0-9!#$&^_.+-]+\/\*|[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)$/;
const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/;

/** Fit categories on one dimension. */
const MISMATCH = 0;
const SILENT = 1;
const MATCH = 2;

/** Reads a header of comma-separated values with optional `;q=` weights; malformed entries are skipped. */
function parseWeighted(header: string | undefined, valid: RegExp): WeightedValue[] {
  if (!header) return [];
  const values: WeightedValue[] = [];
  for (const part of header.slice(0, MAX_HEADER_LENGTH).split(',').slice(0, MAX_ENTRIES)) {
    const [rawValue = '', ...params] = part.split(';');
    const value = rawValue.trim().toLowerCase();
    if (!valid.test(value)) continue;
    let q = 1;
    let malformed = false;
    for (const param of params) {
      const [name = '', weight = ''] = param.split('=').map((s) => s.trim());
      if (name.toLowerCase() !== 'q') continue;
      if (QVALUE.test(weight)) q = Number(weight);
      else malformed = true;
    }
    if (!malformed) values.push({ value, q, position: values.length });
  }
  return values;
}

/** The media ranges of an `Accept` header (RFC 9110 §12.5.1). */
export function parseAccept(header: string | undefined): WeightedValue[] {
  return parseWeighted(header, MEDIA_RANGE);
}

/** The language ranges of an `Accept-Language` header (RFC 9110 §12.5.4, RFC 4647 §2.1). */
export function parseAcceptLanguage(header: string | undefined): WeightedValue[] {
  return parseWeighted(header, LANGUAGE_RANGE);
}

/** How specifically a media range names a media type: 3 exactly, 2 as `type/*`, 1 as `*\/*`, 0 not at all. */
function mediaSpecificity(range: string, mediaType: string): number {
  if (range === mediaType) return 3;
  if (range === '*/*') return 1;
  return range.endsWith('/*') && mediaType.startsWith(range.slice(0, -1)) ? 2 : 0;
}

/** The range that names `mediaType` most specifically (RFC 9110 §12.5.1: it decides), with its specificity. */
function mostSpecificRange(ranges: readonly WeightedValue[], mediaType: string): { range: WeightedValue; specificity: number } | undefined {
  let best: { range: WeightedValue; specificity: number } | undefined;
  for (const range of ranges) {
    const specificity = mediaSpecificity(range.value, mediaType);
    if (specificity > (best?.specificity ?? 0)) best = { range, specificity };
  }
  return best;
}

/** The fit of a link's media type: [category, q, specificity]. A wildcard-only match says nothing. */
function mediaFit(type: string | undefined, ranges: readonly WeightedValue[]): number[] {
  if (!type || ranges.length === 0) return [SILENT, 0, 0];
  const best = mostSpecificRange(ranges, type.toLowerCase());
  if (!best || best.range.q === 0) return [MISMATCH, 0, 0];
  return best.specificity === 1 ? [SILENT, 0, 0] : [MATCH, best.range.q, best.specificity];
}

/**
 * How a language range names a language tag: 3 exactly, 2 as a prefix of it (`en` for `en-GB`, basic
 * filtering), 1 as an extension of it (`en-GB` for `en`, lookup's fallback), 0 as `*`, -1 not at all.
 */
function languageKind(range: string, tag: string): number {
  if (range === tag) return 3;
  if (tag.startsWith(`${range}-`)) return 2;
  if (range.startsWith(`${tag}-`)) return 1;
  return range === '*' ? 0 : -1;
}

/** The fit of a link's languages: [category, q, kind] of its best-matching tag. */
function languageFit(hreflang: readonly string[] | undefined, ranges: readonly WeightedValue[]): number[] {
  if (!hreflang || hreflang.length === 0 || ranges.length === 0) return [SILENT, 0, 0];
  let best = [MISMATCH, 0, 0];
  for (const tag of hreflang.map((t) => t.toLowerCase())) {
    if (ranges.some((range) => range.q === 0 && languageKind(range.value, tag) >= 2)) continue; // "de;q=0": not acceptable
    for (const range of ranges) {
      const kind = languageKind(range.value, tag);
      if (kind < 0 || range.q === 0) continue;
      const fit = kind === 0 ? [SILENT, 0, 0] : [MATCH, range.q, kind];
      if (compareFits(fit, best) > 0) best = fit;
    }
  }
  return best;
}

/** The fit of a link's context values against the request's `context` (case-insensitive). */
function contextFit(context: readonly string[] | undefined, wanted: string | undefined): number[] {
  if (!context || context.length === 0 || wanted === undefined) return [SILENT];
  const lower = wanted.toLowerCase();
  return [context.some((value) => value.toLowerCase() === lower) ? MATCH : MISMATCH];
}

/** Compares two fits; positive when `a` is the better. */
function compareFits(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The overall fit of a link: context, then language, then media type. */
export function fitOf(link: NegotiableLink, preferences: Preferences): number[] {
  return [...contextFit(link.context, preferences.context), ...languageFit(link.hreflang, preferences.languages), ...mediaFit(link.type, preferences.mediaRanges)];
}

/** Whether a fit matches the request on at least one dimension (not merely fails to contradict it). */
function matchesSomething(fit: readonly number[]): boolean {
  return fit[0] === MATCH || fit[1] === MATCH || fit[4] === MATCH;
}

/** The outcome of choosing among links: one best link, or several the request cannot tell apart. */
export type Choice<L> = { readonly kind: 'one'; readonly link: L; readonly matched: boolean } | { readonly kind: 'tie'; readonly links: readonly L[] };

/**
 * The best of `candidates` for the request (§2.6.3), or the tied best when the request cannot decide;
 * `matched` tells whether the winner matched something the request said. `undefined` for no candidates.
 */
export function chooseLink<L extends NegotiableLink>(candidates: readonly L[], preferences: Preferences): Choice<L> | undefined {
  if (candidates.length === 0) return undefined;
  const fitted = candidates.map((link) => ({ link, fit: fitOf(link, preferences) }));
  const top = fitted.reduce((best, next) => (compareFits(next.fit, best.fit) > 0 ? next : best));
  const tied = fitted.filter((entry) => compareFits(entry.fit, top.fit) === 0);
  if (tied.length === 1) return { kind: 'one', link: top.link, matched: matchesSomething(top.fit) };
  return { kind: 'tie', links: tied.map((entry) => entry.link) };
}

/**
 * Whether an `Accept` header asks for `mediaType` above everything else it names explicitly: listed by
 * name (not through a wildcard) with a quality value above zero and no lower than any other named type.
 */
export function prefersMediaType(ranges: readonly WeightedValue[], mediaType: string): boolean {
  const named = ranges.find((range) => range.value === mediaType);
  if (!named || named.q === 0) return false;
  return ranges.every((range) => range.value.endsWith('/*') || range.q <= named.q);
}

/**
 * The representation to answer with among `offered` (in the server's order of preference for ties):
 * the highest quality value given by the most specific range naming it, then the more specific range,
 * then the range written first. `fallback` when no offered type is acceptable.
 */
export function chooseRepresentation<T extends string>(ranges: readonly WeightedValue[], offered: readonly T[], fallback: T): T {
  let best: { type: T; score: number[] } | undefined;
  for (const type of offered) {
    const found = mostSpecificRange(ranges, type);
    if (!found || found.range.q === 0) continue;
    const score = [found.range.q, found.specificity, -found.range.position];
    if (!best || compareFits(score, best.score) > 0) best = { type, score };
  }
  return best?.type ?? fallback;
}
