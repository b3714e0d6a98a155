/**
 * Backend-independent helpers of the stores: checking what callers hand in (so every backend refuses
 * the same malformed input with the same `INPUT_TYPE` error before touching its database), the
 * errors every backend throws, and small row utilities.
 */
import { SIGNING_ALGORITHMS, SuyuanError } from '@suyuan/core';
import { TOKEN_SCOPES, type AppendBatch, type EntryKind, type IssuerKeyRow, type IssuerRow, type KeyChange, type LogEntry, type RecordRow, type StoredCheckpoint, type StoredHash, type TokenRow, type TokenScope } from './store.js';

/** Every entry kind, for checking. */
export const ENTRY_KINDS: readonly EntryKind[] = ['record', 'key', 'recall'];
/** Every token scope, for checking. */
/** The length of every hash the log stores (SHA-256). */
export const HASH_LENGTH = 32;

const STORE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The patch `Store.updateIssuer` takes. */
export type IssuerPatch = Partial<Pick<IssuerRow, 'name' | 'roles' | 'categories'>> & { suspendedAt?: string | null };

// Errors -----------------------------------------------------------------------------------------

/** An `INPUT_TYPE` error for the value at `path`. */
export function inputError(path: string, expected: string, value: unknown): SuyuanError {
  const received = typeof value === 'string' ? shorten(value) : describeValue(value);
  return new SuyuanError('INPUT_TYPE', `${path} must be ${expected}, got ${received}.`, { path, expected, received });
}

/** Untrusted text for an error message: JSON-quoted, at most 40 code points. */
function shorten(value: string): string {
  const chars = Array.from(value);
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The error of every call on a closed store. */
export function closedError(backend: string): SuyuanError {
  return new SuyuanError('UNAVAILABLE', `The ${backend} store is closed.`);
}

/** The error of a batch for the wrong log size. */
export function logConflict(fromSize: number, size: number): SuyuanError {
  return new SuyuanError('LOG_CONFLICT', `The batch extends a log of ${fromSize} entries, but the log has ${size}: another sequencer appended first.`, {
    expected: String(size),
    received: String(fromSize),
  });
}

/** The error of an empty batch re-signing the current size with another root hash. */
export function forkConflict(size: number): SuyuanError {
  return new SuyuanError('LOG_CONFLICT', `The checkpoint for size ${size} has a root hash other than the one stored for that size.`);
}

/** A `NOT_FOUND` error. */
export function notFound(message: string, path?: string): SuyuanError {
  return new SuyuanError('NOT_FOUND', message, path === undefined ? {} : { path });
}

/** A `CONFLICT` error. */
export function conflict(message: string, path?: string): SuyuanError {
  return new SuyuanError('CONFLICT', message, path === undefined ? {} : { path });
}

// Scalars ----------------------------------------------------------------------------------------

/** The last time `isStoreTime` accepted (a batch's records mostly share one `receivedAt`). */
let lastStoreTime: string | undefined;

/** Whether `value` is a store time: ISO 8601 UTC with milliseconds, as `Date#toISOString` writes it. */
export function isStoreTime(value: unknown): value is string {
  if (typeof value === 'string' && value === lastStoreTime) return true;
  const valid = typeof value === 'string' && STORE_TIME.test(value) && new Date(value).toISOString() === value;
  if (valid) lastStoreTime = value;
  return valid;
}

/** Throws `INPUT_TYPE` unless `value` is a store time. */
export function assertStoreTime(value: unknown, path: string): asserts value is string {
  if (!isStoreTime(value)) throw inputError(path, 'an ISO 8601 UTC time with milliseconds (2026-11-28T15:27:54.000Z)', value);
}

/** Throws `INPUT_TYPE` unless `value` is a string. */
export function assertString(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string') throw inputError(path, 'a string', value);
}

/** Throws `INPUT_TYPE` unless `value` is undefined or a string. */
function assertOptionalString(value: unknown, path: string): void {
  if (value !== undefined) assertString(value, path);
}

/** Throws `INPUT_TYPE` unless `value` is undefined or a store time. */
function assertOptionalTime(value: unknown, path: string): void {
  if (value !== undefined) assertStoreTime(value, path);
}

/** Throws `INPUT_TYPE` unless `value` is an array of strings. */
export function assertStringArray(value: unknown, path: string): asserts value is readonly string[] {
  if (!Array.isArray(value)) throw inputError(path, 'an array of strings', value);
  value.forEach((item, i) => assertString(item, `${path}[${i}]`));
}

/** Throws `INPUT_TYPE` unless `value` is a non-negative safe integer (a log index or size). */
export function assertIndex(value: unknown, path: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw inputError(path, 'a non-negative integer', value);
}

/** Throws `INPUT_TYPE` unless `value` is a 32-byte `Uint8Array`. */
export function assertHash(value: unknown, path: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.byteLength !== HASH_LENGTH) throw inputError(path, `${HASH_LENGTH} bytes (a Uint8Array)`, value);
}

function assertObject(value: unknown, path: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw inputError(path, 'an object', value);
}

// Reads ------------------------------------------------------------------------------------------

/** Checks the indexes of `readHashes`. */
export function assertIndexes(indexes: unknown): asserts indexes is readonly number[] {
  if (!Array.isArray(indexes)) throw inputError('indexes', 'an array of non-negative integers', indexes);
  indexes.forEach((index, i) => assertIndex(index, `indexes[${i}]`));
}

/** Checks the range of `readEntries`. */
export function assertRange(start: unknown, end: unknown): void {
  assertIndex(start, 'start');
  assertIndex(end, 'end');
}

/** Checks the limit of `recordsByCode`. */
export function assertLimit(limit: unknown): asserts limit is number {
  assertIndex(limit, 'limit');
}

/** Checks a list of event hashes and returns it without repeats. */
export function uniqueStrings(values: unknown, path: string): string[] {
  assertStringArray(values, path);
  return [...new Set(values)];
}

// Issuers and tokens -----------------------------------------------------------------------------

/** Checks an issuer to create. */
export function assertIssuer(issuer: unknown): asserts issuer is IssuerRow {
  assertObject(issuer, 'issuer');
  assertString(issuer.id, 'issuer.id');
  assertString(issuer.name, 'issuer.name');
  assertStringArray(issuer.roles, 'issuer.roles');
  assertStringArray(issuer.categories, 'issuer.categories');
  assertStoreTime(issuer.createdAt, 'issuer.createdAt');
  assertOptionalTime(issuer.suspendedAt, 'issuer.suspendedAt');
}

/** Checks a patch of `updateIssuer`. */
export function assertIssuerPatch(patch: unknown): asserts patch is IssuerPatch {
  assertObject(patch, 'patch');
  assertOptionalString(patch.name, 'patch.name');
  if (patch.roles !== undefined) assertStringArray(patch.roles, 'patch.roles');
  if (patch.categories !== undefined) assertStringArray(patch.categories, 'patch.categories');
  if (patch.suspendedAt !== null) assertOptionalTime(patch.suspendedAt, 'patch.suspendedAt');
}

/** The issuer after applying `patch` (`suspendedAt: null` clears the suspension). */
export function patchIssuer(issuer: IssuerRow, patch: IssuerPatch): IssuerRow {
  const { suspendedAt: current, ...rest } = issuer;
  const suspendedAt = patch.suspendedAt === undefined ? current : (patch.suspendedAt ?? undefined);
  return {
    ...rest,
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.roles === undefined ? {} : { roles: [...patch.roles] }),
    ...(patch.categories === undefined ? {} : { categories: [...patch.categories] }),
    ...(suspendedAt === undefined ? {} : { suspendedAt }),
  };
}

/** Checks a token to create. */
export function assertToken(token: unknown): asserts token is TokenRow {
  assertObject(token, 'token');
  assertString(token.id, 'token.id');
  assertString(token.hash, 'token.hash');
  if (!Array.isArray(token.scopes)) throw inputError('token.scopes', 'an array of token scopes', token.scopes);
  token.scopes.forEach((scope: unknown, i) => {
    if (!TOKEN_SCOPES.includes(scope as TokenScope)) throw inputError(`token.scopes[${i}]`, `one of ${TOKEN_SCOPES.join(', ')}`, scope);
  });
  assertOptionalString(token.issuer, 'token.issuer');
  assertString(token.label, 'token.label');
  assertStoreTime(token.createdAt, 'token.createdAt');
  assertOptionalTime(token.revokedAt, 'token.revokedAt');
}

// Batches ----------------------------------------------------------------------------------------

/**
 * Checks a batch before any backend writes it: entries contiguous from `fromSize`, the checkpoint
 * for `fromSize + entries.length`, 32-byte hashes, one record row for every `record` entry (its `jws`
 * the entry's text) and one key change for every `key` entry, and well-formed rows. Throws
 * `INPUT_TYPE`, or `CONFLICT` when two records of the batch share an event hash. Does not look at
 * the store: `LOG_CONFLICT`, stored duplicates and unknown keys are the backend's to find.
 */
export function assertBatch(batch: unknown): asserts batch is AppendBatch {
  assertObject(batch, 'batch');
  assertIndex(batch.fromSize, 'batch.fromSize');
  const fromSize = batch.fromSize;
  const entries = assertEntries(batch.entries, fromSize);
  assertHashes(batch.hashes);
  assertCheckpoint(batch.checkpoint, fromSize + entries.length);
  assertRecords(batch.records, fromSize, entries);
  assertKeyChanges(batch.keyChanges, fromSize, entries);
}

function assertEntries(entries: unknown, fromSize: number): readonly LogEntry[] {
  if (!Array.isArray(entries)) throw inputError('batch.entries', 'an array of log entries', entries);
  entries.forEach((entry: unknown, i) => {
    const path = `batch.entries[${i}]`;
    assertObject(entry, path);
    if (entry.index !== fromSize + i) throw inputError(`${path}.index`, `${fromSize + i} (entries contiguous from fromSize)`, entry.index);
    if (!ENTRY_KINDS.includes(entry.kind as EntryKind)) throw inputError(`${path}.kind`, `one of ${ENTRY_KINDS.join(', ')}`, entry.kind);
    assertString(entry.text, `${path}.text`);
  });
  return entries as LogEntry[];
}

function assertHashes(hashes: unknown): asserts hashes is readonly StoredHash[] {
  if (!Array.isArray(hashes)) throw inputError('batch.hashes', 'an array of stored hashes', hashes);
  const seen = new Set<number>();
  hashes.forEach((hash: unknown, i) => {
    const path = `batch.hashes[${i}]`;
    assertObject(hash, path);
    assertIndex(hash.index, `${path}.index`);
    assertHash(hash.hash, `${path}.hash`);
    if (seen.has(hash.index)) throw inputError(`${path}.index`, 'an index not repeated in the batch', hash.index);
    seen.add(hash.index);
  });
}

function assertCheckpoint(checkpoint: unknown, size: number): asserts checkpoint is StoredCheckpoint {
  assertObject(checkpoint, 'batch.checkpoint');
  if (checkpoint.size !== size) throw inputError('batch.checkpoint.size', `${size} (fromSize + entries.length)`, checkpoint.size);
  assertHash(checkpoint.rootHash, 'batch.checkpoint.rootHash');
  assertString(checkpoint.note, 'batch.checkpoint.note');
  assertStoreTime(checkpoint.createdAt, 'batch.checkpoint.createdAt');
}

/** The batch entry at log index `index` when it is of `kind`, else throws `INPUT_TYPE` at `path`. */
function entryOfKind(entries: readonly LogEntry[], fromSize: number, index: unknown, kind: EntryKind, path: string): LogEntry {
  assertIndex(index, path);
  const entry = entries[index - fromSize];
  if (index < fromSize || !entry || entry.kind !== kind) {
    throw inputError(path, `the index of a ${kind} entry of this batch (${fromSize} to ${fromSize + entries.length - 1})`, index);
  }
  return entry;
}

function assertRecords(records: unknown, fromSize: number, entries: readonly LogEntry[]): asserts records is readonly RecordRow[] {
  if (!Array.isArray(records)) throw inputError('batch.records', 'an array of records', records);
  const covered = new Set<number>();
  records.forEach((record: unknown, i) => {
    const path = `batch.records[${i}]`;
    assertRecord(record, path);
    const entry = entryOfKind(entries, fromSize, record.index, 'record', `${path}.index`);
    if (covered.has(record.index)) throw inputError(`${path}.index`, 'an entry that has no other record row', record.index);
    covered.add(record.index);
    if (record.jws !== entry.text) throw inputError(`${path}.jws`, `the text of log entry ${record.index}`, record.jws);
  });
  requireCovered(entries, 'record', covered, 'a record row');
  const eventHashes = new Set<string>();
  for (const record of records as RecordRow[]) {
    if (eventHashes.has(record.eventHash)) throw conflict(`The batch holds two records with event hash ${record.eventHash}.`, 'batch.records');
    eventHashes.add(record.eventHash);
  }
}

function assertRecord(record: unknown, path: string): asserts record is RecordRow {
  assertObject(record, path);
  assertString(record.eventHash, `${path}.eventHash`);
  assertString(record.issuer, `${path}.issuer`);
  assertString(record.kid, `${path}.kid`);
  assertString(record.jws, `${path}.jws`);
  assertStringArray(record.disclosures, `${path}.disclosures`);
  assertString(record.eventType, `${path}.eventType`);
  assertString(record.eventTime, `${path}.eventTime`);
  assertOptionalString(record.category, `${path}.category`);
  assertStringArray(record.codes, `${path}.codes`);
  assertStringArray(record.previous, `${path}.previous`);
  assertStoreTime(record.receivedAt, `${path}.receivedAt`);
}

/** Throws `INPUT_TYPE` when an entry of `kind` has no row among `covered` indexes. */
function requireCovered(entries: readonly LogEntry[], kind: EntryKind, covered: ReadonlySet<number>, what: string): void {
  const missing = entries.find((entry) => entry.kind === kind && !covered.has(entry.index));
  if (missing) throw inputError(kind === 'record' ? 'batch.records' : 'batch.keyChanges', `${what} for the ${kind} entry ${missing.index}`, undefined);
}

function assertKeyChanges(changes: unknown, fromSize: number, entries: readonly LogEntry[]): asserts changes is readonly KeyChange[] {
  if (!Array.isArray(changes)) throw inputError('batch.keyChanges', 'an array of key changes', changes);
  const covered = new Set<number>();
  changes.forEach((change: unknown, i) => {
    const path = `batch.keyChanges[${i}]`;
    const index = keyChangeIndex(change, path);
    entryOfKind(entries, fromSize, index, 'key', path);
    if (covered.has(index)) throw inputError(path, 'a key entry that has no other key change', index);
    covered.add(index);
  });
  requireCovered(entries, 'key', covered, 'a key change');
}

/** Checks one key change and returns the log index of its key entry. */
function keyChangeIndex(change: unknown, path: string): number {
  assertObject(change, path);
  if (change.action === 'register') {
    assertRegisteredKey(change.key, `${path}.key`);
    return change.key.registeredAt;
  }
  if (change.action !== 'rotate' && change.action !== 'revoke') throw inputError(`${path}.action`, 'register, rotate or revoke', change.action);
  assertString(change.issuer, `${path}.issuer`);
  assertString(change.kid, `${path}.kid`);
  assertIndex(change.at, `${path}.at`);
  assertStoreTime(change.time, `${path}.time`);
  if (change.action === 'revoke') assertOptionalString(change.reason, `${path}.reason`);
  return change.at;
}

function assertRegisteredKey(key: unknown, path: string): asserts key is IssuerKeyRow {
  assertObject(key, path);
  assertString(key.issuer, `${path}.issuer`);
  assertString(key.kid, `${path}.kid`);
  if (!SIGNING_ALGORITHMS.includes(key.alg as never)) throw inputError(`${path}.alg`, `one of ${SIGNING_ALGORITHMS.join(', ')}`, key.alg);
  assertObject(key.jwk, `${path}.jwk`);
  assertIndex(key.registeredAt, `${path}.registeredAt`);
  assertStoreTime(key.registeredTime, `${path}.registeredTime`);
  for (const field of ['rotatedAt', 'rotatedTime', 'revokedAt', 'revokedTime', 'revocationReason'] as const) {
    if (key[field] !== undefined) throw inputError(`${path}.${field}`, 'absent (a key is registered neither rotated nor revoked)', key[field]);
  }
}

// Rows -------------------------------------------------------------------------------------------

/** A fresh plain `Uint8Array` with the same bytes (never a `Buffer` or a view of shared memory). */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** Whether two byte strings are equal. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** `{ [key]: value }` when `value` is neither `null` nor `undefined`, else `{}`: for optional row fields. */
export function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
