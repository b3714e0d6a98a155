import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { recordBuilders, formatEventTime } from './builders.js';
import { eventHash } from './event-hash.js';
import { enterprise, gln, gtin, item, place } from './examples/identifiers.js';
import { exampleChains } from './examples/chains.js';

const party = enterprise('惠州测试食品有限公司', '91441300MA4W00081');
const location = place(gln('6901243', '00001'));
const can = item(gtin('6901243', '90001'), 'C0001');
const at = new Date('2026-06-01T02:00:00.000Z');

describe('record builders', () => {
  const food = recordBuilders({ category: 'food', party, location, now: () => at, licences: [{ type: 'food-production', number: 'SC10144130000099', holder: party.uscc! }] });

  it('write the step in GS1 terms: event type, action, bizStep, disposition, parties, time in +08:00 and the event hash as eventID', () => {
    const shipped = food.ship({ epcs: [can], destination: place(gln('6901243', '00002')) });
    expect(shipped).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      eventTime: '2026-06-01T10:00:00.000+08:00',
      eventTimeZoneOffset: '+08:00',
      epcList: [can],
      readPoint: { id: location },
      destinationList: [{ type: 'owning_party', destination: place(gln('6901243', '00002')) }],
      'suyuan:category': 'food',
      'suyuan:activity': 'ship',
      'suyuan:parties': [{ ...party, role: 'distributor' }],
    });
    expect(shipped.bizLocation).toBeUndefined();
    const { eventID, ...rest } = shipped;
    expect(eventID).toBe(eventHash(rest));
    expect(eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it('map every domain step to its EPCIS shape', () => {
    const shapes = exampleChains().flatMap((chain) => chain.records.map((r) => `${r['suyuan:activity']}:${r.type}:${'action' in r ? r.action : '-'}:${r.bizStep}:${r.disposition ?? '-'}`));
    expect(new Set(shapes)).toEqual(
      new Set([
        'harvest:ObjectEvent:ADD:commissioning:active',
        'pack:AggregationEvent:ADD:packing:in_progress',
        'ship:ObjectEvent:OBSERVE:shipping:in_transit',
        'receive:ObjectEvent:OBSERVE:receiving:in_progress',
        'unpack:AggregationEvent:DELETE:unpacking:in_progress',
        'sell:ObjectEvent:OBSERVE:retail_selling:retail_sold',
        'transform:TransformationEvent:-:commissioning:active',
        'process:ObjectEvent:ADD:commissioning:active',
        'inspect:ObjectEvent:OBSERVE:inspecting:-',
        'use:ObjectEvent:OBSERVE:dispensing:dispensed',
        'store:ObjectEvent:OBSERVE:storing:sellable_not_accessible',
        'transport:ObjectEvent:OBSERVE:transporting:in_transit',
        'destroy:ObjectEvent:DELETE:destroying:destroyed',
        'export:ObjectEvent:OBSERVE:shipping:in_transit',
        'import:ObjectEvent:OBSERVE:receiving:in_progress',
      ]),
    );
  });

  it('recall sets disposition recalled with its reason; slaughter is a transformation', () => {
    const recalled = food.recall({ epcs: [can], reason: '抽检发现菌落总数超标' });
    expect(recalled).toMatchObject({ disposition: 'recalled', bizStep: 'holding', 'suyuan:activity': 'recall', 'suyuan:reason': '抽检发现菌落总数超标' });
    const meat = recordBuilders({ category: 'edible-agricultural', party, location, now: () => at, profiles: false });
    const slaughtered = meat.slaughter({ inputs: [item(gtin('6901243', '90002'), 'PIG001')], outputs: [item(gtin('6901243', '90003'), 'CARCASS001')] });
    expect(slaughtered).toMatchObject({ type: 'TransformationEvent', bizStep: 'killing', 'suyuan:activity': 'slaughter' });
  });

  it('name the missing field when a step lacks what its category requires', () => {
    const error = expectSuyuanError(() => food.process({ epcs: [can], inputs: [item(gtin('6901243', '90004'), 'M1')], ilmd: { 'cbvmda:lotNumber': 'L1' } }), 'RECORD_PROFILE', {
      path: 'ilmd.cbvmda:itemExpirationDate',
    });
    expect(error.message).toContain('food.production.licence-lot-expiry');
    expectSuyuanError(() => food.ship({ destination: location }), 'RECORD_INVALID', { path: 'epcs' });
    expectSuyuanError(() => food.ship({ epcs: ['not-an-identifier'], destination: location }), 'RECORD_INVALID', { path: 'epcList[0]' });
  });

  it('write times in the context offset, or keep a given ISO time and its offset', () => {
    expect(formatEventTime(at, '+08:00')).toBe('2026-06-01T10:00:00.000+08:00');
    expect(formatEventTime(at, '-05:30')).toBe('2026-05-31T20:30:00.000-05:30');
    const given = food.sell({ epcs: [can], time: '2026-06-02T09:15:00.000+09:00' });
    expect(given).toMatchObject({ eventTime: '2026-06-02T09:15:00.000+09:00', eventTimeZoneOffset: '+09:00' });
    expectSuyuanError(() => food.sell({ epcs: [can], time: new Date('nope') }), 'RECORD_INVALID', { path: 'eventTime' });
  });
});
