/**
 * The SQLite backend of the `Store` (one machine), on better-sqlite3.
 *
 * Durability: WAL journal with `synchronous = FULL`, so a commit is synced to disk before `append`
 * resolves and an acknowledged batch survives a power cut. Every batch is one immediate transaction
 * (all or nothing, serialised against other connections, which wait up to `busy_timeout`). All SQL
 * takes its values as bound parameters. better-sqlite3 is synchronous: each call runs to completion
 * on the calling thread, which is fine for the short statements of this store.
 *
 * The sequencer lock is a file beside the database (`<file>.sequencer.lock`) holding the pid of the
 * process that appends; a lock of a dead process is taken over.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SuyuanError, type PublicJwk, type SigningAlgorithm } from '@suyuan/core';
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
  equalBytes,
  forkConflict,
  logConflict,
  notFound,
  optional,
  patchIssuer,
  uniqueStrings,
  type IssuerPatch,
} from './rows.js';
import { EVENT_HASH_CHUNK, SQL, migrate, type StatementName } from './sqlite-schema.js';
import type { AppendBatch, IssuerKeyRow, IssuerRow, KeyChange, LogEntry, RecordRow, Store, StoredCheckpoint, TokenRow, TokenScope } from './store.js';

/** Where the SQLite store keeps its database: a file, or `suyuan.db` in a data directory. */
export type SqliteStoreOptions = { readonly file: string } | { readonly dataDir: string };

/** The database file's name in a data directory. */
export const SQLITE_DATABASE_NAME = 'suyuan.db';
/** How long a connection waits for another's write transaction before giving up (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** The page cache of a connection (KiB): room for the hot parts of the indexes of a large log. */
const SQLITE_CACHE_KIB = 32 * 1024;
/** An unreadable lock file younger than this may be one being written: it counts as held (ms). */
const FRESH_LOCK_MS = 10_000;

/** The pragmas in effect on a store's connection (for health checks and tests). */
export interface SqlitePragmas {
  readonly journalMode: string;
  /** 2 is FULL. */
  readonly synchronous: number;
  readonly foreignKeys: boolean;
  readonly busyTimeout: number;
}

/**
 * Opens (creating when missing) the SQLite store at `options.file`, or at `<dataDir>/suyuan.db`
 * (creating `dataDir` with mode 0700 when missing), and brings its schema up to date. Throws
 * `UNAVAILABLE` when the database cannot be opened or is of a newer schema version.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  return SqliteStore.open(databaseFile(options));
}

/** The database file for the options (creating the data directory when needed). */
function databaseFile(options: SqliteStoreOptions): string {
  if ('file' in options) {
    assertString(options.file, 'options.file');
    return path.resolve(options.file);
  }
  assertString(options.dataDir, 'options.dataDir');
  const dir = path.resolve(options.dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return path.join(dir, SQLITE_DATABASE_NAME);
}

/** The sequencer lock file of a database file. */
export function sequencerLockPath(file: string): string {
  return `${file}.sequencer.lock`;
}

// Rows as SQLite returns them --------------------------------------------------------------------

interface CheckpointSql { size: number; root_hash: Buffer; note: string; created_at: string }
interface EntrySql { idx: number; kind: LogEntry['kind']; text: string }
interface RecordSql {
  idx: number; event_hash: string; issuer: string; kid: string; jws: string; disclosures: string; event_type: string;
  event_time: string; category: string | null; codes: string; previous: string; received_at: string;
}
interface IssuerSql { id: string; name: string; roles: string; categories: string; created_at: string; suspended_at: string | null }
interface KeySql {
  issuer: string; kid: string; alg: SigningAlgorithm; jwk: string; registered_at: number; registered_time: string;
  rotated_at: number | null; rotated_time: string | null; revoked_at: number | null; revoked_time: string | null; revocation_reason: string | null;
}
interface TokenSql { id: string; hash: string; scopes: string; issuer: string | null; label: string; created_at: string; revoked_at: string | null }

function toCheckpoint(row: CheckpointSql): StoredCheckpoint {
  return { size: row.size, rootHash: copyBytes(row.root_hash), note: row.note, createdAt: row.created_at };
}

function toEntry(row: EntrySql): LogEntry {
  return { index: row.idx, kind: row.kind, text: row.text };
}

function toRecord(row: RecordSql): RecordRow {
  return {
    eventHash: row.event_hash,
    index: row.idx,
    issuer: row.issuer,
    kid: row.kid,
    jws: row.jws,
    disclosures: JSON.parse(row.disclosures) as string[],
    eventType: row.event_type,
    eventTime: row.event_time,
    ...optional('category', row.category),
    codes: JSON.parse(row.codes) as string[],
    previous: JSON.parse(row.previous) as string[],
    receivedAt: row.received_at,
  };
}

function toIssuer(row: IssuerSql): IssuerRow {
  return {
    id: row.id,
    name: row.name,
    roles: JSON.parse(row.roles) as string[],
    categories: JSON.parse(row.categories) as string[],
    createdAt: row.created_at,
    ...optional('suspendedAt', row.suspended_at),
  };
}

function toKey(row: KeySql): IssuerKeyRow {
  return {
    issuer: row.issuer,
    kid: row.kid,
    alg: row.alg,
    jwk: JSON.parse(row.jwk) as PublicJwk,
    registeredAt: row.registered_at,
    registeredTime: row.registered_time,
    ...optional('rotatedAt', row.rotated_at),
    ...optional('rotatedTime', row.rotated_time),
    ...optional('revokedAt', row.revoked_at),
    ...optional('revokedTime', row.revoked_time),
    ...optional('revocationReason', row.revocation_reason),
  };
}

function toToken(row: TokenSql): TokenRow {
  return {
    id: row.id,
    hash: row.hash,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    ...optional('issuer', row.issuer),
    label: row.label,
    createdAt: row.created_at,
    ...optional('revokedAt', row.revoked_at),
  };
}

// Errors -----------------------------------------------------------------------------------------

/** SQLite's error, as better-sqlite3 throws it. */
function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

/** Whether `error` is SQLite refusing a duplicate primary key or unique value. */
function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Turns an error from SQLite into the store's `SuyuanError`s; passes other errors through. */
function storeError(error: unknown, file: string): unknown {
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const cause = { cause: error };
  if (isUniqueViolation(error)) return new SuyuanError('CONFLICT', `The thing to create exists already (${(error as Error).message}).`, {}, cause);
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new SuyuanError('NOT_FOUND', 'A row refers to an issuer, key or entry that does not exist.', {}, cause);
  if (code.startsWith('SQLITE_CONSTRAINT')) return new SuyuanError('INPUT_TYPE', `The database refused a value: ${(error as Error).message}.`, {}, cause);
  return new SuyuanError('UNAVAILABLE', `The SQLite database ${file} failed: ${(error as Error).message} (${code}).`, {}, cause);
}

// The store --------------------------------------------------------------------------------------

/** A `Store` on one SQLite database file. Open it with `openSqliteStore`. */
export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  /** The absolute path of the database file. */
  readonly file: string;
  private db: Database.Database | undefined;
  private readonly statements = new Map<StatementName, Database.Statement>();
  private readonly lock: SequencerLock;
  private readonly appendTransaction: Database.Transaction<(batch: AppendBatch) => void>;

  private constructor(db: Database.Database, file: string) {
    this.db = db;
    this.file = file;
    this.lock = new SequencerLock(sequencerLockPath(fs.realpathSync(file)));
    this.appendTransaction = db.transaction((batch: AppendBatch) => this.writeBatch(batch));
  }

  /** Opens the database file, sets the pragmas and migrates the schema. */
  static open(file: string): SqliteStore {
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
      configure(db, file);
      migrate(db, file);
      return new SqliteStore(db, file);
    } catch (error) {
      db?.close();
      if (error instanceof SuyuanError) throw error;
      throw new SuyuanError('UNAVAILABLE', `Cannot open the SQLite database ${file}: ${(error as Error).message}`, {}, { cause: error });
    }
  }

  /** The pragmas in effect on this store's connection. */
  pragmas(): SqlitePragmas {
    const db = this.connection();
    return {
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
      synchronous: db.pragma('synchronous', { simple: true }) as number,
      foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeout: db.pragma('busy_timeout', { simple: true }) as number,
    };
  }

  // The log -------------------------------------------------------------------------------------

  async logSize(): Promise<number> {
    return this.run(() => this.currentSize());
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return this.run(() => {
      const row = this.statement('latestCheckpoint').get() as CheckpointSql | undefined;
      return row && toCheckpoint(row);
    });
  }

  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    return this.run(() => {
      assertIndex(size, 'size');
      const row = this.statement('checkpointAt').get(size) as CheckpointSql | undefined;
      return row && toCheckpoint(row);
    });
  }

  async readHashes(indexes: readonly number[]): Promise<Uint8Array[]> {
    return this.run(() => {
      assertIndexes(indexes);
      const select = this.statement('hash').pluck();
      return indexes.map((index) => {
        const hash = select.get(index) as Buffer | undefined;
        if (!hash) throw notFound(`The log has no stored hash ${index}.`, 'indexes');
        return copyBytes(hash);
      });
    });
  }

  async readEntries(start: number, end: number): Promise<LogEntry[]> {
    return this.run(() => {
      assertRange(start, end);
      if (end <= start) return [];
      return (this.statement('entries').all(start, end) as EntrySql[]).map(toEntry);
    });
  }

  async append(batch: AppendBatch): Promise<void> {
    return this.run(() => {
      assertBatch(batch);
      this.appendTransaction.immediate(batch);
    });
  }

  /** Writes a checked batch; runs inside the append transaction. */
  private writeBatch(batch: AppendBatch): void {
    const size = this.currentSize();
    if (batch.fromSize !== size) throw logConflict(batch.fromSize, size);
    if (batch.entries.length === 0) this.checkResign(batch.checkpoint);
    const records = new Map(batch.records.map((record) => [record.index, record]));
    const keyChanges = new Map(batch.keyChanges.map((change) => [keyChangeIndex(change), change]));
    const knownKeys = new Set<string>();
    const insertEntry = this.statement('insertEntry');
    for (const entry of batch.entries) {
      insertEntry.run(entry.index, entry.kind, entry.text);
      const record = records.get(entry.index);
      if (record) this.insertRecord(record, knownKeys);
      const change = keyChanges.get(entry.index);
      if (change) this.applyKeyChange(change);
    }
    this.insertHashes(batch);
    const { checkpoint } = batch;
    this.statement('upsertCheckpoint').run(checkpoint.size, checkpoint.rootHash, checkpoint.note, checkpoint.createdAt);
  }

  /** An empty batch re-signs the current size: refused when its root differs from the stored one. */
  private checkResign(checkpoint: StoredCheckpoint): void {
    const stored = this.statement('checkpointAt').get(checkpoint.size) as CheckpointSql | undefined;
    if (stored && !equalBytes(stored.root_hash, checkpoint.rootHash)) throw forkConflict(checkpoint.size);
  }

  private insertHashes(batch: AppendBatch): void {
    const insert = this.statement('insertHash');
    for (const { index, hash } of batch.hashes) {
      try {
        insert.run(index, hash);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`The log has stored hash ${index} already.`, 'batch.hashes');
        throw error;
      }
    }
  }

  /** Inserts a record and its codes; `knownKeys` remembers the keys found registered in this batch. */
  private insertRecord(record: RecordRow, knownKeys: Set<string>): void {
    const key = `${record.issuer}\u0000${record.kid}`;
    if (!knownKeys.has(key)) {
      if (!this.statement('key').get(record.issuer, record.kid)) {
        throw notFound(`Record ${record.eventHash} is signed with key ${record.kid} of issuer ${record.issuer}, which is not registered.`, 'batch.records');
      }
      knownKeys.add(key);
    }
    try {
      this.statement('insertRecord').run(
        record.index, record.eventHash, record.issuer, record.kid, JSON.stringify(record.disclosures), record.eventType,
        record.eventTime, record.category ?? null, JSON.stringify(record.codes), JSON.stringify(record.previous), record.receivedAt,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`The store holds a record with event hash ${record.eventHash} already.`, 'batch.records');
      throw error;
    }
    const insertCode = this.statement('insertRecordCode');
    for (const code of record.codes) insertCode.run(code, record.index);
  }

  private applyKeyChange(change: KeyChange): void {
    if (change.action === 'register') return this.registerKey(change.key);
    const key = this.statement('key').get(change.issuer, change.kid) as KeySql | undefined;
    if (!key) throw notFound(`Issuer ${change.issuer} has no key ${change.kid} to ${change.action}.`, 'batch.keyChanges');
    if (key.revoked_at !== null) throw conflict(`Key ${change.kid} of issuer ${change.issuer} is revoked already.`, 'batch.keyChanges');
    if (change.action === 'rotate') {
      if (key.rotated_at !== null) throw conflict(`Key ${change.kid} of issuer ${change.issuer} is rotated already.`, 'batch.keyChanges');
      this.statement('rotateKey').run(change.at, change.time, change.issuer, change.kid);
    } else {
      this.statement('revokeKey').run(change.at, change.time, change.reason ?? null, change.issuer, change.kid);
    }
  }

  private registerKey(key: IssuerKeyRow): void {
    if (!this.statement('issuerExists').get(key.issuer)) throw notFound(`Cannot register a key for issuer ${key.issuer}, which does not exist.`, 'batch.keyChanges');
    try {
      this.statement('insertKey').run(key.issuer, key.kid, key.alg, JSON.stringify(key.jwk), key.registeredAt, key.registeredTime);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Issuer ${key.issuer} has key ${key.kid} registered already.`, 'batch.keyChanges');
      throw error;
    }
  }

  private currentSize(): number {
    return (this.statement('logSize').pluck().get() as number | undefined) ?? 0;
  }

  // Records -------------------------------------------------------------------------------------

  async recordsByEventHash(eventHashes: readonly string[]): Promise<RecordRow[]> {
    return this.run(() => {
      const unique = uniqueStrings(eventHashes, 'eventHashes');
      const select = this.statement('recordsByEventHash');
      const rows: RecordRow[] = [];
      for (let start = 0; start < unique.length; start += EVENT_HASH_CHUNK) {
        const chunk = unique.slice(start, start + EVENT_HASH_CHUNK);
        // Repeat the last hash to fill every parameter of the one prepared statement.
        const params = Array.from({ length: EVENT_HASH_CHUNK }, (_, i) => chunk[Math.min(i, chunk.length - 1)]);
        rows.push(...(select.all(...params) as RecordSql[]).map(toRecord));
      }
      return rows.sort((a, b) => a.index - b.index);
    });
  }

  async recordsByCode(code: string, limit: number): Promise<RecordRow[]> {
    return this.run(() => {
      assertString(code, 'code');
      assertLimit(limit);
      if (limit === 0) return [];
      return (this.statement('recordsByCode').all(code, limit) as RecordSql[]).map(toRecord);
    });
  }

  // Issuers -------------------------------------------------------------------------------------

  async createIssuer(issuer: IssuerRow): Promise<void> {
    return this.run(() => {
      assertIssuer(issuer);
      try {
        this.writeIssuer('insertIssuer', issuer);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`Issuer ${issuer.id} exists already.`, 'issuer.id');
        throw error;
      }
    });
  }

  async updateIssuer(id: string, patch: IssuerPatch): Promise<IssuerRow> {
    return this.run(() => {
      assertString(id, 'id');
      assertIssuerPatch(patch);
      const update = this.connection().transaction(() => {
        const row = this.statement('issuer').get(id) as IssuerSql | undefined;
        if (!row) throw notFound(`There is no issuer ${id}.`, 'id');
        const updated = patchIssuer(toIssuer(row), patch);
        this.writeIssuer('updateIssuer', updated);
        return updated;
      });
      return update.immediate();
    });
  }

  private writeIssuer(statement: 'insertIssuer' | 'updateIssuer', issuer: IssuerRow): void {
    const fields = [issuer.name, JSON.stringify(issuer.roles), JSON.stringify(issuer.categories)];
    if (statement === 'insertIssuer') this.statement(statement).run(issuer.id, ...fields, issuer.createdAt, issuer.suspendedAt ?? null);
    else this.statement(statement).run(...fields, issuer.suspendedAt ?? null, issuer.id);
  }

  async issuer(id: string): Promise<IssuerRow | undefined> {
    return this.run(() => {
      const row = this.statement('issuer').get(id) as IssuerSql | undefined;
      return row && toIssuer(row);
    });
  }

  async issuers(): Promise<IssuerRow[]> {
    return this.run(() => (this.statement('issuers').all() as IssuerSql[]).map(toIssuer));
  }

  async issuerKeys(issuer: string): Promise<IssuerKeyRow[]> {
    return this.run(() => (this.statement('issuerKeys').all(issuer) as KeySql[]).map(toKey));
  }

  async allIssuerKeys(): Promise<IssuerKeyRow[]> {
    return this.run(() => (this.statement('allIssuerKeys').all() as KeySql[]).map(toKey));
  }

  // Tokens --------------------------------------------------------------------------------------

  async createToken(token: TokenRow): Promise<void> {
    return this.run(() => {
      assertToken(token);
      if (token.issuer !== undefined && !this.statement('issuerExists').get(token.issuer)) {
        throw notFound(`Cannot create a token for issuer ${token.issuer}, which does not exist.`, 'token.issuer');
      }
      try {
        this.statement('insertToken').run(
          token.id, token.hash, JSON.stringify(token.scopes), token.issuer ?? null, token.label, token.createdAt, token.revokedAt ?? null,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`A token with id ${token.id} or with this hash exists already.`, 'token');
        throw error;
      }
    });
  }

  async tokenByHash(hash: string): Promise<TokenRow | undefined> {
    return this.run(() => {
      const row = this.statement('tokenByHash').get(hash) as TokenSql | undefined;
      return row && toToken(row);
    });
  }

  async tokens(issuer?: string): Promise<TokenRow[]> {
    return this.run(() => {
      const rows = issuer === undefined ? this.statement('tokens').all() : this.statement('tokensOfIssuer').all(issuer);
      return (rows as TokenSql[]).map(toToken);
    });
  }

  async revokeToken(id: string, at: string): Promise<void> {
    return this.run(() => {
      assertString(id, 'id');
      assertStoreTime(at, 'at');
      const revoke = this.connection().transaction(() => {
        if (!this.statement('tokenById').get(id)) throw notFound(`There is no token ${id}.`, 'id');
        this.statement('revokeToken').run(at, id);
      });
      revoke.immediate();
    });
  }

  // Processes -----------------------------------------------------------------------------------

  async acquireSequencerLock(): Promise<boolean> {
    return this.run(() => this.lock.acquire());
  }

  async close(): Promise<void> {
    const db = this.db;
    if (!db) return;
    this.db = undefined;
    this.statements.clear();
    try {
      this.lock.release();
    } finally {
      db.close();
    }
  }

  // Plumbing ------------------------------------------------------------------------------------

  /** The open connection; `UNAVAILABLE` after `close`. */
  private connection(): Database.Database {
    if (!this.db) throw closedError(this.backend);
    return this.db;
  }

  /** The prepared statement `name` (prepared once, then reused). */
  private statement(name: StatementName): Database.Statement {
    let statement = this.statements.get(name);
    if (!statement) {
      statement = this.connection().prepare(SQL[name]);
      this.statements.set(name, statement);
    }
    return statement;
  }

  /** Runs `work` on the open connection, turning SQLite's errors into `SuyuanError`s. */
  private run<T>(work: () => T): T {
    this.connection();
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.file);
    }
  }
}

/** Sets the connection's pragmas and checks that WAL is in effect. */
function configure(db: Database.Database, file: string): void {
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new SuyuanError('UNAVAILABLE', `The SQLite database ${file} cannot use WAL journal mode (it is in ${String(mode)} mode).`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  db.pragma('trusted_schema = OFF');
}

/** The log index of the key entry of a key change. */
function keyChangeIndex(change: KeyChange): number {
  return change.action === 'register' ? change.key.registeredAt : change.at;
}

// The sequencer lock -----------------------------------------------------------------------------

/** Lock files held by stores of this process, by path (a second store of the process must not take one). */
const heldLocks = new Set<string>();

/**
 * The sequencer lock file of one store: created exclusively (`wx`) with this process's pid, taken
 * over when its pid is dead, removed on release.
 */
class SequencerLock {
  private held = false;

  constructor(readonly file: string) {}

  /** Takes the lock if it is free or stale; `true` when this store holds it. */
  acquire(): boolean {
    if (this.held) return true;
    if (heldLocks.has(this.file)) return false;
    const taken = tryCreate(this.file) || this.takeOverStale();
    if (taken) {
      this.held = true;
      heldLocks.add(this.file);
    }
    return taken;
  }

  /** Removes the lock file when this store holds it. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    heldLocks.delete(this.file);
    if (readLock(this.file) === lockContent()) fs.rmSync(this.file, { force: true });
  }

  /** Takes over a lock file whose holder is gone; `false` when its holder lives. */
  private takeOverStale(): boolean {
    const seen = readLock(this.file);
    if (seen === undefined) return tryCreate(this.file);
    if (!isStale(this.file, seen)) return false;
    // Move the stale file aside (atomic), then make sure it was the one judged stale.
    const aside = `${this.file}.stale-${process.pid}-${randomUUID()}`;
    try {
      fs.renameSync(this.file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return tryCreate(this.file);
      throw error;
    }
    const moved = readLock(aside);
    if (moved !== seen) restore(aside, this.file);
    fs.rmSync(aside, { force: true });
    return moved === seen && tryCreate(this.file);
  }
}

function lockContent(): string {
  return `${process.pid}\n`;
}

/** Creates the lock file exclusively with this process's pid; `false` when it exists. */
function tryCreate(file: string): boolean {
  try {
    fs.writeFileSync(file, lockContent(), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock file's text, or `undefined` when there is none. */
function readLock(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Whether a lock file with this text is stale: its pid is dead, or is this process's own pid while
 * no store of this process holds it (left by an earlier process with the same pid). A file without
 * a pid is stale once it is old enough not to be one being written.
 */
function isStale(file: string, text: string): boolean {
  const pid = /^\s*(\d+)\s*$/.exec(text)?.[1];
  if (pid === undefined || Number(pid) <= 0) return isOld(file);
  if (Number(pid) === process.pid) return true;
  return !isAlive(Number(pid));
}

function isOld(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > FRESH_LOCK_MS;
  } catch {
    return true;
  }
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Puts a live lock file moved aside by mistake back, unless another was created meanwhile. */
function restore(aside: string, file: string): void {
  try {
    fs.copyFileSync(aside, file, fs.constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
