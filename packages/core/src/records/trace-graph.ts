/**
 * Trace graphs: what a set of trace records says about where a thing came from and where it went.
 * `buildTraceGraph(records)` indexes the records once; `traceBackward(graph, id)` follows a thing to
 * its inputs and their sources, `traceForward(graph, id)` to everything it became and everywhere that
 * went. Pure and isomorphic: no I/O, no clock, the same answer for the same records.
 *
 * **Nodes.** Every identifier a record names as what it is about (`epcList`, `quantityList`,
 * `parentID`, `childEPCs`, `childQuantityList`, the input and output lists) is a node, keyed by
 * `identifierKey`: an EPC URN and its Digital Link form are the same node. One normalisation on top:
 * a Digital Link with GTIN, lot *and* serial (`/01/X/10/L/21/S`) names the same object as the SGTIN
 * `(01)X(21)S` — GTIN + serial identify it, the lot is a qualifier — so it is that node, and the link
 * says the object belongs to lot `(01)X(10)L`.
 *
 * **Levels.** Class-level identifiers — a lot (LGTIN, Digital Link with 01 + 10) and a GTIN (`idpat`,
 * Digital Link with 01 only) — are nodes of their own, distinct from instances. An instance
 * `(01)X(21)S` belongs to lot `(01)X(10)L` only when a record says so: `cbvmda:lotNumber` in the
 * `ilmd` of an ObjectEvent naming it in `epcList` (commissioning), or of a TransformationEvent naming
 * it in `outputEPCList`, or a Digital Link that carries the lot. The GTIN-level class `(01)X` is never
 * joined to its instances or lots: it stands for every object of a product, and joining it would make
 * the trace of one lot reach every other lot. Quantities are not counted: a quantity of a class is
 * that class's node, whatever the amount.
 *
 * **Time.** Every visit of a node carries a time window, and only the node's records inside the
 * window are involved. The starting identifier's window is all time.
 * - Aggregation and association, from ADD (or the first OBSERVE) to DELETE (a DELETE naming no
 *   children empties the parent; an aggregation ADD of an instance into another parent ends the
 *   previous one, since an object is packed in one place at a time — a quantity of a class may be in
 *   many containers at once; a DELETE with nothing open opens nothing). Both
 *   directions go *up*, from an object to its container, over the time it was inside: the container's
 *   records and its own containers then. Both directions go *down*, from a container to its contents:
 *   backward to the contents' history up to when they were packed, forward to the contents' future
 *   from when they were unpacked. A node reached by going up never goes down again, so an object's
 *   trace never spreads to the other contents of a pallet it rode on.
 * - Transformation: backward from an output (if it was output within the window) to every input,
 *   each up to the time it was consumed; forward from an input (if consumed within the window) to
 *   every output, each from the time it was produced — outputs exist only after their transformation.
 *   Events sharing a `transformationID` are one transformation: every input of any of them may have
 *   contributed to every output of any of them (EPCIS 2.0).
 * - Lots: backward from an instance to its lot, up to the time the membership was recorded; forward
 *   from a lot to its instances, each from the time it joined.
 * - Cycles in bad data cannot loop: a node is visited again only with a window (or a right to go
 *   down) that no earlier visit covered, and windows are bounded by the records' event times.
 *
 * **Error declarations.** A record carrying `errorDeclaration` declares an earlier event erroneous
 * (EPCIS 2.0: a copy of it with the same `eventID`). The declaration and every record it declares —
 * same `eventID`, or, when the declaration has none, the same EPCIS fields apart from `recordTime` —
 * are left out of the graph (listed in `graph.erroneous`); corrective events are ordinary records and
 * are used instead.
 *
 * **Results.** A `TraceResult` lists the identifiers reached in the order found (the start first,
 * `how: 'self'`), the records involved in event-time order (ties in input order) by index and
 * `eventID`, the parties (`suyuan:parties`, and owning / possessing parties of `sourceList` and
 * `destinationList`) and the locations (`readPoint`, `bizLocation`, and location sources and
 * destinations) of those records, each in order of first appearance.
 *
 * Records are expected to have been validated with `parseRecord`; `buildTraceGraph` checks only that
 * it was given an array of objects with an event time, and throws `INPUT_TYPE` or `RECORD_INVALID`.
 */
import { SuyuanError } from '../errors.js';
import type { Gs1Element } from '../gs1/element-string.js';
import type { QuantityElement } from './event.js';
import type { Party } from './extension.js';
import { identifierElements, identifierKey } from './identifiers.js';
import type { TraceRecord } from './record.js';

/** Which way a trace runs: to the sources, or to the destinations. */
export type TraceDirection = 'backward' | 'forward';

/** How an identifier was reached. `lot` joins an instance and the lot a record says it belongs to. */
export type TraceLink = 'self' | 'aggregation' | 'transformation' | 'association' | 'lot';

/** What a reached identifier is to the one it was reached from. */
export type TraceRole = 'start' | 'container' | 'content' | 'input' | 'output' | 'lot' | 'lot-member';

/** `class` for a lot or a GTIN (LGTIN, idpat, Digital Link without a serial), `instance` otherwise. */
export type NodeLevel = 'instance' | 'class';

/** Where a record names a node. */
export type MentionRole = 'object' | 'parent' | 'child' | 'input' | 'output';

/** One record naming a node: the record's index in the input, the role, the event time (ms since 1970). */
export interface RecordMention {
  readonly record: number;
  readonly role: MentionRole;
  readonly time: number;
}

/** A time a child was inside (aggregation) or associated with (association) a parent. */
export interface Containment {
  readonly link: 'aggregation' | 'association';
  readonly parent: string;
  readonly child: string;
  /** Event time (ms) of the record that put it there. */
  readonly from: number;
  /** Event time (ms) of the record that took it out; `Infinity` while it never was. */
  readonly until: number;
  readonly opened: number;
  /** Index of the record that took it out, if any. */
  readonly closed?: number;
}

/** A record saying an instance belongs to a lot. */
export interface LotMembership {
  readonly lot: string;
  readonly instance: string;
  readonly time: number;
  readonly record: number;
}

/** One input or output of a transformation, with the record that names it. */
export interface TransformationPart {
  readonly node: string;
  readonly record: number;
  readonly time: number;
}

/** One transformation: a TransformationEvent, or all events sharing a `transformationID`. */
export interface Transformation {
  /** The `transformationID`, or `record:<index>` for an event without one. */
  readonly id: string;
  readonly records: readonly number[];
  readonly inputs: readonly TransformationPart[];
  readonly outputs: readonly TransformationPart[];
}

/** An identifier in the graph: every record naming it and every link it has. */
export interface TraceNode {
  /** The `identifierKey` (instances with GTIN + serial without their lot qualifier). */
  readonly key: string;
  /** The forms the records write it in, in order of first use (empty for a lot only ever implied). */
  readonly ids: readonly string[];
  readonly level: NodeLevel;
  /** In event-time order. */
  readonly mentions: readonly RecordMention[];
  /** When it was inside (or associated with) a parent. */
  readonly containers: readonly Containment[];
  /** When it was the parent. */
  readonly contents: readonly Containment[];
  /** Lots it belongs to (for an instance). */
  readonly lots: readonly LotMembership[];
  /** Instances belonging to it (for a lot). */
  readonly members: readonly LotMembership[];
  /** Indexes into `graph.transformations`. */
  readonly producedBy: readonly number[];
  readonly consumedBy: readonly number[];
}

/** A record left out of the graph because an error declaration covers it. */
export interface ErroneousRecord {
  readonly record: number;
  /** The record carrying the `errorDeclaration` (the record itself for a declaration). */
  readonly declaration: number;
  /** The declared reason (`did_not_occur`, `incorrect_data`, or a URI), if given. */
  readonly reason?: string;
  readonly correctiveEventIDs: readonly string[];
  /** Indexes of the records holding those corrective events, among those given. */
  readonly correctiveRecords: readonly number[];
}

/** The records, indexed for tracing. */
export interface TraceGraph {
  readonly records: readonly TraceRecord[];
  /** Each record's event time in ms since 1970, by index. */
  readonly eventTimes: readonly number[];
  readonly nodes: ReadonlyMap<string, TraceNode>;
  readonly transformations: readonly Transformation[];
  readonly erroneous: readonly ErroneousRecord[];
  /** `gln:<GLN>` → `uscc:<USCC>` for parties a record names by both. */
  readonly partyAliases: ReadonlyMap<string, string>;
}

/** One identifier a trace reached. */
export interface TraceStep {
  readonly key: string;
  /** The identifier as a record first wrote it (as given, for the start; the key, for an implied lot). */
  readonly id: string;
  readonly level: NodeLevel;
  readonly how: TraceLink;
  readonly role: TraceRole;
  /** The key it was reached from (absent for the start). */
  readonly from?: string;
  /** Index of the record linking it to `from`. */
  readonly record?: number;
  /** Links from the start. */
  readonly depth: number;
}

/** A record a trace involves. */
export interface TracedRecord {
  readonly index: number;
  readonly eventID?: string;
  readonly eventTime: string;
  readonly record: TraceRecord;
}

/** A party the records of a trace name. */
export interface TracedParty {
  /** `uscc:<18 chars>` or `gln:<13 digits>` (a GLN named alongside a USCC anywhere becomes that USCC), or the source / destination URI as written. */
  readonly id: string;
  readonly names: readonly string[];
  /** Roles from `suyuan:parties`; source / destination parties add none. */
  readonly roles: readonly Party['role'][];
  /** Record indexes, in trace order. */
  readonly records: readonly number[];
}

/** A location the records of a trace name. */
export interface TracedLocation {
  /** `identifierKey` of the location (the URI itself when it is not a GS1 identifier). */
  readonly key: string;
  /** As first written. */
  readonly id: string;
  readonly records: readonly number[];
}

export interface TraceResult {
  readonly direction: TraceDirection;
  /** The start's key. */
  readonly start: string;
  /** Identifiers reached, in the order found, the start first. */
  readonly steps: readonly TraceStep[];
  /** Records involved, by event time, ties in input order. */
  readonly records: readonly TracedRecord[];
  readonly parties: readonly TracedParty[];
  readonly locations: readonly TracedLocation[];
}

// ---------------------------------------------------------------------------------------------
// Identity

interface Identity {
  readonly key: string;
  readonly level: NodeLevel;
  /** GTIN of an instance with GTIN + serial. */
  readonly gtin?: string;
  /** The lot a Digital Link with GTIN + lot + serial puts the instance in. */
  readonly lotKey?: string;
}

function joinElements(elements: readonly Gs1Element[]): string {
  // The same order and format as identifierKey.
  return [...elements]
    .sort((a, b) => (a.ai < b.ai ? -1 : a.ai > b.ai ? 1 : 0))
    .map((e) => `(${e.ai})${e.value}`)
    .join('');
}

function lotKeyOf(gtin: string, lot: string): string {
  return joinElements([{ ai: '01', value: gtin }, { ai: '10', value: lot }]);
}

function identify(id: string): Identity {
  const parsed = identifierElements(id);
  if (!parsed.ok) return { key: id, level: 'instance' };
  const elements = parsed.elements;
  const gtin = elements.find((e) => e.ai === '01')?.value;
  const serial = elements.some((e) => e.ai === '21');
  const lot = elements.find((e) => e.ai === '10')?.value;
  if (gtin !== undefined && serial) {
    if (lot !== undefined) return { key: joinElements(elements.filter((e) => e.ai !== '10')), level: 'instance', gtin, lotKey: lotKeyOf(gtin, lot) };
    return { key: identifierKey(id), level: 'instance', gtin };
  }
  const level: NodeLevel = gtin !== undefined && !elements.some((e) => e.ai === '235') ? 'class' : 'instance';
  return { key: identifierKey(id), level };
}

/** The key under which a trace graph holds an identifier (URN or Digital Link). */
export function traceNodeKey(id: string): string {
  if (typeof id !== 'string') throw new SuyuanError('INPUT_TYPE', 'An identifier is a string (an EPC URN or a GS1 Digital Link URI).', { expected: 'string' });
  return identify(id).key;
}

// ---------------------------------------------------------------------------------------------
// Error declarations

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The EPCIS fields of a record that an error declaration repeats: all but recordTime, the declaration and Suyuan's own. */
function declaredContent(record: TraceRecord): string {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'recordTime' || key === 'errorDeclaration' || key.startsWith('suyuan:')) continue;
    fields[key] = value;
  }
  return canonical(fields);
}

function findErroneous(records: readonly TraceRecord[]): ErroneousRecord[] {
  const declarations = records.flatMap((record, index) => (record.errorDeclaration ? [index] : []));
  if (declarations.length === 0) return [];
  const byEventId = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (record.eventID === undefined) return;
    const list = byEventId.get(record.eventID) ?? [];
    list.push(index);
    byEventId.set(record.eventID, list);
  });
  let contents: string[] | undefined;
  const found = new Map<number, ErroneousRecord>();
  for (const d of declarations) {
    const declaration = records[d]!;
    const error = declaration.errorDeclaration!;
    const correctiveEventIDs = error.correctiveEventIDs ?? [];
    const correctiveRecords = correctiveEventIDs.flatMap((eventID) => (byEventId.get(eventID) ?? []).filter((i) => !records[i]!.errorDeclaration));
    const entry = (record: number): ErroneousRecord => ({
      record,
      declaration: d,
      ...(error.reason !== undefined ? { reason: error.reason } : {}),
      correctiveEventIDs,
      correctiveRecords,
    });
    if (!found.has(d)) found.set(d, entry(d));
    let declared: number[];
    if (declaration.eventID !== undefined) {
      declared = byEventId.get(declaration.eventID) ?? [];
    } else {
      contents ??= records.map(declaredContent);
      const content = contents[d]!;
      declared = contents.flatMap((c, i) => (c === content ? [i] : []));
    }
    for (const i of declared) if (!records[i]!.errorDeclaration && !found.has(i)) found.set(i, entry(i));
  }
  return [...found.values()].sort((a, b) => a.record - b.record);
}

// ---------------------------------------------------------------------------------------------
// Building

const LOT_NUMBER_PROPERTIES = ['cbvmda:lotNumber', 'urn:epcglobal:cbv:mda:lotNumber', 'urn:epcglobal:cbv:mda#lotNumber'];

function ilmdLot(ilmd: Record<string, unknown> | undefined): string | undefined {
  if (!ilmd) return undefined;
  for (const property of LOT_NUMBER_PROPERTIES) {
    const value = ilmd[property];
    // AI (10): up to 20 characters.
    if (typeof value === 'string' && value.length > 0 && value.length <= 20) return value;
  }
  return undefined;
}

interface MutableNode {
  key: string;
  ids: string[];
  level: NodeLevel;
  mentions: RecordMention[];
  containers: Containment[];
  contents: Containment[];
  lots: LotMembership[];
  members: LotMembership[];
  producedBy: number[];
  consumedBy: number[];
}

interface MutableTransformation {
  id: string;
  records: number[];
  inputs: TransformationPart[];
  outputs: TransformationPart[];
}

interface OpenContainment {
  link: Containment['link'];
  parent: string;
  child: string;
  from: number;
  opened: number;
  /** Opening order, so that children opened by one record keep the record's order. */
  sequence: number;
}

const quantityClasses = (list: readonly QuantityElement[] | undefined): string[] => (list ?? []).map((q) => q.epcClass);

/** Indexes records for `traceBackward` and `traceForward`. */
export function buildTraceGraph(records: readonly TraceRecord[]): TraceGraph {
  if (!Array.isArray(records)) throw new SuyuanError('INPUT_TYPE', 'buildTraceGraph takes an array of trace records.', { expected: 'array' });
  const eventTimes = records.map((record, index) => {
    const time = typeof record === 'object' && record !== null && typeof record.eventTime === 'string' ? Date.parse(record.eventTime) : Number.NaN;
    if (Number.isNaN(time)) {
      throw new SuyuanError('RECORD_INVALID', `Record ${index} has no valid eventTime; records are validated with parseRecord first.`, {
        path: `[${index}].eventTime`,
        expected: 'an ISO 8601 date-time with a time zone',
      });
    }
    return time;
  });
  const erroneous = findErroneous(records);
  const excluded = new Set(erroneous.map((e) => e.record));
  const order = records.map((_, i) => i).filter((i) => !excluded.has(i)).sort((a, b) => eventTimes[a]! - eventTimes[b]! || a - b);

  const identities = new Map<string, Identity>();
  const identityOf = (id: string): Identity => {
    let identity = identities.get(id);
    if (!identity) identities.set(id, (identity = identify(id)));
    return identity;
  };
  const nodes = new Map<string, MutableNode>();
  const nodeFor = (key: string, level: NodeLevel): MutableNode => {
    let node = nodes.get(key);
    if (!node) {
      node = { key, ids: [], level, mentions: [], containers: [], contents: [], lots: [], members: [], producedBy: [], consumedBy: [] };
      nodes.set(key, node);
    }
    return node;
  };
  const joinLot = (lot: string, instance: string, time: number, record: number): void => {
    const membership = { lot, instance, time, record };
    nodeFor(lot, 'class').members.push(membership);
    nodeFor(instance, 'instance').lots.push(membership);
  };
  /** Notes that record `index` names `id` as `role`, and returns the node's key. */
  const mention = (id: string, role: MentionRole, index: number, time: number): string => {
    const identity = identityOf(id);
    const node = nodeFor(identity.key, identity.level);
    if (!node.ids.includes(id)) node.ids.push(id);
    const last = node.mentions[node.mentions.length - 1];
    if (!(last && last.record === index && last.role === role)) node.mentions.push({ record: index, role, time });
    if (identity.lotKey !== undefined) joinLot(identity.lotKey, identity.key, time, index);
    return identity.key;
  };
  const lotMembers = (ids: readonly string[], lot: string | undefined, index: number, time: number): void => {
    if (lot === undefined) return;
    for (const id of ids) {
      const identity = identityOf(id);
      if (identity.gtin !== undefined) joinLot(lotKeyOf(identity.gtin, lot), identity.key, time, index);
    }
  };

  // Containment: open intervals, indexed by parent and by child.
  const open = new Map<string, OpenContainment>();
  const openByParent = new Map<string, Set<string>>();
  const openByChild = new Map<string, Set<string>>();
  const openingOrder = new Map<Containment, number>();
  let openings = 0;
  const containmentKey = (link: string, parent: string, child: string): string => `${link}\u0000${parent}\u0000${child}`;
  const index = (map: Map<string, Set<string>>, key: string): Set<string> => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  };
  const finish = (entry: OpenContainment, until: number, closed?: number): void => {
    const k = containmentKey(entry.link, entry.parent, entry.child);
    open.delete(k);
    openByParent.get(`${entry.link}\u0000${entry.parent}`)?.delete(k);
    openByChild.get(`${entry.link}\u0000${entry.child}`)?.delete(k);
    const containment: Containment = { link: entry.link, parent: entry.parent, child: entry.child, from: entry.from, until, opened: entry.opened, ...(closed !== undefined ? { closed } : {}) };
    openingOrder.set(containment, entry.sequence);
    nodes.get(entry.child)!.containers.push(containment);
    nodes.get(entry.parent)!.contents.push(containment);
  };
  const begin = (link: Containment['link'], parent: string, child: string, time: number, record: number): void => {
    if (parent === child) return;
    const k = containmentKey(link, parent, child);
    if (open.has(k)) return;
    if (link === 'aggregation' && nodes.get(child)!.level === 'instance') {
      // An object is packed in one place at a time: a new parent ends the previous one. (A quantity
      // of a class is in many containers at once.)
      for (const other of [...(openByChild.get(`${link}\u0000${child}`) ?? [])]) finish(open.get(other)!, time, record);
    }
    open.set(k, { link, parent, child, from: time, opened: record, sequence: openings++ });
    index(openByParent, `${link}\u0000${parent}`).add(k);
    index(openByChild, `${link}\u0000${child}`).add(k);
  };
  const end = (link: Containment['link'], parent: string, children: readonly string[] | undefined, time: number, record: number): void => {
    const keys = children === undefined ? [...(openByParent.get(`${link}\u0000${parent}`) ?? [])] : children.map((child) => containmentKey(link, parent, child));
    for (const k of keys) {
      const entry = open.get(k);
      if (entry) finish(entry, time, record);
    }
  };
  const relate = (
    link: Containment['link'],
    event: { action: 'ADD' | 'OBSERVE' | 'DELETE'; parentID?: string | undefined; childEPCs?: string[] | undefined; childQuantityList?: QuantityElement[] | undefined },
    i: number,
    time: number,
  ): void => {
    const parent = event.parentID === undefined ? undefined : mention(event.parentID, 'parent', i, time);
    const children = [...(event.childEPCs ?? []), ...quantityClasses(event.childQuantityList)].map((id) => mention(id, 'child', i, time));
    if (parent === undefined) return;
    if (event.action === 'DELETE') end(link, parent, children.length > 0 ? children : undefined, time, i);
    else for (const child of children) begin(link, parent, child, time, i);
  };

  const transformations = new Map<string, MutableTransformation>();

  for (const i of order) {
    const record = records[i]!;
    const time = eventTimes[i]!;
    switch (record.type) {
      case 'ObjectEvent': {
        const epcs = record.epcList ?? [];
        for (const id of [...epcs, ...quantityClasses(record.quantityList)]) mention(id, 'object', i, time);
        lotMembers(epcs, ilmdLot(record.ilmd), i, time);
        break;
      }
      case 'TransactionEvent':
        if (record.parentID !== undefined) mention(record.parentID, 'parent', i, time);
        for (const id of [...(record.epcList ?? []), ...quantityClasses(record.quantityList)]) mention(id, 'object', i, time);
        break;
      case 'AggregationEvent':
        relate('aggregation', record, i, time);
        break;
      case 'AssociationEvent':
        relate('association', record, i, time);
        break;
      case 'TransformationEvent': {
        const id = record.transformationID ?? `record:${i}`;
        let transformation = transformations.get(id);
        if (!transformation) transformations.set(id, (transformation = { id, records: [], inputs: [], outputs: [] }));
        transformation.records.push(i);
        for (const input of [...(record.inputEPCList ?? []), ...quantityClasses(record.inputQuantityList)]) {
          transformation.inputs.push({ node: mention(input, 'input', i, time), record: i, time });
        }
        const outputEpcs = record.outputEPCList ?? [];
        for (const output of [...outputEpcs, ...quantityClasses(record.outputQuantityList)]) {
          transformation.outputs.push({ node: mention(output, 'output', i, time), record: i, time });
        }
        lotMembers(outputEpcs, ilmdLot(record.ilmd), i, time);
        break;
      }
    }
  }
  for (const entry of [...open.values()]) finish(entry, Number.POSITIVE_INFINITY);

  const transformationList = [...transformations.values()];
  transformationList.forEach((transformation, t) => {
    for (const input of transformation.inputs) {
      const node = nodes.get(input.node)!;
      if (!node.consumedBy.includes(t)) node.consumedBy.push(t);
    }
    for (const output of transformation.outputs) {
      const node = nodes.get(output.node)!;
      if (!node.producedBy.includes(t)) node.producedBy.push(t);
    }
  });
  const byTime = (a: Containment, b: Containment): number => a.from - b.from || openingOrder.get(a)! - openingOrder.get(b)!;
  const byMembershipTime = (a: LotMembership, b: LotMembership): number => a.time - b.time || a.record - b.record;
  for (const node of nodes.values()) {
    node.containers.sort(byTime);
    node.contents.sort(byTime);
    node.lots.sort(byMembershipTime);
    node.members.sort(byMembershipTime);
  }

  const partyAliases = new Map<string, string>();
  for (const i of order) {
    for (const party of records[i]!['suyuan:parties'] ?? []) {
      if (party.uscc !== undefined && party.gln !== undefined && !partyAliases.has(`gln:${party.gln}`)) partyAliases.set(`gln:${party.gln}`, `uscc:${party.uscc}`);
    }
  }

  return { records, eventTimes, nodes, transformations: transformationList, erroneous, partyAliases };
}

// ---------------------------------------------------------------------------------------------
// Tracing

interface Visit {
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
  /** May go from a container down to its contents (not after going up). */
  readonly descend: boolean;
  readonly depth: number;
}

const within = (time: number, lo: number, hi: number): boolean => time >= lo && time <= hi;

function checkGraph(graph: TraceGraph, id: string): void {
  if (typeof graph !== 'object' || graph === null || !(graph.nodes instanceof Map) || !Array.isArray(graph.transformations)) {
    throw new SuyuanError('INPUT_TYPE', 'A trace takes the graph buildTraceGraph returns.', { expected: 'TraceGraph' });
  }
  if (typeof id !== 'string') throw new SuyuanError('INPUT_TYPE', 'An identifier is a string (an EPC URN or a GS1 Digital Link URI).', { expected: 'string' });
}

function trace(graph: TraceGraph, id: string, direction: TraceDirection): TraceResult {
  checkGraph(graph, id);
  const startIdentity = identify(id);
  const steps = new Map<string, TraceStep>();
  const visits = new Map<string, Visit[]>();
  const queue: Visit[] = [];
  const involved = new Set<number>();

  const reach = (key: string, lo: number, hi: number, descend: boolean, depth: number, step: Omit<TraceStep, 'key' | 'id' | 'level' | 'depth'>): void => {
    if (lo > hi) return;
    if (!steps.has(key)) {
      const node = graph.nodes.get(key);
      const written = key === startIdentity.key ? id : (node?.ids[0] ?? key);
      steps.set(key, { key, id: written, level: node?.level ?? startIdentity.level, ...step, depth });
    }
    const earlier = visits.get(key) ?? [];
    if (earlier.some((v) => v.lo <= lo && hi <= v.hi && (v.descend || !descend))) return;
    const visit = { key, lo, hi, descend, depth };
    earlier.push(visit);
    visits.set(key, earlier);
    queue.push(visit);
  };

  reach(startIdentity.key, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, true, 0, { how: 'self', role: 'start' });
  for (let q = 0; q < queue.length; q++) {
    const { key, lo, hi, descend, depth } = queue[q]!;
    const node = graph.nodes.get(key);
    if (!node) continue;
    const next = depth + 1;
    for (const m of node.mentions) if (within(m.time, lo, hi)) involved.add(m.record);

    // Up: the containers, while it was inside.
    for (const c of node.containers) {
      const from = Math.max(c.from, lo);
      const until = Math.min(c.until, hi);
      if (from <= until) reach(c.parent, from, until, false, next, { how: c.link, role: 'container', from: key, record: c.opened });
    }
    // Down: the contents — backward, their history up to being packed; forward, their future from being unpacked.
    if (descend) {
      for (const c of node.contents) {
        const from = Math.max(c.from, lo);
        const until = Math.min(c.until, hi);
        if (from > until) continue;
        if (direction === 'backward') reach(c.child, Number.NEGATIVE_INFINITY, from, true, next, { how: c.link, role: 'content', from: key, record: c.opened });
        else if (until !== Number.POSITIVE_INFINITY) reach(c.child, until, Number.POSITIVE_INFINITY, true, next, { how: c.link, role: 'content', from: key, record: c.closed ?? c.opened });
      }
    }

    if (direction === 'backward') {
      for (const t of node.producedBy) {
        const transformation = graph.transformations[t]!;
        if (!transformation.outputs.some((o) => o.node === key && within(o.time, lo, hi))) continue;
        for (const input of transformation.inputs) {
          reach(input.node, Number.NEGATIVE_INFINITY, input.time, true, next, { how: 'transformation', role: 'input', from: key, record: input.record });
        }
      }
      for (const m of node.lots) {
        if (within(m.time, lo, hi)) reach(m.lot, Number.NEGATIVE_INFINITY, m.time, true, next, { how: 'lot', role: 'lot', from: key, record: m.record });
      }
    } else {
      for (const t of node.consumedBy) {
        const transformation = graph.transformations[t]!;
        if (!transformation.inputs.some((input) => input.node === key && within(input.time, lo, hi))) continue;
        for (const output of transformation.outputs) {
          reach(output.node, output.time, Number.POSITIVE_INFINITY, true, next, { how: 'transformation', role: 'output', from: key, record: output.record });
        }
      }
      for (const m of node.members) {
        if (within(m.time, lo, hi)) reach(m.instance, m.time, Number.POSITIVE_INFINITY, true, next, { how: 'lot', role: 'lot-member', from: key, record: m.record });
      }
    }
  }

  const ordered = [...involved].sort((a, b) => graph.eventTimes[a]! - graph.eventTimes[b]! || a - b);
  return {
    direction,
    start: startIdentity.key,
    steps: [...steps.values()],
    records: ordered.map((index) => {
      const record = graph.records[index]!;
      return { index, ...(record.eventID !== undefined ? { eventID: record.eventID } : {}), eventTime: record.eventTime, record };
    }),
    ...partiesAndLocations(graph, ordered),
  };
}

const SDT_PREFIX = 'https://ref.gs1.org/cbv/SDT-';

function sourceDestinationType(type: string): string {
  return type.startsWith(SDT_PREFIX) ? type.slice(SDT_PREFIX.length) : type;
}

function partyIdOf(uri: string, aliases: ReadonlyMap<string, string>): string {
  const parsed = identifierElements(uri);
  const gln = parsed.ok ? (parsed.elements.find((e) => e.ai === '417') ?? (parsed.elements.length === 1 ? parsed.elements.find((e) => e.ai === '414') : undefined)) : undefined;
  if (gln === undefined) return uri;
  const id = `gln:${gln.value}`;
  return aliases.get(id) ?? id;
}

function partiesAndLocations(graph: TraceGraph, ordered: readonly number[]): { parties: TracedParty[]; locations: TracedLocation[] } {
  const parties = new Map<string, { id: string; names: string[]; roles: Party['role'][]; records: number[] }>();
  const locations = new Map<string, { key: string; id: string; records: number[] }>();
  const addParty = (id: string, index: number, name?: string, role?: Party['role']): void => {
    let party = parties.get(id);
    if (!party) parties.set(id, (party = { id, names: [], roles: [], records: [] }));
    if (name !== undefined && !party.names.includes(name)) party.names.push(name);
    if (role !== undefined && !party.roles.includes(role)) party.roles.push(role);
    if (party.records[party.records.length - 1] !== index) party.records.push(index);
  };
  const addLocation = (id: string, index: number): void => {
    const key = identifierKey(id);
    let location = locations.get(key);
    if (!location) locations.set(key, (location = { key, id, records: [] }));
    if (location.records[location.records.length - 1] !== index) location.records.push(index);
  };
  for (const index of ordered) {
    const record = graph.records[index]!;
    for (const party of record['suyuan:parties'] ?? []) {
      const id = party.uscc !== undefined ? `uscc:${party.uscc}` : (graph.partyAliases.get(`gln:${party.gln}`) ?? `gln:${party.gln}`);
      addParty(id, index, party.name, party.role);
    }
    if (record.readPoint) addLocation(record.readPoint.id, index);
    if (record.bizLocation) addLocation(record.bizLocation.id, index);
    const ends = [...(record.sourceList ?? []).map((s) => ({ type: s.type, uri: s.source })), ...(record.destinationList ?? []).map((d) => ({ type: d.type, uri: d.destination }))];
    for (const { type, uri } of ends) {
      const kind = sourceDestinationType(type);
      if (kind === 'location') addLocation(uri, index);
      else if (kind === 'owning_party' || kind === 'possessing_party') addParty(partyIdOf(uri, graph.partyAliases), index);
    }
  }
  return { parties: [...parties.values()], locations: [...locations.values()] };
}

/**
 * Everything `id` came from: its own records, the containers it was in (while it was inside) and
 * their records, its contents up to when they were packed, the inputs of the transformations that
 * made it and the lots it belongs to, back to the source records. `id` is an EPC URN or a GS1 Digital
 * Link URI; an identifier no record names gives a result with only itself and no records.
 */
export function traceBackward(graph: TraceGraph, id: string): TraceResult {
  return trace(graph, id, 'backward');
}

/**
 * Everywhere `id` went: its own records, the containers it was packed into (while it was inside) and
 * where they went, its contents from when they were unpacked, the outputs of the transformations it
 * went into and the instances of a lot, with the parties and locations of every record on the way.
 */
export function traceForward(graph: TraceGraph, id: string): TraceResult {
  return trace(graph, id, 'forward');
}
