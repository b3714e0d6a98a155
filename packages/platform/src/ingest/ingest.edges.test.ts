/**
 * Ingest at its edges, on a real server: records another issuer logged first, resubmission after a
 * key rotation, repeated records whose chain link fails, conflicting key changes in one group
 * commit, and the disclosure budget of a record.
 */
import { generateSigningKey, type TraceRecord } from '@suyuan/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleChain, registerIssuers, sign, startTestPlatform, type ExampleIssuer, type TestPlatform } from '../test-support.js';

let t: TestPlatform;
let chain: Awaited<ReturnType<typeof exampleChain>>;
let tokens: Map<string, string>;
let [a, b]: ExampleIssuer[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  chain = await exampleChain('edible-agricultural');
  [a, b] = chain.issuers;
  tokens = await registerIssuers(t.api, t.operator, [a!, b!]);
});
afterAll(async () => {
  await t?.cleanup();
});

const submit = (issuer: ExampleIssuer, records: { jws: string; disclosures?: string[] }[]) => t.api('POST', '/v1/records', { token: tokens.get(issuer.id)!, json: { records } });
const variant = (record: TraceRecord, minute: number) => ({ ...record, eventTime: `2026-12-02T08:${String(minute).padStart(2, '0')}:00.000+08:00` }) as TraceRecord;

describe('ingest at its edges', () => {
  it('refuses an event another issuer logged first, instead of calling it a duplicate', async () => {
    const event = variant(chain.records[0]!, 1);
    const byB = await sign(event, { ...b!, id: b!.id });
    const byA = await sign(event, a!);
    expect(byB.eventHash).toBe(byA.eventHash);
    expect((await submit(b!, [{ jws: byB.jws }])).body.results[0].status).toBe('accepted');
    const answer = (await submit(a!, [{ jws: byA.jws }])).body.results[0];
    expect(answer.status).toBe('rejected');
    expect(answer.error.code).toBe('CONFLICT');
    expect(answer.error.message).toContain(b!.id);
  });

  it('answers the very record again as a duplicate after its key was rotated', async () => {
    const key = await generateSigningKey('EdDSA');
    const registered = await t.api('POST', `/v1/issuers/${a!.id}/keys`, { token: t.operator, json: { jwk: key.publicJwk } });
    expect(registered.status).toBe(201);
    const signed = await sign(variant(chain.records[0]!, 2), { ...a!, key });
    const first = (await submit(a!, [{ jws: signed.jws }])).body.results[0];
    expect(first.status).toBe('accepted');
    expect((await t.api('POST', `/v1/issuers/${a!.id}/keys/${key.kid}/rotate`, { token: t.operator })).status).toBe(200);
    const again = (await submit(a!, [{ jws: signed.jws }])).body.results[0];
    expect(again).toMatchObject({ status: 'duplicate', index: first.index });
    const fresh = await sign(variant(chain.records[0]!, 3), { ...a!, key });
    expect((await submit(a!, [{ jws: fresh.jws }])).body.results[0].error.code).toBe('KEY_NOT_VALID');
  });

  it('refuses every copy of a record whose previous record in the batch failed', async () => {
    const head = variant(chain.records[0]!, 4);
    const headSigned = await sign(head, a!);
    const next = { ...chain.records[1]!, 'suyuan:previous': [headSigned.eventHash] } as TraceRecord;
    const nextIssuer = chain.issuerOf(chain.records[1]!);
    const nextSigned = await sign(next, nextIssuer.id === a!.id ? a! : { ...nextIssuer, key: a!.key, id: a!.id });
    const at = headSigned.jws.lastIndexOf('.') + 10;
    const forgedHead = `${headSigned.jws.slice(0, at)}${headSigned.jws[at] === 'A' ? 'B' : 'A'}${headSigned.jws.slice(at + 1)}`;
    const answer = (await submit(a!, [{ jws: forgedHead }, { jws: nextSigned.jws }, { jws: nextSigned.jws }])).body.results;
    expect(answer.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status)).toEqual(['SIGNATURE_INVALID', 'CHAIN_BROKEN', 'CHAIN_BROKEN']);
  });

  it('lets one of two concurrent registrations of a key win without sinking other work in the same step', async () => {
    const key = await generateSigningKey('ES256');
    const record = await sign(variant(chain.records[0]!, 5), a!);
    const [one, two, records] = await Promise.all([
      t.api('POST', `/v1/issuers/${b!.id}/keys`, { token: t.operator, json: { jwk: key.publicJwk } }),
      t.api('POST', `/v1/issuers/${b!.id}/keys`, { token: t.operator, json: { jwk: key.publicJwk } }),
      submit(a!, [{ jws: record.jws }]),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect(records.body.results[0].status).toBe('accepted');
    const keys = (await t.api('GET', `/v1/issuers/${b!.id}/keys`)).body.keys;
    expect(keys.filter((k: { kid: string }) => k.kid === key.kid)).toHaveLength(1);
  });

  it('keeps the disclosures of one record within 64 KiB', async () => {
    const record = await sign(variant(chain.records[0]!, 6), a!);
    const response = await submit(a!, [{ jws: record.jws, disclosures: Array.from({ length: 3 }, () => 'A'.repeat(30_000)) }]);
    expect(response.status).toBe(400);
    expect(response.body.details.path).toBe('records[0].disclosures');
  });
});
