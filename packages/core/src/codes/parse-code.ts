/**
 * `parseCode`: the one front door for every code a scanner, a form or an ERP hands us.
 *
 * Precedence, documented in docs/codes.md: readings backed by an explicit marker (symbology
 * identifier, URL structure, separators, `MA.`/`88.` prefixes) first, then readings whose check
 * digit passed, then shape-only readings; between equals, registry order. A check that fails at a
 * level of evidence above every successful reading makes `parseCode` throw — a mistyped GTIN-13 is
 * an error, not a detonator code. Everything else that fitted is listed in `alternatives`.
 */
import type { Check } from '../checks.js';
import { SuyuanError, toResult, type Result } from '../errors.js';
import { parseScanData, type ScanData } from '../gs1/scan-data.js';
import type { SchemeFields } from './fields.js';
import { compactCodeText, normaliseCodeText } from './normalise.js';
import { defaultCodeSchemes, type CodeSchemeRegistry } from './registry.js';
import { EVIDENCE_RANK, isRejection, type CodeInput, type CodeScheme, type Evidence, type SchemeRejection } from './scheme.js';
import { parseHttpUrl } from './schemes/url.js';

export type CodeSchemeId = keyof SchemeFields;

/** Where a code was found when it came wrapped in a URL that is not itself a known code. */
export interface CodeWrapper {
  readonly url: string;
  /** `query` (a parameter's value, `param` names it), `path` (a path segment) or `fragment`. */
  readonly location: 'query' | 'path' | 'fragment';
  readonly param?: string;
}

export interface ParsedCodeOf<S extends CodeSchemeId> {
  readonly scheme: S;
  /** The caller's input, untouched. */
  readonly input: string;
  /** The code in its canonical written form. */
  readonly canonical: string;
  readonly fields: SchemeFields[S];
  /** Every check that ran or could not run; a failed check throws instead. */
  readonly checks: readonly Check[];
  /** How strongly the input supports this reading. */
  readonly evidence: Evidence;
  /** Other schemes the input also fits, strongest first. */
  readonly alternatives?: readonly ParsedCode[];
  /** Set when the code was found inside a URL. */
  readonly wrappedIn?: CodeWrapper;
  /** Set when the input began with an AIM symbology identifier. */
  readonly symbology?: ScanData['symbology'];
}

/** A parsed code: a union discriminated by `scheme`, with `fields` typed per scheme. */
export type ParsedCode = { [S in CodeSchemeId]: ParsedCodeOf<S> }[CodeSchemeId];

export interface ParseCodeOptions {
  /** Read the input as this scheme only; throws when it is not one. */
  scheme?: CodeSchemeId;
  /** Consider only these schemes. */
  schemes?: readonly CodeSchemeId[];
  /** The registry to consult; the default one otherwise. */
  registry?: CodeSchemeRegistry;
}

interface Candidate {
  scheme: CodeScheme;
  outcome: ReturnType<CodeScheme['read']> & object;
}

const UNKNOWN_FIELDS = {} as SchemeFields['unknown'];

/** Reads any code; see the module comment for the precedence between schemes. */
export function parseCode(input: string, options: ParseCodeOptions = {}): ParsedCode {
  const text = normaliseCodeText(input);
  const registry = options.registry ?? defaultCodeSchemes;
  const schemes = selectSchemes(registry, options);
  const codeInput = toCodeInput(input, text);
  const direct = readWith(schemes.filter((scheme) => scheme.id !== 'url'), codeInput);
  if (direct.accepted) return finish(input, codeInput, direct.accepted);

  // A URL no scheme could read as a whole: look for a code inside it, then keep it as a URL. A scheme
  // that rejected the whole URL more strongly may not read a part of it instead (a Digital Link whose
  // expiry date is invalid is an error, not the bare GTIN in its path). A part that fails a check is
  // not an error: the URL itself is still a fine reading (`https://shop.example/item/12345678`).
  const url = parseHttpUrl(codeInput.compact);
  if (url) {
    const inner = unwrap(url, schemes, input, codeInput.scan);
    const own = inner ? direct.rejections.get(inner.scheme) : undefined;
    if (inner && !(own && EVIDENCE_RANK[own.evidence] > EVIDENCE_RANK[inner.evidence])) return inner;
  }
  if (direct.failure) throw withCandidates(direct.failure.error, direct.ranked);
  const urlScheme = schemes.find((scheme) => scheme.id === 'url');
  const asUrl = urlScheme ? readWith([urlScheme], codeInput).accepted : undefined;
  if (asUrl) return finish(input, codeInput, asUrl);
  if (options.scheme) {
    throw new SuyuanError('CODE_FORMAT', `The input is not a code of scheme "${options.scheme}" (${registry.get(options.scheme)?.title ?? 'custom scheme'}).`, {
      scheme: options.scheme,
      received: text.slice(0, 64),
    });
  }
  return {
    scheme: 'unknown',
    input,
    canonical: text,
    fields: UNKNOWN_FIELDS,
    checks: [],
    evidence: 'shape',
    ...(codeInput.scan ? { symbology: codeInput.scan.symbology } : {}),
  };
}

/** `parseCode` returning a result instead of throwing. */
export function tryParseCode(input: string, options: ParseCodeOptions = {}): Result<ParsedCode> {
  return toResult(() => parseCode(input, options));
}

function selectSchemes(registry: CodeSchemeRegistry, options: ParseCodeOptions): CodeScheme[] {
  const wanted = options.scheme ? [options.scheme] : options.schemes;
  if (!wanted) return registry.list().filter((scheme) => !scheme.explicitOnly) as CodeScheme[];
  for (const id of wanted) {
    if (!registry.get(id)) throw new SuyuanError('CODE_SCHEME_UNKNOWN', `No code scheme "${id}" is registered.`, { scheme: id });
  }
  // Restricts, keeping registry order: the order of `options.schemes` does not change precedence.
  return registry.list().filter((scheme) => wanted.includes(scheme.id)) as CodeScheme[];
}

/** The input a scheme reads: normalised text, its compact form, and the scanner's symbology identifier. */
export function toCodeInput(original: string, text: string): CodeInput {
  let scan: ScanData | undefined;
  let body = text;
  // Only a well-formed AIM identifier counts; other text starting with "]" is read as it is.
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) {
    scan = parseScanData(text, { elements: false });
    body = scan.data;
  }
  return { original, text: body, compact: compactCodeText(body), ...(scan ? { scan } : {}) };
}

interface Reading {
  /** The best reading and the others, unless a failed check outranks every reading. */
  accepted?: { best: Candidate; others: Candidate[] };
  /** The strongest rejection, if any scheme rejected the input. */
  failure?: SchemeRejection;
  /** Each scheme's rejection, by scheme id. */
  rejections: Map<string, SchemeRejection>;
  /** Every reading, strongest first (also when a failure outranks them). */
  ranked: Candidate[];
}

function readWith(schemes: readonly CodeScheme[], input: CodeInput): Reading {
  const candidates: Candidate[] = [];
  let failure: SchemeRejection | undefined;
  const rejections = new Map<string, SchemeRejection>();
  for (const scheme of schemes) {
    let outcome: ReturnType<CodeScheme['read']>;
    try {
      outcome = scheme.read(input);
    } catch (error) {
      if (!(error instanceof SuyuanError)) throw error;
      outcome = { evidence: 'shape', error };
    }
    if (!outcome) continue;
    if (isRejection(outcome)) {
      rejections.set(scheme.id, outcome);
      if (!failure || EVIDENCE_RANK[outcome.evidence] > EVIDENCE_RANK[failure.evidence]) failure = outcome;
      continue;
    }
    candidates.push({ scheme, outcome });
  }
  const ranked = candidates
    .map((candidate, order) => ({ candidate, order }))
    .sort((a, b) => EVIDENCE_RANK[b.candidate.outcome.evidence] - EVIDENCE_RANK[a.candidate.outcome.evidence] || a.order - b.order)
    .map(({ candidate }) => candidate);
  const best = ranked[0];
  const vetoed = !best || (failure !== undefined && EVIDENCE_RANK[failure.evidence] > EVIDENCE_RANK[best.outcome.evidence]);
  return { ranked, rejections, ...(vetoed ? {} : { accepted: { best: best!, others: ranked.slice(1) } }), ...(failure ? { failure } : {}) };
}

/** A failed check that outranked weaker readings: say which, so the caller can force one. */
function withCandidates(error: SuyuanError, ranked: readonly Candidate[]): SuyuanError {
  if (ranked.length === 0) return error;
  const candidates = ranked.map((candidate) => candidate.scheme.id);
  return new SuyuanError(
    error.code,
    `${error.message} The input also fits ${candidates.join(', ')} by its shape alone; pass { scheme: '${candidates[0]}' } to read it as one.`,
    { ...error.details, candidates },
    { cause: error },
  );
}

function toParsed(input: string, codeInput: CodeInput, candidate: Candidate, wrappedIn?: CodeWrapper, scan = codeInput.scan): ParsedCode {
  const outcome = candidate.outcome as Exclude<Candidate['outcome'], SchemeRejection>;
  return {
    scheme: candidate.scheme.id,
    input,
    canonical: outcome.canonical,
    fields: outcome.fields,
    checks: outcome.checks,
    evidence: outcome.evidence,
    ...(wrappedIn ? { wrappedIn } : {}),
    ...(scan ? { symbology: scan.symbology } : {}),
  } as ParsedCode;
}

function finish(
  input: string,
  codeInput: CodeInput,
  found: { best: Candidate; others: Candidate[] },
  wrappedIn?: CodeWrapper,
  scan = codeInput.scan,
): ParsedCode {
  const parsed = toParsed(input, codeInput, found.best, wrappedIn, scan);
  if (found.others.length === 0) return parsed;
  return { ...parsed, alternatives: found.others.map((other) => toParsed(input, codeInput, other, wrappedIn, scan)) } as ParsedCode;
}

function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Looks for a code in a URL's query values, path segments (last first) and fragment: the first
 * reading found. `scan` is the outer input's symbology identifier.
 */
function unwrap(url: URL, schemes: readonly CodeScheme[], input: string, scan: ScanData | undefined): ParsedCode | undefined {
  const places: { value: string; wrapper: CodeWrapper }[] = [];
  const href = url.href;
  const query = url.search.slice(1);
  if (query) {
    if (!query.includes('=')) {
      places.push({ value: query, wrapper: { url: href, location: 'query' } });
    } else {
      for (const pair of query.split('&')) {
        const eq = pair.indexOf('=');
        if (eq < 0) continue;
        places.push({ value: pair.slice(eq + 1), wrapper: { url: href, location: 'query', param: decodeComponent(pair.slice(0, eq)) ?? pair.slice(0, eq) } });
      }
    }
  }
  const segments = url.pathname.split('/').filter(Boolean).reverse();
  for (const segment of segments) places.push({ value: segment, wrapper: { url: href, location: 'path' } });
  if (url.hash.length > 1) places.push({ value: url.hash.slice(1), wrapper: { url: href, location: 'fragment' } });

  const inner = schemes.filter((scheme) => scheme.id !== 'url');
  for (const place of places) {
    const decoded = decodeComponent(place.value);
    if (!decoded) continue;
    const text = toResult(() => normaliseCodeText(decoded));
    if (!text.ok || parseHttpUrl(compactCodeText(text.value))) continue;
    const codeInput: CodeInput = { original: input, text: text.value, compact: compactCodeText(text.value) };
    const found = readWith(inner, codeInput);
    if (found.accepted) return finish(input, codeInput, found.accepted, place.wrapper, scan);
  }
  return undefined;
}
