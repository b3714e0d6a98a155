import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter } from '../codes/schemes/cn-uscc.js';
import { gs1CheckDigit, isValidGln, isValidGtin, isValidSscc } from '../gs1/check-digit.js';
import { expectSuyuanError } from '../test-support.js';
import { parseRecord, type TraceRecord } from './record.js';
import { buildTraceGraph, traceBackward, traceForward, traceNodeKey, type TraceResult, type TraceStep } from './trace-graph.js';

// ---------------------------------------------------------------------------------------------
// Identifiers with computed check digits

const withCheck = (body: string): string => body + gs1CheckDigit(body);
/** GTIN-14 from a Company Prefix and an item reference whose first digit is the indicator. */
const gtin = (gcp: string, itemRef: string): string => withCheck(itemRef[0]! + gcp + itemRef.slice(1));
const gln = (gcp: string, ref: string): string => withCheck(gcp + ref);
const sscc = (gcp: string, ref: string): string => withCheck(ref[0]! + gcp + ref.slice(1));
const uscc = (body: string): string => body + usccCheckCharacter(body);

const sgtinUrn = (gcp: string, itemRef: string, serial: string): string => `urn:epc:id:sgtin:${gcp}.${itemRef}.${serial}`;
const sgtinLink = (gcp: string, itemRef: string, serial: string, lot?: string): string =>
  `https://id.gs1.org/01/${gtin(gcp, itemRef)}${lot === undefined ? '' : `/10/${lot}`}/21/${serial}`;
const lgtinUrn = (gcp: string, itemRef: string, lot: string): string => `urn:epc:class:lgtin:${gcp}.${itemRef}.${lot}`;
const lgtinLink = (gcp: string, itemRef: string, lot: string): string => `https://id.gs1.org/01/${gtin(gcp, itemRef)}/10/${lot}`;
const ssccUrn = (gcp: string, ref: string): string => `urn:epc:id:sscc:${gcp}.${ref}`;
const ssccLink = (gcp: string, ref: string): string => `https://id.gs1.org/00/${sscc(gcp, ref)}`;
const sglnUrn = (gcp: string, ref: string, extension = '0'): string => `urn:epc:id:sgln:${gcp}.${ref}.${extension}`;
const pglnUrn = (gcp: string, ref: string): string => `urn:epc:id:pgln:${gcp}.${ref}`;

const k = traceNodeKey;

// ---------------------------------------------------------------------------------------------
// Fixtures: every record goes through parseRecord

type Json = Record<string, unknown>;
const at = (date: string, time: string): string => `2026-${date}T${time}:00.000+08:00`;
let eventCounter = 0;
const eventId = (): string => `urn:uuid:6f1c2a00-0000-4000-8000-${String(++eventCounter).padStart(12, '0')}`;

/** Named records, validated; `i(name)` is a record's index. */
function chain(entries: readonly (readonly [string, Json])[]): { records: TraceRecord[]; i: (name: string) => number } {
  const records = entries.map(([name, json]) => {
    try {
      return parseRecord({ eventTimeZoneOffset: '+08:00', ...json });
    } catch (error) {
      throw new Error(`fixture ${name}: ${(error as Error).message}`);
    }
  });
  const names = new Map(entries.map(([name], index) => [name, index]));
  return {
    records,
    i: (name) => {
      const index = names.get(name);
      if (index === undefined) throw new Error(`no fixture ${name}`);
      return index;
    },
  };
}

const kg = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: 'KGM' });
const owner = (source: string) => ({ type: 'owning_party', source });
const ownerTo = (destination: string) => ({ type: 'owning_party', destination });
const placeFrom = (source: string) => ({ type: 'location', source });
const placeTo = (destination: string) => ({ type: 'location', destination });

const stepsOf = (result: TraceResult): Omit<TraceStep, 'id' | 'level' | 'depth'>[] =>
  result.steps.map(({ key, how, role, from, record }) => ({ key, how, role, ...(from !== undefined ? { from } : {}), ...(record !== undefined ? { record } : {}) }));
const indexes = (result: TraceResult): number[] => result.records.map((r) => r.index);

// ---------------------------------------------------------------------------------------------
// Lychee: harvest → gift boxes → pallet → ship → receive → unpack → retail sale

const FARM1 = '6901234'; // 高州 lychee cooperative
const FARM2 = '6901235'; // a neighbouring cooperative
const PACKER = '6905678';
const RETAILER = '6909876';

const lychee = {
  farm1: { uscc: uscc('93440981MA4W1LC0X'), gln: gln(FARM1, '00000'), name: '高州市根子镇荔枝专业合作社', role: 'grower' },
  farm2: { uscc: uscc('93440981MA4W2GK6N'), name: '高州市分界镇荔枝专业合作社', role: 'grower' },
  packer: { uscc: uscc('91440900MA51PKH08'), gln: gln(PACKER, '00000'), name: '茂名果品包装有限公司', role: 'packer' },
  carrier: { uscc: '91350100M000100Y43', name: '福建冷链物流有限公司', role: 'carrier' },
  retailer: { uscc: uscc('91440300MA5FRT0D2'), gln: gln(RETAILER, '00000'), name: '深圳鲜果超市有限公司', role: 'retailer' },
  L1: lgtinUrn(FARM1, '000011', 'GZ260612A'),
  L2: lgtinUrn(FARM2, '000011', 'GZ260612B'),
  B1: sgtinUrn(PACKER, '000026', 'B0001'),
  B2: sgtinUrn(PACKER, '000026', 'B0002'),
  B3: sgtinUrn(PACKER, '000026', 'B0003'),
  P1: ssccUrn(PACKER, '0000000001'),
  orchard1: sglnUrn(FARM1, '00001'),
  orchard2: sglnUrn(FARM2, '00001'),
  packhouse: sglnUrn(PACKER, '00001'),
  store: sglnUrn(RETAILER, '00001'),
  dock: sglnUrn(RETAILER, '00001', '1'),
  storeW: sglnUrn(RETAILER, '00002'),
  shipId: eventId(),
};

const harvest = (lot: string, place: string, party: object, time: string): Json => ({
  type: 'ObjectEvent', eventID: eventId(), eventTime: time, action: 'ADD', bizStep: 'commissioning', disposition: 'active',
  quantityList: [kg(lot, 800)], readPoint: { id: place }, bizLocation: { id: place },
  'suyuan:category': 'edible-agricultural', 'suyuan:productKind': 'lychee', 'suyuan:parties': [party],
});
const packBox = (box: string, lot: string, time: string, extra: Json = {}): Json => ({
  type: 'AggregationEvent', eventID: eventId(), eventTime: time, action: 'ADD', bizStep: 'packing', parentID: box,
  childQuantityList: [kg(lot, 5)], bizLocation: { id: lychee.packhouse }, 'suyuan:parties': [lychee.packer], ...extra,
});
const shipPallet = (eventID: string, storeId: string, time: string): Json => ({
  type: 'ObjectEvent', eventID, eventTime: time, action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit',
  epcList: [lychee.P1], readPoint: { id: lychee.packhouse },
  bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:epcglobal:cbv:bt:${gln(PACKER, '00000')}:DA2606120001` }],
  sourceList: [owner(pglnUrn(PACKER, '00000')), placeFrom(lychee.packhouse)],
  destinationList: [ownerTo(pglnUrn(RETAILER, '00000')), placeTo(storeId)],
  'suyuan:parties': [lychee.packer, lychee.carrier],
});
const sell = (box: string, time: string): Json => ({
  type: 'ObjectEvent', eventID: eventId(), eventTime: time, action: 'OBSERVE', bizStep: 'retail_selling', disposition: 'retail_sold',
  epcList: [box], bizLocation: { id: lychee.store }, 'suyuan:parties': [lychee.retailer],
});

const lycheeEntries: (readonly [string, Json])[] = [
  ['harvestL1', harvest(lychee.L1, lychee.orchard1, lychee.farm1, at('06-12', '06:00'))],
  ['harvestL2', harvest(lychee.L2, lychee.orchard2, lychee.farm2, at('06-12', '06:30'))],
  ['packB1', packBox(lychee.B1, lychee.L1, at('06-12', '10:00'), { sourceList: [owner(pglnUrn(FARM1, '00000'))] })],
  ['packB2', packBox(lychee.B2, lychee.L1, at('06-12', '10:05'))],
  ['packB3', packBox(lychee.B3, lychee.L2, at('06-12', '10:10'))],
  ['palletise', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-12', '11:00'), action: 'ADD', bizStep: 'packing', parentID: lychee.P1,
    childEPCs: [lychee.B1, sgtinLink(PACKER, '000026', 'B0002'), lychee.B3], bizLocation: { id: lychee.packhouse }, 'suyuan:parties': [lychee.packer],
  }],
  ['ship', shipPallet(lychee.shipId, lychee.store, at('06-12', '14:00'))],
  ['receive', {
    type: 'ObjectEvent', eventID: eventId(), eventTime: at('06-13', '06:00'), action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress',
    epcList: [ssccLink(PACKER, '0000000001')], readPoint: { id: lychee.dock }, bizLocation: { id: lychee.store }, 'suyuan:parties': [lychee.retailer],
  }],
  ['unpack', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-13', '07:00'), action: 'DELETE', bizStep: 'unpacking', parentID: lychee.P1,
    childEPCs: [lychee.B1, lychee.B2, lychee.B3], bizLocation: { id: lychee.store }, 'suyuan:parties': [lychee.retailer],
  }],
  ['sellB1', sell(lychee.B1, at('06-13', '15:30'))],
  ['sellB3', sell(lychee.B3, at('06-13', '16:00'))],
];

describe('fixtures', () => {
  it('use valid GS1 keys and unified social credit codes', () => {
    expect(uscc('91350100M000100Y4')).toBe('91350100M000100Y43');
    for (const party of [lychee.farm1, lychee.farm2, lychee.packer, lychee.carrier, lychee.retailer, ...Object.values(dairyParties())]) {
      expect(isValidUscc(party.uscc), party.name).toBe(true);
      if ('gln' in party) expect(isValidGln(party.gln as string)).toBe(true);
    }
    expect(isValidGtin(gtin(PACKER, '000026'))).toBe(true);
    expect(isValidSscc(sscc(PACKER, '0000000001'))).toBe(true);
    // Hand-computed anchor: 0 6954321 12345 → check digit 7.
    expect(gtin('6954321', '012345')).toBe('06954321123457');
    expect(k(sgtinUrn('6954321', '012345', 'R0001'))).toBe('(01)06954321123457(21)R0001');
  });
});

describe('lychee: harvest → boxes → pallet → ship → receive → unpack → retail sale', () => {
  const { records, i } = chain(lycheeEntries);
  const graph = buildTraceGraph(records);

  it('indexes the box intervals on the pallet, ended by the unpacking', () => {
    expect(graph.nodes.get(k(lychee.B2))!.ids).toEqual([lychee.B2, sgtinLink(PACKER, '000026', 'B0002')]);
    expect(graph.nodes.get(k(lychee.P1))!.contents.map((c) => [c.child, c.opened, c.closed, c.until])).toEqual([
      [k(lychee.B1), i('palletise'), i('unpack'), Date.parse(at('06-13', '07:00'))],
      [k(lychee.B2), i('palletise'), i('unpack'), Date.parse(at('06-13', '07:00'))],
      [k(lychee.B3), i('palletise'), i('unpack'), Date.parse(at('06-13', '07:00'))],
    ]);
    expect(graph.nodes.get(k(lychee.L1))!.containers.map((c) => [c.parent, c.until])).toEqual([
      [k(lychee.B1), Number.POSITIVE_INFINITY],
      [k(lychee.B2), Number.POSITIVE_INFINITY],
    ]);
    expect(graph.nodes.get(k(lychee.L1))!.level).toBe('class');
    expect(graph.nodes.get(k(lychee.B1))!.level).toBe('instance');
  });

  it('traces a sold box backward to its orchard, through the pallet, without the other lot on the pallet', () => {
    const result = traceBackward(graph, sgtinLink(PACKER, '000026', 'B0001'));
    expect(result.direction).toBe('backward');
    expect(result.start).toBe(k(lychee.B1));
    expect(stepsOf(result)).toEqual([
      { key: k(lychee.B1), how: 'self', role: 'start' },
      { key: k(lychee.P1), how: 'aggregation', role: 'container', from: k(lychee.B1), record: i('palletise') },
      { key: k(lychee.L1), how: 'aggregation', role: 'content', from: k(lychee.B1), record: i('packB1') },
    ]);
    expect(result.steps[0]!.id).toBe(sgtinLink(PACKER, '000026', 'B0001'));
    expect(result.steps.map((s) => s.depth)).toEqual([0, 1, 1]);
    expect(indexes(result)).toEqual(['harvestL1', 'packB1', 'palletise', 'ship', 'receive', 'unpack', 'sellB1'].map(i));
    expect(result.records.find((r) => r.index === i('ship'))!.eventID).toBe(lychee.shipId);
    expect(result.parties.map((p) => [p.id, p.roles, p.records])).toEqual([
      // The farm's PGLN in the packing record's sourceList is the farm named by USCC and GLN elsewhere.
      [`uscc:${lychee.farm1.uscc}`, ['grower'], ['harvestL1', 'packB1'].map(i)],
      [`uscc:${lychee.packer.uscc}`, ['packer'], ['packB1', 'palletise', 'ship'].map(i)],
      [`uscc:${lychee.carrier.uscc}`, ['carrier'], [i('ship')]],
      [`uscc:${lychee.retailer.uscc}`, ['retailer'], ['ship', 'receive', 'unpack', 'sellB1'].map(i)],
    ]);
    expect(result.parties[0]!.names).toEqual(['高州市根子镇荔枝专业合作社']);
    expect(result.locations.map((l) => [l.key, l.id, l.records])).toEqual([
      [k(lychee.orchard1), lychee.orchard1, [i('harvestL1')]],
      [k(lychee.packhouse), lychee.packhouse, ['packB1', 'palletise', 'ship'].map(i)],
      [k(lychee.store), lychee.store, ['ship', 'receive', 'unpack', 'sellB1'].map(i)],
      [k(lychee.dock), lychee.dock, [i('receive')]],
    ]);
  });

  it('traces a farm lot forward to the store and the sale, not to the neighbour’s box', () => {
    const result = traceForward(graph, lychee.L1);
    expect(stepsOf(result)).toEqual([
      { key: k(lychee.L1), how: 'self', role: 'start' },
      { key: k(lychee.B1), how: 'aggregation', role: 'container', from: k(lychee.L1), record: i('packB1') },
      { key: k(lychee.B2), how: 'aggregation', role: 'container', from: k(lychee.L1), record: i('packB2') },
      { key: k(lychee.P1), how: 'aggregation', role: 'container', from: k(lychee.B1), record: i('palletise') },
    ]);
    expect(indexes(result)).toEqual(['harvestL1', 'packB1', 'packB2', 'palletise', 'ship', 'receive', 'unpack', 'sellB1'].map(i));
    expect(result.locations.map((l) => l.key)).toEqual([k(lychee.orchard1), k(lychee.packhouse), k(lychee.store), k(lychee.dock)]);
  });

  it('traces the pallet forward to what was on it and where those boxes went after unpacking', () => {
    const result = traceForward(graph, lychee.P1);
    expect(stepsOf(result)).toEqual([
      { key: k(lychee.P1), how: 'self', role: 'start' },
      ...[lychee.B1, lychee.B2, lychee.B3].map((box) => ({ key: k(box), how: 'aggregation', role: 'content', from: k(lychee.P1), record: i('unpack') })),
    ]);
    expect(indexes(result)).toEqual(['palletise', 'ship', 'receive', 'unpack', 'sellB1', 'sellB3'].map(i));
  });

  it('traces the pallet backward to both orchards through the boxes', () => {
    const result = traceBackward(graph, ssccLink(PACKER, '0000000001'));
    expect(result.steps.map((s) => s.key)).toEqual([lychee.P1, lychee.B1, lychee.B2, lychee.B3, lychee.L1, lychee.L2].map(k));
    expect(result.steps.find((s) => s.key === k(lychee.L2))).toMatchObject({ how: 'aggregation', role: 'content', from: k(lychee.B3), record: i('packB3') });
    expect(indexes(result)).toEqual(['harvestL1', 'harvestL2', 'packB1', 'packB2', 'packB3', 'palletise', 'ship', 'receive', 'unpack'].map(i));
    expect(result.parties.map((p) => p.id)).toEqual([lychee.farm1, lychee.farm2, lychee.packer, lychee.carrier, lychee.retailer].map((p) => `uscc:${p.uscc}`));
  });

  it('orders records by event time, not input order', () => {
    const shuffled = [...records].reverse();
    const result = traceBackward(buildTraceGraph(shuffled), lychee.B1);
    const n = records.length - 1;
    expect(indexes(result)).toEqual(['harvestL1', 'packB1', 'palletise', 'ship', 'receive', 'unpack', 'sellB1'].map((name) => n - i(name)));
  });
});

// ---------------------------------------------------------------------------------------------
// Infant formula: raw-milk lots → formula lot → cans → cases → shops

const DAIRY = '6923450';
const SHOP_X = '6931111';
const SHOP_Y = '6931112';
const SHOP_Z = '6932222';

function dairyParties() {
  return {
    farmA: { uscc: uscc('91230100MA1B2C3D4'), name: '黑龙江北纬牧场有限公司', role: 'breeder' },
    farmB: { uscc: uscc('91230100MA1B2C3E5'), name: '哈尔滨松北奶牛养殖有限公司', role: 'breeder' },
    farmC: { uscc: uscc('91230100MA1B2C3F6'), name: '双城牧业有限公司', role: 'breeder' },
    carrier: { uscc: '91350100M000100Y43', name: '福建冷链物流有限公司', role: 'carrier' },
    dairy: { uscc: uscc('91230100MA1DAR0Y8'), gln: gln(DAIRY, '00000'), name: '北方乳业有限公司', role: 'manufacturer' },
    shopX: { uscc: uscc('91310000MA1KH0P01'), gln: gln(SHOP_X, '00000'), name: '上海母婴用品店', role: 'retailer' },
    shopY: { uscc: uscc('91320500MA1KH0P02'), gln: gln(SHOP_Y, '00000'), name: '苏州母婴用品店', role: 'retailer' },
    shopZ: { uscc: uscc('91330100MA2JD0W03'), gln: gln(SHOP_Z, '00000'), name: '杭州网店', role: 'retailer' },
  } as const;
}

const milk = {
  ...dairyParties(),
  A: lgtinUrn(DAIRY, '000019', 'RM0601A'),
  B: lgtinUrn(DAIRY, '000019', 'RM0601B'),
  C: lgtinUrn(DAIRY, '000019', 'RM0601C'),
  D: lgtinUrn(DAIRY, '000019', 'RM0606D'),
  F1: lgtinUrn(DAIRY, '000027', 'F20260602'),
  can1: sgtinUrn(DAIRY, '000027', 'C0001'),
  can1Link: sgtinLink(DAIRY, '000027', 'C0001'),
  can2: sgtinUrn(DAIRY, '000027', 'C0002'),
  can3: sgtinUrn(DAIRY, '000027', 'C0003'),
  can4: sgtinUrn(DAIRY, '000027', 'C0004'),
  case1: ssccUrn(DAIRY, '1000000001'),
  case2: ssccUrn(DAIRY, '1000000002'),
  tanker: `urn:epc:id:giai:${DAIRY}.TK01`,
  farmAAt: sglnUrn(DAIRY, '10001'),
  farmBAt: sglnUrn(DAIRY, '10002'),
  farmCAt: sglnUrn(DAIRY, '10003'),
  factory: sglnUrn(DAIRY, '00001'),
  shopXAt: sglnUrn(SHOP_X, '00001'),
  shopYAt: sglnUrn(SHOP_Y, '00001'),
  shopZAt: sglnUrn(SHOP_Z, '00001'),
  run1: 'urn:uuid:0b7e6f10-5a2c-4e8b-9d1f-2c3b4a5d6e7f',
};
const p = milk;

const collect = (lot: string, place: string, party: object, time: string): Json => ({
  type: 'ObjectEvent', eventID: eventId(), eventTime: time, action: 'ADD', bizStep: 'commissioning',
  quantityList: [kg(lot, 12000)], readPoint: { id: place }, bizLocation: { id: place },
  'suyuan:category': 'edible-agricultural', 'suyuan:productKind': 'raw-milk', 'suyuan:parties': [party],
});
const atFactory = { bizLocation: { id: p.factory }, 'suyuan:parties': [p.dairy] };
const shipTo = (epc: string, shopGcp: string, shopAt: string, time: string): Json => ({
  type: 'ObjectEvent', eventID: eventId(), eventTime: time, action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit',
  epcList: [epc], readPoint: { id: p.factory },
  sourceList: [owner(pglnUrn(DAIRY, '00000')), placeFrom(p.factory)],
  destinationList: [ownerTo(pglnUrn(shopGcp, '00000')), placeTo(shopAt)],
  'suyuan:parties': [p.dairy],
});
const receiveAt = (epc: string, shopAt: string, party: object, time: string): Json => ({
  type: 'ObjectEvent', eventID: eventId(), eventTime: time, action: 'OBSERVE', bizStep: 'receiving', disposition: 'sellable_not_accessible',
  epcList: [epc], bizLocation: { id: shopAt }, 'suyuan:parties': [party],
});

const milkEntries: (readonly [string, Json])[] = [
  ['collectA', collect(p.A, p.farmAAt, milk.farmA, at('06-01', '05:00'))],
  ['collectB', collect(p.B, p.farmBAt, milk.farmB, at('06-01', '05:30'))],
  ['collectC', collect(p.C, p.farmCAt, milk.farmC, at('06-01', '06:00'))],
  ['tankerLoad', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-01', '07:00'), action: 'ADD', bizStep: 'loading', parentID: p.tanker,
    childQuantityList: [kg(p.A, 12000), kg(p.B, 11000)], readPoint: { id: p.farmBAt }, 'suyuan:parties': [milk.carrier],
  }],
  ['tankerUnload', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-01', '11:00'), action: 'DELETE', bizStep: 'unloading', parentID: p.tanker,
    bizLocation: { id: p.factory }, 'suyuan:parties': [milk.carrier],
  }],
  ['dryInputs', {
    type: 'TransformationEvent', eventID: eventId(), eventTime: at('06-02', '08:00'), transformationID: p.run1,
    inputQuantityList: [kg(p.A, 12000), kg(p.B, 11000)], ...atFactory,
  }],
  ['dryOutputs', {
    type: 'TransformationEvent', eventID: eventId(), eventTime: at('06-02', '20:00'), transformationID: p.run1, bizStep: 'commissioning',
    outputQuantityList: [kg(p.F1, 3000)], ...atFactory, 'suyuan:category': 'food', 'suyuan:productKind': 'infant-formula',
  }],
  ['commissionCans', {
    type: 'ObjectEvent', eventID: eventId(), eventTime: at('06-03', '09:00'), action: 'ADD', bizStep: 'commissioning', disposition: 'active',
    epcList: [p.can1, p.can2, p.can3], ilmd: { 'cbvmda:lotNumber': 'F20260602', 'cbvmda:itemExpirationDate': '2028-06-01' }, ...atFactory,
  }],
  ['packCase1', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-03', '10:00'), action: 'ADD', bizStep: 'packing', parentID: p.case1,
    childEPCs: [p.can1, p.can2], ...atFactory,
  }],
  ['packCase2', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-03', '10:05'), action: 'ADD', bizStep: 'packing', parentID: p.case2,
    childEPCs: [p.can3], ...atFactory,
  }],
  ['shipCase1', shipTo(p.case1, SHOP_X, p.shopXAt, at('06-05', '08:00'))],
  ['shipCase2', shipTo(p.case2, SHOP_Y, p.shopYAt, at('06-05', '08:30'))],
  ['receiveCase1', receiveAt(p.case1, p.shopXAt, milk.shopX, at('06-05', '15:00'))],
  ['receiveCase2', receiveAt(p.case2, p.shopYAt, milk.shopY, at('06-05', '16:00'))],
  ['unpackCase1', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-05', '17:00'), action: 'DELETE', bizStep: 'unpacking', parentID: p.case1,
    bizLocation: { id: p.shopXAt }, 'suyuan:parties': [milk.shopX],
  }],
  ['sellCan1', {
    type: 'ObjectEvent', eventID: eventId(), eventTime: at('06-07', '10:00'), action: 'OBSERVE', bizStep: 'retail_selling', disposition: 'retail_sold',
    epcList: [p.can1Link], bizLocation: { id: p.shopXAt }, 'suyuan:parties': [milk.shopX],
  }],
  // A second run topping up the same lot number the next day, after cans 1–3 were made.
  ['topUp', {
    type: 'TransformationEvent', eventID: eventId(), eventTime: at('06-04', '08:00'),
    inputQuantityList: [kg(p.C, 9000)], outputQuantityList: [kg(p.F1, 1000)], ...atFactory,
  }],
  ['commissionCan4', {
    type: 'ObjectEvent', eventID: eventId(), eventTime: at('06-04', '10:00'), action: 'ADD', bizStep: 'commissioning',
    epcList: [p.can4], ilmd: { 'cbvmda:lotNumber': 'F20260602' }, ...atFactory,
  }],
  ['shipCan4', shipTo(p.can4, SHOP_Z, p.shopZAt, at('06-05', '09:00'))],
  ['receiveCan4', receiveAt(p.can4, p.shopZAt, milk.shopZ, at('06-05', '18:00'))],
  ['tankerNextTrip', {
    type: 'AggregationEvent', eventID: eventId(), eventTime: at('06-06', '06:00'), action: 'ADD', bizStep: 'loading', parentID: p.tanker,
    childQuantityList: [kg(p.D, 10000)], 'suyuan:parties': [milk.carrier],
  }],
];

describe('infant formula: milk lots → formula lot → cans → shops', () => {
  const { records, i } = chain(milkEntries);
  const graph = buildTraceGraph(records);

  it('joins events sharing a transformationID into one transformation', () => {
    expect(graph.transformations.map((t) => ({ id: t.id, records: t.records, inputs: t.inputs.map((x) => [x.node, x.record]), outputs: t.outputs.map((x) => [x.node, x.record]) }))).toEqual([
      { id: p.run1, records: ['dryInputs', 'dryOutputs'].map(i), inputs: [[k(p.A), i('dryInputs')], [k(p.B), i('dryInputs')]], outputs: [[k(p.F1), i('dryOutputs')]] },
      { id: `record:${i('topUp')}`, records: [i('topUp')], inputs: [[k(p.C), i('topUp')]], outputs: [[k(p.F1), i('topUp')]] },
    ]);
    expect(graph.nodes.get(k(p.F1))!.members.map((m) => [m.instance, m.record])).toEqual([
      [k(p.can1), i('commissionCans')],
      [k(p.can2), i('commissionCans')],
      [k(p.can3), i('commissionCans')],
      [k(p.can4), i('commissionCan4')],
    ]);
  });

  it('traces a retail can backward to the farms of its lot, not to the milk of a later run', () => {
    const result = traceBackward(graph, p.can1Link);
    expect(stepsOf(result)).toEqual([
      { key: k(p.can1), how: 'self', role: 'start' },
      { key: k(p.case1), how: 'aggregation', role: 'container', from: k(p.can1), record: i('packCase1') },
      { key: k(p.F1), how: 'lot', role: 'lot', from: k(p.can1), record: i('commissionCans') },
      { key: k(p.A), how: 'transformation', role: 'input', from: k(p.F1), record: i('dryInputs') },
      { key: k(p.B), how: 'transformation', role: 'input', from: k(p.F1), record: i('dryInputs') },
      { key: k(p.tanker), how: 'aggregation', role: 'container', from: k(p.A), record: i('tankerLoad') },
    ]);
    expect(indexes(result)).toEqual(
      ['collectA', 'collectB', 'tankerLoad', 'tankerUnload', 'dryInputs', 'dryOutputs', 'commissionCans', 'packCase1', 'shipCase1', 'receiveCase1', 'unpackCase1', 'sellCan1'].map(i),
    );
    expect(result.parties.map((x) => [x.id, x.records])).toEqual([
      [`uscc:${milk.farmA.uscc}`, [i('collectA')]],
      [`uscc:${milk.farmB.uscc}`, [i('collectB')]],
      [`uscc:${milk.carrier.uscc}`, ['tankerLoad', 'tankerUnload'].map(i)],
      [`uscc:${milk.dairy.uscc}`, ['dryInputs', 'dryOutputs', 'commissionCans', 'packCase1', 'shipCase1'].map(i)],
      [`uscc:${milk.shopX.uscc}`, ['shipCase1', 'receiveCase1', 'unpackCase1', 'sellCan1'].map(i)],
    ]);
    expect(result.locations.map((l) => [l.key, l.records])).toEqual([
      [k(p.farmAAt), [i('collectA')]],
      [k(p.farmBAt), ['collectB', 'tankerLoad'].map(i)],
      [k(p.factory), ['tankerUnload', 'dryInputs', 'dryOutputs', 'commissionCans', 'packCase1', 'shipCase1'].map(i)],
      [k(p.shopXAt), ['shipCase1', 'receiveCase1', 'unpackCase1', 'sellCan1'].map(i)],
    ]);
  });

  it('traces the formula lot itself backward to every run’s milk', () => {
    const result = traceBackward(graph, lgtinLink(DAIRY, '000027', 'F20260602'));
    expect(result.steps.map((s) => s.key)).toEqual([p.F1, p.A, p.B, p.C, p.tanker].map(k));
    expect(result.parties.map((x) => x.id)).toEqual([milk.farmA, milk.farmB, milk.farmC, milk.carrier, milk.dairy].map((x) => `uscc:${x.uscc}`));
  });

  it('traces a farm lot forward to every shop', () => {
    const result = traceForward(graph, p.A);
    expect(stepsOf(result)).toEqual([
      { key: k(p.A), how: 'self', role: 'start' },
      { key: k(p.tanker), how: 'aggregation', role: 'container', from: k(p.A), record: i('tankerLoad') },
      { key: k(p.F1), how: 'transformation', role: 'output', from: k(p.A), record: i('dryOutputs') },
      { key: k(p.can1), how: 'lot', role: 'lot-member', from: k(p.F1), record: i('commissionCans') },
      { key: k(p.can2), how: 'lot', role: 'lot-member', from: k(p.F1), record: i('commissionCans') },
      { key: k(p.can3), how: 'lot', role: 'lot-member', from: k(p.F1), record: i('commissionCans') },
      { key: k(p.can4), how: 'lot', role: 'lot-member', from: k(p.F1), record: i('commissionCan4') },
      { key: k(p.case1), how: 'aggregation', role: 'container', from: k(p.can1), record: i('packCase1') },
      { key: k(p.case2), how: 'aggregation', role: 'container', from: k(p.can3), record: i('packCase2') },
    ]);
    expect(indexes(result)).toEqual(
      [
        'collectA', 'tankerLoad', 'tankerUnload', 'dryInputs', 'dryOutputs', 'commissionCans', 'packCase1', 'packCase2', 'topUp', 'commissionCan4',
        'shipCase1', 'shipCase2', 'shipCan4', 'receiveCase1', 'receiveCase2', 'unpackCase1', 'receiveCan4', 'sellCan1',
      ].map(i),
    );
    expect(result.locations.map((l) => l.key)).toEqual([p.farmAAt, p.farmBAt, p.factory, p.shopXAt, p.shopYAt, p.shopZAt].map(k));
    expect(result.parties.map((x) => x.id)).toEqual([milk.farmA, milk.carrier, milk.dairy, milk.shopX, milk.shopY, milk.shopZ].map((x) => `uscc:${x.uscc}`));
  });

  it('reaches only what was made after the transformation: the top-up’s milk goes to can 4’s shop alone', () => {
    const result = traceForward(graph, p.C);
    expect(result.steps.map((s) => s.key)).toEqual([p.C, p.F1, p.can4].map(k));
    expect(indexes(result)).toEqual(['collectC', 'topUp', 'commissionCan4', 'shipCan4', 'receiveCan4'].map(i));
    expect(result.locations.map((l) => l.key)).toEqual([p.farmCAt, p.factory, p.shopZAt].map(k));
  });
});

// ---------------------------------------------------------------------------------------------
// Aggregation timing

const RICE = '6940001';
const rice = {
  I1: sgtinUrn(RICE, '000015', 'R1'),
  I2: sgtinUrn(RICE, '000015', 'R2'),
  I3: sgtinUrn(RICE, '000015', 'R3'),
  C: ssccUrn(RICE, '0000000011'),
  C2: ssccUrn(RICE, '0000000012'),
  D: ssccUrn(RICE, '0000000013'),
  mill: sglnUrn(RICE, '00001'),
};
const aggregate = (action: string, parentID: string, childEPCs: string[], time: string, extra: Json = {}): Json => ({
  type: 'AggregationEvent', eventTime: time, action, parentID, childEPCs, bizLocation: { id: rice.mill }, ...extra,
});
const observe = (epc: string, bizStep: string, time: string, extra: Json = {}): Json => ({
  type: 'ObjectEvent', eventTime: time, action: 'OBSERVE', bizStep, epcList: [epc], bizLocation: { id: rice.mill }, ...extra,
});
const wrongAdd = aggregate('ADD', rice.C2, [rice.I1], at('06-20', '14:00'));

// Given out of time order on purpose.
const timingEntries: (readonly [string, Json])[] = [
  ['shipC', observe(rice.C, 'shipping', at('06-20', '12:00'))],
  ['removeI1', aggregate('DELETE', rice.C, [rice.I1], at('06-20', '10:00'))],
  ['packC', aggregate('ADD', rice.C, [rice.I1, rice.I2, rice.I3], at('06-20', '09:00'))],
  ['moveI3', aggregate('ADD', rice.D, [rice.I3], at('06-20', '10:30'))],
  ['commissionC', { type: 'ObjectEvent', eventTime: at('06-20', '08:00'), action: 'ADD', bizStep: 'commissioning', epcList: [rice.C], bizLocation: { id: rice.mill } }],
  ['inspectI1', observe(rice.I1, 'inspecting', at('06-20', '13:00'))],
  ['wrongAdd', wrongAdd],
  ['declareWrongAdd', { ...wrongAdd, recordTime: at('06-21', '09:00'), errorDeclaration: { declarationTime: at('06-21', '09:00'), reason: 'did_not_occur' } }],
];

describe('aggregation timing', () => {
  const { records, i } = chain(timingEntries);
  const graph = buildTraceGraph(records);
  const T = (date: string, time: string) => Date.parse(at(date, time));

  it('keeps an interval per stay: DELETE ends it, an ADD into another parent ends it too', () => {
    expect(graph.nodes.get(k(rice.I3))!.containers.map((c) => [c.parent, c.from, c.until, c.opened, c.closed])).toEqual([
      [k(rice.C), T('06-20', '09:00'), T('06-20', '10:30'), i('packC'), i('moveI3')],
      [k(rice.D), T('06-20', '10:30'), Number.POSITIVE_INFINITY, i('moveI3'), undefined],
    ]);
    expect(graph.nodes.get(k(rice.I1))!.containers.map((c) => [c.parent, c.until, c.closed])).toEqual([[k(rice.C), T('06-20', '10:00'), i('removeI1')]]);
  });

  it('an item added then removed does not inherit the case’s earlier or later history', () => {
    for (const result of [traceForward(graph, rice.I1), traceBackward(graph, rice.I1)]) {
      expect(stepsOf(result)).toEqual([
        { key: k(rice.I1), how: 'self', role: 'start' },
        { key: k(rice.C), how: 'aggregation', role: 'container', from: k(rice.I1), record: i('packC') },
      ]);
      expect(indexes(result)).toEqual(['packC', 'removeI1', 'inspectI1'].map(i));
    }
  });

  it('an item still inside goes where the case goes', () => {
    expect(indexes(traceForward(graph, rice.I2))).toEqual(['packC', 'removeI1', 'shipC'].map(i));
  });

  it('an item moved to another case leaves the first one’s later history behind', () => {
    const result = traceForward(graph, rice.I3);
    expect(result.steps.map((s) => s.key)).toEqual([rice.I3, rice.C, rice.D].map(k));
    expect(indexes(result)).toEqual(['packC', 'removeI1', 'moveI3'].map(i));
  });

  it('the case backward reaches its contents only up to when they were packed', () => {
    const result = traceBackward(graph, rice.C);
    expect(result.steps.map((s) => [s.key, s.role])).toEqual([
      [k(rice.C), 'start'],
      [k(rice.I1), 'content'],
      [k(rice.I2), 'content'],
      [k(rice.I3), 'content'],
    ]);
    // I1's later inspection and I3's move into D are those items' later history, not the case's past.
    expect(indexes(result)).toEqual(['commissionC', 'packC', 'removeI1', 'shipC'].map(i));
  });
});

// ---------------------------------------------------------------------------------------------
// Error declarations

describe('error declarations', () => {
  it('leaves out a declared event and the declaration, and uses the corrective event', () => {
    const wrong = shipPallet(eventId(), lychee.storeW, at('06-12', '13:55'));
    const declaration = {
      ...wrong,
      recordTime: at('06-12', '18:00'),
      errorDeclaration: { declarationTime: at('06-12', '18:00'), reason: 'incorrect_data', correctiveEventIDs: [lychee.shipId] },
    };
    const { records, i } = chain([...lycheeEntries, ['wrongShip', wrong], ['declaration', declaration]]);
    const graph = buildTraceGraph(records);
    expect(graph.erroneous).toEqual([
      { record: i('wrongShip'), declaration: i('declaration'), reason: 'incorrect_data', correctiveEventIDs: [lychee.shipId], correctiveRecords: [i('ship')] },
      { record: i('declaration'), declaration: i('declaration'), reason: 'incorrect_data', correctiveEventIDs: [lychee.shipId], correctiveRecords: [i('ship')] },
    ]);
    const result = traceForward(graph, lychee.L1);
    expect(indexes(result)).toEqual(['harvestL1', 'packB1', 'packB2', 'palletise', 'ship', 'receive', 'unpack', 'sellB1'].map(i));
    expect(result.locations.map((l) => l.key)).not.toContain(k(lychee.storeW));

    // Without the declaration the wrong shipment is part of the trace: the declaration is what removes it.
    const undeclared = traceForward(buildTraceGraph(records.slice(0, -1)), lychee.L1);
    expect(indexes(undeclared)).toContain(i('wrongShip'));
    expect(undeclared.locations.map((l) => l.key)).toContain(k(lychee.storeW));
  });

  it('matches a declaration without eventID by content, and an erroneous ADD opens no interval', () => {
    const { records, i } = chain(timingEntries);
    const graph = buildTraceGraph(records);
    expect(graph.erroneous.map((e) => [e.record, e.declaration, e.reason])).toEqual([
      [i('wrongAdd'), i('declareWrongAdd'), 'did_not_occur'],
      [i('declareWrongAdd'), i('declareWrongAdd'), 'did_not_occur'],
    ]);
    expect(graph.nodes.has(k(rice.C2))).toBe(false);
    expect(traceForward(graph, rice.I1).steps.map((s) => s.key)).not.toContain(k(rice.C2));
    const undeclared = buildTraceGraph(records.slice(0, i('declareWrongAdd')));
    expect(traceForward(undeclared, rice.I1).steps.map((s) => s.key)).toEqual([rice.I1, rice.C, rice.C2].map(k));
  });
});

// ---------------------------------------------------------------------------------------------
// Cycles

describe('cycles in bad data', () => {
  const X = sgtinUrn(RICE, '000022', 'X1');
  const Y = sgtinUrn(RICE, '000022', 'Y1');
  const A = ssccUrn(RICE, '0000000021');
  const B = ssccUrn(RICE, '0000000022');
  const transform = (from: string, to: string, time: string, extra: Json = {}): Json => ({ type: 'TransformationEvent', eventTime: time, inputEPCList: [from], outputEPCList: [to], ...extra });
  const { records, i } = chain([
    ['XinA', aggregate('ADD', A, [X], at('07-01', '08:00'))],
    ['AinB', aggregate('ADD', B, [A], at('07-01', '09:00'))],
    ['BinA', aggregate('ADD', A, [B], at('07-01', '10:00'))],
    ['selfPack', aggregate('ADD', A, [A], at('07-01', '10:30'))],
    ['XtoY', transform(X, Y, at('07-01', '11:00'))],
    ['YtoX', transform(Y, X, at('07-01', '12:00'))],
    ['loopX', transform(X, X, at('07-01', '14:00'), { transformationID: 'urn:uuid:1d2e3f40-0000-4000-8000-00000000a001' })],
  ]);
  const graph = buildTraceGraph(records);

  it('terminates forward with each identifier once', () => {
    const result = traceForward(graph, X);
    expect(stepsOf(result)).toEqual([
      { key: k(X), how: 'self', role: 'start' },
      { key: k(A), how: 'aggregation', role: 'container', from: k(X), record: i('XinA') },
      { key: k(Y), how: 'transformation', role: 'output', from: k(X), record: i('XtoY') },
      { key: k(B), how: 'aggregation', role: 'container', from: k(A), record: i('AinB') },
    ]);
    expect(indexes(result)).toEqual(['XinA', 'AinB', 'BinA', 'selfPack', 'XtoY', 'YtoX', 'loopX'].map(i));
  });

  it('terminates backward with each identifier once, inside the time windows', () => {
    const result = traceBackward(graph, Y);
    expect(stepsOf(result)).toEqual([
      { key: k(Y), how: 'self', role: 'start' },
      { key: k(X), how: 'transformation', role: 'input', from: k(Y), record: i('XtoY') },
      { key: k(A), how: 'aggregation', role: 'container', from: k(X), record: i('XinA') },
      { key: k(B), how: 'aggregation', role: 'container', from: k(A), record: i('AinB') },
    ]);
    // X only as it was up to its use at 11:00: not the later loop.
    expect(indexes(result)).toEqual(['XinA', 'AinB', 'BinA', 'selfPack', 'XtoY', 'YtoX'].map(i));
    expect(traceBackward(graph, X).steps.map((s) => s.key)).toEqual([X, A, Y, B].map(k));
  });

  it('does not count a parent as its own container', () => {
    expect(graph.nodes.get(k(A))!.containers.map((c) => c.parent)).toEqual([k(B)]);
  });
});

// ---------------------------------------------------------------------------------------------
// URN and Digital Link forms, instance and class levels

describe('identifier forms and levels', () => {
  const GCP = '6954321';
  const S = sgtinUrn(GCP, '012345', 'R0001');
  const SLink = sgtinLink(GCP, '012345', 'R0001');
  const SLinkWithLot = sgtinLink(GCP, '012345', 'R0001', 'L7');
  const LOT = lgtinLink(GCP, '012345', 'L7');
  const GTIN_CLASS = `urn:epc:idpat:sgtin:${GCP}.012345.*`;
  const PALLET = ssccUrn(GCP, '0000000031');
  const { records, i } = chain([
    ['commission', { type: 'ObjectEvent', eventTime: at('07-01', '09:00'), action: 'ADD', bizStep: 'commissioning', epcList: [S], ilmd: { 'cbvmda:lotNumber': 'L7' } }],
    ['observeLink', { type: 'ObjectEvent', eventTime: at('07-01', '10:00'), action: 'OBSERVE', bizStep: 'inspecting', epcList: [SLink] }],
    ['observeLinkWithLot', { type: 'ObjectEvent', eventTime: at('07-01', '11:00'), action: 'OBSERVE', bizStep: 'stocking', epcList: [SLinkWithLot] }],
    ['palletise', { type: 'AggregationEvent', eventTime: at('07-01', '12:00'), action: 'ADD', bizStep: 'packing', parentID: ssccLink(GCP, '0000000031'), childEPCs: [S] }],
    ['shipPallet', { type: 'ObjectEvent', eventTime: at('07-01', '13:00'), action: 'OBSERVE', bizStep: 'shipping', epcList: [PALLET] }],
    ['releaseLot', { type: 'ObjectEvent', eventTime: at('07-01', '08:00'), action: 'OBSERVE', bizStep: 'inspecting', quantityList: [{ epcClass: lgtinUrn(GCP, '012345', 'L7'), quantity: 100, uom: 'H87' }] }],
    ['countStock', { type: 'ObjectEvent', eventTime: at('07-01', '14:00'), action: 'OBSERVE', bizStep: 'cycle_counting', quantityList: [{ epcClass: GTIN_CLASS, quantity: 5000 }] }],
  ]);
  const graph = buildTraceGraph(records);

  it('makes one node of the URN, the Digital Link and the Digital Link with a lot', () => {
    expect([...graph.nodes.keys()].sort()).toEqual([k(S), k(PALLET), k(LOT), k(GTIN_CLASS)].sort());
    expect(k(SLink)).toBe(k(S));
    expect(k(SLinkWithLot)).toBe(k(S));
    expect(k(ssccLink(GCP, '0000000031'))).toBe(k(PALLET));
    expect(k(LOT)).toBe('(01)06954321123457(10)L7');
    expect(k(GTIN_CLASS)).toBe('(01)06954321123457');
    const node = graph.nodes.get(k(S))!;
    expect(node.ids).toEqual([S, SLink, SLinkWithLot]);
    expect(node.lots.map((m) => [m.lot, m.record])).toEqual([
      [k(LOT), i('commission')],
      [k(LOT), i('observeLinkWithLot')],
    ]);
    expect(graph.nodes.get(k(LOT))!.level).toBe('class');
    expect(graph.nodes.get(k(GTIN_CLASS))!.level).toBe('class');
  });

  it('traces the same from either form', () => {
    const fromUrn = traceBackward(graph, S);
    const fromLink = traceBackward(graph, SLink);
    expect({ ...fromLink, steps: fromLink.steps.slice(1) }).toEqual({ ...fromUrn, steps: fromUrn.steps.slice(1) });
    expect(fromLink.steps[0]).toEqual({ ...fromUrn.steps[0], id: SLink });
    expect(stepsOf(fromUrn)).toEqual([
      { key: k(S), how: 'self', role: 'start' },
      { key: k(PALLET), how: 'aggregation', role: 'container', from: k(S), record: i('palletise') },
      { key: k(LOT), how: 'lot', role: 'lot', from: k(S), record: i('commission') },
    ]);
    expect(indexes(fromUrn)).toEqual(['releaseLot', 'commission', 'observeLink', 'observeLinkWithLot', 'palletise', 'shipPallet'].map(i));
  });

  it('keeps the lot and the GTIN apart: a lot reaches its instances, a GTIN-level count reaches nothing else', () => {
    expect(traceForward(graph, lgtinUrn(GCP, '012345', 'L7')).steps.map((s) => s.key)).toEqual([k(LOT), k(S), k(PALLET)]);
    const count = traceForward(graph, GTIN_CLASS);
    expect(count.steps.map((s) => s.key)).toEqual([k(GTIN_CLASS)]);
    expect(indexes(count)).toEqual([i('countStock')]);
    expect(indexes(traceBackward(graph, GTIN_CLASS))).toEqual([i('countStock')]);
  });

  it('answers an identifier no record names with itself and nothing else', () => {
    const unknown = sgtinUrn(GCP, '012345', 'NOPE');
    const result = traceBackward(graph, unknown);
    expect(result.steps).toEqual([{ key: k(unknown), id: unknown, level: 'instance', how: 'self', role: 'start', depth: 0 }]);
    expect([result.records, result.parties, result.locations]).toEqual([[], [], []]);
  });
});

describe('input checks', () => {
  it('refuses what is not an array of records', () => {
    expectSuyuanError(() => buildTraceGraph('records' as never), 'INPUT_TYPE');
    expectSuyuanError(() => buildTraceGraph([{ type: 'ObjectEvent' }] as never), 'RECORD_INVALID', { path: '[0].eventTime' });
  });

  it('refuses an identifier that is not a string and a graph that is not one', () => {
    const graph = buildTraceGraph([]);
    expectSuyuanError(() => traceForward(graph, 42 as never), 'INPUT_TYPE');
    expectSuyuanError(() => traceBackward({} as never, lychee.B1), 'INPUT_TYPE');
    expectSuyuanError(() => traceNodeKey(null as never), 'INPUT_TYPE');
  });
});
