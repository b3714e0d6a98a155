// Builds the example chain of every product category with the record builders, shows each step with
// its event hash, writes the chains as one EPCIS 2.0 document, and answers "where did this come
// from?" and "where did it go?" for a Huizhou lychee. Run from the repository root with `npm run demo`.
import { buildTraceGraph, checkProfile, eventHashes, exampleChains, toEpcisDocument, traceBackward, traceForward } from '@suyuan/core';

const chains = exampleChains();
for (const chain of chains) {
  console.log(`\n${chain.title}  [${chain.category}]`);
  for (const record of chain.records) {
    const party = record['suyuan:parties'][0];
    const violations = checkProfile(record);
    console.log(
      `  ${record.eventTime}  ${record['suyuan:activity'].padEnd(9)} ${record.type.padEnd(19)} ${party.name} (${party.role})` +
        `${violations.length ? `  ✗ ${violations.length} profile violation(s)` : ''}`,
    );
    console.log(`      ${record.eventID}`);
  }
}

const records = chains.flatMap((chain) => chain.records);
const document = toEpcisDocument(records, { creationDate: '2026-11-28T00:00:00.000Z' });
const same = eventHashes(document).every((hash, i) => hash === records[i].eventID);
console.log(`\nOne EPCIS 2.0 document with ${document.epcisBody.eventList.length} events; event hashes recomputed from it match: ${same}`);

const lychee = chains[0].records;
const graph = buildTraceGraph(lychee);
const soldLot = lychee.at(-1).quantityList[0].epcClass;
const back = traceBackward(graph, soldLot);
console.log(`\nWhere did the lychees sold at the supermarket come from?  (${soldLot})`);
for (const step of back.records) console.log(`  ${lychee[step.index].eventTime}  ${lychee[step.index]['suyuan:activity']}`);
console.log(`  responsible parties: ${back.parties.map((p) => p.names[0] ?? p.id).join(' → ')}`);
const pallet = lychee.find((r) => r.type === 'AggregationEvent' && r.childEPCs).parentID;
const forward = traceForward(graph, pallet);
console.log(`\nWhere did the pallet go?  (${pallet})`);
for (const location of forward.locations) console.log(`  ${location.id}`);
