import { describe, expect, it } from 'vitest';
import { checkProfile } from '../profiles/index.js';
import { exampleChains } from './chains.js';

describe('example chains', () => {
  const chains = exampleChains();

  it('tell each story in time order, each record linked to an earlier one of the chain', () => {
    for (const chain of chains) {
      const times = chain.records.map((r) => Date.parse(r.eventTime));
      expect(times, chain.title).toEqual([...times].sort((a, b) => a - b));
      const seen = new Set<string>();
      for (const record of chain.records) {
        for (const previous of record['suyuan:previous'] ?? []) expect(seen.has(previous), `${chain.title}: ${record['suyuan:activity']}`).toBe(true);
        seen.add(record.eventID!);
      }
    }
  });

  it('are deterministic, and every record passes its profile', () => {
    expect(exampleChains()).toEqual(chains);
    for (const record of chains.flatMap((c) => c.records)) expect(checkProfile(record)).toEqual([]);
  });
});
