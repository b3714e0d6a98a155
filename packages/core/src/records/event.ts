/**
 * EPCIS 2.0 events as zod schemas: the five event types with the CBV 2.0 vocabularies, quantities,
 * sensor data, read points and business locations, business transactions, sources and destinations,
 * certification info and error declarations. Identifiers are GS1 Digital Link URIs or EPC URNs,
 * checked with the codes module. Extension properties are allowed under a CURIE or URI name
 * (`example:myField`, `suyuan:parties`), as EPCIS 2.0 JSON-LD allows them.
 */
import { z } from 'zod';
import { isRealDate } from '../calendar.js';
import { identifierElements } from './identifiers.js';
import {
  BIZ_STEPS,
  BIZ_TRANSACTION_TYPES,
  DISPOSITIONS,
  ERROR_REASONS,
  MEASUREMENT_TYPES,
  SENSOR_ALERT_TYPES,
  SENSOR_COMPONENTS,
  SOURCE_DESTINATION_TYPES,
} from './vocabulary.js';

/** An absolute URI (RFC 3986 scheme followed by `:`) without whitespace. */
export const Uri = z.string().max(2048).regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/, 'expected an absolute URI');

/** A CURIE (`prefix:name`) or absolute URI: the name of an extension property. */
export const EXTENSION_NAME = /^[A-Za-z_][\w.-]*:[^\s]+$/;

/** ISO 8601 date-time with a time-zone designator, as EPCIS requires (`2026-05-01T08:30:00.000+08:00`). */
export const Timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'expected an ISO 8601 date-time with a time zone')
  .refine(isRealTimestamp, 'expected a real date and time');

function isRealTimestamp(value: string): boolean {
  const [year, month, day, hour, minute, second] = value.split(/[-T:.Z+]/).map(Number) as number[];
  return isRealDate(year!, month!, day!) && hour! <= 24 && minute! <= 59 && (second === undefined || Number.isNaN(second) || second <= 60) && !Number.isNaN(Date.parse(value));
}

export const TimeZoneOffset = z.string().regex(/^[+-]((0\d|1[0-3]):[0-5]\d|14:00)$/, 'expected a time-zone offset such as +08:00');

/** An EPCIS identifier: a GS1 Digital Link URI or an EPC URN that parses. */
export const Identifier = z.string().superRefine((value, ctx) => {
  const parsed = identifierElements(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

function vocabulary<const T extends readonly string[]>(values: T) {
  return z.union([z.enum(values), Uri]);
}

export const BizStep = vocabulary(BIZ_STEPS);
export const Disposition = vocabulary(DISPOSITIONS);
export const BizTransactionType = vocabulary(BIZ_TRANSACTION_TYPES);
export const SourceDestinationType = vocabulary(SOURCE_DESTINATION_TYPES);
export const ErrorReason = vocabulary(ERROR_REASONS);
export const Action = z.enum(['OBSERVE', 'ADD', 'DELETE']);

/** Extension properties (CURIE or URI names) beside a schema's own properties. */
function extensible<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.looseObject(shape).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!(key in shape) && key !== '@context' && !EXTENSION_NAME.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is not an EPCIS property; extension properties are named prefix:name or by a URI` });
      }
    }
  });
}

export const QuantityElement = z.strictObject({
  epcClass: Identifier,
  quantity: z.number().finite().nonnegative().optional(),
  uom: z.string().regex(/^[A-Z0-9]{2,3}$/, 'expected a UN/ECE Rec 20 unit code such as KGM').optional(),
});

export const Location = extensible({ id: Identifier });

export const BizTransaction = extensible({ type: BizTransactionType.optional(), bizTransaction: Uri });
export const Source = extensible({ type: SourceDestinationType, source: Uri });
export const Destination = extensible({ type: SourceDestinationType, destination: Uri });

export const PersistentDisposition = extensible({ set: z.array(Disposition).optional(), unset: z.array(Disposition).optional() });

export const SensorMetadata = extensible({
  time: Timestamp.optional(),
  deviceID: Uri.optional(),
  deviceMetadata: Uri.optional(),
  rawData: Uri.optional(),
  startTime: Timestamp.optional(),
  endTime: Timestamp.optional(),
  dataProcessingMethod: Uri.optional(),
  bizRules: Uri.optional(),
});

export const SensorReport = extensible({
  type: z.union([z.enum(MEASUREMENT_TYPES), Uri]),
  exception: z.union([z.enum(SENSOR_ALERT_TYPES), Uri]).optional(),
  deviceID: Uri.optional(),
  deviceMetadata: Uri.optional(),
  rawData: Uri.optional(),
  dataProcessingMethod: Uri.optional(),
  bizRules: Uri.optional(),
  time: Timestamp.optional(),
  microorganism: Uri.optional(),
  chemicalSubstance: Uri.optional(),
  coordinateReferenceSystem: Uri.optional(),
  value: z.number().finite().optional(),
  component: z.union([z.enum(SENSOR_COMPONENTS), Uri]).optional(),
  stringValue: z.string().optional(),
  booleanValue: z.boolean().optional(),
  hexBinaryValue: z.string().regex(/^[0-9A-Fa-f]*$/).optional(),
  uriValue: Uri.optional(),
  minValue: z.number().finite().optional(),
  maxValue: z.number().finite().optional(),
  meanValue: z.number().finite().optional(),
  sDev: z.number().finite().optional(),
  percRank: z.number().finite().optional(),
  percValue: z.number().finite().optional(),
  uom: z.string().optional(),
});

export const SensorElement = extensible({ sensorMetadata: SensorMetadata.optional(), sensorReport: z.array(SensorReport).min(1) });

export const ErrorDeclaration = extensible({
  declarationTime: Timestamp,
  reason: ErrorReason.optional(),
  correctiveEventIDs: z.array(Uri).optional(),
});

/** Instance or lot master data (ILMD): properties named by CURIE or URI. */
export const Ilmd = z.record(z.string().regex(EXTENSION_NAME, 'ILMD properties are named prefix:name or by a URI'), z.unknown());

const common = {
  '@context': z.unknown().optional(),
  eventID: Uri.optional(),
  eventTime: Timestamp,
  recordTime: Timestamp.optional(),
  eventTimeZoneOffset: TimeZoneOffset,
  certificationInfo: z.union([Uri, z.array(Uri)]).optional(),
  errorDeclaration: ErrorDeclaration.optional(),
};

const what = {
  bizStep: BizStep.optional(),
  disposition: Disposition.optional(),
  persistentDisposition: PersistentDisposition.optional(),
  readPoint: Location.optional(),
  bizLocation: Location.optional(),
  bizTransactionList: z.array(BizTransaction).optional(),
  sourceList: z.array(Source).optional(),
  destinationList: z.array(Destination).optional(),
  sensorElementList: z.array(SensorElement).optional(),
};

const EpcList = z.array(Identifier);
const QuantityList = z.array(QuantityElement);

export const ObjectEvent = extensible({
  ...common,
  ...what,
  type: z.literal('ObjectEvent'),
  action: Action,
  epcList: EpcList.optional(),
  quantityList: QuantityList.optional(),
  ilmd: Ilmd.optional(),
});

export const AggregationEvent = extensible({
  ...common,
  ...what,
  type: z.literal('AggregationEvent'),
  action: Action,
  parentID: Identifier.optional(),
  childEPCs: EpcList.optional(),
  childQuantityList: QuantityList.optional(),
});

export const TransactionEvent = extensible({
  ...common,
  ...what,
  type: z.literal('TransactionEvent'),
  action: Action,
  bizTransactionList: z.array(BizTransaction).min(1),
  parentID: Identifier.optional(),
  epcList: EpcList.optional(),
  quantityList: QuantityList.optional(),
});

export const TransformationEvent = extensible({
  ...common,
  ...what,
  type: z.literal('TransformationEvent'),
  transformationID: Uri.optional(),
  inputEPCList: EpcList.optional(),
  inputQuantityList: QuantityList.optional(),
  outputEPCList: EpcList.optional(),
  outputQuantityList: QuantityList.optional(),
  ilmd: Ilmd.optional(),
});

export const AssociationEvent = extensible({
  ...common,
  ...what,
  type: z.literal('AssociationEvent'),
  action: Action,
  parentID: Identifier,
  childEPCs: EpcList.optional(),
  childQuantityList: QuantityList.optional(),
});

/** One EPCIS 2.0 event of any of the five types. */
export const EpcisEvent = z.discriminatedUnion('type', [ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent]);

export type EpcisEvent = z.infer<typeof EpcisEvent>;
export type ObjectEvent = z.infer<typeof ObjectEvent>;
export type AggregationEvent = z.infer<typeof AggregationEvent>;
export type TransactionEvent = z.infer<typeof TransactionEvent>;
export type TransformationEvent = z.infer<typeof TransformationEvent>;
export type AssociationEvent = z.infer<typeof AssociationEvent>;
export type QuantityElement = z.infer<typeof QuantityElement>;
export type BizStep = z.infer<typeof BizStep>;
export type Disposition = z.infer<typeof Disposition>;
export type EventType = EpcisEvent['type'];
