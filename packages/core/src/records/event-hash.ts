/**
 * The CBV 2.0 event hash (GS1 CBV 2.0 "EPCIS Event Hash ID"): `ni:///sha-256;<hex>?ver=CBV2.0`,
 * the SHA-256 of a canonical *pre-hash string* of one EPCIS event. The same event gives the same hash
 * whatever the JSON's key order, list order, time-zone offset, identifier form (EPC URN or GS1 Digital
 * Link on any domain) or vocabulary form (`shipping`, `cbv:BizStep-shipping`,
 * `urn:epcglobal:cbv:bizstep:shipping`); any change of a hashed value changes it.
 *
 * ```ts
 * preHashString(event); // 'eventType=ObjectEventeventTime=2020-03-04T10:00:30.000Z…'
 * eventHash(event);     // 'ni:///sha-256;6ae96341…?ver=CBV2.0'
 * eventHashes(epcisDocument); // one hash per event, in document order
 * ```
 *
 * The pre-hash string is `eventType=<type>`, then the ordered part (`EVENT_ORDER`), then every other
 * event property rendered and sorted as one trailing block. Within it:
 * - a value is written `name=value`, a structure `name` followed by its fields, a list `name` once
 *   followed by its entries sorted by code point; nothing is written for an absent or empty value;
 * - timestamps of the ordered part (`eventTime`, sensor `time`, `startTime`, `endTime`) are UTC with
 *   exactly three fraction digits, rounded half-up with carry (`.1415Z` → `.142Z`); a timestamp
 *   without a zone designator is read as UTC;
 * - numbers are written in plain decimal without exponent, leading `+`, leading or trailing zeros
 *   (`5.0` → `5`, `1e-7` → `0.0000001`, `-0` → `0`); numeric strings are numbers only in the numeric
 *   fields (`quantity`, sensor `value` …), elsewhere a string is kept as written (lot `"0123"`);
 *   booleans are `true` / `false`; JSON `null` is an absent value (JSON-LD drops it);
 * - CBV short names expand by field (`shipping` → `https://ref.gs1.org/cbv/BizStep-shipping`,
 *   `Temperature` → `https://gs1.org/voc/Temperature`), CBV 1.x URNs become CBV 2.0 Web URIs, and
 *   CURIEs expand with the document's `@context` and the EPCIS 2.0 context's prefixes;
 * - every value that is an EPC URN or a GS1 Digital Link — in any field, not only identifier fields,
 *   as the reference does (the samples need it for `bizRules`) — becomes the canonical Digital Link on
 *   `https://id.gs1.org` with the primary key and key qualifiers only: the query string is dropped,
 *   and so are (22) CPV and, beside a (21) serial, (10) lot. Identity, not spelling: an object keeps its
 *   hash whichever domain wrote its link. Other URIs are kept as written;
 * - extension property names are written `{namespace}localName`; extensions inside `readPoint`,
 *   `bizLocation`, sensor elements and the other structures follow that structure's own fields.
 *
 * Left out: `eventID`, `recordTime`, `errorDeclaration`, `@context`, comments. An event's own
 * `@context` (a standalone event) adds its prefixes to the document's.
 *
 * Order and placement follow the reference implementation (RalphTro/epcis-event-hash-generator, MIT)
 * at the commit that produced `standards/eventhash-samples/` (5d2f1c38), whose pre-hash strings and
 * hashes all come out identical here. That state differs from the CBV 2.0 property table, and this
 * module follows the samples: `certificationInfo` is hashed (after `eventTimeZoneOffset`); `parentID`
 * comes before `epcList`; the `sensorElementList` name is written; `bizTransactionList`, `sourceList`,
 * `destinationList` and `ilmd` go into the sorted trailing block with the user extensions (so
 * `destinationList` precedes `sourceList`); extensions inside `readPoint` etc. are inline (the CBV 2.1
 * reading); `gs1:` is `https://gs1.org/voc/` as in the EPCIS 2.0.0 context.
 *
 * Where the samples are silent this module chooses, and differs from the reference where it was
 * unsound: ties round half-up with carry (the reference rounds half-even and fails at `.9995`);
 * numbers are exact decimals (the reference goes through floats: `1e-05`, big integers rounded) and
 * numeric strings outside numeric fields keep their zeros; booleans are `true`/`false` (not Python's
 * `True`); a bizTransaction without a type hashes (the reference fails the whole document); short
 * names expand by field (the reference rewrites any equal string anywhere in the document); CURIEs
 * with the EPCIS context's own prefixes (`cbvmda:`, `gs1:` …) expand even when the document does not
 * repeat them inline (CBV rule 15); a full-IRI property name equals its CURIE; Digital Links are
 * percent-encoded as GS1 Digital Link prescribes (`'`, `;`, `=` too); (414)+(7040) and (8018)+(8019)
 * keep their qualifier; `sensorReport.bizRules` (in EPCIS 2.0, not in the CBV table) is written after
 * the report's fields with its extensions.
 *
 * The module is pure and synchronous (its SHA-256 is `crypto/sha256.ts`) and needs no zod, so builders
 * can set `eventID` as they build, in any runtime. Input that is not JSON data — functions, `NaN`,
 * class instances, cycles, nesting deeper than 64 levels, more than 16 Mi characters, unpaired
 * surrogates — is refused with a `SuyuanError`, as is an event whose `type` is not one of the five
 * EPCIS event types or whose timestamp is not a real date-time.
 */
import { fromJsonText } from './json-text.js';
import { sha256Hex } from '../crypto/sha256.js';
import { SuyuanError, toResult, type SuyuanErrorCode, type SuyuanErrorDetails } from '../errors.js';
import { buildDigitalLink, parseDigitalLink } from '../gs1/digital-link.js';
import type { Gs1Element } from '../gs1/element-string.js';
import { parseEpcUrn } from '../gs1/epc-urn.js';
import { lookupAi } from '../gs1/syntax-dictionary.js';
import {
  CBV_URN_PREFIXES,
  EPCIS_CONTEXT,
  EPCIS_CONTEXT_PREFIXES,
  EVENT_ORDER,
  EXCLUDED_EVENT_PROPERTIES,
  FIELD_VOCABULARIES,
  IGNORED_KEYS,
  NUMERIC_FIELDS,
  QUANTITY_ELEMENT_ORDER,
  SENSOR_METADATA_ORDER,
  SENSOR_REPORT_ORDER,
  SUYUAN_PREFIXES,
  TIME_FIELDS,
  TYPED_LISTS,
  type OrderedKind,
  type Vocabulary,
} from './event-hash-order.js';

export interface EventHashOptions {
  /**
   * The JSON-LD `@context` of the document the event comes from (a URL, an object of prefix →
   * namespace definitions, or an array of them). It names the namespaces of extension properties
   * (`example:myField` → `{https://ns.example.com/epcis/}myField`). Default: the EPCIS 2.0 context
   * and Suyuan's (`suyuan` → `https://suyuan.dev/ns/trace/v1#`). The EPCIS 2.0 context's own prefixes
   * (`gs1`, `cbv`, `cbvmda` …) are always known.
   */
  context?: unknown;
}

/** The CBV version written in every hash (`?ver=CBV2.0`). */
export const EVENT_HASH_VERSION = 'CBV2.0';

/** Deepest nesting of an event, in levels of objects and arrays. */
export const MAX_EVENT_DEPTH = 64;
/** Most characters of keys and strings read from one event or one document. */
export const MAX_EVENT_CHARACTERS = 16 * 1024 * 1024;
/** Most JSON values (strings, numbers, objects, arrays …) read from one event; a document may hold eight times as many. */
export const MAX_EVENT_VALUES = 1_000_000;
/** Longest pre-hash string (namespaces and Digital Links make it longer than its JSON). */
export const MAX_PRE_HASH_LENGTH = 32 * 1024 * 1024;

const EVENT_TYPES: ReadonlySet<string> = new Set(['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent']);

/** The canonical pre-hash string of one EPCIS event. */
export function preHashString(event: unknown, options: EventHashOptions = {}): string {
  const prefixes = prefixesFromOptions(options);
  return renderEvent(readEvent(event), prefixes);
}

/** The CBV 2.0 event hash of one EPCIS event: `ni:///sha-256;<64 hex>?ver=CBV2.0`. */
export function eventHash(event: unknown, options: EventHashOptions = {}): string {
  return hashUri(preHashString(event, options));
}

/** The event hash of every event of an EPCIS document (object or JSON text), in document order. */
export function eventHashes(document: unknown): string[] {
  const input = fromJsonText(document, 'An EPCIS document', MAX_EVENT_CHARACTERS, 'EPCIS_DOCUMENT_INVALID');
  const doc = readJson(input, 'EPCIS document', MAX_EVENT_DEPTH + 8, 8 * MAX_EVENT_VALUES);
  if (!(doc instanceof Map)) {
    throw new SuyuanError('EPCIS_DOCUMENT_INVALID', 'An EPCIS document is a JSON object.', { expected: 'object' });
  }
  const type = doc.get('type');
  const body = doc.get('epcisBody');
  let events: Json | undefined;
  let path = 'epcisBody.eventList';
  if (type === 'EPCISDocument') {
    events = member(body, 'eventList');
  } else if (type === 'EPCISQueryDocument') {
    events = member(member(member(body, 'queryResults'), 'resultsBody'), 'eventList');
    path = 'epcisBody.queryResults.resultsBody.eventList';
  } else {
    throw new SuyuanError('EPCIS_DOCUMENT_INVALID', 'An EPCIS document has "type": "EPCISDocument" (or "EPCISQueryDocument").', {
      path: 'type',
      expected: 'EPCISDocument',
    });
  }
  if (!Array.isArray(events)) {
    throw new SuyuanError('EPCIS_DOCUMENT_INVALID', `An EPCIS document carries its events in ${path}.`, { path, expected: 'array' });
  }
  const context = doc.get('@context');
  const prefixes = context === undefined ? DEFAULT_PREFIXES : prefixTable(context, EPCIS_PREFIXES, 'EPCIS_DOCUMENT_INVALID');
  return events.map((event, index) => {
    try {
      if (!(event instanceof Map)) throw new SuyuanError('RECORD_INVALID', 'An EPCIS event is a JSON object.', { expected: 'object' });
      return hashUri(renderEvent(event, prefixes));
    } catch (error) {
      if (!(error instanceof SuyuanError)) throw error;
      const details: SuyuanErrorDetails = { ...error.details, path: `${path}[${index}]${error.details.path ? `.${error.details.path}` : ''}` };
      throw new SuyuanError(error.code, `Event ${index}: ${error.message}`, details, { cause: error });
    }
  });
}

function hashUri(preHash: string): string {
  return `ni:///sha-256;${sha256Hex(preHash)}?ver=${EVENT_HASH_VERSION}`;
}

// ---------------------------------------------------------------------------------------------------
// Reading: a private copy of the input as JSON data, so nothing foreign runs after it is read.

/** JSON data as read: objects become maps (any key is safe), `null` object members are dropped. */
type Json = string | number | boolean | bigint | null | JsonArray | JsonObject;
interface JsonArray extends Array<Json> {}
interface JsonObject extends Map<string, Json> {}

interface ReadState {
  values: number;
  characters: number;
  readonly maxDepth: number;
  readonly maxValues: number;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function readEvent(event: unknown): JsonObject {
  const json = readJson(event, 'event');
  if (!(json instanceof Map)) {
    throw new SuyuanError('RECORD_INVALID', 'An EPCIS event is a JSON object.', { expected: 'object', received: json === null ? 'null' : Array.isArray(json) ? 'array' : typeof json });
  }
  return json;
}

/** Copies `input` as JSON data; a getter or proxy that throws is reported as invalid input. */
function readJson(input: unknown, what: string, maxDepth = MAX_EVENT_DEPTH, maxValues = MAX_EVENT_VALUES): Json {
  const state: ReadState = { values: 0, characters: 0, maxDepth, maxValues };
  try {
    return copy(input, undefined, 0, state) ?? null;
  } catch (error) {
    if (error instanceof SuyuanError) throw error;
    throw new SuyuanError('RECORD_INVALID', `The ${what} cannot be read as JSON data.`, { expected: 'JSON data' }, { cause: error });
  }
}

/** Where a value sits, kept as links and written out only for an error message. */
interface JsonPath {
  readonly parent: JsonPath | undefined;
  readonly key: string | number;
}

function pathText(at: JsonPath | undefined): string {
  let text = '';
  for (let node = at; node; node = node.parent) {
    const key = node.key;
    const step =
      typeof key === 'number'
        ? `[${key}]`
        : /^[A-Za-z_$@#][\w$:.@#-]{0,63}$/.test(key)
          ? `.${key}`
          : `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
    text = step + text;
  }
  return text.startsWith('.') ? text.slice(1) : text;
}

function copy(value: unknown, at: JsonPath | undefined, depth: number, state: ReadState): Json | undefined {
  if (++state.values > state.maxValues) {
    throw new SuyuanError('INPUT_TOO_LONG', `At most ${state.maxValues} JSON values are read.`, { path: pathText(at), expected: `at most ${state.maxValues} values` });
  }
  switch (typeof value) {
    case 'string':
      countCharacters(value, at, state);
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        const path = pathText(at);
        throw new SuyuanError('RECORD_INVALID', `${pathName(path)} is ${value}; a JSON number is finite.`, { path, expected: 'a finite number', received: String(value) });
      }
      return value;
    case 'boolean':
    case 'bigint':
      return value;
    case 'undefined':
      return undefined;
    case 'object':
      break;
    default: {
      const path = pathText(at);
      throw new SuyuanError('RECORD_INVALID', `${pathName(path)} is a ${typeof value}, which JSON cannot hold.`, { path, expected: 'JSON data', received: typeof value });
    }
  }
  if (value === null) return null;
  if (depth >= state.maxDepth) {
    const path = pathText(at);
    throw new SuyuanError('RECORD_INVALID', `${pathName(path)} is nested deeper than ${state.maxDepth} levels.`, { path, expected: `at most ${state.maxDepth} levels` });
  }
  if (Array.isArray(value)) {
    const out: JsonArray = [];
    const length = value.length;
    for (let i = 0; i < length; i++) {
      const item = copy(value[i], { parent: at, key: i }, depth + 1, state);
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    const path = pathText(at);
    throw new SuyuanError('RECORD_INVALID', `${pathName(path)} is ${typeof name === 'string' && name ? `a ${name}` : 'an object with a class'}, not a plain JSON object.`, {
      path,
      expected: 'a plain JSON object',
    });
  }
  const out: JsonObject = new Map();
  for (const key of Object.keys(value)) {
    const member: JsonPath = { parent: at, key };
    countCharacters(key, member, state);
    const item = copy((value as Record<string, unknown>)[key], member, depth + 1, state);
    if (item !== undefined && item !== null) out.set(key, item);
  }
  return out;
}

function countCharacters(text: string, at: JsonPath | undefined, state: ReadState): void {
  state.characters += text.length;
  if (state.characters > MAX_EVENT_CHARACTERS) {
    throw new SuyuanError('INPUT_TOO_LONG', `At most ${MAX_EVENT_CHARACTERS} characters of keys and strings are read.`, { path: pathText(at), expected: '16 Mi characters' });
  }
  if (LONE_SURROGATE.test(text)) {
    const path = pathText(at);
    throw new SuyuanError('RECORD_INVALID', `${pathName(path)} holds an unpaired UTF-16 surrogate, which UTF-8 cannot encode.`, { path, expected: 'well-formed Unicode text' });
  }
}

function memberPath(path: string, key: string): string {
  const step = pathText({ parent: undefined, key });
  return step.startsWith('[') || !path ? `${path}${step}` : `${path}.${step}`;
}

function pathName(path: string): string {
  return path ? `"${path}"` : 'The value';
}

function member(value: Json | undefined, key: string): Json | undefined {
  return value instanceof Map ? value.get(key) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Namespaces: prefixes from the JSON-LD context.

function prefixesFromOptions(options: unknown): ReadonlyMap<string, string> {
  if (options === undefined) return DEFAULT_PREFIXES;
  if (typeof options !== 'object' || options === null) {
    throw new SuyuanError('INPUT_TYPE', 'The event hash options are an object such as { context }.', { expected: 'object' });
  }
  let context: unknown;
  try {
    context = (options as EventHashOptions).context;
  } catch (cause) {
    throw new SuyuanError('INPUT_TYPE', 'The event hash options cannot be read.', { expected: 'object' }, { cause });
  }
  if (context === undefined) return DEFAULT_PREFIXES;
  return prefixTable(readJson(context, 'context'));
}

/** Prefix → namespace IRI: `base` (by default the EPCIS 2.0 context's prefixes), then those `context` declares. */
function prefixTable(context: Json, base: ReadonlyMap<string, string> = EPCIS_PREFIXES, code: SuyuanErrorCode = 'INPUT_TYPE'): ReadonlyMap<string, string> {
  const table = new Map(base);
  const visit = (entry: Json, path: string): void => {
    if (typeof entry === 'string' || entry === null) return; // a context URL (its prefixes are built in) or nothing
    if (Array.isArray(entry)) {
      entry.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    if (entry instanceof Map) {
      for (const [prefix, namespace] of entry) {
        if (typeof namespace === 'string' && !prefix.startsWith('@') && !prefix.includes(':') && !namespace.startsWith('@')) table.set(prefix, namespace);
      }
      return;
    }
    throw new SuyuanError(code, 'A JSON-LD @context is a URL, an object of prefix definitions, or an array of them.', {
      path,
      expected: 'string, object or array',
      received: typeof entry,
    });
  };
  visit(context, '@context');
  return table;
}

const EPCIS_PREFIXES: ReadonlyMap<string, string> = new Map(Object.entries(EPCIS_CONTEXT_PREFIXES));
const DEFAULT_PREFIXES = prefixTable([EPCIS_CONTEXT, new Map(Object.entries(SUYUAN_PREFIXES))]);

/** `prefix:local` with a known prefix → `{namespace}local`; an absolute IRI is split after its last `/`, `#` (or `:` in a URN). */
function expandKey(prefixes: ReadonlyMap<string, string>, key: string): string {
  const colon = key.indexOf(':');
  if (colon <= 0) return key;
  const rest = key.slice(colon + 1);
  const hierarchical = rest.startsWith('//');
  if (!hierarchical) {
    const namespace = prefixes.get(key.slice(0, colon));
    if (namespace !== undefined) return `{${namespace}}${rest}`;
  }
  const urn = key.slice(0, colon).toLowerCase() === 'urn';
  if (!hierarchical && !urn) return key;
  const split = Math.max(key.lastIndexOf('/'), key.lastIndexOf('#'), urn ? key.lastIndexOf(':') : -1);
  if (split <= colon + (hierarchical ? 2 : 0) || split === key.length - 1) return key;
  return `{${key.slice(0, split + 1)}}${key.slice(split + 1)}`;
}

/** A value `prefix:rest` with a known prefix → `namespace` + `rest`. */
function expandValue(prefixes: ReadonlyMap<string, string>, value: string): string {
  const colon = value.indexOf(':');
  if (colon <= 0 || value.startsWith('//', colon + 1)) return value;
  const namespace = prefixes.get(value.slice(0, colon));
  return namespace === undefined ? value : namespace + value.slice(colon + 1);
}

// ---------------------------------------------------------------------------------------------------
// Rendering.

interface Render {
  prefixes: ReadonlyMap<string, string>;
  /** Characters written so far: every piece appears exactly once in the final string. */
  length: number;
}

function emit(render: Render, piece: string): string {
  render.length += piece.length;
  if (render.length > MAX_PRE_HASH_LENGTH) {
    throw new SuyuanError('INPUT_TOO_LONG', `The event's pre-hash string would exceed ${MAX_PRE_HASH_LENGTH} characters.`, { expected: '32 Mi characters' });
  }
  return piece;
}

const ORDERED_PROPERTIES: ReadonlySet<string> = new Set(EVENT_ORDER.map(([name]) => name));

function renderEvent(event: JsonObject, prefixes: ReadonlyMap<string, string>): string {
  const render: Render = { prefixes, length: 0 };
  const type = event.get('type');
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) {
    throw new SuyuanError('RECORD_INVALID', `An EPCIS event's type is one of ${[...EVENT_TYPES].join(', ')}.`, {
      path: 'type',
      expected: [...EVENT_TYPES].join(' | '),
      received: typeof type === 'string' ? type.slice(0, 40) : typeof type,
    });
  }
  // An event may carry its own @context (a standalone event); it adds to the document's.
  const own = event.get('@context');
  if (own !== undefined) render.prefixes = prefixTable(own, prefixes, 'RECORD_INVALID');
  let out = emit(render, `eventType=${type}`);
  for (const [name, kind] of EVENT_ORDER) {
    const value = event.get(name);
    if (value !== undefined) out += ordered(render, name, kind, value);
  }
  const trailing: string[] = [];
  for (const [key, value] of event) {
    if (ORDERED_PROPERTIES.has(key) || EXCLUDED_EVENT_PROPERTIES.has(key) || IGNORED_KEYS.has(key)) continue;
    const typed = TYPED_LISTS.get(key);
    if (typed) trailing.push(typedList(render, key, typed.entry, typed.vocabulary, value));
    else trailing.push(...generic(render, key, value, key));
  }
  return out + sortedJoin(trailing);
}

function ordered(render: Render, name: string, kind: OrderedKind, value: Json): string {
  switch (kind) {
    case 'time':
    case 'value':
      return leaf(render, name, value, name, name);
    case 'values':
      return sortedJoin(entries(value).map((item, i) => leaf(render, name, item, name, `${name}[${i}]`)));
    case 'epcs':
      return list(render, name, entries(value).map((item, i) => leaf(render, 'epc', item, 'epc', `${name}[${i}]`)));
    case 'quantities':
      return list(
        render,
        name,
        entries(value).map((item, i) => structure(render, 'quantityElement', object(item, `${name}[${i}]`), QUANTITY_ELEMENT_ORDER, 'quantityElement', `${name}[${i}]`)),
      );
    case 'persistentDisposition': {
      const disposition = object(value, name);
      const body =
        sortedJoin(entries(disposition.get('set')).map((item, i) => leaf(render, 'set', item, `${name}.set`, `${name}.set[${i}]`))) +
        sortedJoin(entries(disposition.get('unset')).map((item, i) => leaf(render, 'unset', item, `${name}.unset`, `${name}.unset[${i}]`))) +
        others(render, disposition, SET_UNSET, name);
      return body ? emit(render, name) + body : '';
    }
    case 'location':
      return structure(render, name, object(value, name), ID, name, name);
    case 'sensorElements':
      return list(render, name, entries(value).map((item, i) => sensorElement(render, object(item, `${name}[${i}]`), `${name}[${i}]`)));
  }
}

const ID = ['id'] as const;
const SET_UNSET: ReadonlySet<string> = new Set(['set', 'unset']);
const SENSOR_ELEMENT_FIELDS: ReadonlySet<string> = new Set(['sensorMetadata', 'sensorReport']);

function sensorElement(render: Render, element: JsonObject, path: string): string {
  const metadata = element.get('sensorMetadata');
  const body =
    (metadata === undefined ? '' : structure(render, 'sensorMetadata', object(metadata, `${path}.sensorMetadata`), SENSOR_METADATA_ORDER, 'sensorMetadata', `${path}.sensorMetadata`)) +
    sortedJoin(
      entries(element.get('sensorReport')).map((report, i) =>
        structure(render, 'sensorReport', object(report, `${path}.sensorReport[${i}]`), SENSOR_REPORT_ORDER, 'sensorReport', `${path}.sensorReport[${i}]`),
      ),
    ) +
    others(render, element, SENSOR_ELEMENT_FIELDS, path);
  return body ? emit(render, 'sensorElement') + body : '';
}

/** `name`, its fields in order, then its other properties (extensions) sorted; nothing if all are empty. */
function structure(render: Render, name: string, value: JsonObject, fields: readonly string[], scope: string, path: string): string {
  let body = '';
  for (const field of fields) {
    const item = value.get(field);
    if (item !== undefined) body += leaf(render, field, item, `${scope}.${field}`, `${path}.${field}`);
  }
  body += others(render, value, new Set(fields), path);
  return body ? emit(render, name) + body : '';
}

/** `bizTransactionList` and the like: per entry `type=…` first, then the value, then any extensions. */
function typedList(render: Render, name: string, entry: string, vocabulary: Vocabulary, value: Json): string {
  const known = new Set(['type', entry]);
  return list(
    render,
    name,
    entries(value).map((item, i) => {
      const path = `${name}[${i}]`;
      const fields = object(item, path);
      const type = fields.get('type');
      const id = fields.get(entry);
      return (
        (type === undefined ? '' : emitLeaf(render, 'type', scalar(render, single(type, `${path}.type`), { vocabulary }, `${path}.type`))) +
        (id === undefined ? '' : leaf(render, entry, id, entry, `${path}.${entry}`)) +
        others(render, fields, known, path)
      );
    }),
  );
}

/** The properties of `value` not in `known`, rendered generically and sorted. */
function others(render: Render, value: JsonObject, known: ReadonlySet<string>, path: string): string {
  const parts: string[] = [];
  for (const [key, item] of value) {
    if (!known.has(key) && !IGNORED_KEYS.has(key)) parts.push(...generic(render, key, item, memberPath(path, key)));
  }
  return sortedJoin(parts);
}

/**
 * A property outside the ordered part (ILMD, extensions, anything unknown): `name[=value]` per value,
 * an object as `name` followed by its members sorted. A name ending in `List` is written once with its
 * entries named without the suffix, as the reference does (`{ns}lotList{ns}lot=1{ns}lot=2`).
 */
function generic(render: Render, key: string, value: Json, path: string): string[] {
  const name = expandKey(render.prefixes, key);
  const values = flatten(value);
  if (name.length > 4 && name.endsWith('List')) {
    if (values.length === 0) return [];
    const entry = name.slice(0, -4);
    return [emit(render, name) + sortedJoin(values.map((item) => genericValue(render, entry, item, path)))];
  }
  return values.map((item) => genericValue(render, name, item, path));
}

function genericValue(render: Render, name: string, value: Exclude<Json, JsonArray | null>, path: string): string {
  if (!(value instanceof Map)) {
    const text = scalar(render, value, {}, path);
    return emit(render, text ? `${name}=${text}` : name);
  }
  const children: string[] = [];
  let text = '';
  for (const [key, item] of value) {
    if (key === '#text') text = scalar(render, single(item, memberPath(path, key)), {}, memberPath(path, key));
    else if (!IGNORED_KEYS.has(key)) children.push(...generic(render, key, item, memberPath(path, key)));
  }
  return emit(render, text ? `${name}=${text}` : name) + sortedJoin(children);
}

function flatten(value: Json): Exclude<Json, JsonArray | null>[] {
  if (value === null) return [];
  if (!Array.isArray(value)) return [value];
  return value.flatMap(flatten);
}

/** A list property: one value or an array of values (JSON-LD writes a one-entry set either way). */
function entries(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((item) => item !== null) : [value];
}

function object(value: Json, path: string): JsonObject {
  if (value instanceof Map) return value;
  throw new SuyuanError('RECORD_INVALID', `"${path}" must be a JSON object.`, { path, expected: 'object', received: Array.isArray(value) ? 'array' : typeof value });
}

function single(value: Json, path: string): Exclude<Json, JsonArray | JsonObject | null> {
  if (value === null || Array.isArray(value) || value instanceof Map) {
    throw new SuyuanError('RECORD_INVALID', `"${path}" must be a single value, not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object'}.`, {
      path,
      expected: 'string, number or boolean',
    });
  }
  return value;
}

/** `name=value` for a field of the ordered part (`field` picks the rules: time, number, vocabulary). */
function leaf(render: Render, name: string, value: Json, field: string, path: string): string {
  const base = field.slice(field.lastIndexOf('.') + 1);
  const rules: ScalarRules = {
    time: TIME_FIELDS.has(base),
    numeric: NUMERIC_FIELDS.has(base),
    vocabulary: FIELD_VOCABULARIES.get(field),
  };
  return emitLeaf(render, name, scalar(render, single(value, path), rules, path));
}

function emitLeaf(render: Render, name: string, text: string): string {
  return text ? emit(render, `${name}=${text}`) : '';
}

/** `name` once, then its entries sorted; nothing if no entry has content. */
function list(render: Render, name: string, items: readonly string[]): string {
  const body = sortedJoin(items);
  return body ? emit(render, name) + body : '';
}

// ---------------------------------------------------------------------------------------------------
// Values.

interface ScalarRules {
  time?: boolean;
  numeric?: boolean;
  vocabulary?: Vocabulary | undefined;
}

function scalar(render: Render, value: Exclude<Json, JsonArray | null>, rules: ScalarRules, path: string): string {
  if (value instanceof Map) {
    throw new SuyuanError('RECORD_INVALID', `"${path}" must be a single value, not an object.`, { path, expected: 'string, number or boolean' });
  }
  if (rules.time && typeof value !== 'string') {
    throw new SuyuanError('RECORD_INVALID', `"${path}" must be a timestamp string.`, { path, expected: 'ISO 8601 date-time', received: typeof value });
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || typeof value === 'bigint') return canonicalNumber(value);
  const text = value.trim();
  if (!text) return '';
  if (rules.time) return canonicalTimestamp(text, path);
  if (rules.numeric) {
    const number = canonicalDecimal(text);
    if (number !== undefined) return number;
  }
  return canonicalValue(render, text, rules.vocabulary);
}

/** CBV 1.x URN → Web URI, CURIE → IRI, short name → vocabulary URI, EPC URN / Digital Link → canonical Digital Link. */
function canonicalValue(render: Render, text: string, vocabulary: Vocabulary | undefined): string {
  let value = text;
  for (const [urn, web] of CBV_URN_PREFIXES) {
    if (value.startsWith(urn)) {
      value = web + value.slice(urn.length);
      break;
    }
  }
  value = expandValue(render.prefixes, value);
  if (vocabulary?.terms.has(value)) return vocabulary.prefix + value;
  return canonicalIdentifier(value);
}

/**
 * An EPC URN or GS1 Digital Link as the canonical Digital Link on `https://id.gs1.org` with the
 * primary key and its qualifiers only (no query, no (22) CPV, no (10) lot beside a (21) serial);
 * anything else, including a URN or link that does not parse, as written.
 */
/** Recent identifiers and their canonical form: events of one trace repeat their objects and places. */
const CANONICAL_CACHE = new Map<string, string>();
const CANONICAL_CACHE_SIZE = 4096;

function canonicalIdentifier(value: string): string {
  let canonical = CANONICAL_CACHE.get(value);
  if (canonical === undefined) {
    canonical = computeCanonicalIdentifier(value);
    if (CANONICAL_CACHE.size >= CANONICAL_CACHE_SIZE) CANONICAL_CACHE.clear();
    CANONICAL_CACHE.set(value, canonical);
  }
  return canonical;
}

function computeCanonicalIdentifier(value: string): string {
  let elements: Gs1Element[] | undefined;
  if (value.startsWith('urn:epc:')) {
    const urn = toResult(() => parseEpcUrn(value));
    if (urn.ok) elements = urn.value.elements;
  } else if (/^https?:\/\//i.test(value)) {
    const link = toResult(() => parseDigitalLink(value, { permitUnknownAis: true }));
    if (link.ok) elements = link.value.elements;
  }
  if (!elements) return value;
  const key = elements.find((element) => lookupAi(element.ai)?.dlKeyQualifiers);
  if (!key) return value;
  const qualifiers = new Set((lookupAi(key.ai)?.dlKeyQualifiers ?? []).flat());
  let kept = elements.filter((element) => element === key || (qualifiers.has(element.ai) && element.ai !== '22'));
  if (kept.some((element) => element.ai === '21')) kept = kept.filter((element) => element.ai !== '10');
  const link = toResult(() => buildDigitalLink(kept));
  return link.ok ? link.value : value;
}

/** A JSON number in plain decimal: no exponent, no trailing zeros, `-0` → `0`. */
function canonicalNumber(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (Object.is(value, -0)) return '0';
  return canonicalDecimal(String(value)) ?? String(value);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,5}))?$/;

/** A decimal numeral (optionally with an exponent up to ±1000) in canonical plain form, or undefined. */
export function canonicalDecimal(text: string): string | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > 1000) return undefined;
  let digits = whole + fraction;
  let point = whole.length + exponent; // the decimal point sits before digits[point]
  let start = 0;
  while (start < digits.length && digits[start] === '0') start++;
  digits = digits.slice(start);
  point -= start;
  let end = digits.length;
  while (end > 0 && digits[end - 1] === '0') end--;
  digits = digits.slice(0, end);
  if (digits === '') return '0';
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign === '-' ? `-${plain}` : plain;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;
const DAY_MS = 86_400_000;

/**
 * An ISO 8601 date-time in UTC with milliseconds (`YYYY-MM-DDTHH:MM:SS.mmmZ`): the fraction rounded
 * half-up to three digits with carry into the seconds (and on to the year); no zone designator is UTC.
 */
export function canonicalTimestamp(text: string, path = 'eventTime'): string {
  const match = TIMESTAMP.exec(text);
  const invalid = (why: string) =>
    new SuyuanError('RECORD_INVALID', `"${path}" is not a date-time: ${why}.`, { path, expected: 'YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)', received: text.slice(0, 40) });
  if (!match) throw invalid('expected YYYY-MM-DDThh:mm[:ss[.fff]] with Z or an offset');
  const [, y, mo, d, h, mi, s = '0', fraction = '', , sign, oh = '0', om = '0'] = match;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12) throw invalid(`month ${mo} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) throw invalid(`day ${d} does not exist in ${y}-${mo}`);
  if (minute > 59 || second > 59) throw invalid('minutes and seconds run from 00 to 59');
  if (hour > 24 || (hour === 24 && (minute > 0 || second > 0 || /[1-9]/.test(fraction)))) throw invalid('hours run from 00 to 23 (24:00:00 ends a day)');
  if (Number(oh) > 23 || Number(om) > 59) throw invalid('the offset is at most ±23:59');
  const millis = Number((fraction + '000').slice(0, 3)) + (fraction.length > 3 && fraction[3]! >= '5' ? 1 : 0);
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  const time = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
  const days = Math.floor(time / DAY_MS);
  const rest = time - days * DAY_MS;
  const [cy, cm, cd] = civilFromDays(days);
  const yearText = cy < 0 ? `-${String(-cy).padStart(4, '0')}` : String(cy).padStart(4, '0');
  return `${yearText}-${two(cm)}-${two(cd)}T${two(Math.floor(rest / 3_600_000))}:${two(Math.floor(rest / 60_000) % 60)}:${two(Math.floor(rest / 1000) % 60)}.${String(rest % 1000).padStart(3, '0')}Z`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

// ---------------------------------------------------------------------------------------------------

/** Concatenates strings sorted by Unicode code point (UTF-8 byte order), leaving out empty ones. */
function sortedJoin(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0]!;
  const kept = parts.filter((part) => part !== '');
  // UTF-16 order (the engine's own sort) is code-point order unless a surrogate is involved.
  const joined = kept.sort().join('');
  return SURROGATE.test(joined) ? kept.sort(compareCodePoints).join('') : joined;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code-point order of well-formed strings (JavaScript's default compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (astral characters) rank above U+E000–U+FFFF, as their code points do. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}
