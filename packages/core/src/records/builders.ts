/**
 * Builders that read like the domain: `harvest`, `slaughter`, `process`, `transform`, `pack`,
 * `unpack`, `ship`, `receive`, `sell`, `inspect`, `store`, `transport`, `use`, `destroy`,
 * `importGoods`, `exportGoods`, `recall`. Each produces a valid EPCIS 2.0 event with the CBV
 * vocabulary the step implies, Suyuan's extension fields, the time in the context's time zone, and
 * the CBV event hash as its `eventID`; then it checks the record against its category profile.
 *
 * ```ts
 * const records = recordBuilders({ category: 'food', party, location });
 * const record = records.ship({ epcs: [case1], destination: customerGln });
 * ```
 */
import { SuyuanError } from '../errors.js';
import type { EpcisEvent, QuantityElement } from './event.js';
import { eventHash } from './event-hash.js';
import type { Activity, Category, Certificate, Customs, Inspection, Licence, Party, Product, Quota } from './extension.js';
import { assertProfile, defaultProfiles } from './profiles/index.js';
import type { ProfileSet } from './profiles/profile.js';
import { parseRecord, type TraceRecord } from './record.js';

/** What every record a builder makes shares: who, where, which category, which time zone. */
export interface BuilderContext {
  category: Category;
  /** The product kind inside the category (`pesticide`, `infant-formula`, `elevator` …). */
  productKind?: string;
  /** The enterprise making the record; its role is set per step unless given. */
  party: Omit<Party, 'role'> & { role?: Party['role'] };
  /** Where the enterprise records from: an SGLN URN or a GS1 Digital Link with (414). */
  location: string;
  /** Licences and certificates to attach to every record (production licence, HACCP …). */
  licences?: readonly Licence[];
  certificates?: readonly Certificate[];
  /** Time-zone offset for event times; default `+08:00` (China Standard Time). */
  timeZoneOffset?: string;
  /** Profiles to check against; default the built-in eight. `false` skips the profile check. */
  profiles?: ProfileSet | false;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
}

/** What each step may add. Identifiers are GS1 Digital Link URIs or EPC URNs. */
export interface StepDetails {
  /** The objects (instance level). */
  epcs?: readonly string[];
  /** Class-level quantities (a lot, a product). */
  quantities?: readonly QuantityElement[];
  /** When it happened; default now. A Date or an ISO string with an offset. */
  time?: Date | string;
  /** Lot master data: `{ 'cbvmda:lotNumber': 'L2024', 'cbvmda:itemExpirationDate': '2027-01-31' }`. */
  ilmd?: Record<string, unknown>;
  product?: Product;
  inspections?: readonly Inspection[];
  licences?: readonly Licence[];
  certificates?: readonly Certificate[];
  customs?: Customs;
  quota?: Quota;
  /** Further parties (the carrier, the buyer …). */
  parties?: readonly Party[];
  /** Event hashes of the previous record(s) of the same trace unit. */
  previous?: readonly string[];
  /** Business transactions: `[{ type: 'po', bizTransaction: 'urn:…' }]`. */
  bizTransactions?: { type?: string; bizTransaction: string }[];
  /** Where the goods are afterwards, when not at the context's location. */
  bizLocation?: string;
  sensorElementList?: EpcisEvent['sensorElementList'];
  /** Any other EPCIS or extension properties to set (named prefix:name). */
  extra?: Record<string, unknown>;
}

export interface ShipDetails extends StepDetails {
  /** The receiving party or location (a GLN Digital Link / SGLN URN, or another URI). */
  destination: string;
  /** `owning_party` (default), `possessing_party` or `location`. */
  destinationType?: 'owning_party' | 'possessing_party' | 'location';
}

export interface ReceiveDetails extends StepDetails {
  source: string;
  sourceType?: 'owning_party' | 'possessing_party' | 'location';
}

export interface PackDetails extends StepDetails {
  /** The container: a case (SSCC, GTIN + serial) or pallet (SSCC). */
  parent: string;
  /** The contents. */
  children?: readonly string[];
  childQuantities?: readonly QuantityElement[];
}

export interface TransformDetails extends StepDetails {
  inputs?: readonly string[];
  inputQuantities?: readonly QuantityElement[];
  outputs?: readonly string[];
  outputQuantities?: readonly QuantityElement[];
  /** Links several transformation events of one process. */
  transformationID?: string;
}

interface Step {
  activity: Activity;
  role: Party['role'];
  bizStep: string;
  disposition?: string;
}

const STEPS = {
  harvest: { activity: 'harvest', role: 'grower', bizStep: 'commissioning', disposition: 'active' },
  slaughter: { activity: 'slaughter', role: 'slaughterer', bizStep: 'killing', disposition: 'active' },
  process: { activity: 'process', role: 'manufacturer', bizStep: 'commissioning', disposition: 'active' },
  transform: { activity: 'transform', role: 'processor', bizStep: 'commissioning', disposition: 'active' },
  pack: { activity: 'pack', role: 'packer', bizStep: 'packing', disposition: 'in_progress' },
  unpack: { activity: 'unpack', role: 'distributor', bizStep: 'unpacking', disposition: 'in_progress' },
  ship: { activity: 'ship', role: 'distributor', bizStep: 'shipping', disposition: 'in_transit' },
  receive: { activity: 'receive', role: 'distributor', bizStep: 'receiving', disposition: 'in_progress' },
  sell: { activity: 'sell', role: 'retailer', bizStep: 'retail_selling', disposition: 'retail_sold' },
  inspect: { activity: 'inspect', role: 'inspector', bizStep: 'inspecting' },
  store: { activity: 'store', role: 'warehouse', bizStep: 'storing', disposition: 'sellable_not_accessible' },
  transport: { activity: 'transport', role: 'carrier', bizStep: 'transporting', disposition: 'in_transit' },
  use: { activity: 'use', role: 'user', bizStep: 'dispensing', disposition: 'dispensed' },
  destroy: { activity: 'destroy', role: 'disposer', bizStep: 'destroying', disposition: 'destroyed' },
  importGoods: { activity: 'import', role: 'importer', bizStep: 'receiving', disposition: 'in_progress' },
  exportGoods: { activity: 'export', role: 'exporter', bizStep: 'shipping', disposition: 'in_transit' },
  recall: { activity: 'recall', role: 'producer', bizStep: 'holding', disposition: 'recalled' },
} as const satisfies Record<string, Step>;

/** `2026-05-01T08:30:00.000+08:00`: the instant written in the given offset. */
export function formatEventTime(time: Date, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(time.getTime() + minutes * 60_000).toISOString().slice(0, -1)}${offset}`;
}

function eventTime(context: BuilderContext, time: Date | string | undefined): { eventTime: string; eventTimeZoneOffset: string } {
  const offset = context.timeZoneOffset ?? '+08:00';
  if (typeof time === 'string') {
    const written = /([+-]\d{2}:\d{2}|Z)$/.exec(time)?.[1];
    return { eventTime: time, eventTimeZoneOffset: written === undefined || written === 'Z' ? '+00:00' : written };
  }
  const at = time ?? context.now?.() ?? new Date();
  if (Number.isNaN(at.getTime())) throw new SuyuanError('RECORD_INVALID', 'The event time is not a real date.', { path: 'eventTime' });
  return { eventTime: formatEventTime(at, offset), eventTimeZoneOffset: offset };
}

function common(context: BuilderContext, step: Step, details: StepDetails): Record<string, unknown> {
  const parties: Party[] = [{ ...context.party, role: context.party.role ?? step.role } as Party, ...(details.parties ?? [])];
  const licences = [...(context.licences ?? []), ...(details.licences ?? [])];
  const certificates = [...(context.certificates ?? []), ...(details.certificates ?? [])];
  return {
    ...eventTime(context, details.time),
    bizStep: step.bizStep,
    ...(step.disposition ? { disposition: step.disposition } : {}),
    readPoint: { id: context.location },
    ...(details.bizLocation || step.activity !== 'ship' ? { bizLocation: { id: details.bizLocation ?? context.location } } : {}),
    ...(details.bizTransactions?.length ? { bizTransactionList: details.bizTransactions } : {}),
    ...(details.sensorElementList ? { sensorElementList: details.sensorElementList } : {}),
    'suyuan:category': context.category,
    'suyuan:activity': step.activity,
    ...(context.productKind ? { 'suyuan:productKind': context.productKind } : {}),
    'suyuan:parties': parties,
    ...(licences.length ? { 'suyuan:licences': licences } : {}),
    ...(certificates.length ? { 'suyuan:certificates': certificates } : {}),
    ...(details.inspections?.length ? { 'suyuan:inspections': details.inspections } : {}),
    ...(details.product ? { 'suyuan:product': details.product } : {}),
    ...(details.customs ? { 'suyuan:customs': details.customs } : {}),
    ...(details.quota ? { 'suyuan:quota': details.quota } : {}),
    ...(details.previous?.length ? { 'suyuan:previous': details.previous } : {}),
    ...details.extra,
  };
}

function objects(details: StepDetails): Record<string, unknown> {
  if (!details.epcs?.length && !details.quantities?.length) {
    throw new SuyuanError('RECORD_INVALID', 'Name the objects of the step in epcs or quantities.', { path: 'epcs' });
  }
  return {
    ...(details.epcs?.length ? { epcList: details.epcs } : {}),
    ...(details.quantities?.length ? { quantityList: details.quantities } : {}),
  };
}

function finish(context: BuilderContext, event: Record<string, unknown>): TraceRecord {
  const record = parseRecord(event);
  const withId = { ...record, eventID: eventHash(record) } as TraceRecord;
  if (context.profiles !== false) assertProfile(withId, context.profiles ?? defaultProfiles);
  return withId;
}

function objectEvent(context: BuilderContext, step: Step, action: 'ADD' | 'OBSERVE' | 'DELETE', details: StepDetails, more: Record<string, unknown> = {}): TraceRecord {
  return finish(context, {
    type: 'ObjectEvent',
    action,
    ...objects(details),
    ...common(context, step, details),
    ...(details.ilmd && action === 'ADD' ? { ilmd: details.ilmd } : {}),
    ...more,
  });
}

function transformationEvent(context: BuilderContext, step: Step, details: TransformDetails): TraceRecord {
  return finish(context, {
    type: 'TransformationEvent',
    ...(details.inputs?.length ? { inputEPCList: details.inputs } : {}),
    ...(details.inputQuantities?.length ? { inputQuantityList: details.inputQuantities } : {}),
    ...(details.outputs?.length ? { outputEPCList: details.outputs } : {}),
    ...(details.outputQuantities?.length ? { outputQuantityList: details.outputQuantities } : {}),
    ...(details.transformationID ? { transformationID: details.transformationID } : {}),
    ...common(context, step, details),
    ...(details.ilmd ? { ilmd: details.ilmd } : {}),
  });
}

function aggregationEvent(context: BuilderContext, step: Step, action: 'ADD' | 'DELETE', details: PackDetails): TraceRecord {
  return finish(context, {
    type: 'AggregationEvent',
    action,
    parentID: details.parent,
    ...(details.children?.length ? { childEPCs: details.children } : {}),
    ...(details.childQuantities?.length ? { childQuantityList: details.childQuantities } : {}),
    ...common(context, step, details),
  });
}

/** The builders bound to one enterprise, location and category. */
export function recordBuilders(context: BuilderContext) {
  return {
    /** Harvested produce enters the trace (ObjectEvent ADD, commissioning). */
    harvest: (details: StepDetails) => objectEvent(context, STEPS.harvest, 'ADD', details),
    /** Animals in, carcasses or meat lots out (TransformationEvent, killing). */
    slaughter: (details: TransformDetails) => transformationEvent(context, STEPS.slaughter, details),
    /** Products made (ObjectEvent ADD, commissioning), or made from inputs when inputs are given. */
    process: (details: StepDetails & Partial<TransformDetails>) =>
      details.inputs?.length || details.inputQuantities?.length
        ? transformationEvent(context, STEPS.process, { ...details, outputs: details.outputs ?? details.epcs, outputQuantities: details.outputQuantities ?? details.quantities })
        : objectEvent(context, STEPS.process, 'ADD', details),
    /** Inputs consumed, outputs produced (TransformationEvent). */
    transform: (details: TransformDetails) => transformationEvent(context, STEPS.transform, details),
    /** Children packed into a container (AggregationEvent ADD, packing). */
    pack: (details: PackDetails) => aggregationEvent(context, STEPS.pack, 'ADD', details),
    /** Children taken out of a container (AggregationEvent DELETE, unpacking). */
    unpack: (details: PackDetails) => aggregationEvent(context, STEPS.unpack, 'DELETE', details),
    /** Goods leave for a destination (ObjectEvent OBSERVE, shipping, in transit). */
    ship: (details: ShipDetails) =>
      objectEvent(context, STEPS.ship, 'OBSERVE', details, {
        destinationList: [{ type: details.destinationType ?? 'owning_party', destination: details.destination }],
      }),
    /** Goods arrive from a source (ObjectEvent OBSERVE, receiving). */
    receive: (details: ReceiveDetails) =>
      objectEvent(context, STEPS.receive, 'OBSERVE', details, { sourceList: [{ type: details.sourceType ?? 'owning_party', source: details.source }] }),
    /** Sold to a consumer (ObjectEvent OBSERVE, retail selling). */
    sell: (details: StepDetails) => objectEvent(context, STEPS.sell, 'OBSERVE', details),
    /** Inspected, with the result (ObjectEvent OBSERVE, inspecting). */
    inspect: (details: StepDetails & { inspections: Inspection[] }) => objectEvent(context, STEPS.inspect, 'OBSERVE', details),
    /** Stored (ObjectEvent OBSERVE, storing). */
    store: (details: StepDetails) => objectEvent(context, STEPS.store, 'OBSERVE', details),
    /** Carried between two places (ObjectEvent OBSERVE, transporting). */
    transport: (details: StepDetails & { source: string; destination: string }) =>
      objectEvent(context, STEPS.transport, 'OBSERVE', details, {
        sourceList: [{ type: 'location', source: details.source }],
        destinationList: [{ type: 'location', destination: details.destination }],
      }),
    /** Used or consumed (ObjectEvent OBSERVE, dispensing); equipment in service. */
    use: (details: StepDetails) => objectEvent(context, STEPS.use, 'OBSERVE', details),
    /** Destroyed (ObjectEvent DELETE, destroying). */
    destroy: (details: StepDetails & { reason?: string }) =>
      objectEvent(context, STEPS.destroy, 'DELETE', details, details.reason ? { 'suyuan:reason': details.reason } : {}),
    /** Imported through customs (ObjectEvent OBSERVE, receiving, with the customs declaration). */
    importGoods: (details: StepDetails & { customs: Customs }) => objectEvent(context, STEPS.importGoods, 'OBSERVE', details),
    /** Exported through customs (ObjectEvent OBSERVE, shipping, with the customs declaration). */
    exportGoods: (details: StepDetails & { customs: Customs; destination?: string }) =>
      objectEvent(context, STEPS.exportGoods, 'OBSERVE', details, details.destination ? { destinationList: [{ type: 'owning_party', destination: details.destination }] } : {}),
    /** Recalled by the issuer (ObjectEvent OBSERVE, disposition recalled). */
    recall: (details: StepDetails & { reason: string }) => objectEvent(context, STEPS.recall, 'OBSERVE', details, { 'suyuan:reason': details.reason }),
  };
}

export type RecordBuilders = ReturnType<typeof recordBuilders>;
