/**
 * EPC pure-identity URIs of the GS1 Tag Data Standard (TDS 2.x §6–7): `urn:epc:id:sgtin:…` and the
 * other GS1-key schemes, the class URI `urn:epc:class:lgtin:…` and the pattern `urn:epc:idpat:sgtin:…`,
 * converted to and from GS1 element strings and Digital Link URIs. EPCIS events use both forms.
 *
 * A URN carries the split between GS1 Company Prefix and reference; an element string does not, so
 * converting towards a URN needs the Company Prefix length (`gcpLength`, 6–12; 8 for a GTIN-8).
 * Check digits never appear in a URN: they are recomputed. Serials use TDS escaping: `"`, `%`, `&`,
 * `/`, `<`, `>`, `?` are written `%22 %25 %26 %2F %3C %3E %3F` (CPI part references also `#` → `%23`).
 */
import { SuyuanError, excerpt, toResult, type Result } from '../errors.js';
import { CSET39, CSET82 } from './character-sets.js';
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit.js';
import { buildDigitalLink, parseDigitalLink, type BuildDigitalLinkOptions } from './digital-link.js';
import type { Gs1Element } from './element-string.js';
import { validateAiValue } from './ai-value.js';
import { lookupAi } from './syntax-dictionary.js';

export type EpcScheme =
  | 'sgtin'
  | 'sscc'
  | 'sgln'
  | 'grai'
  | 'giai'
  | 'gsrn'
  | 'gsrnp'
  | 'gdti'
  | 'cpi'
  | 'sgcn'
  | 'ginc'
  | 'gsin'
  | 'itip'
  | 'upui'
  | 'pgln'
  | 'lgtin';

export interface ParsedEpcUrn {
  /** `id` for an instance, `class` for a class (LGTIN), `idpat` for a pattern (all instances of a GTIN). */
  readonly kind: 'id' | 'class' | 'idpat';
  readonly scheme: EpcScheme;
  readonly companyPrefix: string;
  /** The URN's components after the scheme, as written (escapes kept). */
  readonly components: readonly string[];
  /** The equivalent GS1 elements, check digits recomputed and escapes decoded. */
  readonly elements: Gs1Element[];
}

function urnError(message: string, details: ConstructorParameters<typeof SuyuanError>[2] = {}): SuyuanError {
  return new SuyuanError('CODE_EPC_URN', message, details);
}

const URN_ESCAPES: Record<string, string> = { '"': '%22', '%': '%25', '&': '%26', '/': '%2F', '<': '%3C', '>': '%3E', '?': '%3F' };
const GS3A3 = /^(?:[0-9A-Za-z!'()*+,\-.:;=_]|%[0-9A-Fa-f]{2})+$/;
const CPREF = /^(?:[0-9A-Z-]|%2[Ff]|%23)+$/;

/** Writes a CSET 82 value in a URN component with TDS escaping. */
export function escapeUrnComponent(value: string, cpi = false): string {
  let out = '';
  for (const ch of value) out += cpi && ch === '#' ? '%23' : (URN_ESCAPES[ch] ?? ch);
  return out;
}

function unescape(component: string, what: string, allowed: string): string {
  const value = component.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  for (const ch of value) {
    if (!allowed.includes(ch)) throw urnError(`The ${what} holds ${excerpt(ch)}, which GS1 does not allow there.`, { received: component });
  }
  return value;
}

function digits(component: string, what: string, { min = 0, exact }: { min?: number; exact?: number } = {}): string {
  if (!/^\d*$/.test(component) || component.length < min || (exact !== undefined && component.length !== exact)) {
    const count = exact !== undefined ? `${exact} digits` : min > 0 ? `at least ${min} digits` : 'digits only';
    throw urnError(`The ${what} must be ${count}, got ${excerpt(component)}.`, { received: component });
  }
  return component;
}

function withCheckDigit(body: string): string {
  return body + gs1CheckDigit(body);
}

/** Company prefix + item reference (indicator first) → GTIN-14. */
function gtinOf(companyPrefix: string, itemReference: string): string {
  if (companyPrefix.length + itemReference.length !== 13 || itemReference.length < 1) {
    throw urnError('Company prefix and item reference must together have 13 digits.', { received: `${companyPrefix}.${itemReference}` });
  }
  return withCheckDigit(itemReference[0] + companyPrefix + itemReference.slice(1));
}

function keyOf(companyPrefix: string, reference: string, total: number, what: string): string {
  if (companyPrefix.length + reference.length !== total) {
    throw urnError(`Company prefix and ${what} must together have ${total} digits.`, { received: `${companyPrefix}.${reference}` });
  }
  return withCheckDigit(companyPrefix + reference);
}

function serialOf(component: string, what: string): string {
  if (!GS3A3.test(component)) throw urnError(`The ${what} ${excerpt(component)} has characters a URN does not allow.`, { received: component });
  return unescape(component, what, CSET82);
}

const SCHEME_PARTS: Record<EpcScheme, number> = {
  sgtin: 3, sscc: 2, sgln: 3, grai: 3, giai: 2, gsrn: 2, gsrnp: 2, gdti: 3, cpi: 3, sgcn: 3, ginc: 2, gsin: 2, itip: 5, upui: 3, pgln: 2, lgtin: 3,
};

function elementsFor(scheme: EpcScheme, parts: string[], kind: ParsedEpcUrn['kind']): Gs1Element[] {
  const [gcp, second = '', third = ''] = parts as [string, string?, string?];
  switch (scheme) {
    case 'sgtin':
    case 'upui':
    case 'lgtin': {
      const gtin = gtinOf(gcp, digits(second, 'item reference', { min: 1 }));
      if (kind === 'idpat') return [{ ai: '01', value: gtin }];
      const ai = scheme === 'sgtin' ? '21' : scheme === 'upui' ? '235' : '10';
      return [{ ai: '01', value: gtin }, { ai, value: serialOf(third, 'serial') }];
    }
    case 'sscc': {
      const reference = digits(second, 'serial reference', { min: 1 });
      if (gcp.length + reference.length !== 17) throw urnError('Company prefix and serial reference must together have 17 digits.');
      return [{ ai: '00', value: withCheckDigit(reference[0] + gcp + reference.slice(1)) }];
    }
    case 'sgln': {
      const gln = keyOf(gcp, digits(second, 'location reference'), 12, 'location reference');
      const extension = serialOf(third, 'extension');
      return extension === '0' ? [{ ai: '414', value: gln }] : [{ ai: '414', value: gln }, { ai: '254', value: extension }];
    }
    case 'grai':
      return [{ ai: '8003', value: `0${keyOf(gcp, digits(second, 'asset type'), 12, 'asset type')}${serialOf(third, 'serial')}` }];
    case 'giai':
      return [{ ai: '8004', value: gcp + serialOf(second, 'asset reference') }];
    case 'gsrn':
    case 'gsrnp':
      return [{ ai: scheme === 'gsrn' ? '8018' : '8017', value: keyOf(gcp, digits(second, 'service reference'), 17, 'service reference') }];
    case 'gdti':
      return [{ ai: '253', value: keyOf(gcp, digits(second, 'document type'), 12, 'document type') + serialOf(third, 'serial') }];
    case 'cpi': {
      if (!CPREF.test(second)) throw urnError('A CPI part reference has digits, upper-case letters, "-", "%2F" and "%23" only.', { received: second });
      if (!/^(0|[1-9]\d*)$/.test(third)) throw urnError('A CPI serial is a number without leading zeros.', { received: third });
      return [{ ai: '8010', value: gcp + unescape(second, 'part reference', CSET39) }, { ai: '8011', value: third }];
    }
    case 'sgcn':
      return [{ ai: '255', value: keyOf(gcp, digits(second, 'coupon reference'), 12, 'coupon reference') + digits(third, 'serial', { min: 1 }) }];
    case 'ginc':
      return [{ ai: '401', value: gcp + serialOf(second, 'consignment reference') }];
    case 'gsin':
      return [{ ai: '402', value: keyOf(gcp, digits(second, 'shipper reference'), 16, 'shipper reference') }];
    case 'pgln':
      return [{ ai: '417', value: keyOf(gcp, digits(second, 'party reference'), 12, 'party reference') }];
    case 'itip': {
      const [, item, piece, total, serial] = parts as [string, string, string, string, string];
      const gtin = gtinOf(gcp, digits(item, 'item reference', { min: 1 }));
      const value = gtin + digits(piece, 'piece', { exact: 2 }) + digits(total, 'total', { exact: 2 });
      return [{ ai: '8006', value }, { ai: '21', value: serialOf(serial, 'serial') }];
    }
  }
}

const URN = /^urn:epc:(id|class|idpat):([a-z]+):(.*)$/;

/** Parses an EPC pure-identity URN (or LGTIN class / SGTIN pattern URN) into its GS1 elements. */
export function parseEpcUrn(urn: string): ParsedEpcUrn {
  if (typeof urn !== 'string') throw new SuyuanError('INPUT_TYPE', 'An EPC URN must be a string.', { expected: 'string' });
  if (urn.length > 512) throw new SuyuanError('INPUT_TOO_LONG', 'An EPC URN has at most 512 characters.', { expected: 'at most 512 characters' });
  const match = URN.exec(urn);
  if (!match) throw urnError(`${excerpt(urn)} is not an EPC URN (urn:epc:id:<scheme>:…).`, { position: 0, received: urn.slice(0, 40) });
  const kind = match[1] as ParsedEpcUrn['kind'];
  const scheme = match[2] as EpcScheme;
  const expectedParts = SCHEME_PARTS[scheme];
  const valid =
    expectedParts !== undefined &&
    ((kind === 'id' && scheme !== 'lgtin') || (kind === 'class' && scheme === 'lgtin') || (kind === 'idpat' && scheme === 'sgtin'));
  if (!valid) throw urnError(`urn:epc:${kind}:${scheme} is not a supported EPC scheme.`, { received: `urn:epc:${kind}:${scheme}` });
  // Split on the first N−1 dots only: serials may contain dots.
  const body = match[3]!;
  const parts: string[] = [];
  let rest = body;
  for (let i = 0; i < expectedParts - 1; i++) {
    const dot = rest.indexOf('.');
    if (dot < 0) throw urnError(`urn:epc:${kind}:${scheme} has ${expectedParts} dot-separated parts.`, { received: body });
    parts.push(rest.slice(0, dot));
    rest = rest.slice(dot + 1);
  }
  parts.push(rest);
  if (kind === 'idpat' && parts[2] !== '*') throw urnError('An SGTIN pattern supported here ends with ".*" (all serials of one GTIN).', { received: body });
  const companyPrefix = digits(parts[0]!, 'company prefix');
  if (companyPrefix.length < 6 || companyPrefix.length > 12) {
    throw urnError(`A GS1 Company Prefix in a URN has 6 to 12 digits, got ${companyPrefix.length}.`, { received: companyPrefix });
  }
  const elements = elementsFor(scheme, parts, kind);
  for (const element of elements) validateAiValue(lookupAi(element.ai)!, element.value);
  return { kind, scheme, companyPrefix, components: parts, elements };
}

/** `parseEpcUrn` returning a result instead of throwing. */
export function tryParseEpcUrn(urn: string): Result<ParsedEpcUrn> {
  return toResult(() => parseEpcUrn(urn));
}

/** The GS1 Digital Link URI for an EPC URN. */
export function epcUrnToDigitalLink(urn: string, options: Pick<BuildDigitalLinkOptions, 'stem'> = {}): string {
  return buildDigitalLink(parseEpcUrn(urn).elements, options);
}

export interface ToEpcUrnOptions {
  /** Length of the GS1 Company Prefix inside the key (6–12; 8 for a GTIN-8, 12 for an individually assigned key). */
  gcpLength: number;
  /** For a GTIN with a batch/lot (10) and no serial: the LGTIN class URN. Default `true`. */
  classLevel?: boolean;
}

function split(key: string, from: number, gcpLength: number): [string, string] {
  return [key.slice(from, from + gcpLength), key.slice(from + gcpLength)];
}

/** The EPC URN for a set of GS1 elements: the first key that has an EPC form, with its serial. */
export function elementsToEpcUrn(elements: readonly Gs1Element[], options: ToEpcUrnOptions): string {
  if (!Array.isArray(elements)) throw new SuyuanError('INPUT_TYPE', 'The elements must be an array.', { expected: 'an array of { ai, value }' });
  elements.forEach((element, index) => {
    if (typeof element?.ai !== 'string' || typeof element.value !== 'string') {
      throw new SuyuanError('INPUT_TYPE', `Element ${index} must be { ai: string, value: string }.`, { path: `[${index}]` });
    }
  });
  const gcpLength = options?.gcpLength;
  if (!Number.isInteger(gcpLength) || gcpLength < 6 || gcpLength > 12) {
    throw urnError('gcpLength must be a whole number from 6 to 12.', { received: String(gcpLength), expected: '6 to 12' });
  }
  const get = (ai: string): string | undefined => elements.find((e) => e.ai === ai)?.value;
  for (const { ai, value } of elements) {
    const definition = lookupAi(ai);
    if (definition) validateAiValue(definition, value);
  }
  const gtinParts = (gtin: string): string => {
    const [gcp, rest] = split(gtin.slice(0, 13), 1, gcpLength);
    return `${gcp}.${gtin[0]}${rest}`;
  };
  const checked = (key: string, ai: string): string => {
    if (!hasValidCheckDigit(key)) throw new SuyuanError('CODE_CHECK_DIGIT', `The check digit of AI (${ai}) is incorrect.`, { ai });
    return key;
  };
  const gtin = get('01');
  if (gtin !== undefined) {
    checked(gtin, '01');
    const serial = get('21');
    if (serial !== undefined) return `urn:epc:id:sgtin:${gtinParts(gtin)}.${escapeUrnComponent(serial)}`;
    const tpx = get('235');
    if (tpx !== undefined) return `urn:epc:id:upui:${gtinParts(gtin)}.${escapeUrnComponent(tpx)}`;
    const lot = get('10');
    if (lot !== undefined && options.classLevel !== false) return `urn:epc:class:lgtin:${gtinParts(gtin)}.${escapeUrnComponent(lot)}`;
    return `urn:epc:idpat:sgtin:${gtinParts(gtin)}.*`;
  }
  const sscc = get('00');
  if (sscc !== undefined) {
    const [gcp, rest] = split(checked(sscc, '00').slice(0, 17), 1, gcpLength);
    return `urn:epc:id:sscc:${gcp}.${sscc[0]}${rest}`;
  }
  const gln = get('414');
  if (gln !== undefined) {
    const [gcp, rest] = split(checked(gln, '414').slice(0, 12), 0, gcpLength);
    return `urn:epc:id:sgln:${gcp}.${rest}.${escapeUrnComponent(get('254') ?? '0')}`;
  }
  const simple: [string, string, number][] = [['8018', 'gsrn', 17], ['8017', 'gsrnp', 17], ['402', 'gsin', 16], ['417', 'pgln', 12]];
  for (const [ai, scheme, length] of simple) {
    const key = get(ai);
    if (key === undefined) continue;
    const [gcp, rest] = split(checked(key, ai).slice(0, length), 0, gcpLength);
    return `urn:epc:id:${scheme}:${gcp}.${rest}`;
  }
  const serialised: [string, string, number, number][] = [['8003', 'grai', 1, 12], ['253', 'gdti', 0, 12], ['255', 'sgcn', 0, 12]];
  for (const [ai, scheme, from, length] of serialised) {
    const value = get(ai);
    if (value === undefined) continue;
    const key = value.slice(from, from + length + 1);
    checked(key, ai);
    const serial = value.slice(from + length + 1);
    if (serial === '') throw urnError(`AI (${ai}) without a serial component has no EPC URN.`, { ai });
    const [gcp, rest] = split(key.slice(0, length), 0, gcpLength);
    return `urn:epc:id:${scheme}:${gcp}.${rest}.${scheme === 'sgcn' ? serial : escapeUrnComponent(serial)}`;
  }
  const itip = get('8006');
  if (itip !== undefined) {
    const serial = get('21');
    if (serial === undefined) throw urnError('An ITIP needs a serial (21) to have an EPC URN.', { ai: '8006' });
    return `urn:epc:id:itip:${gtinParts(checked(itip.slice(0, 14), '8006'))}.${itip.slice(14, 16)}.${itip.slice(16, 18)}.${escapeUrnComponent(serial)}`;
  }
  /** A variable-length key: the Company Prefix must be all digits and a reference must follow it. */
  const splitVariable = (value: string, ai: string): [string, string] => {
    const [gcp, rest] = split(value, 0, gcpLength);
    if (!/^\d+$/.test(gcp) || gcp.length !== gcpLength || rest === '') {
      throw urnError(`AI (${ai}) ${excerpt(value)} does not start with a ${gcpLength}-digit GS1 Company Prefix followed by a reference.`, {
        ai,
        received: value,
      });
    }
    return [gcp, rest];
  };
  for (const [ai, scheme] of [['8004', 'giai'], ['401', 'ginc']] as const) {
    const value = get(ai);
    if (value === undefined) continue;
    const [gcp, rest] = splitVariable(value, ai);
    return `urn:epc:id:${scheme}:${gcp}.${escapeUrnComponent(rest)}`;
  }
  const cpid = get('8010');
  if (cpid !== undefined) {
    const serial = get('8011');
    if (serial === undefined) throw urnError('A CPI needs a serial (8011) to have an EPC URN.', { ai: '8010' });
    const [gcp, rest] = splitVariable(cpid, '8010');
    return `urn:epc:id:cpi:${gcp}.${escapeUrnComponent(rest, true)}.${serial}`;
  }
  throw urnError('None of the elements is a GS1 key with an EPC form.', { expected: 'an AI such as (01), (00), (414), (8003)' });
}

/** The EPC URN for a GS1 Digital Link URI (query attributes are not part of an EPC). */
export function digitalLinkToEpcUrn(uri: string, options: ToEpcUrnOptions): string {
  return elementsToEpcUrn(parseDigitalLink(uri).elements, options);
}
