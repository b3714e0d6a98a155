/**
 * The shared conformance suite: the behaviour every `Store` backend must have, as vitest tests.
 * A backend's test file calls `describeStoreConformance('sqlite', makeFactory)`; the suite opens a
 * fresh database for every test through the factory and removes it afterwards.
 *
 * Conventions the suite demands of every backend (beyond `store.ts`):
 * - Optional fields that are not set are absent from returned rows (no `undefined` or `null` keys).
 * - Byte strings come back as plain `Uint8Array`s (not `Buffer`s), fresh copies the caller may change.
 * - Store-managed times (`createdAt`, `receivedAt`, `registeredTime` …) must be ISO 8601 UTC with
 *   milliseconds exactly as `Date.prototype.toISOString` writes them; anything else is `INPUT_TYPE`.
 *   A record's `eventTime` is its own business and is kept as given.
 * - A record's `jws` is its log entry's text, the record's entry is of kind `record`, a key change's
 *   index is an entry of kind `key` of the same batch; malformed batches are `INPUT_TYPE`.
 * - Records need their key (registered before or in the same batch), keys their issuer, enterprise
 *   tokens their issuer: `NOT_FOUND` otherwise. Registering a key twice, rotating a rotated or revoked
 *   key, or revoking a revoked key is `CONFLICT`.
 * - A batch without entries re-signs the current size: it replaces the checkpoint at that size and is
 *   `LOG_CONFLICT` when its root hash differs from the stored one.
 * - Issuers are listed in code-point order of their ids; tokens by creation time, then id.
 *
 * This module imports vitest and is meant only for test files.
 */
import { createHash } from 'node:crypto';
import { SuyuanError, type SuyuanErrorCode } from '@suyuan/core';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import type { AppendBatch, IssuerKeyRow, IssuerRow, KeyChange, LogEntry, RecordRow, Store, StoredCheckpoint, StoredHash, TokenRow } from './store.js';

/** Opens stores on one fresh database for one test of the conformance suite. */
export interface StoreFactory {
  /** Opens the first store on this factory's (fresh, empty) database. */
  open(): Promise<Store>;
  /**
   * Opens another store on the same database (same data), as a second process would: after earlier
   * stores were closed, or while one is still open. Tests needing it are skipped when absent.
   */
  reopen?(): Promise<Store>;
  /** Removes the database; called once after every store the test opened was closed. */
  cleanup(): Promise<void>;
}

/**
 * Registers the conformance tests (vitest `describe`/`it`) for one backend. `factory` is called
 * before every test and must return a factory for a fresh, empty database.
 */
export function describeStoreConformance(name: string, factory: () => Promise<StoreFactory>): void {
  describe(`Store conformance: ${name}`, () => {
    const harness = new Harness(factory);
    beforeEach(() => harness.start());
    afterEach(() => harness.finish());
    describeEmptyStore(harness);
    describeLog(harness);
    describeBatchValidation(harness);
    describeRecords(harness);
    describeIssuers(harness);
    describeKeys(harness);
    describeTokens(harness);
    describeProcesses(harness);
    describeHostileStrings(harness);
  });
}

// Harness ----------------------------------------------------------------------------------------

/** Keeps the current test's factory and every store it opened, so all are closed afterwards. */
class Harness {
  private current: StoreFactory | undefined;
  private readonly opened: Store[] = [];

  constructor(private readonly makeFactory: () => Promise<StoreFactory>) {}

  async start(): Promise<void> {
    this.current = await this.makeFactory();
  }

  async finish(): Promise<void> {
    const stores = this.opened.splice(0);
    for (const store of stores) await store.close().catch(() => undefined);
    const current = this.current;
    this.current = undefined;
    if (current) await current.cleanup();
  }

  private get factory(): StoreFactory {
    if (!this.current) throw new Error('conformance harness: no factory (beforeEach did not run)');
    return this.current;
  }

  /** The first store of the test. */
  async open(): Promise<Store> {
    return this.track(await this.factory.open());
  }

  /** Another store on the same database; skips the test when the factory cannot. */
  async reopen(context: TestContext): Promise<Store> {
    const reopen = this.factory.reopen;
    if (!reopen) context.skip('the factory cannot reopen a database');
    return this.track(await reopen!.call(this.factory));
  }

  private track(store: Store): Store {
    this.opened.push(store);
    return store;
  }
}

/** Awaits `promise`, expects it to reject with a `SuyuanError` of this code, and returns the error. */
async function expectCode(promise: Promise<unknown>, code: SuyuanErrorCode): Promise<SuyuanError> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected a SuyuanError ${code}, but the call resolved`);
  const { error } = outcome;
  if (!(error instanceof SuyuanError)) throw new Error(`expected a SuyuanError ${code}, got ${String(error)}`, { cause: error });
  expect(error.code, error.message).toBe(code);
  return error;
}

// Fixtures ---------------------------------------------------------------------------------------

const ISSUER_A = 'uscc:91350100M000100Y43';
const ISSUER_B = 'uscc:91110108551385082Q';
const ISSUER_GLN = 'gln:6901234000004';
const ORIGIN = 'log.trace.example.cn/suyuan';
const BASE_TIME = Date.UTC(2026, 10, 28, 15, 27, 54);

function sha256(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}

function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64url');
}

/** An ISO time `seconds` after the fixtures' base time. */
function at(seconds: number): string {
  return new Date(BASE_TIME + seconds * 1000).toISOString();
}

/** A realistic event hash: `ni:///sha-256;<43 base64url chars>?ver=CBV2.0`. */
function eventHash(seed: string): string {
  return `ni:///sha-256;${base64url(sha256(`event:${seed}`))}?ver=CBV2.0`;
}

/** A key id (RFC 7638 thumbprint shape) for a key seed. */
function kidOf(keySeed: string): string {
  return base64url(sha256(`kid:${keySeed}`));
}

/** The lower-case hex SHA-256 of a token secret. */
function tokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The number of stored hashes of a tree of `size` leaves (2n − popcount(n), as in tlog). */
function storedHashCount(size: number): number {
  let ones = 0;
  for (let n = size; n > 0; n = Math.floor(n / 2)) ones += n % 2;
  return 2 * size - ones;
}

function issuerRow(id: string, overrides: Partial<IssuerRow> = {}): IssuerRow {
  return {
    id,
    name: `福州溯源食品有限公司 ${id.slice(-4)}`,
    roles: ['producer', 'processor'],
    categories: ['aquatic', 'meat'],
    createdAt: at(0),
    ...overrides,
  };
}

function tokenRow(id: string, overrides: Partial<TokenRow> = {}): TokenRow {
  return {
    id,
    hash: tokenHash(`secret-${id}`),
    scopes: ['records:write'],
    issuer: ISSUER_A,
    label: `ingest ${id}`,
    createdAt: at(10),
    ...overrides,
  };
}

function keyRow(issuer: string, keySeed: string, index: number): IssuerKeyRow {
  return {
    issuer,
    kid: kidOf(keySeed),
    alg: 'EdDSA',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: base64url(sha256(`x:${keySeed}`)) },
    registeredAt: index,
    registeredTime: at(index),
  };
}

/** What one planned log entry contributes to a batch, given its index. */
interface ItemParts {
  entry: LogEntry;
  record?: RecordRow;
  keyChange?: KeyChange;
}
type Item = (index: number) => ItemParts;

interface RecordSpec {
  seed: string;
  issuer?: string;
  keySeed?: string;
  codes?: readonly string[];
  previous?: readonly string[];
  disclosures?: readonly string[];
  category?: string;
  eventType?: string;
  jws?: string;
}

/** A fake compact JWS of a record (header with `ehash` and `kid`, payload, signature). */
function fakeJws(seed: string, kid: string): string {
  const header = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'suyuan-record+jws', kid, ehash: eventHash(seed) }));
  const payload = base64url(JSON.stringify({ type: 'ObjectEvent', eventID: eventHash(seed), action: 'OBSERVE' }));
  return `${header}.${payload}.${base64url(new Uint8Array([...sha256(`sig1:${seed}`), ...sha256(`sig2:${seed}`)]))}`;
}

function recordItem(spec: RecordSpec): Item {
  return (index) => {
    const kid = kidOf(spec.keySeed ?? 'key-a1');
    const jws = spec.jws ?? fakeJws(spec.seed, kid);
    const record: RecordRow = {
      eventHash: eventHash(spec.seed),
      index,
      issuer: spec.issuer ?? ISSUER_A,
      kid,
      jws,
      disclosures: spec.disclosures ?? [base64url(JSON.stringify([base64url(sha256(`salt:${spec.seed}`)), 'bizLocation', 'urn:epc:id:sgln:6901234.00000.0']))],
      eventType: spec.eventType ?? 'ObjectEvent',
      eventTime: '2026-11-28T10:15:00+08:00',
      ...(spec.category === undefined ? {} : { category: spec.category }),
      codes: spec.codes ?? [`(01)06901234000010(10)B${spec.seed}`],
      previous: spec.previous ?? [],
      receivedAt: at(index),
    };
    return { entry: { index, kind: 'record', text: jws }, record };
  };
}

function keyEntryText(action: string, issuer: string, kid: string, index: number): string {
  return JSON.stringify({ action, issuer, kid, time: at(index) });
}

function registerItem(issuer: string, keySeed: string): Item {
  return (index) => {
    const key = keyRow(issuer, keySeed, index);
    return { entry: { index, kind: 'key', text: keyEntryText('register', issuer, key.kid, index) }, keyChange: { action: 'register', key } };
  };
}

function rotateItem(issuer: string, keySeed: string): Item {
  return (index) => {
    const kid = kidOf(keySeed);
    return { entry: { index, kind: 'key', text: keyEntryText('rotate', issuer, kid, index) }, keyChange: { action: 'rotate', issuer, kid, at: index, time: at(index) } };
  };
}

function revokeItem(issuer: string, keySeed: string, reason?: string): Item {
  return (index) => {
    const kid = kidOf(keySeed);
    const change: KeyChange = { action: 'revoke', issuer, kid, at: index, time: at(index), ...(reason === undefined ? {} : { reason }) };
    return { entry: { index, kind: 'key', text: keyEntryText('revoke', issuer, kid, index) }, keyChange: change };
  };
}

function recallItem(text: string): Item {
  return (index) => ({ entry: { index, kind: 'recall', text } });
}

function checkpointFor(size: number, createdAt = at(size)): StoredCheckpoint {
  const rootHash = sha256(`root:${size}`);
  const note = `${ORIGIN}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n\n— ${ORIGIN} ${Buffer.from(sha256(`note:${size}`)).toString('base64')}\n`;
  return { size, rootHash, note, createdAt };
}

/** A well-formed batch extending a log of `fromSize` entries with these items. */
function makeBatch(fromSize: number, items: readonly Item[]): AppendBatch {
  const parts = items.map((item, offset) => item(fromSize + offset));
  const size = fromSize + parts.length;
  const hashes: StoredHash[] = [];
  for (let index = storedHashCount(fromSize); index < storedHashCount(size); index++) hashes.push({ index, hash: sha256(`hash:${index}`) });
  return {
    fromSize,
    entries: parts.map((part) => part.entry),
    hashes,
    records: parts.flatMap((part) => (part.record ? [part.record] : [])),
    keyChanges: parts.flatMap((part) => (part.keyChange ? [part.keyChange] : [])),
    checkpoint: checkpointFor(size),
  };
}

/** Appends items at the store's current size and returns the batch. */
async function appendItems(store: Store, items: readonly Item[]): Promise<AppendBatch> {
  const batch = makeBatch(await store.logSize(), items);
  await store.append(batch);
  return batch;
}

/** Creates issuers A and B and registers key `key-a1` for A and `key-b1` for B (log entries 0 and 1). */
async function seedIssuers(store: Store): Promise<AppendBatch> {
  await store.createIssuer(issuerRow(ISSUER_A));
  await store.createIssuer(issuerRow(ISSUER_B, { roles: ['retailer'], categories: [] }));
  return appendItems(store, [registerItem(ISSUER_A, 'key-a1'), registerItem(ISSUER_B, 'key-b1')]);
}

/** The event hash in the header of one of the fixtures' fake JWSs. */
function ehashOf(jws: string): string {
  const header = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { ehash?: string };
  return header.ehash ?? '';
}

/** Everything a store holds that the suite can read back, for before/after comparisons. */
async function snapshot(store: Store): Promise<unknown> {
  const size = await store.logSize();
  const checkpoints: (StoredCheckpoint | undefined)[] = [];
  for (let s = 0; s <= size + 1; s++) checkpoints.push(await store.checkpointAt(s));
  const entries = await store.readEntries(0, size + 10);
  const stored = storedHashCount(size);
  const eventHashes = entries.filter((e) => e.kind === 'record').map((e) => ehashOf(e.text));
  return {
    size,
    latest: await store.latestCheckpoint(),
    checkpoints,
    entries,
    hashes: await store.readHashes(Array.from({ length: stored }, (_, i) => i)),
    nextHash: await store.readHashes([stored]).then(
      () => 'present',
      (error: unknown) => (error instanceof SuyuanError ? error.code : String(error)),
    ),
    records: sortByIndex(await store.recordsByEventHash(eventHashes)),
    issuers: await store.issuers(),
    keys: await store.allIssuerKeys(),
    tokens: await store.tokens(),
  };
}

/** The first `length` code points of `text` (never half a surrogate pair). */
function prefix(text: string, length: number): string {
  return Array.from(text).slice(0, length).join('');
}

function sortByIndex(rows: readonly RecordRow[]): RecordRow[] {
  return [...rows].sort((a, b) => a.index - b.index);
}

// Empty store ------------------------------------------------------------------------------------

function describeEmptyStore(h: Harness): void {
  describe('an empty store', () => {
    it('has no log, no records, no issuers, no tokens', async () => {
      const store = await h.open();
      expect(['sqlite', 'postgres']).toContain(store.backend);
      expect(await store.logSize()).toBe(0);
      expect(await store.latestCheckpoint()).toBeUndefined();
      expect(await store.checkpointAt(0)).toBeUndefined();
      expect(await store.checkpointAt(1)).toBeUndefined();
      expect(await store.readEntries(0, 10)).toEqual([]);
      expect(await store.readHashes([])).toEqual([]);
      expect(await store.recordsByEventHash([eventHash('none')])).toEqual([]);
      expect(await store.recordsByEventHash([])).toEqual([]);
      expect(await store.recordsByCode('(01)06901234000010', 10)).toEqual([]);
      expect(await store.issuers()).toEqual([]);
      expect(await store.issuer(ISSUER_A)).toBeUndefined();
      expect(await store.issuerKeys(ISSUER_A)).toEqual([]);
      expect(await store.allIssuerKeys()).toEqual([]);
      expect(await store.tokens()).toEqual([]);
      expect(await store.tokens(ISSUER_A)).toEqual([]);
      expect(await store.tokenByHash(tokenHash('nothing'))).toBeUndefined();
    });

    it('reports a missing stored hash as NOT_FOUND', async () => {
      const store = await h.open();
      await expectCode(store.readHashes([0]), 'NOT_FOUND');
    });
  });
}

// The log ----------------------------------------------------------------------------------------

function describeLog(h: Harness): void {
  describe('the log', () => {
    it('appends batches and reads back entries, hashes and checkpoints', async () => {
      const store = await h.open();
      const first = await seedIssuers(store);
      const second = await appendItems(store, [
        recordItem({ seed: 'r1', category: 'aquatic' }),
        recallItem('recall 批次 B2026-11 — signed note'),
        recordItem({ seed: 'r2', issuer: ISSUER_B, keySeed: 'key-b1' }),
      ]);
      const third = await appendItems(store, [recordItem({ seed: 'r3' })]);

      expect(await store.logSize()).toBe(6);
      expect(await store.latestCheckpoint()).toStrictEqual(third.checkpoint);
      expect(await store.readEntries(0, 6)).toStrictEqual([...first.entries, ...second.entries, ...third.entries]);
      const hashes = [...first.hashes, ...second.hashes, ...third.hashes];
      expect(hashes.map((h) => h.index)).toStrictEqual(Array.from({ length: storedHashCount(6) }, (_, i) => i));
      expect(await store.readHashes(hashes.map((h) => h.index))).toStrictEqual(hashes.map((h) => h.hash));
      for (const batch of [first, second, third]) expect(await store.checkpointAt(batch.checkpoint.size)).toStrictEqual(batch.checkpoint);
      for (const size of [0, 1, 3, 4, 7, 100]) expect(await store.checkpointAt(size)).toBeUndefined();
      await expectCode(store.checkpointAt(-1), 'INPUT_TYPE');
      await expectCode(store.checkpointAt(2.5), 'INPUT_TYPE');
    });

    it('reads hashes in the order asked, repeats included, and NOT_FOUND past the stored ones', async () => {
      const store = await h.open();
      const batch = await appendItems(store, [recallItem('a'), recallItem('b'), recallItem('c')]);
      const byIndex = new Map(batch.hashes.map((h) => [h.index, h.hash]));
      expect(await store.readHashes([3, 0, 3, 1])).toStrictEqual([3, 0, 3, 1].map((i) => byIndex.get(i)));
      const error = await expectCode(store.readHashes([0, storedHashCount(3)]), 'NOT_FOUND');
      expect(error.message).toContain(String(storedHashCount(3)));
      await expectCode(store.readHashes([-1]), 'INPUT_TYPE');
      await expectCode(store.readHashes([1.5]), 'INPUT_TYPE');
    });

    it('reads entry ranges, clipped at the end of the log', async () => {
      const store = await h.open();
      const batch = await appendItems(store, ['e0', 'e1', 'e2', 'e3', 'e4'].map(recallItem));
      expect(await store.readEntries(1, 3)).toStrictEqual(batch.entries.slice(1, 3));
      expect(await store.readEntries(3, 100)).toStrictEqual(batch.entries.slice(3));
      expect(await store.readEntries(5, 10)).toStrictEqual([]);
      expect(await store.readEntries(50, 60)).toStrictEqual([]);
      expect(await store.readEntries(2, 2)).toStrictEqual([]);
      expect(await store.readEntries(4, 1)).toStrictEqual([]);
      await expectCode(store.readEntries(-1, 2), 'INPUT_TYPE');
      await expectCode(store.readEntries(0, 2.5), 'INPUT_TYPE');
    });

    it('refuses a batch for the wrong size with LOG_CONFLICT and writes nothing', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const before = await snapshot(store);
      await expectCode(store.append(makeBatch(1, [recordItem({ seed: 'late' })])), 'LOG_CONFLICT');
      await expectCode(store.append(makeBatch(3, [recordItem({ seed: 'early' })])), 'LOG_CONFLICT');
      await expectCode(store.append(makeBatch(0, [recallItem('replay')])), 'LOG_CONFLICT');
      expect(await snapshot(store)).toStrictEqual(before);
      expect(await store.recordsByEventHash([eventHash('late'), eventHash('early')])).toEqual([]);
      expect(await store.checkpointAt(3)).toBeUndefined();
    });

    it('leaves no trace of a batch failing on a duplicate event hash within it', async () => {
      const store = await h.open();
      await seedIssuers(store);
      await store.createIssuer(issuerRow(ISSUER_GLN));
      const before = await snapshot(store);
      const batch = makeBatch(2, [registerItem(ISSUER_GLN, 'key-g1'), recordItem({ seed: 'dup', codes: ['(00)069012340000000017'] }), recallItem('between'), recordItem({ seed: 'dup', codes: ['(00)069012340000000017'] })]);
      await expectCode(store.append(batch), 'CONFLICT');
      expect(await snapshot(store)).toStrictEqual(before);
      expect(await store.issuerKeys(ISSUER_GLN)).toEqual([]);
      expect(await store.recordsByCode('(00)069012340000000017', 10)).toEqual([]);
      expect(await store.recordsByEventHash([eventHash('dup')])).toEqual([]);
      // The same size can still be appended afterwards.
      await store.append(makeBatch(2, [recordItem({ seed: 'dup' })]));
      expect(await store.logSize()).toBe(3);
    });

    it('leaves no trace of a batch whose event hash is already stored', async () => {
      const store = await h.open();
      await seedIssuers(store);
      await appendItems(store, [recordItem({ seed: 'first', codes: ['(01)06901234000010'] })]);
      const before = await snapshot(store);
      const batch = makeBatch(3, [recordItem({ seed: 'fresh', codes: ['(01)06901234000010'] }), recordItem({ seed: 'first' })]);
      await expectCode(store.append(batch), 'CONFLICT');
      expect(await snapshot(store)).toStrictEqual(before);
      expect(await store.recordsByEventHash([eventHash('fresh')])).toEqual([]);
      expect((await store.recordsByCode('(01)06901234000010', 10)).map((r) => r.eventHash)).toStrictEqual([eventHash('first')]);
    });

    it('leaves no trace of a batch whose stored hash index exists already', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const before = await snapshot(store);
      const good = makeBatch(2, [recordItem({ seed: 'x' })]);
      const overlapping: AppendBatch = { ...good, hashes: [...good.hashes, { index: 0, hash: sha256('other') }] };
      await expectCode(store.append(overlapping), 'CONFLICT');
      expect(await snapshot(store)).toStrictEqual(before);
      expect(await store.recordsByEventHash([eventHash('x')])).toEqual([]);
    });

    it('re-signs the current size with an empty batch, and refuses a different root hash', async () => {
      const store = await h.open();
      await appendItems(store, [recallItem('a')]);
      const resigned: AppendBatch = { ...makeBatch(1, []), checkpoint: { ...checkpointFor(1, at(500)), note: 'resigned note\n' } };
      await store.append(resigned);
      expect(await store.logSize()).toBe(1);
      expect(await store.latestCheckpoint()).toStrictEqual(resigned.checkpoint);
      expect(await store.checkpointAt(1)).toStrictEqual(resigned.checkpoint);
      const forked: AppendBatch = { ...makeBatch(1, []), checkpoint: { ...checkpointFor(1), rootHash: sha256('fork') } };
      await expectCode(store.append(forked), 'LOG_CONFLICT');
      expect(await store.checkpointAt(1)).toStrictEqual(resigned.checkpoint);
    });

    it('signs an empty tree', async () => {
      const store = await h.open();
      const empty = makeBatch(0, []);
      await store.append(empty);
      expect(await store.logSize()).toBe(0);
      expect(await store.latestCheckpoint()).toStrictEqual(empty.checkpoint);
      expect(await store.checkpointAt(0)).toStrictEqual(empty.checkpoint);
    });

    it('returns byte strings as fresh plain Uint8Arrays', async () => {
      const store = await h.open();
      const batch = await appendItems(store, [recallItem('a'), recallItem('b')]);
      const [hash] = await store.readHashes([0]);
      const checkpoint = await store.latestCheckpoint();
      for (const bytes of [hash!, checkpoint!.rootHash]) {
        expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
        expect(bytes.byteLength).toBe(32);
      }
      hash!.fill(0);
      checkpoint!.rootHash.fill(0);
      expect(await store.readHashes([0])).toStrictEqual([batch.hashes[0]!.hash]);
      expect((await store.latestCheckpoint())!.rootHash).toStrictEqual(batch.checkpoint.rootHash);
    });

    it('does not keep the caller’s batch objects', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const batch = makeBatch(2, [recordItem({ seed: 'kept', codes: ['(01)06901234000010'] })]);
      await store.append(batch);
      const expected = structuredClone(batch.records[0]!);
      (batch.records[0]!.codes as string[]).push('changed');
      batch.checkpoint.rootHash.fill(7);
      batch.hashes[0]!.hash.fill(7);
      expect(await store.recordsByEventHash([eventHash('kept')])).toStrictEqual([expected]);
      expect((await store.latestCheckpoint())!.rootHash).toStrictEqual(sha256('root:3'));
      expect(await store.readHashes([batch.hashes[0]!.index])).toStrictEqual([sha256(`hash:${batch.hashes[0]!.index}`)]);
    });

    it('keeps everything across close and reopen', async (context) => {
      const store = await h.open();
      await seedIssuers(store);
      await appendItems(store, [recordItem({ seed: 'p1', category: 'meat', previous: [eventHash('p0')] }), revokeItem(ISSUER_B, 'key-b1', 'key compromised')]);
      await store.createToken(tokenRow('tok-1'));
      await store.createToken(tokenRow('tok-op', { scopes: ['operator'], issuer: undefined, hash: tokenHash('op') }));
      await store.updateIssuer(ISSUER_B, { suspendedAt: at(99) });
      const before = await snapshot(store);
      const records = await store.recordsByEventHash([eventHash('p1')]);
      await store.close();
      const again = await h.reopen(context);
      expect(await snapshot(again)).toStrictEqual(before);
      expect(await again.recordsByEventHash([eventHash('p1')])).toStrictEqual(records);
      expect(await again.tokens()).toHaveLength(2);
      await appendItems(again, [recordItem({ seed: 'p2' })]);
      expect(await again.logSize()).toBe(5);
    });

    it('lets only one of two stores extend the same size', async (context) => {
      const one = await h.open();
      const two = await h.reopen(context);
      const results = await Promise.allSettled([one.append(makeBatch(0, [recallItem('one')])), two.append(makeBatch(0, [recallItem('two')]))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(SuyuanError);
      expect((rejected?.reason as SuyuanError).code).toBe('LOG_CONFLICT');
      expect(await one.logSize()).toBe(1);
      expect(await two.readEntries(0, 5)).toStrictEqual(await one.readEntries(0, 5));
      await expectCode(two.append(makeBatch(0, [recallItem('again')])), 'LOG_CONFLICT');
      await two.append(makeBatch(1, [recallItem('next')]));
      expect(await one.logSize()).toBe(2);
    });
  });
}

// Batch validation -------------------------------------------------------------------------------

function describeBatchValidation(h: Harness): void {
  describe('batch validation', () => {
    /** Expects `batch` (a variant of a good batch at size 2) to be refused with `code`, writing nothing. */
    async function refuses(store: Store, batch: AppendBatch, code: SuyuanErrorCode): Promise<void> {
      const before = await snapshot(store);
      await expectCode(store.append(batch), code);
      expect(await snapshot(store)).toStrictEqual(before);
    }

    async function seeded(): Promise<{ store: Store; good: AppendBatch }> {
      const store = await h.open();
      await seedIssuers(store);
      return { store, good: makeBatch(2, [recordItem({ seed: 'v1' }), registerItem(ISSUER_A, 'key-a2'), recallItem('note')]) };
    }

    it('refuses entries that are not contiguous from fromSize', async () => {
      const { store, good } = await seeded();
      const entries = good.entries.map((e, i) => (i === 2 ? { ...e, index: 5 } : e));
      await refuses(store, { ...good, entries }, 'INPUT_TYPE');
      await refuses(store, { ...good, entries: [...good.entries].reverse() }, 'INPUT_TYPE');
    });

    it('refuses a checkpoint whose size is not fromSize + entries', async () => {
      const { store, good } = await seeded();
      await refuses(store, { ...good, checkpoint: checkpointFor(4) }, 'INPUT_TYPE');
      await refuses(store, { ...good, checkpoint: checkpointFor(6) }, 'INPUT_TYPE');
    });

    it('refuses hashes that are not 32 bytes and malformed entries', async () => {
      const { store, good } = await seeded();
      await refuses(store, { ...good, checkpoint: { ...good.checkpoint, rootHash: new Uint8Array(31) } }, 'INPUT_TYPE');
      await refuses(store, { ...good, hashes: [...good.hashes, { index: 99, hash: new Uint8Array(33) }] }, 'INPUT_TYPE');
      const badKind = good.entries.map((e, i) => (i === 2 ? { ...e, kind: 'tile' as never } : e));
      await refuses(store, { ...good, entries: badKind }, 'INPUT_TYPE');
      await refuses(store, { ...good, fromSize: -1 }, 'INPUT_TYPE');
      await refuses(store, { ...good, checkpoint: { ...good.checkpoint, createdAt: '2026-11-28 15:27:54' } }, 'INPUT_TYPE');
    });

    it('refuses records that are not among the entries as records', async () => {
      const { store, good } = await seeded();
      const record = good.records[0]!;
      await refuses(store, { ...good, records: [{ ...record, index: 1 }] }, 'INPUT_TYPE');
      await refuses(store, { ...good, records: [{ ...record, index: 4 }] }, 'INPUT_TYPE');
      await refuses(store, { ...good, records: [{ ...record, index: 9 }] }, 'INPUT_TYPE');
      await refuses(store, { ...good, records: [{ ...record, jws: `${record.jws}x` }] }, 'INPUT_TYPE');
      await refuses(store, { ...good, records: [{ ...record, receivedAt: '2026-11-28T15:27:54Z' }] }, 'INPUT_TYPE');
      await refuses(store, { ...good, records: [{ ...record, codes: [42 as never] }] }, 'INPUT_TYPE');
    });

    it('refuses key changes that are not among the entries as key entries', async () => {
      const { store, good } = await seeded();
      const change = good.keyChanges[0]!;
      if (change.action !== 'register') throw new Error('fixture');
      await refuses(store, { ...good, keyChanges: [{ action: 'register', key: { ...change.key, registeredAt: 2 } }] }, 'INPUT_TYPE');
      await refuses(store, { ...good, keyChanges: [{ action: 'register', key: { ...change.key, registeredAt: 0 } }] }, 'INPUT_TYPE');
      await refuses(store, { ...good, keyChanges: [change, { action: 'rotate', issuer: ISSUER_A, kid: kidOf('key-a1'), at: 7, time: at(7) }] }, 'INPUT_TYPE');
    });

    it('refuses record and key entries without their record row or key change', async () => {
      const { store, good } = await seeded();
      await refuses(store, { ...good, records: [] }, 'INPUT_TYPE');
      await refuses(store, { ...good, keyChanges: [] }, 'INPUT_TYPE');
      await refuses(store, { ...good, records: [...good.records, good.records[0]!] }, 'INPUT_TYPE');
    });

    it('refuses records whose key or issuer is unknown with NOT_FOUND', async () => {
      const { store } = await seeded();
      await refuses(store, makeBatch(2, [recordItem({ seed: 'k', keySeed: 'key-unknown' })]), 'NOT_FOUND');
      await refuses(store, makeBatch(2, [recordItem({ seed: 'k', issuer: ISSUER_GLN, keySeed: 'key-a1' })]), 'NOT_FOUND');
    });
  });
}

// Records ----------------------------------------------------------------------------------------

function describeRecords(h: Harness): void {
  describe('records', () => {
    it('finds records by event hash, leaving unknown ones out', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const batch = await appendItems(store, [
        recordItem({ seed: 'a', category: 'aquatic', previous: [eventHash('x'), eventHash('y')], disclosures: [] }),
        recordItem({ seed: 'b', issuer: ISSUER_B, keySeed: 'key-b1', codes: [] }),
        recordItem({ seed: 'c', codes: ['(01)06901234000010', '(01)06901234000010', 'urn:epc:id:sgtin:6901234.000001.42'] }),
      ]);
      const [a, b, c] = batch.records;
      expect(sortByIndex(await store.recordsByEventHash([eventHash('c'), eventHash('nope'), eventHash('a')]))).toStrictEqual([a, c]);
      expect(await store.recordsByEventHash([eventHash('b'), eventHash('b')])).toStrictEqual([b]);
      const [stored] = await store.recordsByEventHash([eventHash('b')]);
      expect(Object.keys(stored!)).not.toContain('category');
      expect((await store.recordsByEventHash([eventHash('a')]))[0]).toHaveProperty('category', 'aquatic');
    });

    it('finds many records by event hash at once', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const items = Array.from({ length: 1200 }, (_, i) => recordItem({ seed: `many-${i}`, codes: ['(01)06901234000027'] }));
      const batch = await appendItems(store, items);
      const asked = [...batch.records.map((r) => r.eventHash), eventHash('unknown')];
      expect(sortByIndex(await store.recordsByEventHash(asked))).toStrictEqual(batch.records);
    });

    it('finds records by code in log order, at most limit', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const lot = '(01)06901234000010(10)LOT2026';
      const first = await appendItems(store, [recordItem({ seed: 'c1', codes: [lot] }), recordItem({ seed: 'c2', codes: ['(01)06901234000034'] })]);
      const second = await appendItems(store, [recallItem('noise'), recordItem({ seed: 'c3', issuer: ISSUER_B, keySeed: 'key-b1', codes: ['(00)069012340000000017', lot] })]);
      const third = await appendItems(store, [recordItem({ seed: 'c4', codes: [lot, lot] })]);
      const expected = [first.records[0], second.records[0], third.records[0]];
      expect(await store.recordsByCode(lot, 10)).toStrictEqual(expected);
      expect(await store.recordsByCode(lot, 2)).toStrictEqual(expected.slice(0, 2));
      expect(await store.recordsByCode(lot, 0)).toStrictEqual([]);
      expect(await store.recordsByCode('(01)06901234000010', 10)).toStrictEqual([]);
      expect(await store.recordsByCode('(01)06901234000034', 10)).toStrictEqual([first.records[1]]);
      await expectCode(store.recordsByCode(lot, -1), 'INPUT_TYPE');
      await expectCode(store.recordsByCode(lot, 1.5), 'INPUT_TYPE');
    });

    it('round-trips arrays exactly: order, repeats, empty', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const batch = await appendItems(store, [
        recordItem({ seed: 'arr', codes: ['z', 'a', 'z', 'm'], previous: [eventHash('p2'), eventHash('p1'), eventHash('p2')], disclosures: ['WyJzYWx0IiwiYml6TG9jYXRpb24iXQ', 'WyJzYWx0IiwiYml6TG9jYXRpb24iXQ', 'b'] }),
        recordItem({ seed: 'empty', codes: [], previous: [], disclosures: [] }),
      ]);
      expect(sortByIndex(await store.recordsByEventHash([eventHash('arr'), eventHash('empty')]))).toStrictEqual(batch.records);
      expect(await store.recordsByCode('z', 5)).toStrictEqual([batch.records[0]]);
    });

    it('returns fresh rows the caller may change', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const batch = await appendItems(store, [recordItem({ seed: 'fresh', codes: ['c'] })]);
      const [row] = await store.recordsByEventHash([eventHash('fresh')]);
      (row!.codes as string[]).push('mutated');
      (row!.disclosures as string[]).length = 0;
      expect(await store.recordsByEventHash([eventHash('fresh')])).toStrictEqual(batch.records);
      const [entry] = await store.readEntries(2, 3);
      (entry as { text: string }).text = 'mutated';
      expect(await store.readEntries(2, 3)).toStrictEqual(batch.entries);
    });
  });
}

// Issuers ----------------------------------------------------------------------------------------

function describeIssuers(h: Harness): void {
  describe('issuers', () => {
    it('creates and reads back issuers; CONFLICT for an existing id', async () => {
      const store = await h.open();
      const a = issuerRow(ISSUER_A);
      await store.createIssuer(a);
      expect(await store.issuer(ISSUER_A)).toStrictEqual(a);
      expect(Object.keys((await store.issuer(ISSUER_A))!)).not.toContain('suspendedAt');
      await expectCode(store.createIssuer(issuerRow(ISSUER_A, { name: 'other' })), 'CONFLICT');
      expect(await store.issuer(ISSUER_A)).toStrictEqual(a);
      const suspended = issuerRow(ISSUER_B, { suspendedAt: at(5), roles: [], categories: ['rice', 'tea', 'rice'] });
      await store.createIssuer(suspended);
      expect(await store.issuer(ISSUER_B)).toStrictEqual(suspended);
      expect(await store.issuer('uscc:unknown')).toBeUndefined();
    });

    it('refuses malformed issuers with INPUT_TYPE', async () => {
      const store = await h.open();
      await expectCode(store.createIssuer(issuerRow(ISSUER_A, { createdAt: 'yesterday' })), 'INPUT_TYPE');
      await expectCode(store.createIssuer(issuerRow(ISSUER_A, { roles: 'producer' as never })), 'INPUT_TYPE');
      await expectCode(store.createIssuer(issuerRow(ISSUER_A, { suspendedAt: null as never })), 'INPUT_TYPE');
      expect(await store.issuers()).toEqual([]);
    });

    it('updates name, roles and categories, leaving the rest', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_A));
      const renamed = await store.updateIssuer(ISSUER_A, { name: '厦门海洋水产有限公司' });
      expect(renamed).toStrictEqual({ ...issuerRow(ISSUER_A), name: '厦门海洋水产有限公司' });
      const changed = await store.updateIssuer(ISSUER_A, { roles: ['importer'], categories: [] });
      expect(changed).toStrictEqual({ ...issuerRow(ISSUER_A), name: '厦门海洋水产有限公司', roles: ['importer'], categories: [] });
      expect(await store.issuer(ISSUER_A)).toStrictEqual(changed);
      expect(await store.updateIssuer(ISSUER_A, {})).toStrictEqual(changed);
      await expectCode(store.updateIssuer(ISSUER_B, { name: 'x' }), 'NOT_FOUND');
      await expectCode(store.updateIssuer(ISSUER_A, { suspendedAt: '28 Nov 2026' }), 'INPUT_TYPE');
    });

    it('suspends and unsuspends (suspendedAt: null clears)', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_A));
      const suspended = await store.updateIssuer(ISSUER_A, { suspendedAt: at(60) });
      expect(suspended).toStrictEqual({ ...issuerRow(ISSUER_A), suspendedAt: at(60) });
      expect(await store.issuer(ISSUER_A)).toStrictEqual(suspended);
      expect(await store.updateIssuer(ISSUER_A, { name: 'still suspended' })).toHaveProperty('suspendedAt', at(60));
      const active = await store.updateIssuer(ISSUER_A, { suspendedAt: null });
      expect(Object.keys(active)).not.toContain('suspendedAt');
      expect(await store.issuer(ISSUER_A)).toStrictEqual({ ...issuerRow(ISSUER_A), name: 'still suspended' });
    });

    it('lists issuers by id in code-point order', async () => {
      const store = await h.open();
      const ids = [ISSUER_A, 'uscc:91350100a000100Y43', ISSUER_GLN, ISSUER_B, 'gln:0614141000005'];
      for (const id of ids) await store.createIssuer(issuerRow(id));
      const listed = await store.issuers();
      expect(listed.map((i) => i.id)).toStrictEqual([...ids].sort());
      expect(listed[0]).toStrictEqual(issuerRow('gln:0614141000005'));
    });
  });
}

// Keys -------------------------------------------------------------------------------------------

function describeKeys(h: Harness): void {
  describe('issuer keys', () => {
    it('registers, rotates and revokes keys through appended key changes', async () => {
      const store = await h.open();
      await seedIssuers(store);
      await appendItems(store, [registerItem(ISSUER_A, 'key-a2'), rotateItem(ISSUER_A, 'key-a1'), recordItem({ seed: 'signed', keySeed: 'key-a2' })]);
      await appendItems(store, [revokeItem(ISSUER_A, 'key-a1', '私钥泄露 — key leaked'), revokeItem(ISSUER_B, 'key-b1')]);
      const a1: IssuerKeyRow = { ...keyRow(ISSUER_A, 'key-a1', 0), rotatedAt: 3, rotatedTime: at(3), revokedAt: 5, revokedTime: at(5), revocationReason: '私钥泄露 — key leaked' };
      const b1: IssuerKeyRow = { ...keyRow(ISSUER_B, 'key-b1', 1), revokedAt: 6, revokedTime: at(6) };
      const a2 = keyRow(ISSUER_A, 'key-a2', 2);
      expect(await store.issuerKeys(ISSUER_A)).toStrictEqual([a1, a2]);
      expect(await store.issuerKeys(ISSUER_B)).toStrictEqual([b1]);
      expect(await store.issuerKeys(ISSUER_GLN)).toStrictEqual([]);
      expect(await store.allIssuerKeys()).toStrictEqual([a1, b1, a2]);
      const [bKey] = await store.issuerKeys(ISSUER_B);
      expect(Object.keys(bKey!)).not.toContain('revocationReason');
      expect(Object.keys(bKey!)).not.toContain('rotatedAt');
    });

    it('lists keys by registration order, across issuers and algorithms', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_B));
      await store.createIssuer(issuerRow(ISSUER_A));
      const p256: Item = (index) => {
        const key: IssuerKeyRow = { ...keyRow(ISSUER_A, 'p256', index), alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: base64url(sha256('px')), y: base64url(sha256('py')) } };
        return { entry: { index, kind: 'key', text: 'p256 key entry' }, keyChange: { action: 'register', key } };
      };
      const batch = await appendItems(store, [registerItem(ISSUER_B, 'b'), p256, registerItem(ISSUER_A, 'a')]);
      const keys = batch.keyChanges.map((c) => (c.action === 'register' ? c.key : undefined));
      expect(await store.allIssuerKeys()).toStrictEqual(keys);
      expect(await store.issuerKeys(ISSUER_A)).toStrictEqual([keys[1], keys[2]]);
    });

    it('refuses a key for an unknown issuer with NOT_FOUND, writing nothing', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const before = await snapshot(store);
      await expectCode(store.append(makeBatch(2, [registerItem(ISSUER_GLN, 'g')])), 'NOT_FOUND');
      await expectCode(store.append(makeBatch(2, [rotateItem(ISSUER_A, 'never-registered')])), 'NOT_FOUND');
      await expectCode(store.append(makeBatch(2, [revokeItem(ISSUER_GLN, 'key-a1')])), 'NOT_FOUND');
      expect(await snapshot(store)).toStrictEqual(before);
    });

    it('refuses registering a key twice, rotating twice and revoking twice with CONFLICT', async () => {
      const store = await h.open();
      await seedIssuers(store);
      await expectCode(store.append(makeBatch(2, [registerItem(ISSUER_A, 'key-a1')])), 'CONFLICT');
      await expectCode(store.append(makeBatch(2, [registerItem(ISSUER_A, 'k'), registerItem(ISSUER_A, 'k')])), 'CONFLICT');
      await appendItems(store, [rotateItem(ISSUER_A, 'key-a1'), revokeItem(ISSUER_B, 'key-b1')]);
      const before = await snapshot(store);
      await expectCode(store.append(makeBatch(4, [rotateItem(ISSUER_A, 'key-a1')])), 'CONFLICT');
      await expectCode(store.append(makeBatch(4, [revokeItem(ISSUER_B, 'key-b1', 'again')])), 'CONFLICT');
      await expectCode(store.append(makeBatch(4, [rotateItem(ISSUER_B, 'key-b1')])), 'CONFLICT');
      expect(await snapshot(store)).toStrictEqual(before);
      await appendItems(store, [revokeItem(ISSUER_A, 'key-a1')]);
      expect((await store.issuerKeys(ISSUER_A))[0]).toStrictEqual({ ...keyRow(ISSUER_A, 'key-a1', 0), rotatedAt: 2, rotatedTime: at(2), revokedAt: 4, revokedTime: at(4) });
    });

    it('registers a key in the same batch as records it signs', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_GLN));
      const batch = await appendItems(store, [registerItem(ISSUER_GLN, 'g1'), recordItem({ seed: 'g-rec', issuer: ISSUER_GLN, keySeed: 'g1' })]);
      expect(await store.recordsByEventHash([eventHash('g-rec')])).toStrictEqual(batch.records);
    });
  });
}

// Tokens -----------------------------------------------------------------------------------------

function describeTokens(h: Harness): void {
  describe('tokens', () => {
    it('creates tokens and finds them by hash; CONFLICT for an existing id or hash', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_A));
      const token = tokenRow('tok-a', { scopes: ['records:write', 'disclosures:read'] });
      const operator = tokenRow('tok-op', { hash: tokenHash('operator-secret'), scopes: ['operator'], issuer: undefined, label: 'operator' });
      delete (operator as { issuer?: string }).issuer;
      await store.createToken(token);
      await store.createToken(operator);
      expect(await store.tokenByHash(token.hash)).toStrictEqual(token);
      expect(await store.tokenByHash(operator.hash)).toStrictEqual(operator);
      const stored = (await store.tokenByHash(operator.hash))!;
      expect(Object.keys(stored)).not.toContain('issuer');
      expect(Object.keys(stored)).not.toContain('revokedAt');
      await expectCode(store.createToken(tokenRow('tok-a', { hash: tokenHash('another') })), 'CONFLICT');
      await expectCode(store.createToken(tokenRow('tok-new', { hash: token.hash })), 'CONFLICT');
      expect(await store.tokenByHash(tokenHash('another'))).toBeUndefined();
      expect(await store.tokens()).toHaveLength(2);
    });

    it('refuses tokens for unknown issuers (NOT_FOUND) and malformed tokens (INPUT_TYPE)', async () => {
      const store = await h.open();
      await expectCode(store.createToken(tokenRow('tok-x', { issuer: ISSUER_GLN })), 'NOT_FOUND');
      await expectCode(store.createToken(tokenRow('tok-y', { issuer: undefined, scopes: ['admin' as never] })), 'INPUT_TYPE');
      await expectCode(store.createToken(tokenRow('tok-z', { issuer: undefined, createdAt: '2026-11-28' })), 'INPUT_TYPE');
      expect(await store.tokens()).toEqual([]);
    });

    it('lists tokens by creation time, optionally for one issuer', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_A));
      await store.createIssuer(issuerRow(ISSUER_B));
      // Ids in another order than creation times; equal times are ordered by id.
      const t3 = tokenRow('tok-a', { createdAt: at(30), issuer: ISSUER_B });
      const t1 = tokenRow('tok-z', { createdAt: at(10) });
      const t2b = tokenRow('tok-m2', { createdAt: at(20), scopes: ['disclosures:read'], issuer: undefined });
      const t2a = tokenRow('tok-m1', { createdAt: at(20) });
      for (const token of [t3, t1, t2b, t2a]) await store.createToken(token);
      const t2bStored = { ...t2b };
      delete (t2bStored as { issuer?: string }).issuer;
      expect(await store.tokens()).toStrictEqual([t1, t2a, t2bStored, t3]);
      expect(await store.tokens(ISSUER_A)).toStrictEqual([t1, t2a]);
      expect(await store.tokens(ISSUER_B)).toStrictEqual([t3]);
      expect(await store.tokens(ISSUER_GLN)).toStrictEqual([]);
    });

    it('revokes tokens, keeping the first revocation time; NOT_FOUND for unknown ids', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_A));
      const token = tokenRow('tok-r');
      await store.createToken(token);
      await store.revokeToken('tok-r', at(100));
      expect(await store.tokenByHash(token.hash)).toStrictEqual({ ...token, revokedAt: at(100) });
      await store.revokeToken('tok-r', at(200));
      expect(await store.tokenByHash(token.hash)).toStrictEqual({ ...token, revokedAt: at(100) });
      expect(await store.tokens(ISSUER_A)).toStrictEqual([{ ...token, revokedAt: at(100) }]);
      await expectCode(store.revokeToken('tok-unknown', at(100)), 'NOT_FOUND');
      await expectCode(store.revokeToken('tok-r', 'now'), 'INPUT_TYPE');
    });
  });
}

// Processes --------------------------------------------------------------------------------------

const EVERY_CALL: readonly [string, (store: Store) => Promise<unknown>][] = [
  ['logSize', (s) => s.logSize()],
  ['latestCheckpoint', (s) => s.latestCheckpoint()],
  ['checkpointAt', (s) => s.checkpointAt(1)],
  ['readHashes', (s) => s.readHashes([0])],
  ['readEntries', (s) => s.readEntries(0, 1)],
  ['append', (s) => s.append(makeBatch(0, [recallItem('after close')]))],
  ['recordsByEventHash', (s) => s.recordsByEventHash([eventHash('a')])],
  ['recordsByCode', (s) => s.recordsByCode('c', 1)],
  ['createIssuer', (s) => s.createIssuer(issuerRow(ISSUER_GLN))],
  ['updateIssuer', (s) => s.updateIssuer(ISSUER_A, { name: 'x' })],
  ['issuer', (s) => s.issuer(ISSUER_A)],
  ['issuers', (s) => s.issuers()],
  ['issuerKeys', (s) => s.issuerKeys(ISSUER_A)],
  ['allIssuerKeys', (s) => s.allIssuerKeys()],
  ['createToken', (s) => s.createToken(tokenRow('after-close', { issuer: undefined }))],
  ['tokenByHash', (s) => s.tokenByHash(tokenHash('x'))],
  ['tokens', (s) => s.tokens()],
  ['revokeToken', (s) => s.revokeToken('x', at(0))],
  ['acquireSequencerLock', (s) => s.acquireSequencerLock()],
];

function describeProcesses(h: Harness): void {
  describe('sequencer lock and close', () => {
    it('gives the sequencer lock to one store of a database at a time', async (context) => {
      const one = await h.open();
      const two = await h.reopen(context);
      expect(await one.acquireSequencerLock()).toBe(true);
      expect(await two.acquireSequencerLock()).toBe(false);
      expect(await one.acquireSequencerLock()).toBe(true);
      expect(await two.acquireSequencerLock()).toBe(false);
      await one.close();
      expect(await two.acquireSequencerLock()).toBe(true);
      const three = await h.reopen(context);
      expect(await three.acquireSequencerLock()).toBe(false);
      await three.close();
      const four = await h.reopen(context);
      expect(await four.acquireSequencerLock()).toBe(false);
      await two.close();
      expect(await four.acquireSequencerLock()).toBe(true);
    });

    it('lets a store that holds no lock serve reads and close without releasing another’s', async (context) => {
      const one = await h.open();
      expect(await one.acquireSequencerLock()).toBe(true);
      await appendItems(one, [recallItem('x')]);
      const reader = await h.reopen(context);
      expect(await reader.readEntries(0, 1)).toHaveLength(1);
      await reader.close();
      const other = await h.reopen(context);
      expect(await other.acquireSequencerLock()).toBe(false);
    });

    it('closes idempotently and refuses every call afterwards with UNAVAILABLE', async () => {
      const store = await h.open();
      await store.createIssuer(issuerRow(ISSUER_A));
      await store.close();
      await store.close();
      for (const [name, call] of EVERY_CALL) {
        const error = await expectCode(call(store), 'UNAVAILABLE');
        expect(error.message, name).toMatch(/closed/i);
      }
    });

    it('keeps the backend name after close', async () => {
      const store = await h.open();
      const backend = store.backend;
      await store.close();
      expect(store.backend).toBe(backend);
    });
  });
}

// Hostile strings --------------------------------------------------------------------------------

/** Strings that break naive SQL, C strings, UTF-16 handling or size assumptions. */
const HOSTILE: readonly string[] = [
  `O'Brien "quoted" \\backslash\\ \`tick\``,
  `'; DROP TABLE issuers; --`,
  `x'); DELETE FROM records; --`,
  'nul\u0000inside\u0000',
  '溯源 🐟🦐 e\u0301 \u202Eevil\u202C \uFEFF',
  '%',
  '_',
  '',
  '  spaces  ',
  'line\nbreak\r\ttab',
  prefix('\'"; DROP TABLE entries; -- 溯源🐟\u0000'.repeat(2300), 65536),
];

function describeHostileStrings(h: Harness): void {
  describe('hostile strings', () => {
    it('round-trips hostile strings in issuers and tokens', async () => {
      const store = await h.open();
      for (const [i, text] of HOSTILE.entries()) {
        const id = `uscc:9135010${String(i).padStart(2, '0')}${prefix(text, 20)}`;
        const issuer = issuerRow(id, { name: text, roles: [text, 'producer'], categories: [text] });
        await store.createIssuer(issuer);
        expect(await store.issuer(id)).toStrictEqual(issuer);
        const token = tokenRow(`tok-${i}-${prefix(text, 30)}`, { hash: tokenHash(text + i), label: text, issuer: id });
        await store.createToken(token);
        expect(await store.tokenByHash(token.hash)).toStrictEqual(token);
        expect(await store.tokens(id)).toStrictEqual([token]);
        await store.revokeToken(token.id, at(1));
      }
      expect(await store.issuers()).toHaveLength(HOSTILE.length);
      expect(await store.issuer(`'; DROP TABLE issuers; --`)).toBeUndefined();
      expect(await store.tokenByHash('%')).toBeUndefined();
    });

    it('round-trips hostile strings in the log and records, and matches codes exactly', async () => {
      const store = await h.open();
      await seedIssuers(store);
      const items: Item[] = [];
      for (const [i, text] of HOSTILE.entries()) {
        items.push(recallItem(text));
        items.push(recordItem({ seed: `hostile-${i}`, codes: [text, `code-${i}`], disclosures: [text], previous: [text], eventType: text, category: text }));
      }
      items.push(revokeItem(ISSUER_B, 'key-b1', HOSTILE.join('|')));
      const batch = await appendItems(store, items);
      expect(await store.readEntries(0, 1000)).toStrictEqual([...(await store.readEntries(0, 2)), ...batch.entries]);
      const records = await store.recordsByEventHash(batch.records.map((r) => r.eventHash));
      expect(sortByIndex(records)).toStrictEqual(batch.records);
      for (const [i, text] of HOSTILE.entries()) {
        expect(await store.recordsByCode(text, 100)).toStrictEqual([batch.records[i]]);
      }
      expect(await store.recordsByCode('nul', 100)).toStrictEqual([]);
      expect(await store.recordsByCode('code-%', 100)).toStrictEqual([]);
      expect((await store.issuerKeys(ISSUER_B))[0]?.revocationReason).toBe(HOSTILE.join('|'));
      expect(await store.logSize()).toBe(batch.checkpoint.size);
    });
  });
}
