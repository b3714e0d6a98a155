/**
 * The data of the CBV 2.0 event hash (GS1 CBV 2.0 "EPCIS Event Hash ID"): the canonical property
 * order as the reference implementation applies it (RalphTro/epcis-event-hash-generator, the state
 * that produced `standards/eventhash-samples/`), the vocabularies written by their short names in
 * JSON-LD, and the prefixes the EPCIS 2.0 context declares. See `event-hash.ts` for the algorithm.
 */
import {
  BIZ_STEPS,
  BIZ_TRANSACTION_TYPES,
  CBV_PREFIXES,
  DISPOSITIONS,
  MEASUREMENT_TYPES,
  SENSOR_ALERT_TYPES,
  SENSOR_COMPONENTS,
  SOURCE_DESTINATION_TYPES,
} from './vocabulary.js';

/** How a property of the ordered part is written. */
export type OrderedKind =
  /** `name=value`. */
  | 'value'
  /** `name=timestamp` in UTC with milliseconds. */
  | 'time'
  /** One `name=value` per value (a single value or a list), sorted. */
  | 'values'
  /** `name` once, then `epc=value` per entry, sorted. */
  | 'epcs'
  /** `name` once, then `quantityElement…` per entry, sorted. */
  | 'quantities'
  /** `persistentDisposition`, then its `set=` values sorted, then its `unset=` values sorted. */
  | 'persistentDisposition'
  /** `name`, then `id=value` and the location's extensions. */
  | 'location'
  /** `sensorElementList`, then `sensorElement…` per entry, sorted. */
  | 'sensorElements';

/**
 * The ordered part of the pre-hash, after `eventType=…`. This is the reference implementation's
 * order at the commit of the local samples: `certificationInfo` right after `eventTimeZoneOffset`
 * and `parentID` before `epcList` (the CBV 2.0 table lists `epcList` first and has no
 * `certificationInfo`). `bizTransactionList`, `sourceList`, `destinationList` and `ilmd` are not
 * here: the reference writes them in the sorted trailing block with the user extensions, and the
 * local samples depend on that.
 */
export const EVENT_ORDER: readonly (readonly [string, OrderedKind])[] = [
  ['eventTime', 'time'],
  ['eventTimeZoneOffset', 'value'],
  ['certificationInfo', 'values'],
  ['parentID', 'value'],
  ['epcList', 'epcs'],
  ['inputEPCList', 'epcs'],
  ['childEPCs', 'epcs'],
  ['quantityList', 'quantities'],
  ['childQuantityList', 'quantities'],
  ['inputQuantityList', 'quantities'],
  ['outputEPCList', 'epcs'],
  ['outputQuantityList', 'quantities'],
  ['action', 'value'],
  ['transformationID', 'value'],
  ['bizStep', 'value'],
  ['disposition', 'value'],
  ['persistentDisposition', 'persistentDisposition'],
  ['readPoint', 'location'],
  ['bizLocation', 'location'],
  ['sensorElementList', 'sensorElements'],
];

/** Event properties left out of the hash (the JSON `type` is written first as `eventType`). */
export const EXCLUDED_EVENT_PROPERTIES: ReadonlySet<string> = new Set(['type', 'eventID', 'recordTime', 'errorDeclaration', '@context']);

/** Keys ignored at every level (comments), as the reference ignores them. */
export const IGNORED_KEYS: ReadonlySet<string> = new Set(['comment', 'rdfs:comment', '@context']);

export const QUANTITY_ELEMENT_ORDER = ['epcClass', 'quantity', 'uom'] as const;

export const SENSOR_METADATA_ORDER = ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'] as const;

/** sensorReport fields in hash order; `bizRules`, which EPCIS 2.0 allows here too, is not in the CBV 2.0 table. */
export const SENSOR_REPORT_ORDER = [
  'type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'time', 'microorganism',
  'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue', 'hexBinaryValue', 'uriValue', 'minValue',
  'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue', 'uom', 'coordinateReferenceSystem',
] as const;

/** Fields of the ordered part holding a timestamp, written in UTC with milliseconds. */
export const TIME_FIELDS: ReadonlySet<string> = new Set(['eventTime', 'time', 'startTime', 'endTime']);

/** Fields holding a number (xsd:decimal / xsd:double): a numeric string there is written as a number. */
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['quantity', 'value', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue']);

/** The lists whose entries pair a `type` with a value; the type is written first. */
export const TYPED_LISTS: ReadonlyMap<string, { readonly entry: string; readonly vocabulary: Vocabulary }> = new Map([
  ['bizTransactionList', { entry: 'bizTransaction', vocabulary: vocabulary(BIZ_TRANSACTION_TYPES, CBV_PREFIXES.bizTransactionType) }],
  ['sourceList', { entry: 'source', vocabulary: vocabulary(SOURCE_DESTINATION_TYPES, CBV_PREFIXES.sourceDestinationType) }],
  ['destinationList', { entry: 'destination', vocabulary: vocabulary(SOURCE_DESTINATION_TYPES, CBV_PREFIXES.sourceDestinationType) }],
]);

/** A CBV vocabulary as JSON-LD writes it: short names that stand for `prefix + name`. */
export interface Vocabulary {
  readonly terms: ReadonlySet<string>;
  readonly prefix: string;
}

function vocabulary(terms: readonly string[], prefix: string): Vocabulary {
  return { terms: new Set(terms), prefix };
}

const GS1_VOC = 'https://gs1.org/voc/';

/**
 * Short names by field (`scope.field` inside a structure), as the EPCIS 2.0 context maps them (`standards/epcis/epcis-context.jsonld`).
 * Measurement types and alert types are GS1 Web Vocabulary terms (`gs1:` = `https://gs1.org/voc/` in
 * that context); sensor components are CBV terms (`cbv:Comp-`).
 */
export const FIELD_VOCABULARIES: ReadonlyMap<string, Vocabulary> = new Map([
  ['bizStep', vocabulary(BIZ_STEPS, CBV_PREFIXES.bizStep)],
  ['disposition', vocabulary(DISPOSITIONS, CBV_PREFIXES.disposition)],
  ['persistentDisposition.set', vocabulary(DISPOSITIONS, CBV_PREFIXES.disposition)],
  ['persistentDisposition.unset', vocabulary(DISPOSITIONS, CBV_PREFIXES.disposition)],
  ['sensorReport.type', vocabulary(MEASUREMENT_TYPES, GS1_VOC)],
  ['sensorReport.exception', vocabulary(SENSOR_ALERT_TYPES, GS1_VOC)],
  ['sensorReport.component', vocabulary(SENSOR_COMPONENTS, 'https://ref.gs1.org/cbv/Comp-')],
]);

/** CBV 1.x URN vocabulary prefixes and the CBV 2.0 Web URI prefixes that replace them. */
export const CBV_URN_PREFIXES: readonly (readonly [string, string])[] = [
  ['urn:epcglobal:cbv:bizstep:', CBV_PREFIXES.bizStep],
  ['urn:epcglobal:cbv:disp:', CBV_PREFIXES.disposition],
  ['urn:epcglobal:cbv:btt:', CBV_PREFIXES.bizTransactionType],
  ['urn:epcglobal:cbv:sdt:', CBV_PREFIXES.sourceDestinationType],
  ['urn:epcglobal:cbv:er:', CBV_PREFIXES.errorReason],
];

/** The prefixes the EPCIS 2.0 JSON-LD context declares; every EPCIS 2.0 document has them. */
export const EPCIS_CONTEXT_PREFIXES: Readonly<Record<string, string>> = {
  epcis: 'https://ref.gs1.org/epcis/',
  cbv: 'https://ref.gs1.org/cbv/',
  cbvmda: 'urn:epcglobal:cbv:mda:',
  gs1: GS1_VOC,
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
};

/** The EPCIS 2.0 context URL (equal to `EPCIS_CONTEXT_URL` of `epcis-document.ts`; kept here so this module needs no zod). */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** Suyuan's namespace declaration (equal to `SUYUAN_CONTEXT` of `extension.ts`; kept here so this module needs no zod). */
export const SUYUAN_PREFIXES: Readonly<Record<string, string>> = { suyuan: 'https://suyuan.dev/ns/trace/v1#' };
