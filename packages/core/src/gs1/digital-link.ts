/**
 * GS1 Digital Link URIs (GS1 Digital Link URI Syntax 1.x): `https://<domain>[/<stem path>]/<key AI>/<key>
 * [/<qualifier AI>/<qualifier>…][?<AI>=<value>&…]`. The primary keys, their qualifier order and the
 * AIs allowed as query attributes all come from the GS1 syntax dictionary (`dlpkey`, `?`). Parsing and
 * building follow GS1's syntax engine: the rightmost key in the path wins, qualifiers keep GS1's
 * order, a qualifier may not hide in the query, no AI appears twice, `+` is a space only in the query.
 */
import type { Check } from '../checks.js';
import { SuyuanError, excerpt, toResult, type Result } from '../errors.js';
import { validateAiValue } from './ai-value.js';
import { checkAssociations } from './associations.js';
import { isValidGtin } from './check-digit.js';
import type { Gs1Element } from './element-string.js';
import { decodeCompressedPath, encodeCompressedPath, looksCompressed } from './digital-link-compression.js';
import { lookupAi, type AiDefinition } from './syntax-dictionary.js';

export interface ParsedDigitalLink {
  /** Scheme, domain and any path before the primary key, e.g. `https://example.com/some/path`. */
  readonly stem: string;
  /** Primary key, qualifiers, then query attributes, in URI order. */
  readonly elements: Gs1Element[];
  /** Query parameters that are not AIs, as `[name, value]` (value `''` for a bare name), decoded. */
  readonly unknownParams: [string, string][];
  /** Whether the URI was in GS1's compressed form. */
  readonly compressed: boolean;
}

export interface DigitalLinkOptions {
  /** Accept numeric query parameters that are not known AIs (kept unchecked). Default `false`. */
  permitUnknownAis?: boolean;
}

export interface BuildDigitalLinkOptions {
  /** `scheme://domain[/path]`; default `https://id.gs1.org` (GS1's canonical stem). */
  stem?: string;
  /** Write the compressed form (GS1 Digital Link compression). Default `false`. */
  compress?: boolean;
  /** Non-AI query parameters to append, as `[name, value]`. */
  params?: readonly (readonly [string, string])[];
}

/** The canonical stem of GS1 Digital Link URIs. */
export const DEFAULT_DIGITAL_LINK_STEM = 'https://id.gs1.org';
export const MAX_DIGITAL_LINK_LENGTH = 8192;

/** The convenience alphas of GS1 Digital Link 1.x, accepted in paths and written as numeric AIs. */
export const DIGITAL_LINK_SHORT_NAMES: Readonly<Record<string, string>> = {
  sscc: '00',
  gtin: '01',
  lot: '10',
  exp: '17',
  ser: '21',
  cpv: '22',
  gdti: '253',
  glnx: '254',
  gcn: '255',
  ginc: '401',
  gsin: '402',
  gln: '414',
  payto: '415',
  expdt: '7003',
  grai: '8003',
  giai: '8004',
  itip: '8006',
  cpid: '8010',
  cpsn: '8011',
  gsrnp: '8017',
  gsrn: '8018',
  srin: '8019',
};

const SCHEME = /^(https?|HTTPS?):\/\//;
const DOMAIN = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*)?)(?::\d{1,5})?$/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const UTF8 = new TextEncoder();

function dlError(message: string, details: ConstructorParameters<typeof SuyuanError>[2] = {}): SuyuanError {
  return new SuyuanError('CODE_DIGITAL_LINK', message, details);
}

/** Percent-decodes a URI component as UTF-8; `+` is a space when `plusIsSpace` (query components). */
export function percentDecode(value: string, plusIsSpace: boolean, position = 0): string {
  const text = plusIsSpace ? value.replaceAll('+', ' ') : value;
  if (!text.includes('%')) return text;
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) {
    throw new SuyuanError('CODE_PERCENT_ENCODING', `${excerpt(value)} has a "%" not followed by two hexadecimal digits.`, {
      position: position + text.search(/%(?![0-9A-Fa-f]{2})/),
    });
  }
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new SuyuanError('CODE_PERCENT_ENCODING', `${excerpt(value)} does not decode to valid UTF-8.`, { position }, { cause });
  }
}

/** Percent-encodes everything outside RFC 3986's unreserved characters, upper-case hex (GS1's rule). */
export function percentEncode(value: string, spaceAsPlus = false): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch)) out += ch;
    else if (ch === ' ' && spaceAsPlus) out += '+';
    else for (const byte of UTF8.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

interface UriParts {
  origin: string;
  path: string;
  pathStart: number;
  query: string;
  queryStart: number;
}

function splitUri(uri: string): UriParts {
  if (typeof uri !== 'string') throw new SuyuanError('INPUT_TYPE', 'A Digital Link URI must be a string.', { expected: 'string' });
  if (uri.length > MAX_DIGITAL_LINK_LENGTH) {
    throw new SuyuanError('INPUT_TOO_LONG', `A Digital Link URI may have at most ${MAX_DIGITAL_LINK_LENGTH} characters.`, {
      expected: `at most ${MAX_DIGITAL_LINK_LENGTH} characters`,
    });
  }
  const illegal = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/.exec(uri);
  if (illegal) {
    throw dlError(`${excerpt(illegal[0])} may not appear in a URI; it must be percent-encoded.`, { position: illegal.index, received: illegal[0] });
  }
  const scheme = SCHEME.exec(uri);
  if (!scheme) {
    throw dlError('A GS1 Digital Link URI starts with "https://" or "http://" (all lower or all upper case).', {
      position: 0,
      expected: 'https://',
      received: uri.slice(0, 8),
    });
  }
  const hostStart = scheme[0].length;
  let hostEnd = hostStart;
  while (hostEnd < uri.length && !'/?#'.includes(uri[hostEnd]!)) hostEnd++;
  const domain = uri.slice(hostStart, hostEnd);
  if (!DOMAIN.test(domain)) {
    throw dlError(`${excerpt(domain)} is not a valid domain name.`, { position: hostStart, received: domain });
  }
  const fragment = uri.indexOf('#', hostEnd);
  const end = fragment < 0 ? uri.length : fragment;
  const question = uri.indexOf('?', hostEnd);
  const pathEnd = question < 0 || question > end ? end : question;
  return {
    origin: uri.slice(0, hostEnd),
    path: uri.slice(hostEnd, pathEnd),
    pathStart: hostEnd,
    query: pathEnd < end ? uri.slice(pathEnd + 1, end) : '',
    queryStart: pathEnd + 1,
  };
}

function pathAi(segment: string): string | undefined {
  if (/^\d{2,4}$/.test(segment)) return lookupAi(segment) ? segment : undefined;
  return DIGITAL_LINK_SHORT_NAMES[segment];
}

/**
 * Whether a URI has the shape of a GS1 Digital Link — a primary-key AI segment followed by a value in
 * its path, or a last segment that decodes as a compressed Digital Link — whatever its values hold.
 */
export function looksLikeDigitalLink(uri: string): boolean {
  const parts = toResult(() => splitUri(uri));
  if (!parts.ok) return false;
  const segments = parts.value.path.split('/').slice(1);
  for (let i = 0; i < segments.length - 1; i++) {
    const ai = pathAi(segments[i]!);
    if (ai && lookupAi(ai)?.dlKeyQualifiers) return true;
  }
  const last = segments[segments.length - 1];
  return last !== undefined && looksCompressed(last) && toResult(() => decodeCompressedPath(last)).ok;
}

/** Whether `qualifiers` (in order) fit one of the key's alternative qualifier sequences. */
function compatibleSequences(key: AiDefinition, qualifiers: readonly string[]): (readonly string[])[] {
  return (key.dlKeyQualifiers ?? []).filter((sequence) => {
    let at = 0;
    for (const ai of qualifiers) {
      at = sequence.indexOf(ai, at);
      if (at < 0) return false;
      at++;
    }
    return true;
  });
}

/** A GTIN-8, -12 or -13 written for AI (01) or (02), padded to the 14 digits the AI requires. */
function padGtin(ai: string, value: string): string {
  return (ai === '01' || ai === '02') && value.length < 14 && isValidGtin(value) ? value.padStart(14, '0') : value;
}

/** Parses a GS1 Digital Link URI (plain or compressed) into its elements. */
export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): ParsedDigitalLink {
  return parseDigitalLinkWithChecks(uri, options).link;
}

/** `parseDigitalLink` returning a result instead of throwing. */
export function tryParseDigitalLink(uri: string, options: DigitalLinkOptions = {}): Result<ParsedDigitalLink> {
  return toResult(() => parseDigitalLink(uri, options));
}

/** `parseDigitalLink`, also reporting each check that ran (for `parseCode`'s `checks`). */
export function parseDigitalLinkWithChecks(uri: string, options: DigitalLinkOptions = {}): { link: ParsedDigitalLink; checks: Check[] } {
  const parts = splitUri(uri);
  const checks: Check[] = [];
  const segments = parts.path.split('/').slice(1);
  if (parts.path === '' || parts.path === '/') throw dlError('The URI has no path: a Digital Link carries a primary key in its path.', { position: parts.pathStart });
  if (parts.path.endsWith('/')) throw dlError('A Digital Link path may not end with "/".', { position: parts.pathStart + parts.path.length - 1 });

  // Walk path segments from the right in (AI, value) pairs until the rightmost primary key.
  const pairs: { ai: string; raw: string; position: number }[] = [];
  let keyIndex = -1;
  const offsets: number[] = [];
  let offset = parts.pathStart + 1;
  for (const segment of segments) {
    offsets.push(offset);
    offset += segment.length + 1;
  }
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    const ai = pathAi(segments[i]!);
    if (!ai) break;
    pairs.unshift({ ai, raw: segments[i + 1]!, position: offsets[i + 1]! });
    if (lookupAi(ai)?.dlKeyQualifiers) {
      keyIndex = i;
      break;
    }
  }
  if (keyIndex < 0) {
    const last = segments.length - 1;
    if (looksCompressed(segments[last]!)) return decompressParsed(parts, segments, offsets[last]!, options, checks);
    throw dlError('No GS1 primary key (such as /01/ for a GTIN) was found in the path, with only AIs after it.', {
      position: parts.pathStart,
      received: parts.path.slice(0, 64),
    });
  }
  if (segments.slice(0, keyIndex).some((s) => s === '')) throw dlError('The stem path has an empty segment.', { position: parts.pathStart });
  const key = lookupAi(pairs[0]!.ai)!;
  const qualifiers = pairs.slice(1).map((p) => p.ai);
  const sequences = compatibleSequences(key, qualifiers);
  if (qualifiers.length > 0 && sequences.length === 0) {
    const allowed = (key.dlKeyQualifiers ?? []).map((s) => s.join('/')).join(' or ');
    throw dlError(`Key qualifiers /${qualifiers.join('/')}/ are not allowed after /${key.ai}/ in that order; allowed: ${allowed || 'none'}.`, {
      ai: key.ai,
      position: pairs[1]!.position,
      expected: allowed,
    });
  }

  const elements: Gs1Element[] = [];
  const positions: number[] = [];
  const locators: ((index: number) => number)[] = [];
  for (const pair of pairs) {
    const value = padGtin(pair.ai, percentDecode(pair.raw, false, pair.position));
    elements.push({ ai: pair.ai, value });
    positions.push(pair.position);
    locators.push(rawIndex(pair.raw, pair.position));
  }

  const unknownParams: [string, string][] = [];
  let queryOffset = parts.queryStart;
  for (const param of parts.query.split('&')) {
    const at = queryOffset;
    queryOffset += param.length + 1;
    if (param === '') continue;
    const eq = param.indexOf('=');
    const name = percentDecode(eq < 0 ? param : param.slice(0, eq), true, at);
    const rawValue = eq < 0 ? '' : param.slice(eq + 1);
    if (!/^\d+$/.test(name)) {
      unknownParams.push([name, eq < 0 ? '' : percentDecode(rawValue, true, at + eq + 1)]);
      continue;
    }
    const definition = lookupAi(name);
    if (!definition && !options.permitUnknownAis) {
      throw new SuyuanError('CODE_AI_UNKNOWN', `Query parameter ${name} is numeric but not a GS1 application identifier.`, { ai: name, position: at });
    }
    if (definition && !definition.dlDataAttribute) {
      throw dlError(`AI (${name}) ${definition.title} may not be a Digital Link query attribute.`, { ai: name, position: at });
    }
    if (sequences.length > 0 && (qualifiers.length === 0 ? key.dlKeyQualifiers ?? [] : sequences).some((s) => s.includes(name))) {
      throw dlError(`AI (${name}) is a key qualifier of (${key.ai}) and belongs in the path, not the query.`, { ai: name, position: at });
    }
    const value = padGtin(name, percentDecode(rawValue, true, at + eq + 1));
    if (value === '') throw new SuyuanError('CODE_LENGTH', `Query attribute ${name} has no value.`, { ai: name, position: at });
    elements.push({ ai: name, value });
    positions.push(at + eq + 1);
    locators.push(rawIndex(rawValue, at + eq + 1));
  }

  validateElements(elements, positions, checks, options, locators);
  return { link: { stem: parts.origin + segments.slice(0, keyIndex).map((s) => `/${s}`).join(''), elements, unknownParams, compressed: false }, checks };
}

/**
 * Maps an index in the percent-decoded `raw` to where that character is written in the URI (`start` is
 * where `raw` begins), so an error inside a value with escapes such as `%2F` points at the right place.
 * `raw` is known to decode: every escape sequence is complete UTF-8.
 */
function rawIndex(raw: string, start: number): (index: number) => number {
  if (!raw.includes('%')) return (index) => start + index;
  const map: number[] = [];
  for (let i = 0; i < raw.length; ) {
    if (raw.charCodeAt(i) !== 0x25 /* % */) {
      map.push(start + i++);
      continue;
    }
    const lead = parseInt(raw.slice(i + 1, i + 3), 16);
    const bytes = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    map.push(start + i);
    if (bytes === 4) map.push(start + i); // decodes to a surrogate pair
    i += 3 * bytes;
  }
  return (index) => map[index] ?? start + raw.length;
}

function validateElements(
  elements: readonly Gs1Element[],
  positions: readonly number[],
  checks: Check[],
  options: DigitalLinkOptions,
  locators?: readonly ((index: number) => number)[],
): void {
  const seen = new Set<string>();
  elements.forEach(({ ai, value }, index) => {
    if (seen.has(ai)) throw new SuyuanError('CODE_AI_DUPLICATE', `AI (${ai}) appears more than once in the Digital Link.`, { ai, position: positions[index] });
    seen.add(ai);
    const definition = lookupAi(ai);
    if (definition) validateAiValue(definition, value, locators?.[index] ?? positions[index] ?? 0, checks);
    else if (!options.permitUnknownAis) throw new SuyuanError('CODE_AI_UNKNOWN', `(${ai}) is not a GS1 application identifier.`, { ai, position: positions[index] });
  });
  checkAssociations(elements, positions);
  checks.push({ check: 'associations', status: 'passed' });
}

/**
 * A compressed Digital Link: `stem/<base64url>` (fully compressed) or `stem/<key AI>/<key>/<base64url>`
 * (partially compressed, the primary key left readable).
 */
function decompressParsed(
  parts: UriParts,
  segments: readonly string[],
  position: number,
  options: DigitalLinkOptions,
  checks: Check[],
): { link: ParsedDigitalLink; checks: Check[] } {
  const last = segments.length - 1;
  const keyAi = last >= 2 ? pathAi(segments[last - 2]!) : undefined;
  const partial = keyAi !== undefined && lookupAi(keyAi)?.dlKeyQualifiers != null;
  const decoded = decodeCompressedPath(segments[last]!, position);
  const found = partial ? [{ ai: keyAi, value: percentDecode(segments[last - 1]!, false) }, ...decoded.elements] : decoded.elements;
  const elements = found.map(({ ai, value }) => ({ ai, value: padGtin(ai, value) }));
  const ordered = orderForPath(elements);
  const all = [...ordered.path, ...ordered.query];
  validateElements(all, all.map(() => position), checks, options);
  const unknownParams: [string, string][] = [...decoded.params];
  for (const param of parts.query.split('&')) {
    if (param === '') continue;
    const eq = param.indexOf('=');
    unknownParams.push([percentDecode(eq < 0 ? param : param.slice(0, eq), true), eq < 0 ? '' : percentDecode(param.slice(eq + 1), true)]);
  }
  const stemSegments = segments.slice(0, partial ? last - 2 : last);
  if (stemSegments.some((s) => s === '')) throw dlError('The stem path has an empty segment.', { position: parts.pathStart });
  return { link: { stem: parts.origin + stemSegments.map((s) => `/${s}`).join(''), elements: all, unknownParams, compressed: true }, checks };
}

function normaliseStem(stem: string): string {
  const parts = splitUri(stem);
  if (parts.query !== '' || stem.includes('?') || stem.includes('#')) throw dlError('A Digital Link stem has no query or fragment.', { received: stem });
  return (parts.origin + parts.path).replace(/\/+$/, '');
}

/** Chooses the primary key and qualifiers for the path; the rest become query attributes. */
function orderForPath(elements: readonly Gs1Element[]): { path: Gs1Element[]; query: Gs1Element[] } {
  const unique: Gs1Element[] = [];
  for (const element of elements) {
    const same = unique.find((e) => e.ai === element.ai);
    if (!same) unique.push(element);
    else if (same.value !== element.value) throw new SuyuanError('CODE_AI_DUPLICATE', `AI (${element.ai}) appears twice with different values.`, { ai: element.ai });
  }
  const keyElement = unique.find((e) => lookupAi(e.ai)?.dlKeyQualifiers);
  if (!keyElement) {
    throw dlError('A Digital Link needs a GS1 primary key (such as (01) GTIN or (00) SSCC) among the elements.', {
      expected: 'a primary key AI',
    });
  }
  const key = lookupAi(keyElement.ai)!;
  const present = new Set(unique.map((e) => e.ai));
  let best: readonly string[] = [];
  for (const sequence of key.dlKeyQualifiers ?? []) {
    const used = sequence.filter((ai) => present.has(ai));
    if (used.length > best.length) best = used;
  }
  const path = [keyElement, ...best.map((ai) => unique.find((e) => e.ai === ai)!)];
  const rest = unique.filter((e) => !path.includes(e));
  const predefined = rest.filter((e) => lookupAi(e.ai)?.predefinedLength != null);
  const variable = rest.filter((e) => lookupAi(e.ai)?.predefinedLength == null);
  return { path, query: [...predefined, ...variable] };
}

/** Builds the canonical GS1 Digital Link URI for a set of elements. */
export function buildDigitalLink(elements: readonly Gs1Element[], options: BuildDigitalLinkOptions = {}): string {
  if (!Array.isArray(elements)) throw new SuyuanError('INPUT_TYPE', 'The elements must be an array.', { expected: 'an array of { ai, value }' });
  if (elements.length === 0) throw new SuyuanError('INPUT_EMPTY', 'A Digital Link needs at least one element.');
  const stem = normaliseStem(options.stem ?? DEFAULT_DIGITAL_LINK_STEM);
  const normalised = elements.map((element, index) => {
    if (typeof element?.ai !== 'string' || typeof element.value !== 'string') {
      throw new SuyuanError('INPUT_TYPE', `Element ${index} must be { ai: string, value: string }.`, { path: `[${index}]` });
    }
    return { ai: element.ai, value: padGtin(element.ai, element.value) };
  });
  const { path, query } = orderForPath(normalised);
  const all = [...path, ...query];
  validateElements(all, all.map(() => 0), [], {});
  for (const element of query) {
    const definition = lookupAi(element.ai)!;
    if (!definition.dlDataAttribute) {
      throw dlError(`AI (${element.ai}) ${definition.title} cannot be written in a Digital Link: it is neither a key qualifier on this path nor a query attribute.`, {
        ai: element.ai,
      });
    }
  }
  const params = (options.params ?? []).map(([name, value]) => {
    if (/^\d+$/.test(name)) throw dlError(`Extra parameter ${excerpt(name)} may not be numeric: numeric names are AIs.`, { received: name });
    return `${percentEncode(name, true)}=${percentEncode(value, true)}`;
  });
  if (options.compress) {
    const compressed = encodeCompressedPath(all, options.params ?? []);
    return `${stem}/${compressed}`;
  }
  const pathText = path.map((e) => `/${e.ai}/${percentEncode(e.value)}`).join('');
  const queryText = [...query.map((e) => `${e.ai}=${percentEncode(e.value, true)}`), ...params].join('&');
  return `${stem}${pathText}${queryText ? `?${queryText}` : ''}`;
}
