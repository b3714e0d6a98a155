/**
 * The SQLite store's schema: numbered migrations, applied in one transaction when a database is
 * opened, and the SQL of the store's statements (kept here so tests can check their query plans).
 *
 * Tables (all STRICT):
 * - `schema_migrations` — one row per applied migration.
 * - `entries` — the log: `idx` (rowid), `kind`, `text`. A record's JWS is its entry's text.
 * - `hashes` — the Merkle tree's stored hashes: `idx` (rowid), 32-byte `hash` BLOB.
 * - `checkpoints` — every signed checkpoint: `size` (rowid), `root_hash`, `note`, `created_at`.
 * - `issuers` — `id`, `name`, JSON arrays `roles` and `categories`, `created_at`, `suspended_at`.
 * - `issuer_keys` — primary key (`issuer`, `kid`), unique `registered_at` (registration order).
 * - `records` — `idx` (rowid, the log index), unique `event_hash`, the row's fields, JSON arrays
 *   `disclosures`, `codes` and `previous` (exactly as given, order and repeats kept).
 * - `record_codes` — (`code`, `idx`) without rowid: the lookup `recordsByCode` reads in log order.
 * - `tokens` — `id`, unique `hash`, JSON `scopes`, `issuer`, `label`, `created_at`, `revoked_at`.
 */
import type Database from 'better-sqlite3';
import { SuyuanError } from '@suyuan/core';

/** One step of the schema. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** Every migration, in order; a database is at the version of the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'log, records, issuers, keys and tokens',
    sql: `
CREATE TABLE entries (
  idx INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'key', 'recall')),
  text TEXT NOT NULL
) STRICT;

CREATE TABLE hashes (
  idx INTEGER PRIMARY KEY,
  hash BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE TABLE checkpoints (
  size INTEGER PRIMARY KEY,
  root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE issuers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  categories TEXT NOT NULL,
  created_at TEXT NOT NULL,
  suspended_at TEXT
) STRICT;

CREATE TABLE issuer_keys (
  issuer TEXT NOT NULL REFERENCES issuers (id),
  kid TEXT NOT NULL,
  alg TEXT NOT NULL,
  jwk TEXT NOT NULL,
  registered_at INTEGER NOT NULL UNIQUE REFERENCES entries (idx),
  registered_time TEXT NOT NULL,
  rotated_at INTEGER REFERENCES entries (idx),
  rotated_time TEXT,
  revoked_at INTEGER REFERENCES entries (idx),
  revoked_time TEXT,
  revocation_reason TEXT,
  PRIMARY KEY (issuer, kid)
) STRICT;

CREATE INDEX issuer_keys_by_issuer ON issuer_keys (issuer, registered_at);

CREATE TABLE records (
  idx INTEGER PRIMARY KEY REFERENCES entries (idx),
  event_hash TEXT NOT NULL UNIQUE,
  issuer TEXT NOT NULL,
  kid TEXT NOT NULL,
  disclosures TEXT NOT NULL,
  event_type TEXT NOT NULL,
  event_time TEXT NOT NULL,
  category TEXT,
  codes TEXT NOT NULL,
  previous TEXT NOT NULL,
  received_at TEXT NOT NULL,
  FOREIGN KEY (issuer, kid) REFERENCES issuer_keys (issuer, kid)
) STRICT;

CREATE TABLE record_codes (
  code TEXT NOT NULL,
  idx INTEGER NOT NULL REFERENCES records (idx),
  PRIMARY KEY (code, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  issuer TEXT REFERENCES issuers (id),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

CREATE INDEX tokens_by_time ON tokens (created_at, id);
CREATE INDEX tokens_by_issuer ON tokens (issuer, created_at, id);
`,
  },
];

/** The schema version this code creates and understands. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

/** The schema version of an open database (0 before the first migration). */
export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Brings the database to `SCHEMA_VERSION` in one immediate transaction (all migrations or none);
 * does nothing when it is there already. Throws `UNAVAILABLE` for a database of a newer version.
 */
export function migrate(db: Database.Database, file: string): void {
  const apply = db.transaction(() => {
    db.exec(BOOTSTRAP);
    const current = schemaVersion(db);
    if (current > SCHEMA_VERSION) {
      throw new SuyuanError(
        'UNAVAILABLE',
        `The database ${file} has schema version ${current}, newer than version ${SCHEMA_VERSION} that this platform understands: run the platform version that wrote it, or a newer one.`,
        { expected: `schema version ${SCHEMA_VERSION} or lower`, received: `schema version ${current}` },
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
  });
  apply.immediate();
}

const RECORD_COLUMNS = `r.idx, r.event_hash, r.issuer, r.kid, e.text AS jws, r.disclosures, r.event_type, r.event_time,
  r.category, r.codes, r.previous, r.received_at`;

const KEY_COLUMNS = `issuer, kid, alg, jwk, registered_at, registered_time, rotated_at, rotated_time, revoked_at,
  revoked_time, revocation_reason`;

/** How many event hashes one `recordsByEventHash` statement looks up. */
export const EVENT_HASH_CHUNK = 256;

/** The SQL of every statement the store prepares. */
export const SQL = {
  logSize: 'SELECT size FROM checkpoints ORDER BY size DESC LIMIT 1',
  latestCheckpoint: 'SELECT size, root_hash, note, created_at FROM checkpoints ORDER BY size DESC LIMIT 1',
  checkpointAt: 'SELECT size, root_hash, note, created_at FROM checkpoints WHERE size = ?',
  hash: 'SELECT hash FROM hashes WHERE idx = ?',
  entries: 'SELECT idx, kind, text FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx',
  insertEntry: 'INSERT INTO entries (idx, kind, text) VALUES (?, ?, ?)',
  insertHash: 'INSERT INTO hashes (idx, hash) VALUES (?, ?)',
  upsertCheckpoint: `INSERT INTO checkpoints (size, root_hash, note, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (size) DO UPDATE SET root_hash = excluded.root_hash, note = excluded.note, created_at = excluded.created_at`,
  insertRecord: `INSERT INTO records (idx, event_hash, issuer, kid, disclosures, event_type, event_time, category, codes, previous, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertRecordCode: 'INSERT OR IGNORE INTO record_codes (code, idx) VALUES (?, ?)',
  recordsByEventHash: `SELECT ${RECORD_COLUMNS} FROM records r JOIN entries e ON e.idx = r.idx
    WHERE r.event_hash IN (${Array.from({ length: EVENT_HASH_CHUNK }, () => '?').join(', ')}) ORDER BY r.idx`,
  recordsByCode: `SELECT ${RECORD_COLUMNS} FROM record_codes c JOIN records r ON r.idx = c.idx JOIN entries e ON e.idx = r.idx
    WHERE c.code = ? ORDER BY c.idx LIMIT ?`,
  insertIssuer: 'INSERT INTO issuers (id, name, roles, categories, created_at, suspended_at) VALUES (?, ?, ?, ?, ?, ?)',
  updateIssuer: 'UPDATE issuers SET name = ?, roles = ?, categories = ?, suspended_at = ? WHERE id = ?',
  issuer: 'SELECT id, name, roles, categories, created_at, suspended_at FROM issuers WHERE id = ?',
  issuers: 'SELECT id, name, roles, categories, created_at, suspended_at FROM issuers ORDER BY id',
  issuerExists: 'SELECT 1 AS found FROM issuers WHERE id = ?',
  key: `SELECT ${KEY_COLUMNS} FROM issuer_keys WHERE issuer = ? AND kid = ?`,
  issuerKeys: `SELECT ${KEY_COLUMNS} FROM issuer_keys WHERE issuer = ? ORDER BY registered_at`,
  allIssuerKeys: `SELECT ${KEY_COLUMNS} FROM issuer_keys ORDER BY registered_at`,
  insertKey: `INSERT INTO issuer_keys (issuer, kid, alg, jwk, registered_at, registered_time) VALUES (?, ?, ?, ?, ?, ?)`,
  rotateKey: 'UPDATE issuer_keys SET rotated_at = ?, rotated_time = ? WHERE issuer = ? AND kid = ?',
  revokeKey: 'UPDATE issuer_keys SET revoked_at = ?, revoked_time = ?, revocation_reason = ? WHERE issuer = ? AND kid = ?',
  insertToken: 'INSERT INTO tokens (id, hash, scopes, issuer, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  tokenByHash: 'SELECT id, hash, scopes, issuer, label, created_at, revoked_at FROM tokens WHERE hash = ?',
  tokenById: 'SELECT id, hash, scopes, issuer, label, created_at, revoked_at FROM tokens WHERE id = ?',
  tokens: 'SELECT id, hash, scopes, issuer, label, created_at, revoked_at FROM tokens ORDER BY created_at, id',
  tokensOfIssuer: 'SELECT id, hash, scopes, issuer, label, created_at, revoked_at FROM tokens WHERE issuer = ? ORDER BY created_at, id',
  revokeToken: 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
} as const;

/** The statements' names. */
export type StatementName = keyof typeof SQL;
