import { afterAll, describe, expect, it } from 'vitest';
import { exampleChain, sign } from '../test-support.js';
import { checkRecord, type RecordCheckInput } from './check-record.js';
import { VerifierPool } from './verifier-pool.js';

const pool = new VerifierPool(2);
afterAll(() => pool.close());

async function inputs(): Promise<RecordCheckInput[]> {
  const chain = await exampleChain('drug');
  const issuer = chain.issuerOf(chain.records[0]!);
  const row = { id: issuer.id, name: 'x', roles: [], categories: ['drug'], createdAt: '2026-11-28T00:00:00.000Z' };
  const keys = { issuer: issuer.id as `uscc:${string}`, keys: [{ kid: issuer.key.kid, jwk: issuer.key.publicJwk, registeredAt: 0 }] };
  const own = chain.records.filter((record) => chain.issuerOf(record).id === issuer.id);
  const signed = await Promise.all(own.map((record) => sign(record, issuer)));
  const jws = signed[0]!.jws;
  const at = jws.lastIndexOf('.') + 10; // a character inside the signature, changed for certain
  const forged = `${jws.slice(0, at)}${jws[at] === 'A' ? 'B' : 'A'}${jws.slice(at + 1)}`;
  return [...signed.map((s) => s.jws), forged, 'garbage'].map((jws) => ({ jws, disclosures: [], issuer: row, keys, logIndex: 5 }));
}

describe('the verifier pool', () => {
  it('answers on worker threads exactly what the checks answer on this thread, in order', async () => {
    const batch = await inputs();
    const inline = await Promise.all(batch.map(checkRecord));
    expect(await pool.check(batch)).toEqual(inline);
    expect(inline.filter((r) => 'row' in r).length).toBe(batch.length - 2);
    expect(inline.at(-1)).toMatchObject({ error: { code: 'JWS_FORMAT' } });
    expect(await new VerifierPool(0).check(batch)).toEqual(inline);
  });

  it('refuses work once closed', async () => {
    const closing = new VerifierPool(1);
    await closing.close();
    await expect(closing.check(await inputs())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
