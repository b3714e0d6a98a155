/**
 * The PostgreSQL store: the platform on several machines, one database shared by the sequencer and
 * any number of read servers. Each store lives in one PostgreSQL schema (`public` unless told), so
 * one database can hold several logs (and tests run side by side in throwaway schemas).
 *
 * `append` is one transaction that first locks the one-row `log_head` table (`SELECT … FOR
 * UPDATE`): a second writer waits, then sees the new size and gets `LOG_CONFLICT`. Big batches go
 * in as a handful of set-based statements (`unnest` of array parameters, `jsonb_to_recordset`),
 * never as SQL built from values. Commits wait for the write-ahead log to be flushed
 * (`synchronous_commit` is forced back on for `append` if the server or role turned it off).
 *
 * Input is checked with the shared `rows.ts` helpers (the same `INPUT_TYPE` errors as every backend);
 * unknown issuers and keys are found by foreign keys (`NOT_FOUND`), duplicates by unique keys
 * (`CONFLICT`). Strings go through `encodeText` (PostgreSQL text cannot hold U+0000).
 *
 * The sequencer lock is a session advisory lock (`pg_try_advisory_lock`, key derived from the
 * schema name) held on a dedicated connection until `close`; `acquireSequencerLock` checks that
 * connection is alive, so a lock lost with its connection is reported (and retried) honestly.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { SuyuanError, isSuyuanError } from '@suyuan/core';
import type { PublicJwk, SigningAlgorithm } from '@suyuan/core';
import { SCHEMA_NAME, advisoryLockKey, decodeText, encodeText, migrate, quoteIdent } from './postgres-schema.js';
import {
  assertBatch,
  assertIndex,
  assertIndexes,
  assertIssuer,
  assertIssuerPatch,
  assertLimit,
  assertRange,
  assertStoreTime,
  assertString,
  assertToken,
  closedError,
  conflict,
  copyBytes,
  forkConflict,
  inputError,
  logConflict,
  notFound,
  optional,
  uniqueStrings,
  type IssuerPatch,
} from './rows.js';
import type {
  AppendBatch,
  EntryKind,
  IssuerKeyRow,
  IssuerRow,
  KeyChange,
  LogEntry,
  RecordRow,
  Store,
  StoredCheckpoint,
  StoredHash,
  TokenRow,
  TokenScope,
} from './store.js';

/** How to reach the database and where in it the store lives. */
export interface PostgresStoreOptions {
  /** A libpq-style URL, `postgres://user:password@host:5432/database`. */
  readonly connectionString: string;
  /** The PostgreSQL schema holding the store's tables (created when missing); `public` by default. */
  readonly schema?: string;
  /** The most connections the store opens for queries (the sequencer lock uses one more); 10 by default. */
  readonly poolSize?: number;
}

/** The default pool size. */
const DEFAULT_POOL_SIZE = 10;
/** How long to wait for a connection before failing with `UNAVAILABLE`. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Opens (creating or migrating its tables when needed) the store in `options.schema` of the
 * database at `options.connectionString`. Throws `INPUT_TYPE` for a bad schema name or pool size,
 * `UNAVAILABLE` when the database cannot be reached or its schema is newer than this code.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  checkOptions(schema, poolSize);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection that breaks (server restart) is dropped by the pool; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrate(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toStoreError(error);
  }
  return new PostgresStore(pool, options.connectionString, schema);
}

/** Throws `INPUT_TYPE` unless the schema name and pool size are usable. */
function checkOptions(schema: string, poolSize: number): void {
  assertString(schema, 'options.schema');
  if (!SCHEMA_NAME.test(schema)) {
    throw inputError('options.schema', 'lower-case letters, digits and _ (not first a digit), at most 63', schema);
  }
  if (!Number.isSafeInteger(poolSize) || poolSize < 1) throw inputError('options.poolSize', 'a positive integer', poolSize);
}

// Errors -----------------------------------------------------------------------------------------

/** SQLSTATE classes meaning "the database cannot do this now": connection, resources, operator, system, rollback. */
const UNAVAILABLE_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);

/** What a unique violation on each table means, and where in the input it points. */
const UNIQUE_VIOLATIONS: Readonly<Record<string, readonly [string, string]>> = {
  hashes: ['The log has a stored hash with this index already', 'batch.hashes'],
  records: ['The store holds a record with this event hash already', 'batch.records'],
  issuers: ['The issuer exists already', 'issuer.id'],
  issuer_keys: ['The issuer has this key registered already', 'batch.keyChanges'],
  tokens: ['A token with this id or this hash exists already', 'token'],
};

/** What a foreign key violation on each table means, and where in the input it points. */
const MISSING_REFERENCES: Readonly<Record<string, readonly [string, string]>> = {
  issuer_keys: ['Cannot register a key for an issuer that does not exist', 'batch.keyChanges'],
  records: ['A record is signed with a key that is not registered', 'batch.records'],
  tokens: ['Cannot create a token for an issuer that does not exist', 'token.issuer'],
};

/**
 * The error a store method throws for `error`: `SuyuanError`s as they are; unique violations as
 * `CONFLICT`, foreign key violations as `NOT_FOUND`, other refused values as `INPUT_TYPE`;
 * connection and server failures as `UNAVAILABLE`; anything else (a bug) unchanged.
 */
function toStoreError(error: unknown): unknown {
  if (isSuyuanError(error)) return error;
  if (error instanceof pg.DatabaseError) return databaseError(error);
  if (error instanceof TypeError || error instanceof RangeError) return error;
  return unavailable(error);
}

/** A `SuyuanError` for an error PostgreSQL reported, or the error itself when it means a bug. */
function databaseError(error: pg.DatabaseError): unknown {
  const code = error.code ?? '';
  const detail = decodeText(error.detail ?? error.message);
  const cause = { cause: error };
  if (code === '23505') {
    const [message, path] = UNIQUE_VIOLATIONS[error.table ?? ''] ?? ['The thing to create exists already', ''];
    return new SuyuanError('CONFLICT', `${message} (${detail}).`, path === '' ? {} : { path }, cause);
  }
  if (code === '23503') {
    const [message, path] = MISSING_REFERENCES[error.table ?? ''] ?? ['A row refers to something that does not exist', ''];
    return new SuyuanError('NOT_FOUND', `${message} (${detail}).`, path === '' ? {} : { path }, cause);
  }
  if (code.startsWith('22') || code.startsWith('23')) {
    return new SuyuanError('INPUT_TYPE', `The database refused a value: ${error.message}.`, {}, cause);
  }
  if (UNAVAILABLE_SQLSTATE_CLASSES.has(code.slice(0, 2))) return unavailable(error);
  return error;
}

/** `UNAVAILABLE` with the database's failure as its cause. */
function unavailable(cause: unknown): SuyuanError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new SuyuanError('UNAVAILABLE', `The PostgreSQL store cannot serve this now: ${reason}`, {}, { cause });
}

// Row mapping --------------------------------------------------------------------------------------

/** A `bigint` column (which `pg` returns as a decimal string) as a safe JavaScript number. */
function toIndex(value: string | number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) {
    throw new SuyuanError('UNAVAILABLE', `The PostgreSQL store holds an index beyond 2^53: ${String(value)}.`);
  }
  return number;
}

/** A nullable `bigint` column as a number or null. */
function nullableIndex(value: string | null): number | null {
  return value === null ? null : toIndex(value);
}

/** A nullable text column, decoded. */
function nullableText(value: string | null): string | null {
  return value === null ? null : decodeText(value);
}

/** A `text[]` column, decoded. */
function decodeTexts(values: readonly string[]): string[] {
  return values.map(decodeText);
}

/** A list of strings for a `text[]` parameter, encoded. */
function encodeTexts(values: readonly string[]): string[] {
  return values.map(encodeText);
}

/** A byte string as a fresh `Buffer` for a `bytea` parameter. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes);
}

/** The index key of a code in `record_codes`: the first 16 bytes of the SHA-256 of its UTF-8. */
function codeKey(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest().subarray(0, 16);
}

interface EntryDbRow {
  idx: string;
  kind: string;
  text: string;
}

interface CheckpointDbRow {
  size: string;
  root_hash: Buffer;
  note: string;
  created_at: string;
}

interface RecordDbRow {
  event_hash: string;
  idx: string;
  issuer: string;
  kid: string;
  jws: string;
  disclosures: string[];
  event_type: string;
  event_time: string;
  category: string | null;
  codes: string[];
  previous: string[];
  received_at: string;
}

interface IssuerDbRow {
  id: string;
  name: string;
  roles: string[];
  categories: string[];
  created_at: string;
  suspended_at: string | null;
}

interface IssuerKeyDbRow {
  issuer: string;
  kid: string;
  alg: string;
  jwk: string;
  registered_at: string;
  registered_time: string;
  rotated_at: string | null;
  rotated_time: string | null;
  revoked_at: string | null;
  revoked_time: string | null;
  revocation_reason: string | null;
}

interface TokenDbRow {
  id: string;
  hash: string;
  scopes: string[];
  issuer: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

function toEntry(row: EntryDbRow): LogEntry {
  return { index: toIndex(row.idx), kind: row.kind as EntryKind, text: decodeText(row.text) };
}

function toCheckpoint(row: CheckpointDbRow): StoredCheckpoint {
  return { size: toIndex(row.size), rootHash: copyBytes(row.root_hash), note: decodeText(row.note), createdAt: row.created_at };
}

function toRecord(row: RecordDbRow): RecordRow {
  return {
    eventHash: decodeText(row.event_hash),
    index: toIndex(row.idx),
    issuer: decodeText(row.issuer),
    kid: decodeText(row.kid),
    jws: decodeText(row.jws),
    disclosures: decodeTexts(row.disclosures),
    eventType: decodeText(row.event_type),
    eventTime: decodeText(row.event_time),
    ...optional('category', nullableText(row.category)),
    codes: decodeTexts(row.codes),
    previous: decodeTexts(row.previous),
    receivedAt: row.received_at,
  };
}

function toIssuer(row: IssuerDbRow): IssuerRow {
  return {
    id: decodeText(row.id),
    name: decodeText(row.name),
    roles: decodeTexts(row.roles),
    categories: decodeTexts(row.categories),
    createdAt: row.created_at,
    ...optional('suspendedAt', row.suspended_at),
  };
}

function toIssuerKey(row: IssuerKeyDbRow): IssuerKeyRow {
  return {
    issuer: decodeText(row.issuer),
    kid: decodeText(row.kid),
    alg: row.alg as SigningAlgorithm,
    jwk: JSON.parse(row.jwk) as PublicJwk,
    registeredAt: toIndex(row.registered_at),
    registeredTime: row.registered_time,
    ...optional('rotatedAt', nullableIndex(row.rotated_at)),
    ...optional('rotatedTime', row.rotated_time),
    ...optional('revokedAt', nullableIndex(row.revoked_at)),
    ...optional('revokedTime', row.revoked_time),
    ...optional('revocationReason', nullableText(row.revocation_reason)),
  };
}

function toToken(row: TokenDbRow): TokenRow {
  return {
    id: decodeText(row.id),
    hash: decodeText(row.hash),
    scopes: row.scopes as TokenScope[],
    ...optional('issuer', nullableText(row.issuer)),
    label: decodeText(row.label),
    createdAt: row.created_at,
    ...optional('revokedAt', row.revoked_at),
  };
}

// The store ----------------------------------------------------------------------------------------

/** The schema-qualified names of the store's tables. */
type Tables = Record<
  'logHead' | 'entries' | 'hashes' | 'checkpoints' | 'records' | 'recordCodes' | 'issuers' | 'issuerKeys' | 'tokens',
  string
>;

/** Schema-qualified, quoted table names for `schema`. */
function tableNames(schema: string): Tables {
  const t = (table: string): string => `${quoteIdent(schema)}.${quoteIdent(table)}`;
  return {
    logHead: t('log_head'),
    entries: t('entries'),
    hashes: t('hashes'),
    checkpoints: t('checkpoints'),
    records: t('records'),
    recordCodes: t('record_codes'),
    issuers: t('issuers'),
    issuerKeys: t('issuer_keys'),
    tokens: t('tokens'),
  };
}

/** The columns of `records` (a record's JWS is its entry's text, stored once, in `entries`). */
const RECORD_COLUMNS = 'event_hash, idx, issuer, kid, disclosures, event_type, event_time, category, codes, previous, received_at';
const ISSUER_COLUMNS = 'id, name, roles, categories, created_at, suspended_at';
const ISSUER_KEY_COLUMNS =
  'issuer, kid, alg, jwk, registered_at, registered_time, rotated_at, rotated_time, revoked_at, revoked_time, revocation_reason';
const TOKEN_COLUMNS = 'id, hash, scopes, issuer, label, created_at, revoked_at';
const TOKEN_ORDER = 'ORDER BY created_at COLLATE "C", id COLLATE "C"';

class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #connectionString: string;
  readonly #lockKey: string;
  readonly #t: Tables;
  #closing: Promise<void> | undefined;
  /** The connection holding the sequencer lock, once acquired. */
  #lockClient: pg.Client | undefined;
  /** An `acquireSequencerLock` in progress, so concurrent calls share it. */
  #acquiring: Promise<boolean> | undefined;

  constructor(pool: pg.Pool, connectionString: string, schema: string) {
    this.#pool = pool;
    this.#connectionString = connectionString;
    this.#lockKey = advisoryLockKey('sequencer', schema);
    this.#t = tableNames(schema);
  }

  // Plumbing ---------------------------------------------------------------------------------------

  /** Throws `UNAVAILABLE` once `close` was called. */
  #ensureOpen(): void {
    if (this.#closing !== undefined) throw closedError(this.backend);
  }

  /** Runs one statement on any pooled connection. */
  async #query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    this.#ensureOpen();
    try {
      return await this.#pool.query<R>(sql, values);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.#ensureOpen();
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw toStoreError(error);
    } finally {
      client.release(broken);
    }
  }

  // The log ----------------------------------------------------------------------------------------

  async logSize(): Promise<number> {
    const result = await this.#query<{ size: string }>(`SELECT size FROM ${this.#t.logHead} WHERE id = 1`);
    return toIndex(result.rows[0]?.size ?? 0);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const result = await this.#query<CheckpointDbRow>(
      `SELECT size, root_hash, note, created_at FROM ${this.#t.checkpoints} ORDER BY size DESC LIMIT 1`,
    );
    const row = result.rows[0];
    return row === undefined ? undefined : toCheckpoint(row);
  }

  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    this.#ensureOpen();
    assertIndex(size, 'size');
    const result = await this.#query<CheckpointDbRow>(
      `SELECT size, root_hash, note, created_at FROM ${this.#t.checkpoints} WHERE size = $1`,
      [size],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : toCheckpoint(row);
  }

  async readHashes(indexes: readonly number[]): Promise<Uint8Array[]> {
    this.#ensureOpen();
    assertIndexes(indexes);
    if (indexes.length === 0) return [];
    const result = await this.#query<{ idx: string; hash: Buffer }>(
      `SELECT idx, hash FROM ${this.#t.hashes} WHERE idx = ANY($1::bigint[])`,
      [[...new Set(indexes)]],
    );
    const byIndex = new Map(result.rows.map((row) => [toIndex(row.idx), row.hash]));
    return indexes.map((index) => {
      const hash = byIndex.get(index);
      if (hash === undefined) throw notFound(`The log has no stored hash ${index}.`, 'indexes');
      return copyBytes(hash);
    });
  }

  async readEntries(start: number, end: number): Promise<LogEntry[]> {
    this.#ensureOpen();
    assertRange(start, end);
    if (end <= start) return [];
    const result = await this.#query<EntryDbRow>(
      `SELECT idx, kind, text FROM ${this.#t.entries} WHERE idx >= $1 AND idx < $2 ORDER BY idx`,
      [start, end],
    );
    return result.rows.map(toEntry);
  }

  async append(batch: AppendBatch): Promise<void> {
    this.#ensureOpen();
    assertBatch(batch);
    // Everything is copied out of the caller's objects before the first await.
    const statements = this.#appendStatements(batch);
    await this.#transaction(async (client) => {
      await this.#requireDurableCommit(client);
      await this.#lockLogHead(client, batch.fromSize);
      for (const statement of statements) await statement(client);
    });
  }

  /** The statements writing a (checked) batch after the log head is locked, with their parameters already copied. */
  #appendStatements(batch: AppendBatch): ((client: pg.PoolClient) => Promise<void>)[] {
    const size = batch.checkpoint.size;
    return [
      this.#insertEntries(batch.entries),
      this.#insertHashes(batch.hashes),
      ...batch.keyChanges.map((change) => this.#applyKeyChange(change)),
      this.#insertRecords(batch.records),
      this.#insertRecordCodes(batch.records),
      this.#putCheckpoint(batch.checkpoint),
      async (client) => {
        await client.query(`UPDATE ${this.#t.logHead} SET size = $1 WHERE id = 1`, [size]);
      },
    ];
  }

  /** Makes this transaction's commit wait for the disk even if the server or role set `synchronous_commit = off`. */
  async #requireDurableCommit(client: pg.PoolClient): Promise<void> {
    await client.query(
      `SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off'`,
    );
  }

  /** Locks the log head until the transaction ends; `LOG_CONFLICT` unless the log has `fromSize` entries. */
  async #lockLogHead(client: pg.PoolClient, fromSize: number): Promise<void> {
    const result = await client.query<{ size: string }>(`SELECT size FROM ${this.#t.logHead} WHERE id = 1 FOR UPDATE`);
    const size = toIndex(result.rows[0]?.size ?? 0);
    if (size !== fromSize) throw logConflict(fromSize, size);
  }

  /** One `unnest` insert of the entries. */
  #insertEntries(entries: readonly LogEntry[]): (client: pg.PoolClient) => Promise<void> {
    const values = [entries.map((e) => e.index), entries.map((e) => e.kind), entries.map((e) => encodeText(e.text))];
    return async (client) => {
      if (entries.length === 0) return;
      await client.query(
        `INSERT INTO ${this.#t.entries} (idx, kind, text) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])`,
        values,
      );
    };
  }

  /** One `unnest` insert of the stored hashes; `CONFLICT` when an index exists. */
  #insertHashes(hashes: readonly StoredHash[]): (client: pg.PoolClient) => Promise<void> {
    const values = [hashes.map((h) => h.index), hashes.map((h) => toBuffer(h.hash))];
    return async (client) => {
      if (hashes.length === 0) return;
      await client.query(`INSERT INTO ${this.#t.hashes} (idx, hash) SELECT * FROM unnest($1::bigint[], $2::bytea[])`, values);
    };
  }

  /** One `jsonb_to_recordset` insert of the records; `CONFLICT` for a known event hash, `NOT_FOUND` for an unknown key. */
  #insertRecords(records: readonly RecordRow[]): (client: pg.PoolClient) => Promise<void> {
    const json = JSON.stringify(
      records.map((r) => ({
        event_hash: encodeText(r.eventHash),
        idx: r.index,
        issuer: encodeText(r.issuer),
        kid: encodeText(r.kid),
        disclosures: encodeTexts(r.disclosures),
        event_type: encodeText(r.eventType),
        event_time: encodeText(r.eventTime),
        category: r.category === undefined ? null : encodeText(r.category),
        codes: encodeTexts(r.codes),
        previous: encodeTexts(r.previous),
        received_at: r.receivedAt,
      })),
    );
    return async (client) => {
      if (records.length === 0) return;
      await client.query(
        `INSERT INTO ${this.#t.records} (${RECORD_COLUMNS})
         SELECT ${RECORD_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(
           event_hash text, idx bigint, issuer text, kid text, disclosures text[], event_type text,
           event_time text, category text, codes text[], previous text[], received_at text)`,
        [json],
      );
    };
  }

  /** One `unnest` insert of each record's distinct codes into `record_codes`. */
  #insertRecordCodes(records: readonly RecordRow[]): (client: pg.PoolClient) => Promise<void> {
    const rows = records.flatMap((r) => [...new Set(r.codes)].map((code) => ({ code, index: r.index })));
    const values = [rows.map((r) => codeKey(r.code)), rows.map((r) => encodeText(r.code)), rows.map((r) => r.index)];
    return async (client) => {
      if (rows.length === 0) return;
      await client.query(
        `INSERT INTO ${this.#t.recordCodes} (code_key, code, idx) SELECT * FROM unnest($1::bytea[], $2::text[], $3::bigint[])`,
        values,
      );
    };
  }

  /**
   * Registers, rotates or revokes a key: `NOT_FOUND` for an unknown issuer or key, `CONFLICT` for a
   * key registered twice, rotating a rotated or revoked key, or revoking a revoked one.
   */
  #applyKeyChange(change: KeyChange): (client: pg.PoolClient) => Promise<void> {
    if (change.action === 'register') {
      const k = change.key;
      const values = [encodeText(k.issuer), encodeText(k.kid), k.alg, encodeText(JSON.stringify(k.jwk)), k.registeredAt, k.registeredTime];
      return async (client) => {
        await client.query(
          `INSERT INTO ${this.#t.issuerKeys} (issuer, kid, alg, jwk, registered_at, registered_time) VALUES (${placeholders(6)})`,
          values,
        );
      };
    }
    const key = [encodeText(change.issuer), encodeText(change.kid)];
    const [sql, values] =
      change.action === 'rotate'
        ? [
            `UPDATE ${this.#t.issuerKeys} SET rotated_at = $3, rotated_time = $4
             WHERE issuer = $1 AND kid = $2 AND rotated_at IS NULL AND revoked_at IS NULL`,
            [...key, change.at, change.time],
          ]
        : [
            `UPDATE ${this.#t.issuerKeys} SET revoked_at = $3, revoked_time = $4, revocation_reason = $5
             WHERE issuer = $1 AND kid = $2 AND revoked_at IS NULL`,
            [...key, change.at, change.time, change.reason === undefined ? null : encodeText(change.reason)],
          ];
    const { issuer, kid, action } = change;
    return async (client) => {
      const result = await client.query(sql, values);
      if (result.rowCount !== 0) return;
      const known = await client.query(`SELECT 1 FROM ${this.#t.issuerKeys} WHERE issuer = $1 AND kid = $2`, key);
      if (known.rowCount === 0) {
        throw notFound(`Issuer ${issuer} has no key ${kid} to ${action}.`, 'batch.keyChanges');
      }
      const state = action === 'rotate' ? 'rotated or revoked' : 'revoked';
      throw conflict(`Key ${kid} of issuer ${issuer} is ${state} already.`, 'batch.keyChanges');
    };
  }

  /** Stores the batch's checkpoint; re-signing a size replaces its checkpoint, `LOG_CONFLICT` when the root hash differs. */
  #putCheckpoint(checkpoint: StoredCheckpoint): (client: pg.PoolClient) => Promise<void> {
    const size = checkpoint.size;
    const values = [size, toBuffer(checkpoint.rootHash), encodeText(checkpoint.note), checkpoint.createdAt];
    return async (client) => {
      const result = await client.query(
        `INSERT INTO ${this.#t.checkpoints} AS c (size, root_hash, note, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (size) DO UPDATE SET note = EXCLUDED.note, created_at = EXCLUDED.created_at
         WHERE c.root_hash = EXCLUDED.root_hash`,
        values,
      );
      if (result.rowCount === 0) throw forkConflict(size);
    };
  }

  // Records ----------------------------------------------------------------------------------------

  async recordsByEventHash(eventHashes: readonly string[]): Promise<RecordRow[]> {
    this.#ensureOpen();
    const unique = uniqueStrings(eventHashes, 'eventHashes');
    if (unique.length === 0) return [];
    const result = await this.#query<RecordDbRow>(
      `${this.#selectRecords} WHERE r.event_hash = ANY($1::text[]) ORDER BY r.idx`,
      [encodeTexts(unique)],
    );
    return result.rows.map(toRecord);
  }

  async recordsByCode(code: string, limit: number): Promise<RecordRow[]> {
    this.#ensureOpen();
    assertString(code, 'code');
    assertLimit(limit);
    if (limit === 0) return [];
    const result = await this.#query<RecordDbRow>(
      `${this.#selectRecords} JOIN ${this.#t.recordCodes} c ON c.idx = r.idx
       WHERE c.code_key = $1 AND c.code = $2 ORDER BY c.idx LIMIT $3`,
      [codeKey(code), encodeText(code), limit],
    );
    return result.rows.map(toRecord);
  }

  /** `SELECT` of record rows (`r`) with their JWS from their entries (`e`). */
  get #selectRecords(): string {
    const columns = RECORD_COLUMNS.split(', ').map((column) => `r.${column}`);
    return `SELECT ${columns.join(', ')}, e.text AS jws FROM ${this.#t.records} r JOIN ${this.#t.entries} e ON e.idx = r.idx`;
  }

  // Issuers ----------------------------------------------------------------------------------------

  async createIssuer(issuer: IssuerRow): Promise<void> {
    this.#ensureOpen();
    assertIssuer(issuer);
    await this.#query(`INSERT INTO ${this.#t.issuers} (${ISSUER_COLUMNS}) VALUES (${placeholders(6)})`, [
      encodeText(issuer.id),
      encodeText(issuer.name),
      encodeTexts(issuer.roles),
      encodeTexts(issuer.categories),
      issuer.createdAt,
      issuer.suspendedAt ?? null,
    ]);
  }

  async updateIssuer(
    id: string,
    patch: IssuerPatch,
  ): Promise<IssuerRow> {
    this.#ensureOpen();
    assertString(id, 'id');
    assertIssuerPatch(patch);
    const values: unknown[] = [encodeText(id)];
    const sets: string[] = [];
    const set = (column: string, value: unknown): void => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.name !== undefined) set('name', encodeText(patch.name));
    if (patch.roles !== undefined) set('roles', encodeTexts(patch.roles));
    if (patch.categories !== undefined) set('categories', encodeTexts(patch.categories));
    if (patch.suspendedAt !== undefined) set('suspended_at', patch.suspendedAt);
    const sql =
      sets.length === 0
        ? `SELECT ${ISSUER_COLUMNS} FROM ${this.#t.issuers} WHERE id = $1`
        : `UPDATE ${this.#t.issuers} SET ${sets.join(', ')} WHERE id = $1 RETURNING ${ISSUER_COLUMNS}`;
    const row = (await this.#query<IssuerDbRow>(sql, values)).rows[0];
    if (row === undefined) throw notFound(`There is no issuer ${id}.`, 'id');
    return toIssuer(row);
  }

  async issuer(id: string): Promise<IssuerRow | undefined> {
    this.#ensureOpen();
    assertString(id, 'id');
    const result = await this.#query<IssuerDbRow>(`SELECT ${ISSUER_COLUMNS} FROM ${this.#t.issuers} WHERE id = $1`, [
      encodeText(id),
    ]);
    const row = result.rows[0];
    return row === undefined ? undefined : toIssuer(row);
  }

  async issuers(): Promise<IssuerRow[]> {
    const result = await this.#query<IssuerDbRow>(
      `SELECT ${ISSUER_COLUMNS} FROM ${this.#t.issuers} ORDER BY id COLLATE "C"`,
    );
    return result.rows.map(toIssuer);
  }

  async issuerKeys(issuer: string): Promise<IssuerKeyRow[]> {
    this.#ensureOpen();
    assertString(issuer, 'issuer');
    const result = await this.#query<IssuerKeyDbRow>(
      `SELECT ${ISSUER_KEY_COLUMNS} FROM ${this.#t.issuerKeys} WHERE issuer = $1 ORDER BY registered_at, kid COLLATE "C"`,
      [encodeText(issuer)],
    );
    return result.rows.map(toIssuerKey);
  }

  async allIssuerKeys(): Promise<IssuerKeyRow[]> {
    const result = await this.#query<IssuerKeyDbRow>(
      `SELECT ${ISSUER_KEY_COLUMNS} FROM ${this.#t.issuerKeys}
       ORDER BY registered_at, issuer COLLATE "C", kid COLLATE "C"`,
    );
    return result.rows.map(toIssuerKey);
  }

  // Tokens -----------------------------------------------------------------------------------------

  async createToken(token: TokenRow): Promise<void> {
    this.#ensureOpen();
    assertToken(token);
    await this.#query(`INSERT INTO ${this.#t.tokens} (${TOKEN_COLUMNS}) VALUES (${placeholders(7)})`, [
      encodeText(token.id),
      encodeText(token.hash),
      [...token.scopes],
      token.issuer === undefined ? null : encodeText(token.issuer),
      encodeText(token.label),
      token.createdAt,
      token.revokedAt ?? null,
    ]);
  }

  async tokenByHash(hash: string): Promise<TokenRow | undefined> {
    this.#ensureOpen();
    assertString(hash, 'hash');
    const result = await this.#query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM ${this.#t.tokens} WHERE hash = $1`, [
      encodeText(hash),
    ]);
    const row = result.rows[0];
    return row === undefined ? undefined : toToken(row);
  }

  async tokens(issuer?: string): Promise<TokenRow[]> {
    this.#ensureOpen();
    if (issuer !== undefined) assertString(issuer, 'issuer');
    const result =
      issuer === undefined
        ? await this.#query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM ${this.#t.tokens} ${TOKEN_ORDER}`)
        : await this.#query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM ${this.#t.tokens} WHERE issuer = $1 ${TOKEN_ORDER}`, [
            encodeText(issuer),
          ]);
    return result.rows.map(toToken);
  }

  async revokeToken(id: string, at: string): Promise<void> {
    this.#ensureOpen();
    assertString(id, 'id');
    assertStoreTime(at, 'at');
    const result = await this.#query(`UPDATE ${this.#t.tokens} SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1`, [
      encodeText(id),
      at,
    ]);
    if (result.rowCount === 0) throw notFound(`There is no token ${id}.`, 'id');
  }

  // Processes --------------------------------------------------------------------------------------

  async acquireSequencerLock(): Promise<boolean> {
    this.#ensureOpen();
    this.#acquiring ??= this.#acquire().finally(() => {
      this.#acquiring = undefined;
    });
    return this.#acquiring;
  }

  /** `true` while the lock connection is alive (its session holds the lock); otherwise tries to take the lock anew. */
  async #acquire(): Promise<boolean> {
    const held = this.#lockClient;
    if (held !== undefined) {
      const alive = await held.query('SELECT 1').then(
        () => true,
        () => false,
      );
      if (alive) return true;
      this.#lockClient = undefined;
      await held.end().catch(() => undefined);
    }
    return this.#tryLock();
  }

  /** Opens a dedicated connection and tries the advisory lock on it; keeps the connection when it got the lock. */
  async #tryLock(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.#connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // When the connection breaks the server releases the lock: forget it, a later call may try again.
    const forget = (): void => {
      if (this.#lockClient === client) this.#lockClient = undefined;
    };
    client.on('error', forget);
    client.on('end', forget);
    let locked = false;
    try {
      await client.connect();
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
        this.#lockKey,
      ]);
      locked = result.rows[0]?.locked === true;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw toStoreError(error);
    }
    if (!locked || this.#closing !== undefined) {
      await client.end().catch(() => undefined);
      this.#ensureOpen();
      return false;
    }
    this.#lockClient = client;
    return true;
  }

  close(): Promise<void> {
    this.#closing ??= this.#release();
    return this.#closing;
  }

  /** Waits for a lock attempt in progress, ends the lock connection, then the pool (after its queries finish). */
  async #release(): Promise<void> {
    await this.#acquiring?.catch(() => undefined);
    const lockClient = this.#lockClient;
    this.#lockClient = undefined;
    await lockClient?.end().catch(() => undefined);
    await this.#pool.end().catch(() => undefined);
  }
}

/** `$1, $2, …, $count`. */
function placeholders(count: number): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ');
}
