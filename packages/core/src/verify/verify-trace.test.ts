import { beforeAll, describe, expect, it } from 'vitest';
import { exampleChains } from '../records/examples/chains.js';
import type { TraceRecord } from '../records/record.js';
import { generateSigningKey, type SigningKey } from '../trust/keys.js';
import { signRecord } from '../trust/sign-record.js';
import { signNote } from '../log/signed-note.js';
import { formatRecallNotice } from './log-entries.js';
import { TestLog } from './test-log.js';
import { verifyTrace, type TraceAnswer } from './verify-trace.js';

const lychee = exampleChains()[0]!.records;
const issuerOf = (record: TraceRecord): string => `uscc:${record['suyuan:parties']![0]!.uscc}`;

interface World {
  log: TestLog;
  keys: Map<string, SigningKey>;
  signed: { jws: string; disclosures: string[]; index: number }[];
  keyEntries: number[];
}

/** A log holding the issuers' key registrations, then every lychee record, signed by its first party. */
async function world(records: readonly TraceRecord[] = lychee): Promise<World> {
  const log = await TestLog.create();
  const keys = new Map<string, SigningKey>();
  const keyEntries: number[] = [];
  for (const record of records) {
    const issuer = issuerOf(record);
    if (keys.has(issuer)) continue;
    const key = await generateSigningKey('EdDSA');
    keys.set(issuer, key);
    keyEntries.push(log.registerKey(issuer, key));
  }
  const signed = [];
  for (const record of records) {
    const { jws, disclosures } = await signRecord(record, keys.get(issuerOf(record))!, { issuer: issuerOf(record) });
    signed.push({ jws, disclosures: [...disclosures], index: log.append(jws) });
  }
  return { log, keys, signed, keyEntries };
}

async function answerOf(w: World, code = 'https://id.gs1.org/01/06901234100013/10/LZ20260612'): Promise<TraceAnswer> {
  return {
    code,
    records: await Promise.all(w.signed.map(async (s) => ({ jws: s.jws, proof: await w.log.proof(s.index) }))),
    keys: await Promise.all(w.keyEntries.map(async (index) => ({ entry: w.log.entries[index]!, proof: await w.log.proof(index) }))),
  };
}

describe('verifyTrace', () => {
  let w: World;
  let answer: TraceAnswer;
  beforeAll(async () => {
    w = await world();
    answer = await answerOf(w);
  });

  it('verifies a whole chain: every record in the trusted log, signed by a key registered before it', async () => {
    const result = await verifyTrace(answer, { trustedPlatforms: [w.log.verifierKey] });
    expect(result.verdict).toBe('verified');
    expect(result.records).toHaveLength(lychee.length);
    expect(result.records.map((r) => r.record.type)).toEqual(lychee.map((r) => r.type));
    expect(result.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(result.checks.filter((c) => c.id === 'signature' && c.status === 'passed')).toHaveLength(lychee.length);
    expect(result.checkpoint).toEqual(w.log.seen());
  });

  it('pins the log origin and the code asked about when the reader gives them', async () => {
    const trusted = { trustedPlatforms: [w.log.verifierKey] };
    expect((await verifyTrace(answer, { ...trusted, origin: w.log.origin, code: answer.code })).verdict).toBe('verified');
    expect((await verifyTrace(answer, { ...trusted, origin: 'another.log.example' })).verdict).toBe('unverified');
    expect((await verifyTrace(answer, { ...trusted, code: 'https://id.gs1.org/01/06901234100013' })).verdict).toBe('tampered');
  });

  it('answers not-found when the platform has no records for the code', async () => {
    const result = await verifyTrace({ code: 'x', records: [], keys: [] }, { trustedPlatforms: [w.log.verifierKey] });
    expect(result.verdict).toBe('not-found');
  });

  it('is tampered when any byte of a record changes, and never throws', async () => {
    const jws = answer.records[2]!.jws;
    for (const position of [0, 10, Math.floor(jws.length / 2), jws.length - 2]) {
      const flipped = jws.slice(0, position) + (jws[position] === 'A' ? 'B' : 'A') + jws.slice(position + 1);
      const records = answer.records.map((r, i) => (i === 2 ? { ...r, jws: flipped } : r));
      const result = await verifyTrace({ ...answer, records }, { trustedPlatforms: [w.log.verifierKey] });
      expect(result.verdict, `position ${position}`).toBe('tampered');
    }
  });

  it('is tampered when a proof hash or the checkpoint changes', async () => {
    const proof = answer.records[1]!.proof;
    const lines = proof.split('\n');
    const hashLine = lines.findIndex((line, i) => i > 1 && line.length === 44);
    const bad = lines.map((line, i) => (i === hashLine ? (line[0] === 'A' ? 'B' : 'A') + line.slice(1) : line)).join('\n');
    let result = await verifyTrace({ ...answer, records: answer.records.map((r, i) => (i === 1 ? { ...r, proof: bad } : r)) }, { trustedPlatforms: [w.log.verifierKey] });
    expect(result.verdict).toBe('tampered');
    const checkpointSize = lines.findIndex((line, i) => i > 2 && /^\d+$/.test(line));
    const grown = lines.map((line, i) => (i === checkpointSize ? String(Number(line) + 1) : line)).join('\n');
    result = await verifyTrace({ ...answer, records: answer.records.map((r, i) => (i === 1 ? { ...r, proof: grown } : r)) }, { trustedPlatforms: [w.log.verifierKey] });
    expect(result.verdict).toBe('tampered');
  });

  it('is unverified when a record comes without its proof, and tampered when the entry is not text', async () => {
    const noProof = await verifyTrace({ ...answer, records: answer.records.map((r, i) => (i === 0 ? { jws: r.jws } : r)) } as never, { trustedPlatforms: [w.log.verifierKey] });
    expect(noProof.verdict).toBe('unverified');
    const notText = await verifyTrace({ ...answer, records: answer.records.map((r, i) => (i === 0 ? { ...r, jws: 42 } : r)) } as never, { trustedPlatforms: [w.log.verifierKey] });
    expect(notText.verdict).toBe('tampered');
  });

  it('is unverified when the log is not a trusted platform, or an issuer key was never registered', async () => {
    const other = await TestLog.create('other.example');
    expect((await verifyTrace(answer, { trustedPlatforms: [other.verifierKey] })).verdict).toBe('unverified');
    const noKeys = await verifyTrace({ ...answer, keys: [] }, { trustedPlatforms: [w.log.verifierKey] });
    expect(noKeys.verdict).toBe('unverified');
    expect(noKeys.checks.find((c) => c.status === 'failed')?.id).toBe('signature');
  });

  it('decides key validity by log position: a key revoked before a record was logged does not vouch for it', async () => {
    const v = await world(lychee.slice(0, 2));
    const issuer = issuerOf(lychee[0]!);
    const revokedAt = v.log.revokeKey(issuer, v.keys.get(issuer)!);
    // A record signed afterwards with the revoked key, even claiming an old signing time.
    const late = await signRecord(lychee[2]!, v.keys.get(issuer)!, { issuer, iat: new Date('2020-01-01T00:00:00Z') });
    const index = v.log.append(late.jws);
    expect(index).toBeGreaterThan(revokedAt);
    const a = await answerOf(v);
    const result = await verifyTrace(
      { ...a, records: [...a.records, { jws: late.jws, proof: await v.log.proof(index) }], keys: [...a.keys, { entry: v.log.entries[revokedAt]!, proof: await v.log.proof(revokedAt) }] },
      { trustedPlatforms: [v.log.verifierKey] },
    );
    expect(result.verdict).toBe('unverified');
    expect(result.records).toHaveLength(2);
  });

  it('is recalled when the issuer recalled the product, or the operator did', async () => {
    const v = await world(lychee.slice(0, 1));
    const issuer = issuerOf(lychee[0]!);
    const recall = { ...lychee[0]!, action: 'OBSERVE', bizStep: 'holding', disposition: 'recalled', 'suyuan:activity': 'recall', 'suyuan:reason': '农残超标' } as TraceRecord;
    delete (recall as { eventID?: string }).eventID;
    delete (recall as { ilmd?: unknown }).ilmd;
    const signed = await signRecord(recall, v.keys.get(issuer)!, { issuer });
    const index = v.log.append(signed.jws);
    const a = await answerOf(v);
    const byIssuer = await verifyTrace({ ...a, records: [...a.records, { jws: signed.jws, proof: await v.log.proof(index) }] }, { trustedPlatforms: [v.log.verifierKey] });
    expect(byIssuer.verdict).toBe('recalled');
    expect(byIssuer.recalls).toMatchObject([{ by: 'issuer', reason: '农残超标' }]);

    const code = 'https://id.gs1.org/01/06901234100013/10/LZ20260612';
    const notice = await signNote(formatRecallNotice({ code, reason: '市场监管局责令召回' }), v.log.signer);
    const noticeIndex = v.log.append(notice);
    const b = await answerOf(v, code);
    const byOperator = await verifyTrace({ ...b, recalls: [{ notice, proof: await v.log.proof(noticeIndex) }] }, { trustedPlatforms: [v.log.verifierKey] });
    expect(byOperator.verdict).toBe('recalled');
    expect(byOperator.recalls).toEqual([{ by: 'operator', reason: '市场监管局责令召回' }]);
    const otherCode = await verifyTrace({ ...b, code: 'https://id.gs1.org/01/06901234100013', recalls: [{ notice, proof: await v.log.proof(noticeIndex) }] }, { trustedPlatforms: [v.log.verifierKey] });
    expect(otherCode.verdict).toBe('verified');
  });

  it('checks consistency with checkpoints seen before: proven growth passes, a missing proof is unverified, a fork is tampered', async () => {
    const v = await world(lychee.slice(0, 3));
    const seenSmall = v.log.seen(2);
    const a = await answerOf(v);
    const trusted = { trustedPlatforms: [v.log.verifierKey] };
    expect((await verifyTrace({ ...a, consistency: [v.log.consistency(2)] }, { ...trusted, seenCheckpoints: [seenSmall] })).verdict).toBe('verified');
    expect((await verifyTrace(a, { ...trusted, seenCheckpoints: [seenSmall] })).verdict).toBe('unverified');
    const forked = { ...v.log.seen(), rootHash: v.log.seen(1).rootHash };
    expect((await verifyTrace(a, { ...trusted, seenCheckpoints: [forked] })).verdict).toBe('tampered');
    const wrongProof = { oldSize: 2, proof: v.log.consistency(2).proof.map((h) => (h[0] === 'A' ? 'B' : 'A') + h.slice(1)) };
    expect((await verifyTrace({ ...a, consistency: [wrongProof] }, { ...trusted, seenCheckpoints: [seenSmall] })).verdict).toBe('tampered');
  });

  it('shows disclosed secrets only when their digests match', async () => {
    const v = await world([]);
    const record = lychee[0]!;
    const issuer = issuerOf(record);
    const key = await generateSigningKey('ES256');
    const keyIndex = v.log.registerKey(issuer, key);
    const signed = await signRecord(record, key, { issuer, secret: ['suyuan:product.name'] });
    const index = v.log.append(signed.jws);
    const base: TraceAnswer = { code: 'c', records: [{ jws: signed.jws, proof: await v.log.proof(index) }], keys: [{ entry: v.log.entries[keyIndex]!, proof: await v.log.proof(keyIndex) }] };
    const trusted = { trustedPlatforms: [v.log.verifierKey] };
    const hidden = await verifyTrace(base, trusted);
    expect(hidden.verdict).toBe('verified');
    expect(hidden.records[0]!.record['suyuan:product']?.name).toBeUndefined();
    const shown = await verifyTrace({ ...base, records: [{ ...base.records[0]!, disclosures: [...signed.disclosures] }] }, trusted);
    expect(shown.verdict).toBe('verified');
    expect(shown.records[0]!.disclosed?.['suyuan:product']?.name).toBe('镇隆荔枝（桂味）');
    const forged = signed.disclosures[0]!.slice(0, -2) + (signed.disclosures[0]!.endsWith('A') ? 'B' : 'A') + signed.disclosures[0]!.slice(-1);
    expect((await verifyTrace({ ...base, records: [{ ...base.records[0]!, disclosures: [forged] }] }, trusted)).verdict).toBe('tampered');
  });

  it('never throws for a malformed answer; it says tampered', async () => {
    const trusted = { trustedPlatforms: [w.log.verifierKey] };
    for (const bad of [null, 42, 'x', {}, { code: 1, records: [], keys: [] }, { code: 'c', records: [null], keys: [] }, { code: 'c', records: [{ jws: 1, proof: [] }], keys: [{}] }, { ...answer, consistency: [{ oldSize: 'x', proof: 7 }] }]) {
      const result = await verifyTrace(bad as never, trusted);
      expect(['tampered', 'verified']).toContain(result.verdict);
    }
    await expect(verifyTrace(answer, { trustedPlatforms: [] })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
  });
});
