// Trace-record throughput: CBV 2.0 event hashes and record validation, beside JSON.stringify of the
// same records as the floor, measured in the same process.
// Target (issue "trace records"): at least 50,000 event hashes a second on one core.
import { readdirSync, readFileSync } from 'node:fs';
import { eventHash, exampleChains, parseRecord } from '../packages/core/dist/index.js';
import { rate, report } from './measure.mjs';

const TARGET = 50_000;
const records = exampleChains().flatMap((chain) => chain.records);
const examples = new URL('../packages/core/standards/epcis/examples/', import.meta.url);
const gs1Events = readdirSync(examples).flatMap((file) => JSON.parse(readFileSync(new URL(file, examples), 'utf8')).epcisBody.eventList);

const floor = rate((r) => JSON.stringify(r), records);
const hashes = rate((r) => eventHash(r), records);
const validated = rate((r) => parseRecord(r), records);
const gs1Floor = rate((r) => JSON.stringify(r), gs1Events);
const gs1Hashes = rate((r) => eventHash(r), gs1Events);

report(`Trace records (one core, median of 5 rounds)`, [
  { name: `JSON.stringify, ${records.length} Suyuan example records (floor)`, rate: floor },
  { name: 'eventHash, Suyuan example records', rate: hashes, baseline: floor },
  { name: 'parseRecord (validate), Suyuan example records', rate: validated, baseline: floor },
  { name: `JSON.stringify, ${gs1Events.length} GS1 example events (floor)`, rate: gs1Floor },
  { name: 'eventHash, GS1 example events', rate: gs1Hashes, baseline: gs1Floor },
]);
const status = (value) => (value >= TARGET ? 'met' : 'NOT met');
console.log(`\n  target: ≥ ${TARGET.toLocaleString('en-US')} event hashes/s — GS1 events ${status(gs1Hashes)}, Suyuan records ${status(hashes)}`);
