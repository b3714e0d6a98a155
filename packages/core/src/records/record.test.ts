import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SuyuanError } from '../errors.js';
import { expectSuyuanError } from '../test-support.js';
import { exampleChains } from './examples/chains.js';
import { parseRecord, tryParseRecord } from './record.js';

const base = {
  type: 'ObjectEvent',
  action: 'OBSERVE',
  eventTime: '2026-06-12T08:00:00.000+08:00',
  eventTimeZoneOffset: '+08:00',
  epcList: ['https://id.gs1.org/01/09506000134352/21/A1', 'urn:epc:id:sgtin:9521141.012345.4711'],
  bizStep: 'shipping',
  disposition: 'in_transit',
  readPoint: { id: 'urn:epc:id:sgln:9521141.12345.0' },
};

describe('parseRecord', () => {
  it('accepts EPCIS events with Digital Link and EPC URN identifiers, CBV short names and full URIs', () => {
    expect(parseRecord(base)).toEqual(base);
    expect(parseRecord({ ...base, bizStep: 'https://example.com/steps/sorting' }).bizStep).toBe('https://example.com/steps/sorting');
    expect(parseRecord(JSON.stringify(base)).type).toBe('ObjectEvent');
  });

  it.each([
    ['an unknown event type', { ...base, type: 'ShipEvent' }, 'type'],
    ['a missing action', { ...base, action: undefined }, 'action'],
    ['an event time without a time zone', { ...base, eventTime: '2026-06-12T08:00:00' }, 'eventTime'],
    ['an impossible date', { ...base, eventTime: '2026-02-30T08:00:00Z' }, 'eventTime'],
    ['a bad offset', { ...base, eventTimeZoneOffset: '+8:00' }, 'eventTimeZoneOffset'],
    ['a GTIN with a wrong check digit', { ...base, epcList: ['https://id.gs1.org/01/09506000134353/21/A1'] }, 'epcList.0'],
    ['an identifier that is neither a Digital Link nor an EPC URN', { ...base, epcList: ['urn:isbn:123'] }, 'epcList.0'],
    ['a Digital Link with a query string as an identifier', { ...base, epcList: ['https://id.gs1.org/01/09506000134352?17=261231'] }, 'epcList.0'],
    ['an unknown CBV short name', { ...base, bizStep: 'teleporting' }, 'bizStep'],
    ['a property that is neither EPCIS nor an extension', { ...base, colour: 'red' }, 'colour'],
    ['an unknown Suyuan field', { ...base, 'suyuan:colour': 'red' }, 'suyuan:colour'],
    ['a party with a wrong USCC check character', { ...base, 'suyuan:parties': [{ uscc: '91350100M000100Y44', name: 'x', role: 'producer' }] }, 'suyuan:parties.0.uscc'],
    ['an ObjectEvent without objects', { ...base, epcList: [] }, 'epcList'],
    ['an AggregationEvent ADD without a parent', { ...base, type: 'AggregationEvent', action: 'ADD', epcList: undefined, childEPCs: base.epcList }, 'parentID'],
  ])('refuses %s, naming the field', (_label, record, path) => {
    const error = expectSuyuanError(() => parseRecord(JSON.parse(JSON.stringify(record))), 'RECORD_INVALID');
    expect(error.details.path?.replace(/\[(\d+)\]/g, '.$1')).toBe(path);
  });

  it('refuses non-objects, bad JSON and oversize input with typed errors', () => {
    for (const value of [null, 42, 'not json', [], true]) expect(tryParseRecord(value).ok).toBe(false);
    expectSuyuanError(() => parseRecord('x'.repeat(70_000)), 'INPUT_TOO_LONG');
  });

  it('accepts every record of the example chains', () => {
    for (const chain of exampleChains()) for (const record of chain.records) expect(parseRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('never throws anything but a SuyuanError, whatever the input', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const mutated = fc.record({ key: fc.constantFrom(...Object.keys(base), 'suyuan:parties', 'quantityList', 'ilmd'), value: json });
    fc.assert(
      fc.property(fc.oneof(json, mutated.map(({ key, value }) => ({ ...base, [key]: value })), fc.string()), (value) => {
        try {
          parseRecord(value);
        } catch (error) {
          expect(error).toBeInstanceOf(SuyuanError);
          expect(Object.keys(ERROR_CODES)).toContain((error as SuyuanError).code);
        }
      }),
      { numRuns: 500 },
    );
  });
});
