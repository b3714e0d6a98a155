import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SuyuanError } from '@suyuan/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeStoreConformance, type StoreFactory } from './conformance.js';
import { SQL, SCHEMA_VERSION } from './sqlite-schema.js';
import { SQLITE_DATABASE_NAME, openSqliteStore, sequencerLockPath, type SqliteStore } from './sqlite.js';
import type { AppendBatch, LogEntry, RecordRow, Store } from './store.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'suyuan-sqlite-'));
}

describeStoreConformance('sqlite', async (): Promise<StoreFactory> => {
  const dir = tempDir();
  // Both ways of naming the database reach the same file.
  return {
    open: () => openSqliteStore({ dataDir: dir }),
    reopen: () => openSqliteStore({ file: path.join(dir, SQLITE_DATABASE_NAME) }),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

/** A temporary directory per test, removed afterwards with every store opened in it. */
function useTempDir(): { dir: () => string; open: (file?: string) => Promise<SqliteStore> } {
  let current: string | undefined;
  const stores: Store[] = [];
  beforeEach(() => {
    current = tempDir();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    if (current) fs.rmSync(current, { recursive: true, force: true });
  });
  const dir = (): string => {
    if (!current) throw new Error('no temp dir');
    return current;
  };
  return {
    dir,
    open: async (file = path.join(dir(), SQLITE_DATABASE_NAME)) => {
      const store = await openSqliteStore({ file });
      stores.push(store);
      return store;
    },
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<SuyuanError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SuyuanError);
  expect((error as SuyuanError).code).toBe(code);
  return error as SuyuanError;
}

describe('SQLite store: files and pragmas', () => {
  const t = useTempDir();

  it('creates the data directory with mode 0700 and suyuan.db in it', async () => {
    const dataDir = path.join(t.dir(), 'data', 'nested');
    const store = await openSqliteStore({ dataDir });
    try {
      expect(store.file).toBe(path.join(dataDir, 'suyuan.db'));
      expect(fs.existsSync(store.file)).toBe(true);
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    } finally {
      await store.close();
    }
  });

  it('runs in WAL mode with synchronous FULL, foreign keys and a busy timeout', async () => {
    const store = await t.open();
    expect(store.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: true, busyTimeout: 5000 });
    const raw = new Database(store.file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('records the schema version once, however often the database is opened', async () => {
    const file = path.join(t.dir(), 'again.db');
    await (await openSqliteStore({ file })).close();
    await (await openSqliteStore({ file })).close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT version FROM schema_migrations').pluck().all()).toStrictEqual([SCHEMA_VERSION]);
    } finally {
      raw.close();
    }
  });

  it('refuses a database of a newer schema version, leaving it unchanged', async () => {
    const file = path.join(t.dir(), 'newer.db');
    await (await openSqliteStore({ file })).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'from the future', new Date().toISOString());
    raw.close();
    const error = await expectCode(openSqliteStore({ file }), 'UNAVAILABLE');
    expect(error.message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
    expect(error.message).toContain('newer');
    const after = new Database(file, { readonly: true });
    try {
      expect(after.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(SCHEMA_VERSION + 1);
    } finally {
      after.close();
    }
  });

  it('refuses a file that is not a database with UNAVAILABLE', async () => {
    const file = path.join(t.dir(), 'not.db');
    fs.writeFileSync(file, 'this is not an SQLite database, just text that is long enough to be read as a header…'.repeat(10));
    await expectCode(openSqliteStore({ file }), 'UNAVAILABLE');
  });

  it('refuses a database in a missing directory with UNAVAILABLE', async () => {
    await expectCode(openSqliteStore({ file: path.join(t.dir(), 'missing', 'x.db') }), 'UNAVAILABLE');
  });

  it('looks records up through indexes, not scans', async () => {
    const store = await t.open();
    const raw = new Database(store.file, { readonly: true });
    try {
      const plan = (sql: string, ...params: unknown[]): string =>
        (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
      const byCode = plan(SQL.recordsByCode, 'code', 10);
      expect(byCode).toMatch(/SEARCH c USING PRIMARY KEY \(code=\?\)/);
      expect(byCode).not.toMatch(/SCAN/);
      expect(byCode).not.toMatch(/TEMP B-TREE/);
      const byHash = plan(SQL.recordsByEventHash, ...Array.from({ length: 256 }, (_, i) => `h${i}`));
      expect(byHash).toMatch(/SEARCH r USING INDEX sqlite_autoindex_records_1 \(event_hash=\?\)/);
      expect(byHash).not.toMatch(/SCAN r/);
      expect(plan(SQL.tokenByHash, 'h')).toMatch(/SEARCH tokens USING INDEX/);
    } finally {
      raw.close();
    }
  });
});

describe('SQLite store: the sequencer lock file', () => {
  const t = useTempDir();

  it('holds <file>.sequencer.lock with this pid, removed on close', async () => {
    const store = await t.open();
    const lock = sequencerLockPath(store.file);
    expect(fs.existsSync(lock)).toBe(false);
    expect(await store.acquireSequencerLock()).toBe(true);
    expect(fs.readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    await store.close();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a dead process', async () => {
    const store = await t.open();
    const child = spawnSync(process.execPath, ['-e', '']);
    expect(child.status).toBe(0);
    const lock = sequencerLockPath(store.file);
    fs.writeFileSync(lock, `${child.pid}\n`);
    expect(await store.acquireSequencerLock()).toBe(true);
    expect(fs.readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    expect(fs.readdirSync(t.dir()).filter((name) => name.includes('.stale-'))).toEqual([]);
  });

  it('leaves the lock of a live process alone until it dies', async () => {
    const store = await t.open();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      const lock = sequencerLockPath(store.file);
      fs.writeFileSync(lock, `${child.pid}\n`);
      expect(await store.acquireSequencerLock()).toBe(false);
      expect(fs.readFileSync(lock, 'utf8')).toBe(`${child.pid}\n`);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      expect(await store.acquireSequencerLock()).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('treats a fresh unreadable lock file as held and an old one as stale', async () => {
    const store = await t.open();
    const lock = sequencerLockPath(store.file);
    fs.writeFileSync(lock, '');
    expect(await store.acquireSequencerLock()).toBe(false);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    expect(await store.acquireSequencerLock()).toBe(true);
  });

  it('takes over a lock file with this pid that no store of this process holds', async () => {
    const store = await t.open();
    fs.writeFileSync(sequencerLockPath(store.file), `${process.pid}\n`);
    expect(await store.acquireSequencerLock()).toBe(true);
  });

  it('keeps the lock exclusive for a second store reaching the database through a symlink', async () => {
    const store = await t.open();
    const link = path.join(t.dir(), 'link.db');
    fs.symlinkSync(store.file, link);
    const other = await t.open(link);
    expect(await store.acquireSequencerLock()).toBe(true);
    expect(await other.acquireSequencerLock()).toBe(false);
  });
});

// Throughput ---------------------------------------------------------------------------------------

const ISSUER = 'uscc:91350100M000100Y43';

function sha256(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function storedHashCount(size: number): number {
  let ones = 0;
  for (let n = size; n > 0; n = Math.floor(n / 2)) ones += n % 2;
  return 2 * size - ones;
}

/** A batch of `count` realistic records (about 1 KiB of JWS each) at `fromSize`. */
function recordBatch(fromSize: number, count: number, kid: string, time: string): AppendBatch {
  const entries: LogEntry[] = [];
  const records: RecordRow[] = [];
  for (let i = 0; i < count; i++) {
    const index = fromSize + i;
    const eventHash = `ni:///sha-256;${b64url(sha256(`event ${index}`))}?ver=CBV2.0`;
    const jws = `${b64url(Buffer.from(JSON.stringify({ alg: 'EdDSA', kid, ehash: eventHash })))}.${b64url(Buffer.alloc(700, index % 251))}.${b64url(sha256(`s${index}`))}`;
    entries.push({ index, kind: 'record', text: jws });
    records.push({
      eventHash, index, issuer: ISSUER, kid, jws, disclosures: [b64url(sha256(`d${index}`))], eventType: 'ObjectEvent',
      eventTime: '2026-11-28T10:15:00+08:00', category: 'aquatic',
      codes: [`(01)06901234000010(21)S${index}`, `(01)06901234000010(10)LOT${Math.floor(index / 100)}`], previous: index > 1 ? [`ni:///sha-256;${b64url(sha256(`event ${index - 1}`))}?ver=CBV2.0`] : [], receivedAt: time,
    });
  }
  const size = fromSize + count;
  const hashes = [];
  for (let index = storedHashCount(fromSize); index < storedHashCount(size); index++) hashes.push({ index, hash: sha256(`h${index}`) });
  return { fromSize, entries, hashes, records, keyChanges: [], checkpoint: { size, rootHash: sha256(`root ${size}`), note: `log\n${size}\n`, createdAt: time } };
}

describe('SQLite store: big batches', () => {
  const t = useTempDir();

  it('appends batches of 1,000 records and finds them by code', async () => {
    const store = await t.open();
    const time = new Date().toISOString();
    await store.createIssuer({ id: ISSUER, name: 'Fuzhou Seafood', roles: ['producer'], categories: ['aquatic'], createdAt: time });
    const kid = b64url(sha256('kid'));
    await store.append({
      fromSize: 0,
      entries: [{ index: 0, kind: 'key', text: '{"action":"register"}' }],
      hashes: [{ index: 0, hash: sha256('h0') }],
      records: [],
      keyChanges: [{ action: 'register', key: { issuer: ISSUER, kid, alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: b64url(sha256('x')) }, registeredAt: 0, registeredTime: time } }],
      checkpoint: { size: 1, rootHash: sha256('root 1'), note: 'log\n1\n', createdAt: time },
    });
    for (let round = 0; round < 5; round++) await store.append(recordBatch(1 + round * 1000, 1000, kid, time));
    expect(await store.logSize()).toBe(5001);
    expect(await store.recordsByCode('(01)06901234000010(10)LOT42', 1000)).toHaveLength(100);
    expect(await store.recordsByCode('(01)06901234000010(21)S4321', 10)).toHaveLength(1);
  });
});
