/**
 * Moving a platform from one store to another (SQLite to PostgreSQL, or any store to any store):
 * `copyStore` copies everything of a store into an empty one — issuers, tokens, the log (entries,
 * stored hashes, records with their disclosures, key changes) and checkpoints — so a platform
 * started on the copy with the same log key serves the same log and carries on appending to it.
 *
 * ```ts
 * const from = await openSqliteStore({ dataDir: './data' });
 * const to = await openPostgresStore({ connectionString: 'postgres://…', schema: 'suyuan' });
 * const { signer } = await loadOrCreateLogKey('./data', origin);
 * await copyStore(from, to, { signer, onProgress: ({ size, total }) => console.log(`${size}/${total}`) });
 * ```
 *
 * The source is only read. Nothing is recomputed: the stored hashes and the stored rows are copied
 * as they are, and every batch is checked by the target's own `append`. What the copy checks:
 *
 * - before writing anything: the target is empty (`CONFLICT` otherwise), the source's latest
 *   checkpoint is signed by `signer` (`KEY_INVALID` otherwise) and matches the source's tree;
 * - while copying: every entry matches its stored leaf hash, every record entry has its record row
 *   and every key entry its key change, and every stored checkpoint copied matches the tree;
 * - at the end: the copied tree's root is the source's latest checkpoint's, and the target's latest
 *   checkpoint is byte for byte the source's.
 *
 * A damaged source (an inconsistency found while copying) is `LOG_CONFLICT`; the target then holds
 * the batches copied so far and should be thrown away.
 */
import { leafHash, noteVerifier, signCheckpoint, splitCompactJws, SuyuanError, verifyCheckpoint, type NoteSigner } from '@suyuan/core';
import { hashReader } from '../log/sequencer.js';
import { storedHashCount, storedHashIndex, treeHash } from '../log/tree.js';
import { equalBytes } from './rows.js';
import type { AppendBatch, IssuerKeyRow, KeyChange, LogEntry, RecordRow, StoredCheckpoint, StoredHash, Store } from './store.js';

/** How far a copy has come: `size` of `total` log entries are in the target. */
export interface CopyProgress {
  readonly size: number;
  readonly total: number;
}

export interface CopyOptions {
  /** The log key (the source's latest checkpoint must verify with it); signs checkpoints of sizes the source has none of. */
  readonly signer: NoteSigner;
  /** Most log entries per batch (one transaction of the target). Default `DEFAULT_COPY_BATCH_SIZE`. */
  readonly batchSize?: number;
  /** Called after every batch written. */
  readonly onProgress?: (progress: CopyProgress) => void;
}

/** What was copied. */
export interface CopyResult {
  /** The log size (entries). */
  readonly size: number;
  readonly records: number;
  readonly issuers: number;
  readonly tokens: number;
}

/** The default number of log entries per batch. */
export const DEFAULT_COPY_BATCH_SIZE = 1000;

/**
 * At most this many earlier step boundaries of a batch are probed for a stored source checkpoint
 * when none exists at the batch's nominal end (one `checkpointAt` query each).
 */
const MAX_BOUNDARY_PROBES = 3;

/**
 * Copies everything of `from` into the EMPTY store `to`: issuers, tokens (hashes as they are), the
 * log (entries, stored hashes, records with disclosures, key changes), and checkpoints. `from` is
 * only read. Throws `CONFLICT` when `to` is not empty, `KEY_INVALID` when the source's latest
 * checkpoint is not signed by `options.signer` (nothing is written in either case), `LOG_CONFLICT`
 * when the source is inconsistent, and whatever the stores throw.
 */
export async function copyStore(from: Store, to: Store, options: CopyOptions): Promise<CopyResult> {
  const batchSize = checkedBatchSize(options.batchSize);
  await assertEmpty(to);
  const head = await from.latestCheckpoint();
  if (head) await assertSourceHead(from, head, options.signer);

  const issuers = await from.issuers();
  const tokens = await from.tokens();
  const keys = await from.allIssuerKeys();
  for (const issuer of issuers) await to.createIssuer(issuer);
  for (const token of tokens) await to.createToken(token);
  if (!head) return { size: 0, records: 0, issuers: issuers.length, tokens: tokens.length };

  const records = await copyLog(from, to, head, keyChangesByIndex(keys), { ...options, batchSize });
  await assertCopied(to, head);
  return { size: head.size, records, issuers: issuers.length, tokens: tokens.length };
}

/** The batch size asked for, checked: a positive integer. */
function checkedBatchSize(batchSize: number | undefined): number {
  if (batchSize === undefined) return DEFAULT_COPY_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new SuyuanError('INPUT_TYPE', `The batch size is a positive integer; got ${String(batchSize)}.`, { path: 'batchSize', expected: 'a positive integer' });
  }
  return batchSize;
}

/** Throws `CONFLICT` unless `store` holds no log, no checkpoint, no issuer and no token. */
async function assertEmpty(store: Store): Promise<void> {
  const [size, checkpoint, issuers, tokens] = await Promise.all([store.logSize(), store.latestCheckpoint(), store.issuers(), store.tokens()]);
  if (size === 0 && checkpoint === undefined && issuers.length === 0 && tokens.length === 0) return;
  throw new SuyuanError(
    'CONFLICT',
    `The target store is not empty (log of ${size} entries, ${issuers.length} issuers, ${tokens.length} tokens): a store is copied only into an empty one.`,
    {},
  );
}

/** Throws `KEY_INVALID` unless `signer` signed the source's latest checkpoint, `LOG_CONFLICT` unless it matches the source's tree. */
async function assertSourceHead(from: Store, head: StoredCheckpoint, signer: NoteSigner): Promise<void> {
  const verified = await verifyCheckpoint(head.note, [noteVerifier(signer.name, signer.publicKey)], { origin: signer.name });
  if (!verified.ok) {
    throw new SuyuanError('KEY_INVALID', `The source's latest checkpoint was not signed by this log key (${signer.verifierKey}): ${verified.reason}. Copy with the log's own key.`, {});
  }
  if (!equalBytes(await treeHash(head.size, hashReader(from)), head.rootHash)) {
    throw damaged(`its latest checkpoint (size ${head.size}) does not match its stored tree`);
  }
}

/** The error of an inconsistent source store. */
function damaged(what: string): SuyuanError {
  return new SuyuanError('LOG_CONFLICT', `The source store is damaged: ${what}.`, {});
}

// Key changes ------------------------------------------------------------------------------------

/** Every key change the keys' rows tell of, by the log index of its key entry. */
function keyChangesByIndex(keys: readonly IssuerKeyRow[]): Map<number, KeyChange> {
  const changes = new Map<number, KeyChange>();
  const add = (index: number, change: KeyChange) => {
    if (changes.has(index)) throw damaged(`two key changes are at log index ${index}`);
    changes.set(index, change);
  };
  for (const key of keys) {
    add(key.registeredAt, { action: 'register', key: registeredKey(key) });
    const rotation = rotationOf(key);
    if (rotation) add(rotation.at, rotation);
    const revocation = revocationOf(key);
    if (revocation) add(revocation.at, revocation);
  }
  return changes;
}

/** The key as it was registered: neither rotated nor revoked. */
function registeredKey(key: IssuerKeyRow): IssuerKeyRow {
  const { issuer, kid, alg, jwk, registeredAt, registeredTime } = key;
  return { issuer, kid, alg, jwk, registeredAt, registeredTime };
}

/** The key's rotation, if it was rotated. */
function rotationOf(key: IssuerKeyRow): Extract<KeyChange, { action: 'rotate' }> | undefined {
  if (key.rotatedAt === undefined) return undefined;
  if (key.rotatedTime === undefined) throw damaged(`key ${key.kid} of ${key.issuer} was rotated at ${key.rotatedAt} at no time`);
  return { action: 'rotate', issuer: key.issuer, kid: key.kid, at: key.rotatedAt, time: key.rotatedTime };
}

/** The key's revocation, if it was revoked. */
function revocationOf(key: IssuerKeyRow): Extract<KeyChange, { action: 'revoke' }> | undefined {
  if (key.revokedAt === undefined) return undefined;
  if (key.revokedTime === undefined) throw damaged(`key ${key.kid} of ${key.issuer} was revoked at ${key.revokedAt} at no time`);
  const reason = key.revocationReason === undefined ? {} : { reason: key.revocationReason };
  return { action: 'revoke', issuer: key.issuer, kid: key.kid, at: key.revokedAt, time: key.revokedTime, ...reason };
}

/** The log index of a key change's key entry. */
function keyChangeIndex(change: KeyChange): number {
  return change.action === 'register' ? change.key.registeredAt : change.at;
}

// The log ----------------------------------------------------------------------------------------

/** Copies the log up to `head` batch by batch; returns the number of records copied. */
async function copyLog(from: Store, to: Store, head: StoredCheckpoint, keyChanges: ReadonlyMap<number, KeyChange>, options: CopyOptions & { batchSize: number }): Promise<number> {
  let start = 0;
  let records = 0;
  let keyEntries = 0;
  do {
    const batch = await readBatch(from, start, Math.min(start + options.batchSize, head.size), head, keyChanges, options.signer);
    await to.append(batch);
    records += batch.records.length;
    keyEntries += batch.keyChanges.length;
    start = batch.checkpoint.size;
    options.onProgress?.({ size: start, total: head.size });
  } while (start < head.size);
  const logged = [...keyChanges.keys()].filter((index) => index < head.size).length;
  if (logged !== keyEntries) throw damaged(`${logged} key changes are logged before size ${head.size}, but ${keyEntries} key entries were copied`);
  return records;
}

/** The rows of the log entries at `[start, end)`, as the source wrote them. */
interface BatchRows {
  readonly entries: LogEntry[];
  readonly records: RecordRow[];
  readonly keyChanges: KeyChange[];
}

/**
 * The batch of the source's log from `start` to `nominalEnd` — or to an earlier end where the
 * source has a stored checkpoint — with its stored hashes, record rows, key changes and checkpoint.
 */
async function readBatch(
  from: Store,
  start: number,
  nominalEnd: number,
  head: StoredCheckpoint,
  keyChanges: ReadonlyMap<number, KeyChange>,
  signer: NoteSigner,
): Promise<AppendBatch> {
  const rows = await batchRows(from, start, nominalEnd, keyChanges);
  const { size, stored } = await batchEnd(from, start, nominalEnd, head, rows);
  const entries = rows.entries.slice(0, size - start);
  const hashes = await batchHashes(from, start, size, entries);
  const checkpoint = await batchCheckpoint(from, size, stored, signer);
  return {
    fromSize: start,
    entries,
    hashes,
    records: rows.records.filter((record) => record.index < size),
    keyChanges: rows.keyChanges.filter((change) => keyChangeIndex(change) < size),
    checkpoint,
  };
}

/** The entries at `[start, end)` with the record row of each record entry and the key change of each key entry. */
async function batchRows(from: Store, start: number, end: number, keyChanges: ReadonlyMap<number, KeyChange>): Promise<BatchRows> {
  const entries = await from.readEntries(start, end);
  if (entries.length !== end - start || entries.some((entry, i) => entry.index !== start + i)) {
    throw damaged(`entries ${start} to ${end - 1} are not all there`);
  }
  const records = await recordRows(from, entries);
  const changes = entries.flatMap((entry) => (entry.kind === 'key' ? [keyChangeOf(entry, keyChanges)] : []));
  return { entries, records, keyChanges: changes };
}

/** The key change logged by the key entry `entry`. */
function keyChangeOf(entry: LogEntry, keyChanges: ReadonlyMap<number, KeyChange>): KeyChange {
  const change = keyChanges.get(entry.index);
  if (!change) throw damaged(`key entry ${entry.index} is the registration, rotation or revocation of no key`);
  return change;
}

/** The record rows of the record entries among `entries`, in log order, each checked against its entry. */
async function recordRows(from: Store, entries: readonly LogEntry[]): Promise<RecordRow[]> {
  const recordEntries = entries.filter((entry) => entry.kind === 'record');
  if (recordEntries.length === 0) return [];
  const eventHashes = recordEntries.map(eventHashOf);
  const rows = new Map((await from.recordsByEventHash(eventHashes)).map((row) => [row.eventHash, row]));
  return recordEntries.map((entry, i) => {
    const row = rows.get(eventHashes[i]!);
    if (!row || row.index !== entry.index || row.jws !== entry.text) throw damaged(`record entry ${entry.index} has no record row of its own (event hash ${eventHashes[i]})`);
    return row;
  });
}

/** The event hash of a record entry: the `ehash` of its JWS protected header. */
function eventHashOf(entry: LogEntry): string {
  const split = splitCompactJws(entry.text);
  const ehash = split.ok ? split.parts.header['ehash'] : undefined;
  if (typeof ehash !== 'string') throw damaged(`record entry ${entry.index} is not a signed record with an event hash`);
  return ehash;
}

// Batch ends and checkpoints ---------------------------------------------------------------------

/**
 * Where the batch ends: at `nominalEnd` when it is the head or the source has a checkpoint of that
 * size, else at one of the last few step boundaries in the batch's second half that has one (so
 * the target keeps the checkpoints the source published), else at `nominalEnd` without one.
 */
async function batchEnd(from: Store, start: number, nominalEnd: number, head: StoredCheckpoint, rows: BatchRows): Promise<{ size: number; stored?: StoredCheckpoint }> {
  if (nominalEnd === head.size) return { size: nominalEnd, stored: head };
  const candidates = [nominalEnd, ...stepBoundaries(start, nominalEnd, rows).slice(0, MAX_BOUNDARY_PROBES)];
  for (const size of candidates) {
    const stored = await from.checkpointAt(size);
    if (stored) return { size, stored };
  }
  return { size: nominalEnd };
}

/**
 * Sizes in the second half of the batch where one sequencer step likely ended, latest first: where
 * the time of an entry (its record's `receivedAt`, its key change's time — one per step) differs
 * from the time of the entry before it.
 */
function stepBoundaries(start: number, end: number, rows: BatchRows): number[] {
  const times = new Map<number, string>();
  for (const record of rows.records) times.set(record.index, record.receivedAt);
  for (const change of rows.keyChanges) times.set(keyChangeIndex(change), change.action === 'register' ? change.key.registeredTime : change.time);
  const boundaries: number[] = [];
  const lowest = Math.max(start + 1, start + Math.ceil((end - start) / 2));
  for (let size = end - 1; size >= lowest; size--) {
    const before = times.get(size - 1);
    const after = times.get(size);
    if (before !== undefined && after !== undefined && before !== after) boundaries.push(size);
  }
  return boundaries;
}

/**
 * The stored hashes a batch of entries `[start, end)` brings: exactly the indexes
 * `storedHashCount(start)` … `storedHashCount(end) − 1`, read from the source. Each entry's own
 * leaf hash among them is checked against the entry.
 */
async function batchHashes(from: Store, start: number, end: number, entries: readonly LogEntry[]): Promise<StoredHash[]> {
  const first = storedHashCount(start);
  const indexes = Array.from({ length: storedHashCount(end) - first }, (_, i) => first + i);
  const read = indexes.length === 0 ? [] : await from.readHashes(indexes);
  for (const entry of entries) {
    if (!equalBytes(read[storedHashIndex(0, entry.index) - first]!, leafHash(entry.text))) {
      throw damaged(`entry ${entry.index} does not match its stored leaf hash`);
    }
  }
  return indexes.map((index, i) => ({ index, hash: read[i]! }));
}

/**
 * The checkpoint a batch ending at `size` is written with: the source's stored one, checked against
 * the tree, or (when the source has none of that size) a new one signed with the log key.
 */
async function batchCheckpoint(from: Store, size: number, stored: StoredCheckpoint | undefined, signer: NoteSigner): Promise<StoredCheckpoint> {
  const rootHash = await treeHash(size, hashReader(from));
  if (stored) {
    if (!equalBytes(stored.rootHash, rootHash)) throw damaged(`its checkpoint of size ${size} does not match its stored tree`);
    return stored;
  }
  const note = await signCheckpoint({ origin: signer.name, size, rootHash }, signer);
  return { size, rootHash, note, createdAt: new Date().toISOString() };
}

/** Throws `LOG_CONFLICT` unless the target's tree and latest checkpoint are the source's head. */
async function assertCopied(to: Store, head: StoredCheckpoint): Promise<void> {
  const root = await treeHash(head.size, hashReader(to));
  const latest = await to.latestCheckpoint();
  if (!equalBytes(root, head.rootHash) || latest?.note !== head.note || latest.size !== head.size) {
    throw new SuyuanError('LOG_CONFLICT', `The copied log does not match the source's latest checkpoint (size ${head.size}): the target store is not a faithful copy.`, {});
  }
}
