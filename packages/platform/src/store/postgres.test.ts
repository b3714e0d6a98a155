import { createHash } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SuyuanError } from '@suyuan/core';
import { describeStoreConformance } from './conformance.js';
import { openPostgresStore } from './postgres.js';
import { LATEST_SCHEMA_VERSION, advisoryLockKey, decodeText, encodeText } from './postgres-schema.js';
import type { AppendBatch, RecordRow, Store } from './store.js';
import { TEST_POSTGRES_URL, createTestSchema, postgresAvailableForTests, runTestSql } from './test-postgres.js';
import type { TestSchema } from './test-postgres.js';

const available = await postgresAvailableForTests();

const ISSUER = 'uscc:91350100M000100Y43';
const KID = 'kid-1';

describe('PostgreSQL text encoding (no U+0000 in PostgreSQL text)', () => {
  /** Strings rich in U+0000, U+0001 and the digits the escape uses. */
  const tricky = fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '0', '1', 'a', '\uffff', '溯'), maxLength: 12 });
  const anyText = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 12 }));
  /** Code-point order, as PostgreSQL's `COLLATE "C"` sorts UTF-8. */
  const byCodePoints = (a: string, b: string): number => {
    const [x, y] = [Array.from(a, (c) => c.codePointAt(0)!), Array.from(b, (c) => c.codePointAt(0)!)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };

  it('leaves ordinary text alone and never stores U+0000', () => {
    expect(encodeText('(01)06901234000010 溯源 🐟')).toBe('(01)06901234000010 溯源 🐟');
    expect(encodeText('a\u0000b\u0001c')).toBe('a\u00010b\u00011c');
    fc.assert(fc.property(anyText, (text) => !encodeText(text).includes('\u0000')));
  });

  it('round-trips every string', () => {
    fc.assert(fc.property(anyText, (text) => decodeText(encodeText(text)) === text));
  });

  it('is one-to-one and keeps code-point order', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const [ea, eb] = [encodeText(a), encodeText(b)];
        expect(ea === eb).toBe(a === b);
        expect(Math.sign(byCodePoints(ea, eb))).toBe(Math.sign(byCodePoints(a, b)));
      }),
    );
  });
});

describe.skipIf(!available)('PostgreSQL store conformance', () => {
  describeStoreConformance('postgres', async () => {
    const schema = await createTestSchema();
    const open = (): Promise<Store> => openPostgresStore({ connectionString: TEST_POSTGRES_URL, schema: schema.schema });
    return { open, reopen: open, cleanup: () => schema.drop() };
  });
});

/** 32 bytes derived from a label. */
function digest(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label).digest());
}

/** A record row for log index `index`, naming `codes`. */
function record(index: number, tag: string, codes: readonly string[]): RecordRow {
  return {
    eventHash: `ni:///sha-256;${tag}-${index}?ver=CBV2.0`,
    index,
    issuer: ISSUER,
    kid: KID,
    jws: `header.payload-${tag}-${index}.signature`,
    disclosures: [`disclosure-${index}`],
    eventType: 'ObjectEvent',
    eventTime: '2026-11-28T15:27:54.000Z',
    codes,
    previous: [],
    receivedAt: '2026-11-28T15:27:55.000Z',
  };
}

/** A batch of `count` record entries from `fromSize`, one stored hash per entry; `tag` makes its contents distinct. */
function recordBatch(fromSize: number, count: number, tag: string, codesOf = (i: number) => [`code-${i}`]): AppendBatch {
  const indexes = Array.from({ length: count }, (_, i) => fromSize + i);
  const size = fromSize + count;
  return {
    fromSize,
    entries: indexes.map((index) => ({ index, kind: 'record' as const, text: `header.payload-${tag}-${index}.signature` })),
    hashes: indexes.map((index) => ({ index, hash: digest(`${tag}-${index}`) })),
    records: indexes.map((index) => record(index, tag, codesOf(index))),
    keyChanges: [],
    checkpoint: { size, rootHash: digest(`${tag}-root-${size}`), note: `origin\n${size}\n${tag}\n`, createdAt: '2026-11-28T15:28:00.000Z' },
  };
}

/** Creates the fixtures' issuer and registers its key (log entry 0): the log then has 1 entry. */
async function seed(store: Store): Promise<void> {
  await store.createIssuer({ id: ISSUER, name: 'issuer', roles: ['producer'], categories: [], createdAt: '2026-11-28T15:00:00.000Z' });
  const key = {
    issuer: ISSUER,
    kid: KID,
    alg: 'EdDSA' as const,
    jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: 'x' },
    registeredAt: 0,
    registeredTime: '2026-11-28T15:00:00.000Z',
  };
  await store.append({
    fromSize: 0,
    entries: [{ index: 0, kind: 'key', text: 'register kid-1' }],
    hashes: [{ index: 0, hash: digest('key') }],
    records: [],
    keyChanges: [{ action: 'register', key }],
    checkpoint: { size: 1, rootHash: digest('root-1'), note: 'origin\n1\n', createdAt: '2026-11-28T15:00:00.000Z' },
  });
}

/** The `SuyuanError` code a promise rejects with (fails the test when it resolves or throws something else). */
async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SuyuanError);
  return (error as SuyuanError).code;
}

describe.skipIf(!available)('PostgreSQL store', () => {
  let schema: TestSchema;
  const opened: Store[] = [];

  /** Opens a store on this test's schema (closed after the test). */
  async function open(poolSize?: number): Promise<Store> {
    const store = await openPostgresStore({
      connectionString: TEST_POSTGRES_URL,
      schema: schema.schema,
      ...(poolSize === undefined ? {} : { poolSize }),
    });
    opened.push(store);
    return store;
  }

  beforeEach(async () => {
    schema = await createTestSchema();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await schema.drop();
    vi.restoreAllMocks();
  });

  describe('append under concurrency', () => {
    it('lets exactly one of two stores racing on the same fromSize win; the other gets LOG_CONFLICT', async () => {
      const [a, b] = [await open(), await open()];
      await seed(a);
      await a.append(recordBatch(1, 2, 'base'));
      // Hold the log head so both appends are inside their transactions, waiting, before either can commit.
      const blocker = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(`SELECT size FROM "${schema.schema}".log_head WHERE id = 1 FOR UPDATE`);
        const racing = Promise.allSettled([a.append(recordBatch(3, 5, 'left')), b.append(recordBatch(3, 2, 'right'))]);
        await waitForLockWaiters(blocker, schema.schema, 2);
        await blocker.query('COMMIT');
        const outcomes = await racing;
        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        const loser = outcomes.find((outcome) => outcome.status === 'rejected');
        expect((loser as PromiseRejectedResult).reason).toMatchObject({ code: 'LOG_CONFLICT' });
        const leftWon = outcomes[0]?.status === 'fulfilled';
        expect(leftWon).toBe(outcomes[1]?.status === 'rejected');
        await expectOnlyWinnerWritten(a, leftWon ? 'left' : 'right', leftWon ? 8 : 5);
      } finally {
        await blocker.end();
      }
    });

    it('never lets two racing appends both succeed, over many rounds', async () => {
      const stores = [await open(2), await open(2), await open(2)];
      await seed(stores[0]!);
      let size = 1;
      for (let round = 0; round < 15; round++) {
        const outcomes = await Promise.allSettled(
          stores.map((store, i) => store.append(recordBatch(size, 1 + i, `r${round}s${i}`))),
        );
        const winner = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'LOG_CONFLICT' });
        }
        size += 1 + winner;
        expect(await stores[round % 3]!.logSize()).toBe(size);
      }
      const entries = await stores[0]!.readEntries(0, size + 10);
      expect(entries.map((entry) => entry.index)).toEqual(Array.from({ length: size }, (_, i) => i));
    });

    it('writes nothing of a batch that fails part-way', async () => {
      const store = await open();
      await seed(store);
      await store.append(recordBatch(1, 2, 'first'));
      const bad = recordBatch(3, 3, 'second');
      // The last record repeats an event hash already stored: the insert fails after entries, hashes and codes went in.
      const records = [...bad.records.slice(0, 2), { ...bad.records[2]!, eventHash: 'ni:///sha-256;first-1?ver=CBV2.0' }];
      expect(await rejectionCode(store.append({ ...bad, records }))).toBe('CONFLICT');
      expect(await store.logSize()).toBe(3);
      expect(await store.readEntries(0, 10)).toHaveLength(3);
      expect(await rejectionCode(store.readHashes([3]))).toBe('NOT_FOUND');
      expect(await store.recordsByCode('code-3', 10)).toEqual([]);
      expect(await store.checkpointAt(6)).toBeUndefined();
      expect((await store.latestCheckpoint())?.size).toBe(3);
      await store.append(recordBatch(3, 3, 'second'));
      expect(await store.logSize()).toBe(6);
      expect(await store.recordsByCode('code-3', 10)).toEqual([bad.records[0]]);
    });
  });

  describe('sequencer lock', () => {
    it('is held by one store per schema until it closes', async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.acquireSequencerLock()).toBe(true);
      expect(await a.acquireSequencerLock()).toBe(true);
      expect(await b.acquireSequencerLock()).toBe(false);
      expect(await b.acquireSequencerLock()).toBe(false);
      await a.close();
      expect(await b.acquireSequencerLock()).toBe(true);
      const c = await open();
      expect(await c.acquireSequencerLock()).toBe(false);
    });

    it('gives concurrent attempts of two stores exactly one winner', async () => {
      const stores = await Promise.all([open(), open(), open(), open()]);
      const results = await Promise.all(stores.map((store) => store.acquireSequencerLock()));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('passes to another store when the holding connection dies', async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.acquireSequencerLock()).toBe(true);
      expect(await b.acquireSequencerLock()).toBe(false);
      const killed = await runTestSql(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_locks
         WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
        [advisoryLockKey('sequencer', schema.schema)],
      );
      expect(killed.rows).toEqual([{ killed: true }]);
      await vi.waitFor(async () => expect(await b.acquireSequencerLock()).toBe(true), { timeout: 5_000, interval: 50 });
      expect(await a.acquireSequencerLock()).toBe(false);
    });

    it('is separate for each schema', async () => {
      const a = await open();
      expect(await a.acquireSequencerLock()).toBe(true);
      const other = await createTestSchema();
      try {
        const b = await openPostgresStore({ connectionString: TEST_POSTGRES_URL, schema: other.schema });
        try {
          expect(await b.acquireSequencerLock()).toBe(true);
        } finally {
          await b.close();
        }
      } finally {
        await other.drop();
      }
    });
  });

  describe('migrations', () => {
    it('apply once when several stores open a new schema at the same time', async () => {
      await schema.drop();
      const stores = await Promise.all(Array.from({ length: 5 }, () => open(1)));
      const versions = await runTestSql(`SELECT version FROM "${schema.schema}".schema_version ORDER BY version`);
      expect(versions.rows.map((row: { version: number }) => row.version)).toEqual(
        Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
      );
      await seed(stores[0]!);
      await stores[1]!.append(recordBatch(1, 1, 'one'));
      for (const store of stores) expect(await store.logSize()).toBe(2);
      const again = await open();
      expect(await again.logSize()).toBe(2);
    });

    it('refuse a schema newer than the code', async () => {
      await (await open()).close();
      await runTestSql(`INSERT INTO "${schema.schema}".schema_version (version) VALUES ($1)`, [LATEST_SCHEMA_VERSION + 1]);
      expect(await rejectionCode(open())).toBe('UNAVAILABLE');
    });
  });

  describe('big batches', () => {
    it('appends 1,000 records in a handful of statements and finds them by code and event hash', async () => {
      const store = await open();
      await seed(store);
      const batch = recordBatch(1, 1000, 'big', (i) => [`code-${i % 10}`, `unique-${i}`]);
      const query = vi.spyOn(pg.Client.prototype, 'query');
      await store.append(batch);
      const statements = query.mock.calls.length;
      query.mockRestore();
      expect(statements).toBeLessThanOrEqual(12);
      expect(await store.logSize()).toBe(1001);
      expect(await store.readEntries(0, 2000)).toHaveLength(1001);
      const byCode = await store.recordsByCode('code-3', 1000);
      expect(byCode.map((row) => row.index)).toEqual(Array.from({ length: 100 }, (_, i) => 3 + 10 * i));
      expect(await store.recordsByCode('code-3', 7)).toHaveLength(7);
      expect(await store.recordsByCode('unique-777', 10)).toEqual([batch.records[776]]);
      const hashes = await store.readHashes([1000, 1, 500]);
      expect(hashes).toEqual([digest('big-1000'), digest('big-1'), digest('big-500')]);
    });
  });

  describe('values', () => {
    it('keeps list elements with quotes, commas, braces, backslashes and non-ASCII text exactly', async () => {
      const store = await open();
      await seed(store);
      const tricky = ['a,b', '{c}', '"d"', 'e\\f', 'NULL', '', '溯源 ✓', 'x y', 'nul\u0000', '\u0001', '\u00010'];
      const batch = recordBatch(1, 1, 'tricky', () => tricky);
      const row = { ...batch.records[0]!, disclosures: tricky, previous: tricky, category: 'produce' };
      await store.append({ ...batch, records: [row] });
      expect(await store.recordsByEventHash([row.eventHash])).toEqual([row]);
      expect(await store.recordsByCode('{c}', 5)).toEqual([row]);
      expect(await store.recordsByCode('\u00010', 5)).toEqual([row]);
      expect(await store.recordsByCode('\u0000', 5)).toEqual([]);
    });

    it('returns indexes as numbers and hashes as plain Uint8Arrays', async () => {
      const store = await open();
      await seed(store);
      await store.append(recordBatch(1, 2, 'types'));
      const [hash] = await store.readHashes([1]);
      expect(Object.getPrototypeOf(hash)).toBe(Uint8Array.prototype);
      const checkpoint = await store.latestCheckpoint();
      expect(typeof checkpoint?.size).toBe('number');
      expect(Object.getPrototypeOf(checkpoint?.rootHash)).toBe(Uint8Array.prototype);
      const [entry] = await store.readEntries(1, 2);
      expect(entry).toEqual({ index: 1, kind: 'record', text: 'header.payload-types-1.signature' });
    });
  });

  describe('opening', () => {
    it('refuses a schema name that is not a plain identifier', async () => {
      const promise = openPostgresStore({ connectionString: TEST_POSTGRES_URL, schema: 'x"; DROP TABLE y; --' });
      expect(await rejectionCode(promise)).toBe('INPUT_TYPE');
    });

    it('fails with UNAVAILABLE when the database does not answer', async () => {
      const promise = openPostgresStore({ connectionString: 'postgres://nobody:nothing@127.0.0.1:1/none', schema: 's_none' });
      expect(await rejectionCode(promise)).toBe('UNAVAILABLE');
    });
  });
});

/** Waits until `count` sessions wait for a lock on the log head of `schema`. */
async function waitForLockWaiters(holder: pg.Client, schema: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await holder.query<{ waiting: string }>(
      `SELECT count(*) AS waiting FROM pg_stat_activity
       WHERE cardinality(pg_blocking_pids(pid)) > 0 AND strpos(query, $1) > 0 AND strpos(query, 'log_head') > 0`,
      [schema],
    );
    if (Number(result.rows[0]?.waiting) >= count) return;
    if (Date.now() > deadline) throw new Error(`fewer than ${count} sessions waited for the log head`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Checks the log holds the base batch plus exactly the winner's entries, records and checkpoint. */
async function expectOnlyWinnerWritten(store: Store, winner: string, size: number): Promise<void> {
  const loser = winner === 'left' ? 'right' : 'left';
  expect(await store.logSize()).toBe(size);
  const entries = await store.readEntries(0, 100);
  expect(entries).toHaveLength(size);
  expect(entries.slice(3).every((entry) => entry.text.includes(`-${winner}-`))).toBe(true);
  expect((await store.latestCheckpoint())?.note).toContain(winner);
  expect(await store.recordsByEventHash([`ni:///sha-256;${loser}-3?ver=CBV2.0`])).toEqual([]);
  expect(await store.recordsByEventHash([`ni:///sha-256;${winner}-3?ver=CBV2.0`])).toHaveLength(1);
  expect(await store.checkpointAt(loser === 'left' ? 8 : 5)).toBeUndefined();
}
