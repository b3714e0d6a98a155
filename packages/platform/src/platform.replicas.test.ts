/**
 * Several platform processes on one PostgreSQL log: one sequences, the others serve reads, follow the
 * log, and one of them takes over when the writer stops — without ever signing an inconsistent
 * checkpoint. (Each platform has its own pool and lock connection, as separate processes would.)
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVerifierKey, verifyConsistency } from '@suyuan/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KEY_FILE } from './log/platform-key.js';
import { createTestSchema, postgresAvailableForTests, runTestSql, TEST_POSTGRES_URL, type TestSchema } from './store/test-postgres.js';
import { exampleChain, registerIssuers, sign, startTestPlatform, type TestPlatform } from './test-support.js';

const available = await postgresAvailableForTests();

/** Two platform processes of one log in a fresh schema: the first to start sequences; both hold the log key. */
async function startPair(): Promise<{ schema: TestSchema; first: TestPlatform; second: TestPlatform }> {
  const schema = await createTestSchema();
  const options = { postgres: TEST_POSTGRES_URL, postgresSchema: schema.schema, followIntervalMs: 20 };
  const first = await startTestPlatform(options);
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-second-'));
  copyFileSync(join(first.dataDir, LOG_KEY_FILE), join(dir, LOG_KEY_FILE));
  const second = await startTestPlatform({ ...options, dataDir: dir });
  return { schema, first, second };
}

describe.skipIf(!available)('platform processes sharing one PostgreSQL log', () => {
  let schema: TestSchema;
  let writer: TestPlatform;
  let reader: TestPlatform;

  const until = async (condition: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await condition()).toBe(true);
  };

  beforeAll(async () => {
    ({ schema, first: writer, second: reader } = await startPair());
  });
  afterAll(async () => {
    await reader?.cleanup();
    await writer?.cleanup();
    await schema?.drop();
  });

  it('gives the sequencer lock to one process; the other serves reads and refuses log writes', async () => {
    expect(writer.platform.sequencing).toBe(true);
    expect(reader.platform.sequencing).toBe(false);
    expect(reader.platform.operatorToken).toBeUndefined();
    const chain = await exampleChain('rare-earth');
    const issuer = chain.issuers[0]!;
    const tokens = await registerIssuers(writer.api, writer.operator, [issuer]);
    const record = await sign(chain.records[0]!, issuer);
    const refused = await reader.api('POST', '/v1/records', { token: tokens.get(issuer.id)!, json: { records: [{ jws: record.jws }] } });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('UNAVAILABLE');
    const accepted = await writer.api('POST', '/v1/records', { token: tokens.get(issuer.id)!, json: { records: [{ jws: record.jws }] } });
    expect(accepted.body.accepted).toBe(1);
    await until(async () => (await reader.api('GET', '/log/checkpoint')).text === writer.platform.sequencer.checkpoint.note);
    const served = await reader.api('GET', `/v1/records/${encodeURIComponent(record.eventHash)}`);
    expect(served.status).toBe(200);
    expect((await reader.api('GET', `/v1/issuers/${issuer.id}/keys`)).body.keys).toHaveLength(1);
  });

  it('takes over when the writer stops, extending the same log', async () => {
    const before = writer.platform.sequencer.checkpoint;
    await writer.stop();
    await until(() => reader.platform.sequencing);
    const chain = await exampleChain('rare-earth');
    const issuer = chain.issuers[0]!;
    const tokens = await registerIssuers(reader.api, (await reader.api('POST', '/v1/tokens', { token: writer.operator, json: { scopes: ['operator'], label: 'x' } })).body.token, [{ ...issuer, id: 'uscc:91350100M000100Y43', name: 'Second' }]);
    const record = await sign({ ...chain.records[0]!, eventTime: '2026-12-01T09:00:00.000+08:00' }, { ...issuer, id: 'uscc:91350100M000100Y43' });
    const accepted = await reader.api('POST', '/v1/records', { token: tokens.get('uscc:91350100M000100Y43')!, json: { records: [{ jws: record.jws }] } });
    expect(accepted.body.accepted, accepted.text).toBe(1);
    const after = reader.platform.sequencer.checkpoint;
    expect(after.size).toBeGreaterThan(before.size);
    const proof = await reader.api('GET', `/v1/log/consistency?from=${before.size}`);
    const verified = verifyConsistency({ oldSize: before.size, newSize: after.size, oldRoot: before.rootHash, newRoot: after.rootHash, proof: proof.body.proof.map((p: string) => new Uint8Array(Buffer.from(p, 'base64'))) });
    expect(verified.ok).toBe(true);
    expect(parseVerifierKey(reader.platform.verifierKey).name).toBe(writer.platform.origin);
  });
});

describe.skipIf(!available)('a writer that loses its PostgreSQL lock', () => {
  let schema: TestSchema;
  let first: TestPlatform;
  let second: TestPlatform;

  beforeAll(async () => {
    ({ schema, first, second } = await startPair());
  });
  afterAll(async () => {
    await second?.cleanup();
    await first?.cleanup();
    await schema?.drop();
  });

  it('ends with exactly one writer, the process holding the lock; the other serves reads', async () => {
    expect(first.platform.sequencing).toBe(true);
    // What a network blip or idle_session_timeout does: the session holding the advisory lock ends.
    // Either process may get the free lock next; whichever does writes, and the other must not.
    const { rows } = await runTestSql("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    expect(rows.length).toBeGreaterThan(0);
    for (const { pid } of rows) await runTestSql('SELECT pg_terminate_backend($1)', [pid]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 200 && first.platform.sequencing === second.platform.sequencing; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const [writer, reader] = first.platform.sequencing ? [first, second] : [second, first];
    expect([writer.platform.sequencing, reader.platform.sequencing]).toEqual([true, false]);
    const chain = await exampleChain('hazardous-goods');
    const issuer = chain.issuers[0]!;
    const tokens = await registerIssuers(writer.api, first.operator, [issuer]);
    const record = await sign(chain.records[0]!, issuer);
    const refused = await reader.api('POST', '/v1/records', { token: tokens.get(issuer.id)!, json: { records: [{ jws: record.jws }] } });
    expect(refused.status).toBe(503);
    const accepted = await writer.api('POST', '/v1/records', { token: tokens.get(issuer.id)!, json: { records: [{ jws: record.jws }] } });
    expect(accepted.body.accepted).toBe(1);
  });
});
