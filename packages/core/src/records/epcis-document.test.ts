import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { fromEpcisDocument, toEpcisDocument } from './epcis-document.js';
import { exampleChains } from './examples/chains.js';
import fc from 'fast-check';
import { recordBuilders } from './builders.js';
import { eventHash, eventHashes } from './event-hash.js';
import { enterprise, gln, gtin, item, place } from './examples/identifiers.js';

const standards = new URL('../../standards/epcis/', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('EPCIS-JSON-Schema.json', standards), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const examples = readdirSync(new URL('examples/', standards)).filter((f) => f.endsWith('.jsonld'));

function valid(document: unknown): boolean {
  const ok = validate(document) as boolean;
  if (!ok) console.error(JSON.stringify(validate.errors?.slice(0, 5), null, 1));
  return ok;
}

describe('EPCIS 2.0 documents', () => {
  it.each(examples)("GS1's example %s imports, and re-exports valid against the EPCIS 2.0 JSON Schema", (file) => {
    const original = JSON.parse(readFileSync(new URL(`examples/${file}`, standards), 'utf8'));
    expect(valid(original)).toBe(true);
    const records = fromEpcisDocument(original);
    expect(records).toHaveLength(original.epcisBody.eventList.length);
    const context = Object.assign({}, ...original['@context'].filter((c: unknown) => typeof c === 'object'));
    const exported = toEpcisDocument(records, { creationDate: original.creationDate, context });
    expect(valid(exported)).toBe(true);
    expect(exported.epcisBody.eventList).toEqual(original.epcisBody.eventList);
    // And from JSON text, too.
    expect(fromEpcisDocument(JSON.stringify(exported))).toEqual(records);
  });

  it('every example chain exports as a valid EPCIS 2.0 document declaring the Suyuan namespace', () => {
    for (const chain of exampleChains()) {
      const document = toEpcisDocument(chain.records, { creationDate: '2026-11-28T00:00:00.000Z', id: `urn:uuid:00000000-0000-4000-8000-00000000000${chain.records.length % 10}` });
      expect(valid(document), chain.title).toBe(true);
      expect(document['@context'][1]).toMatchObject({ suyuan: 'https://suyuan.dev/ns/trace/v1#' });
      expect(fromEpcisDocument(document)).toEqual(chain.records);
    }
  });

  it('refuses what is not an EPCIS document, naming where', () => {
    expectSuyuanError(() => fromEpcisDocument('{"type":'), 'EPCIS_DOCUMENT_INVALID');
    expectSuyuanError(() => fromEpcisDocument({ type: 'EPCISQueryDocument' }), 'EPCIS_DOCUMENT_INVALID', { path: 'type' });
    expectSuyuanError(() => fromEpcisDocument({ type: 'EPCISDocument', epcisBody: {} }), 'EPCIS_DOCUMENT_INVALID', { path: 'epcisBody.eventList' });
    expectSuyuanError(() => fromEpcisDocument([]), 'EPCIS_DOCUMENT_INVALID');
    expectSuyuanError(() => fromEpcisDocument(null), 'EPCIS_DOCUMENT_INVALID');
    const error = expectSuyuanError(
      () => fromEpcisDocument({ type: 'EPCISDocument', epcisBody: { eventList: [{ type: 'ObjectEvent', action: 'OBSERVE' }] } }),
      'RECORD_INVALID',
    );
    expect(error.details.path).toMatch(/^epcisBody\.eventList\[0\]\./);
    expectSuyuanError(() => toEpcisDocument('x' as never), 'INPUT_TYPE');
    expectSuyuanError(() => toEpcisDocument([{ type: 'ObjectEvent' }]), 'RECORD_INVALID', { path: '[0].eventTime' });
  });
});

describe('round trips (property)', () => {
  it('random valid records survive fromEpcisDocument(toEpcisDocument(x)) with the same event hashes', () => {
    const party = enterprise('惠州随机测试有限公司', '91441300MA4W00099');
    const serial = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
    const identifier = fc.tuple(fc.integer({ min: 0, max: 99_999 }), serial).map(([n, s]) => item(gtin('6901299', String(n).padStart(5, '0')), s));
    const step = fc.constantFrom('ship', 'receive', 'sell', 'store');
    const record = fc.record({
      step,
      epcs: fc.uniqueArray(identifier, { minLength: 1, maxLength: 5 }),
      time: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
      offset: fc.constantFrom('+08:00', '+00:00', '-05:00', '+05:45'),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (steps) => {
        const records = steps.map(({ step: name, epcs, time, offset }) => {
          const build = recordBuilders({ category: 'food', party, location: place(gln('6901299', '00001')), timeZoneOffset: offset, profiles: false });
          const where = place(gln('6901299', '00002'));
          if (name === 'ship') return build.ship({ epcs, time, destination: where });
          if (name === 'receive') return build.receive({ epcs, time, source: where });
          return name === 'sell' ? build.sell({ epcs, time }) : build.store({ epcs, time });
        });
        const document = toEpcisDocument(records, { creationDate: '2026-11-28T00:00:00.000Z' });
        expect(valid(document)).toBe(true);
        const back = fromEpcisDocument(JSON.parse(JSON.stringify(document)));
        expect(back).toEqual(records);
        expect(eventHashes(document)).toEqual(records.map((r) => r.eventID));
        expect(back.map((r) => eventHash(r))).toEqual(records.map((r) => r.eventID));
      }),
      { numRuns: 60 },
    );
  });
});
