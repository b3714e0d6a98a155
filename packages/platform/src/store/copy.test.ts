/**
 * `copyStore` on real stores. The source is built through the real platform on SQLite — issuers,
 * keys registered, rotated and revoked, records with disclosures, a suspended issuer, a revoked
 * token, and a recall entry — then copied into a fresh SQLite store and (when the test database
 * answers) a fresh PostgreSQL schema. Every copy must read back exactly as the source, and a platform
 * started on it with the same log key must serve the same log and carry on appending to it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateNoteSigner, generateSigningKey, noteVerifier, signNote, splitCompactJws, verifyCheckpoint, verifyConsistency, type NoteSigner, type TraceRecord } from '@suyuan/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyRegistry } from '../issuers/key-registry.js';
import { LOG_KEY_FILE, loadOrCreateLogKey } from '../log/platform-key.js';
import { hashReader, Sequencer } from '../log/sequencer.js';
import { storedHashCount, treeHash } from '../log/tree.js';
import { DEFAULT_ORIGIN, type PlatformOptions } from '../platform.js';
import { exampleChain, registerIssuers, sign, startTestPlatform, type ExampleIssuer, type TestPlatform } from '../test-support.js';
import { copyStore, type CopyProgress } from './copy.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore, type SqliteStore } from './sqlite.js';
import type { StoredCheckpoint, Store } from './store.js';
import { createTestSchema, postgresAvailableForTests, TEST_POSTGRES_URL, type TestSchema } from './test-postgres.js';

const postgresAvailable = await postgresAvailableForTests();

/** Fields kept secret when a record has them, so the source holds disclosures. */
const SECRET_FIELDS = ['suyuan:customs', 'suyuan:licences', 'suyuan:inspections', 'suyuan:quota'];

const temporaryDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** The source platform's store and what the test needs to use its copy. */
interface Source {
  readonly dataDir: string;
  readonly store: Store;
  readonly signer: NoteSigner;
  readonly head: StoredCheckpoint;
  readonly operator: string;
  /** A disclosures:read token secret. */
  readonly auditor: string;
  /** Records accepted, with their disclosures. */
  readonly submitted: readonly { eventHash: string; disclosures: string[] }[];
  /** An issuer with an active key and its token, and a record of its chain to sign anew. */
  readonly active: { issuer: ExampleIssuer; token: string; record: TraceRecord };
  /** The token of the suspended issuer, and a record to sign anew. */
  readonly suspended: { issuer: ExampleIssuer; token: string; record: TraceRecord };
  /** The secret of the revoked token. */
  readonly revokedToken: string;
  readonly renamed: Renamed;
}

// Building the source ------------------------------------------------------------------------------

/** Submits signed records in one request and expects every one accepted. */
async function submit(t: TestPlatform, token: string, signed: readonly { jws: string; disclosures: string[] }[]): Promise<void> {
  const response = await t.api('POST', '/v1/records', { token, json: { records: signed.map(({ jws, disclosures }) => ({ jws, disclosures })) } });
  expect(response.status, response.text).toBe(200);
  expect(response.body.accepted, response.text).toBe(signed.length);
}

/**
 * The event hashes records are logged under, by the `eventID` the example builders gave them: a
 * record with secret fields gets another identity (its public projection's event hash), so the
 * records naming it as previous are signed with that identity instead.
 */
type Renamed = Map<string, string>;

/** `record` with its previous records named by the identities they were logged under. */
function relinked(record: TraceRecord, renamed: Renamed): TraceRecord {
  const previous = record['suyuan:previous'];
  if (!previous) return record;
  return { ...record, 'suyuan:previous': previous.map((hash) => renamed.get(hash) ?? hash) } as TraceRecord;
}

/** Signs a record with its issuer's current key, keeping the secret fields it has secret, and notes its identity. */
async function signWithSecrets(record: TraceRecord, issuer: ExampleIssuer, renamed: Renamed): Promise<{ jws: string; disclosures: string[]; eventHash: string }> {
  const signed = await sign(relinked(record, renamed), issuer, SECRET_FIELDS.filter((field) => field in record));
  if (record.eventID) renamed.set(record.eventID, signed.eventHash);
  return signed;
}

/**
 * The source: three example chains through the API (records one per request, the rare-earth chain's
 * runs of one issuer per request), a key rotated mid-chain, a key revoked with a reason, an issuer
 * suspended, a token revoked, then — the platform stopped — a recall entry appended by a sequencer.
 */
async function buildSource(): Promise<Source> {
  const t = await startTestPlatform();
  const submitted: { eventHash: string; disclosures: string[] }[] = [];
  const tokens = new Map<string, string>();
  const current = new Map<string, ExampleIssuer>();
  const renamed: Renamed = new Map();
  const chains = { food: await exampleChain('food'), imports: await exampleChain('import-export'), rareEarth: await exampleChain('rare-earth', 'ES256') };
  for (const chain of Object.values(chains)) {
    for (const [id, token] of await registerIssuers(t.api, t.operator, chain.issuers)) tokens.set(id, token);
    for (const issuer of chain.issuers) current.set(issuer.id, issuer);
  }
  const submitOne = async (record: TraceRecord, issuerId: string) => {
    const signed = await signWithSecrets(record, current.get(issuerId)!, renamed);
    await submit(t, tokens.get(issuerId)!, [signed]);
    submitted.push(signed);
  };

  for (const record of chains.food.records) await submitOne(record, chains.food.issuerOf(record).id);

  // Imports: the first issuer moves to a new key after its first record.
  const [first, ...rest] = chains.imports.records;
  const rotating = chains.imports.issuerOf(first!);
  await submitOne(first!, rotating.id);
  const newKey = await generateSigningKey('EdDSA');
  expect((await t.api('POST', `/v1/issuers/${rotating.id}/keys`, { token: t.operator, json: { jwk: newKey.publicJwk } })).status).toBe(201);
  expect((await t.api('POST', `/v1/issuers/${rotating.id}/keys/${rotating.key.kid}/rotate`, { token: t.operator })).status).toBe(200);
  current.set(rotating.id, { ...rotating, key: newKey });
  for (const record of rest) await submitOne(record, chains.imports.issuerOf(record).id);

  // Rare earth: each run of one issuer's records in one request; then one issuer's key is revoked.
  const runs: { issuer: ExampleIssuer; records: TraceRecord[] }[] = [];
  for (const record of chains.rareEarth.records) {
    const issuer = chains.rareEarth.issuerOf(record);
    if (runs.at(-1)?.issuer.id === issuer.id) runs.at(-1)!.records.push(record);
    else runs.push({ issuer, records: [record] });
  }
  for (const run of runs) {
    const signed = [];
    for (const record of run.records) signed.push(await signWithSecrets(record, run.issuer, renamed));
    await submit(t, tokens.get(run.issuer.id)!, signed);
    submitted.push(...signed);
  }
  const revoking = runs.at(-1)!.issuer;
  const revoked = await t.api('POST', `/v1/issuers/${revoking.id}/keys/${revoking.key.kid}/revoke`, { token: t.operator, json: { reason: 'private key leaked' } });
  expect(revoked.status, revoked.text).toBe(200);

  // Operator actions that write no log entry: a suspension, a token revocation, an auditor token.
  const suspendedIssuer = chains.food.issuers[1]!;
  expect((await t.api('PATCH', `/v1/issuers/${suspendedIssuer.id}`, { token: t.operator, json: { suspended: true } })).status).toBe(200);
  const listed = await t.api('GET', `/v1/tokens?issuer=${revoking.id}`, { token: t.operator });
  expect((await t.api('DELETE', `/v1/tokens/${listed.body.tokens[0].id}`, { token: t.operator })).status).toBe(204);
  const auditor = await t.api('POST', '/v1/tokens', { token: t.operator, json: { scopes: ['disclosures:read'], label: 'auditor' } });
  expect(auditor.status, auditor.text).toBe(201);
  await t.stop();

  const { signer } = await loadOrCreateLogKey(t.dataDir, DEFAULT_ORIGIN);
  const store = await openSqliteStore({ dataDir: t.dataDir });
  await appendRecall(store, signer);
  const activeIssuer = chains.imports.issuers.find((issuer) => issuer.id !== rotating.id)!;
  return {
    dataDir: t.dataDir,
    store,
    signer,
    head: (await store.latestCheckpoint())!,
    operator: t.operator,
    auditor: auditor.body.token,
    submitted,
    active: { issuer: activeIssuer, token: tokens.get(activeIssuer.id)!, record: chains.imports.records.find((r) => chains.imports.issuerOf(r).id === activeIssuer.id)! },
    suspended: { issuer: suspendedIssuer, token: tokens.get(suspendedIssuer.id)!, record: chains.food.records.find((r) => chains.food.issuerOf(r).id === suspendedIssuer.id)! },
    revokedToken: tokens.get(revoking.id)!,
    renamed,
  };
}

/** Appends an operator recall notice (a signed note) to the log, as the platform's sequencer does. */
async function appendRecall(store: Store, signer: NoteSigner): Promise<void> {
  const sequencer = await Sequencer.open(store, signer, new KeyRegistry(await store.allIssuerKeys()));
  const text = await signNote('suyuan recall\nbatch LZ20260612 of 6901234100013\n', signer);
  const step = await sequencer.append([{ kind: 'recall', text }]);
  expect(step.outcomes[0]?.status).toBe('appended');
  await sequencer.close();
}

/** A record like `record` at another time (a new event), naming its previous records as logged. */
function later(record: TraceRecord, eventTime: string, renamed: Renamed): TraceRecord {
  return { ...relinked(record, renamed), eventTime } as TraceRecord;
}

// Reading a whole store ------------------------------------------------------------------------------

/** Everything a store holds, read through the `Store` interface. */
async function snapshot(store: Store) {
  const size = await store.logSize();
  const entries = await store.readEntries(0, size);
  const eventHashes = entries.filter((entry) => entry.kind === 'record').map((entry) => eventHashOf(entry.text));
  const records = await store.recordsByEventHash(eventHashes);
  const codes = [...new Set(records.flatMap((record) => record.codes))].sort();
  const byCode = await Promise.all(codes.map(async (code) => [code, await store.recordsByCode(code, 1000)] as const));
  return {
    size,
    latest: await store.latestCheckpoint(),
    entries,
    hashes: await store.readHashes(Array.from({ length: storedHashCount(size) }, (_, i) => i)),
    records,
    byCode: Object.fromEntries(byCode),
    issuers: await store.issuers(),
    tokens: await store.tokens(),
    keys: await store.allIssuerKeys(),
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

function eventHashOf(jws: string): string {
  const split = splitCompactJws(jws);
  if (!split.ok) throw new Error(split.message);
  return split.parts.header['ehash'] as string;
}

/** Checks the checkpoint `to` holds at each batch end: the source's own when it has one, else a new one by the log key over the same tree. */
async function expectBatchCheckpoints(source: Source, to: Store, progress: readonly CopyProgress[]): Promise<{ own: number; signed: number }> {
  const counts = { own: 0, signed: 0 };
  for (const { size } of progress) {
    const copied = await to.checkpointAt(size);
    const original = await source.store.checkpointAt(size);
    expect(copied, `checkpoint of size ${size}`).toBeDefined();
    if (original) {
      expect(copied).toEqual(original);
      counts.own++;
    } else {
      expect(copied!.rootHash).toEqual(await treeHash(size, hashReader(source.store)));
      const verified = await verifyCheckpoint(copied!.note, [noteVerifier(source.signer.name, source.signer.publicKey)], { origin: source.signer.name });
      expect(verified.ok && verified.value.size).toBe(size);
      counts.signed++;
    }
  }
  return counts;
}

function expectBatchesOf(progress: readonly CopyProgress[], batchSize: number, total: number): void {
  expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(total / batchSize));
  progress.forEach(({ size, total: reported }, i) => {
    expect(reported).toBe(total);
    const before = i === 0 ? 0 : progress[i - 1]!.size;
    expect(size).toBeGreaterThan(before);
    expect(size - before).toBeLessThanOrEqual(batchSize);
  });
  expect(progress.at(-1)?.size).toBe(total);
}

// Targets ------------------------------------------------------------------------------------------

/** An empty store to copy into, and the options of a platform on it (its data directory holds the log key). */
interface Target {
  open(): Promise<Store>;
  platformOptions(logKeyFrom: string): Partial<PlatformOptions>;
  cleanup(): Promise<void>;
}

const sqliteTarget = (): Target => {
  const dir = temporaryDir('suyuan-copy-');
  return {
    open: () => openSqliteStore({ dataDir: dir }),
    platformOptions(logKeyFrom) {
      copyFileSync(join(logKeyFrom, LOG_KEY_FILE), join(dir, LOG_KEY_FILE));
      return { dataDir: dir };
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgresTarget = (): Target => {
  let schema: TestSchema | undefined;
  const dir = temporaryDir('suyuan-copy-pg-');
  return {
    async open() {
      schema ??= await createTestSchema();
      return openPostgresStore({ connectionString: TEST_POSTGRES_URL, schema: schema.schema });
    },
    platformOptions(logKeyFrom) {
      copyFileSync(join(logKeyFrom, LOG_KEY_FILE), join(dir, LOG_KEY_FILE));
      return { dataDir: dir, postgres: TEST_POSTGRES_URL, postgresSchema: schema!.schema };
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      await schema?.drop();
    },
  };
};

const TARGETS: [string, () => Target][] = [['SQLite', sqliteTarget], ...(postgresAvailable ? [['PostgreSQL', postgresTarget] as [string, () => Target]] : [])];

// The tests ----------------------------------------------------------------------------------------

describe('copyStore', () => {
  let source: Source;
  let original: Snapshot;

  beforeAll(async () => {
    source = await buildSource();
    original = await snapshot(source.store);
  }, 120_000);
  afterAll(async () => {
    await source?.store.close();
    if (source) rmSync(source.dataDir, { recursive: true, force: true });
  });

  it('starts from a source with every kind of row, and a step of several entries', async () => {
    const sizes = Array.from({ length: original.size }, (_, i) => i + 1);
    const unsigned = [];
    for (const size of sizes) if (!(await source.store.checkpointAt(size))) unsigned.push(size);
    expect(unsigned.length).toBeGreaterThan(0);
    expect(original.size).toBeGreaterThanOrEqual(3 * 7);
    expect(new Set(original.entries.map((entry) => entry.kind))).toEqual(new Set(['record', 'key', 'recall']));
    expect(original.records).toHaveLength(source.submitted.length);
    expect(original.records.filter((record) => record.disclosures.length > 0).length).toBeGreaterThan(1);
    expect(original.records.some((record) => record.previous.length > 0)).toBe(true);
    expect(original.keys.some((key) => key.rotatedAt !== undefined)).toBe(true);
    expect(original.keys.some((key) => key.revokedAt !== undefined && key.revocationReason === 'private key leaked')).toBe(true);
    expect(original.issuers.some((issuer) => issuer.suspendedAt !== undefined)).toBe(true);
    expect(original.tokens.some((token) => token.revokedAt !== undefined)).toBe(true);
    expect(original.tokens.some((token) => token.issuer === undefined)).toBe(true);
  });

  describe.each(TARGETS)('into %s', (_name, makeTarget) => {
    const target = makeTarget();
    let to: Store;
    const progress: CopyProgress[] = [];
    let result: Awaited<ReturnType<typeof copyStore>>;

    beforeAll(async () => {
      to = await target.open();
      result = await copyStore(source.store, to, { signer: source.signer, batchSize: 7, onProgress: (p) => progress.push(p) });
    }, 60_000);
    afterAll(async () => {
      await to?.close().catch(() => undefined);
      await target.cleanup();
    });

    it('copies issuers, tokens, the log, records, keys and checkpoints exactly', async () => {
      expect(result).toEqual({ size: original.size, records: original.records.length, issuers: original.issuers.length, tokens: original.tokens.length });
      const copy = await snapshot(to);
      expect(copy.size).toBe(original.size);
      expect(copy.latest).toEqual(original.latest);
      expect(copy.latest?.note).toBe(source.head.note);
      expect(copy.entries).toEqual(original.entries);
      expect(copy.hashes).toEqual(original.hashes);
      expect(copy.records).toEqual(original.records);
      expect(copy.byCode).toEqual(original.byCode);
      expect(copy.issuers).toEqual(original.issuers);
      expect(copy.tokens).toEqual(original.tokens);
      expect(copy.keys).toEqual(original.keys);
      for (const token of original.tokens) expect(await to.tokenByHash(token.hash)).toEqual(token);
    });

    it('copies in batches of at most 7 entries, each with a checkpoint of the log key', async () => {
      expectBatchesOf(progress, 7, original.size);
      const counts = await expectBatchCheckpoints(source, to, progress);
      expect(counts.own).toBeGreaterThan(0);
    });

    it('refuses to copy into it again (CONFLICT), changing nothing', async () => {
      const before = await snapshot(to);
      await expect(copyStore(source.store, to, { signer: source.signer, batchSize: 7 })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await snapshot(to)).toEqual(before);
    });

    it('serves the same log from a platform on the copy, which carries on appending', async () => {
      await to.close();
      const t = await startTestPlatform(target.platformOptions(source.dataDir));
      try {
        expect(t.platform.sequencing).toBe(true);
        expect(t.platform.operatorToken).toBeUndefined();
        expect((await t.api('GET', '/log/checkpoint')).text).toBe(source.head.note);

        const secret = source.submitted.find((record) => record.disclosures.length > 0)!;
        const served = await t.api('GET', `/v1/records/${encodeURIComponent(secret.eventHash)}?disclosures=true`, { token: source.auditor });
        expect(served.status, served.text).toBe(200);
        expect(served.body.disclosures).toEqual(secret.disclosures);

        const suspended = await sign(later(source.suspended.record, '2026-12-01T09:00:00.000+08:00', source.renamed), source.suspended.issuer);
        const refused = await t.api('POST', '/v1/records', { token: source.suspended.token, json: { records: [{ jws: suspended.jws }] } });
        expect(refused.body.code, refused.text).toBe('ISSUER_SUSPENDED');
        const revoked = await t.api('POST', '/v1/records', { token: source.revokedToken, json: { records: [{ jws: suspended.jws }] } });
        expect(revoked.status).toBe(401);

        const fresh = await sign(later(source.active.record, '2026-12-01T10:00:00.000+08:00', source.renamed), source.active.issuer);
        const accepted = await t.api('POST', '/v1/records', { token: source.active.token, json: { records: [{ jws: fresh.jws }] } });
        expect(accepted.body.accepted, accepted.text).toBe(1);
        expect(accepted.body.results[0].index).toBe(source.head.size);

        const after = t.platform.sequencer.checkpoint;
        expect(after.size).toBe(source.head.size + 1);
        const verified = await verifyCheckpoint(after.note, [noteVerifier(source.signer.name, source.signer.publicKey)], { origin: source.signer.name });
        expect(verified.ok).toBe(true);
        const proof = await t.api('GET', `/v1/log/consistency?from=${source.head.size}`);
        const consistent = verifyConsistency({
          oldSize: source.head.size,
          newSize: after.size,
          oldRoot: source.head.rootHash,
          newRoot: after.rootHash,
          proof: proof.body.proof.map((p: string) => new Uint8Array(Buffer.from(p, 'base64'))),
        });
        expect(consistent.ok).toBe(true);
      } finally {
        await t.stop();
      }
    });
  });

  describe('batch ends', () => {
    it.each([1, 3, 6, 1000])('with batches of %i entries, ends each at a checkpoint the source has when it can, else signs one', async (batchSize) => {
      const target = sqliteTarget();
      const to = await target.open();
      try {
        const progress: CopyProgress[] = [];
        await copyStore(source.store, to, { signer: source.signer, batchSize, onProgress: (p) => progress.push(p) });
        expectBatchesOf(progress, batchSize, original.size);
        const counts = await expectBatchCheckpoints(source, to, progress);
        expect(counts.own + counts.signed).toBe(progress.length);
        expect(await snapshot(to)).toMatchObject({ entries: original.entries, hashes: original.hashes, records: original.records, keys: original.keys, latest: original.latest });
        // One rare-earth request put two records in one source step (one checkpoint for both):
        // batches of one entry must sign a checkpoint between them; batches of 3 or 6 step back to the
        // end of the step before instead.
        if (batchSize === 1) expect(counts.signed).toBeGreaterThan(0);
        if (batchSize === 3 || batchSize === 6) {
          expect(counts.signed).toBe(0);
          expect(progress.some(({ size }) => size % batchSize !== 0 && size !== original.size)).toBe(true);
        }
        if (batchSize === 1000) expect(progress).toEqual([{ size: original.size, total: original.size }]);
      } finally {
        await to.close();
        await target.cleanup();
      }
    });
  });

  describe('refusals', () => {
    /** A fresh SQLite target, handed to `body`, then closed and removed. */
    const withTarget = async (body: (to: Store) => Promise<void>) => {
      const target = sqliteTarget();
      const to = await target.open();
      try {
        await body(to);
      } finally {
        await to.close();
        await target.cleanup();
      }
    };

    it('refuses a target that holds only an issuer, or only a token (CONFLICT), writing nothing', async () => {
      await withTarget(async (to) => {
        await to.createIssuer(original.issuers[0]!);
        const before = await snapshot(to);
        await expect(copyStore(source.store, to, { signer: source.signer })).rejects.toMatchObject({ code: 'CONFLICT' });
        expect(await snapshot(to)).toEqual(before);
      });
      await withTarget(async (to) => {
        await to.createToken(original.tokens.find((token) => token.issuer === undefined)!);
        await expect(copyStore(source.store, to, { signer: source.signer })).rejects.toMatchObject({ code: 'CONFLICT' });
        expect((await snapshot(to)).issuers).toEqual([]);
      });
    });

    it('refuses a signer that is not the log key (KEY_INVALID), writing nothing', async () => {
      const strangers = [(await generateNoteSigner(DEFAULT_ORIGIN)).signer, (await generateNoteSigner('other.example/log')).signer];
      for (const signer of strangers) {
        await withTarget(async (to) => {
          const empty = await snapshot(to);
          await expect(copyStore(source.store, to, { signer, batchSize: 7 })).rejects.toMatchObject({ code: 'KEY_INVALID' });
          expect(await snapshot(to)).toEqual(empty);
          expect(empty).toMatchObject({ size: 0, latest: undefined, issuers: [], tokens: [], keys: [] });
        });
      }
    });

    it('refuses a batch size that is not a positive integer (INPUT_TYPE)', async () => {
      await withTarget(async (to) => {
        for (const batchSize of [0, -1, 2.5, Number.NaN]) {
          await expect(copyStore(source.store, to, { signer: source.signer, batchSize })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
        }
        expect((await snapshot(to)).issuers).toEqual([]);
      });
    });

    it.each([
      ['an entry that no longer matches its stored leaf hash', `UPDATE entries SET text = 'tampered' WHERE kind = 'recall'`],
      ['a key entry whose key change is gone', 'UPDATE issuer_keys SET rotated_at = NULL, rotated_time = NULL WHERE rotated_at IS NOT NULL'],
      ['a record entry whose record row is gone', 'DELETE FROM record_codes WHERE idx = (SELECT max(idx) FROM records); DELETE FROM records WHERE idx = (SELECT max(idx) FROM records)'],
    ])('refuses a damaged source: %s (LOG_CONFLICT)', async (_what, damage) => {
      const damagedTarget = sqliteTarget();
      const damaged = (await damagedTarget.open()) as SqliteStore;
      try {
        await copyStore(source.store, damaged, { signer: source.signer });
        await damaged.close();
        const db = new Database(damaged.file);
        db.exec(damage);
        db.close();
        const reopened = await openSqliteStore({ file: damaged.file });
        try {
          await withTarget(async (to) => {
            await expect(copyStore(reopened, to, { signer: source.signer, batchSize: 7 })).rejects.toMatchObject({ code: 'LOG_CONFLICT' });
          });
        } finally {
          await reopened.close();
        }
      } finally {
        await damaged.close().catch(() => undefined);
        await damagedTarget.cleanup();
      }
    });

    it('copies an empty store into an empty store', async () => {
      const emptySource = sqliteTarget();
      const from = await emptySource.open();
      try {
        await withTarget(async (to) => {
          expect(await copyStore(from, to, { signer: source.signer })).toEqual({ size: 0, records: 0, issuers: 0, tokens: 0 });
          expect(await snapshot(to)).toEqual(await snapshot(from));
        });
      } finally {
        await from.close();
        await emptySource.cleanup();
      }
    });
  });

  it('leaves the source as it was', async () => {
    expect(await snapshot(source.store)).toEqual(original);
  });
});
