/**
 * The PostgreSQL store's tables and how they come to be: numbered migrations, applied in one
 * transaction under an advisory lock (so several processes opening the same database at once apply
 * each migration exactly once), recorded in a `schema_version` table. A store refuses a database
 * whose schema is newer than the migrations it knows.
 *
 * Tables (all in the store's PostgreSQL schema):
 *
 * - `log_head`: one row, the log size; `append` locks it (`FOR UPDATE`) to serialise writers.
 * - `entries`, `hashes`, `checkpoints`: the log, the Merkle tree's stored hashes and every checkpoint.
 * - `records` (its JWS is its entry's text, not stored twice; its key must exist: foreign key to
 *   `issuer_keys`), with `record_codes` (each distinct
 *   code of a record: the first 16 bytes of its SHA-256, its text and the record's log index; primary
 *   key `(code_key, idx)`, so a lookup by code walks the index in log order and stops at the limit,
 *   and codes of any length can be indexed).
 * - `issuers`; `issuer_keys` (foreign key to `issuers`); `tokens` (foreign key to `issuers`).
 *
 * Log indexes are `BIGINT`, hashes `BYTEA`, times the exact ISO 8601 text the caller gave, lists
 * `TEXT[]`. PostgreSQL text cannot hold U+0000, so every string is stored through `encodeText`.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { SuyuanError } from '@suyuan/core';

/** The character that escapes U+0000 (and itself) in stored text. */
const ESCAPE = '\u0001';
const ESCAPED = /[\u0000\u0001]/g;
const UNESCAPED = /\u0001([01])/g;

/**
 * A string as PostgreSQL text: U+0000 becomes U+0001 `0`, U+0001 becomes U+0001 `1`, everything
 * else stays. The mapping is one-to-one and keeps code-point order (`COLLATE "C"`), so equality,
 * uniqueness and sorting in SQL behave as on the original strings.
 */
export function encodeText(text: string): string {
  return text.replace(ESCAPED, (char) => (char === '\u0000' ? `${ESCAPE}0` : `${ESCAPE}1`));
}

/** The string `encodeText` stored as `stored`. */
export function decodeText(stored: string): string {
  return stored.includes(ESCAPE) ? stored.replace(UNESCAPED, (_, digit: string) => (digit === '0' ? '\u0000' : ESCAPE)) : stored;
}

/** One step of the schema: its number and the statements that take the previous version to it. */
interface Migration {
  readonly version: number;
  readonly statements: (schema: string) => readonly string[];
}

/** Quotes an identifier for SQL (`"name"`), doubling embedded quotes. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A PostgreSQL schema name the store accepts: lower-case letters, digits and `_`, not starting with a digit, at most 63 bytes. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A 64-bit advisory lock key (as a decimal string for a `bigint` parameter) for a purpose within a schema. */
export function advisoryLockKey(purpose: string, schema: string): string {
  const digest = createHash('sha256').update(`suyuan-platform:${purpose}:${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: (schema) => {
      const t = (table: string): string => `${quoteIdent(schema)}.${quoteIdent(table)}`;
      return [
        `CREATE TABLE ${t('log_head')} (
           id smallint PRIMARY KEY CHECK (id = 1),
           size bigint NOT NULL CHECK (size >= 0)
         )`,
        `INSERT INTO ${t('log_head')} (id, size) VALUES (1, 0)`,
        `CREATE TABLE ${t('entries')} (
           idx bigint PRIMARY KEY CHECK (idx >= 0),
           kind text NOT NULL CHECK (kind IN ('record', 'key', 'recall')),
           text text NOT NULL
         )`,
        `CREATE TABLE ${t('hashes')} (
           idx bigint PRIMARY KEY CHECK (idx >= 0),
           hash bytea NOT NULL
         )`,
        `CREATE TABLE ${t('checkpoints')} (
           size bigint PRIMARY KEY CHECK (size >= 0),
           root_hash bytea NOT NULL,
           note text NOT NULL,
           created_at text NOT NULL
         )`,
        `CREATE TABLE ${t('issuers')} (
           id text PRIMARY KEY,
           name text NOT NULL,
           roles text[] NOT NULL,
           categories text[] NOT NULL,
           created_at text NOT NULL,
           suspended_at text
         )`,
        `CREATE TABLE ${t('issuer_keys')} (
           issuer text NOT NULL REFERENCES ${t('issuers')} (id),
           kid text NOT NULL,
           alg text NOT NULL,
           jwk text NOT NULL,
           registered_at bigint NOT NULL,
           registered_time text NOT NULL,
           rotated_at bigint,
           rotated_time text,
           revoked_at bigint,
           revoked_time text,
           revocation_reason text,
           PRIMARY KEY (issuer, kid)
         )`,
        `CREATE INDEX ON ${t('issuer_keys')} (registered_at)`,
        `CREATE TABLE ${t('records')} (
           event_hash text PRIMARY KEY,
           idx bigint NOT NULL UNIQUE,
           issuer text NOT NULL,
           kid text NOT NULL,
           disclosures text[] NOT NULL,
           event_type text NOT NULL,
           event_time text NOT NULL,
           category text,
           codes text[] NOT NULL,
           previous text[] NOT NULL,
           received_at text NOT NULL,
           FOREIGN KEY (issuer, kid) REFERENCES ${t('issuer_keys')} (issuer, kid)
         )`,
        `CREATE TABLE ${t('record_codes')} (
           code_key bytea NOT NULL,
           code text NOT NULL,
           idx bigint NOT NULL,
           PRIMARY KEY (code_key, idx)
         )`,
        `CREATE TABLE ${t('tokens')} (
           id text PRIMARY KEY,
           hash text NOT NULL UNIQUE,
           scopes text[] NOT NULL,
           issuer text REFERENCES ${t('issuers')} (id),
           label text NOT NULL,
           created_at text NOT NULL,
           revoked_at text
         )`,
        `CREATE INDEX ON ${t('tokens')} (issuer, created_at COLLATE "C", id COLLATE "C")`,
        `CREATE INDEX ON ${t('tokens')} (created_at COLLATE "C", id COLLATE "C")`,
      ];
    },
  },
];

/** The schema version this code writes and reads. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);

/** Creates the schema when it does not exist (checking first: `CREATE SCHEMA` needs a privilege an existing schema does not). */
async function ensureSchema(client: pg.ClientBase, schema: string): Promise<void> {
  const existing = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (existing.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
}

/** The version recorded in the schema (0 for a new one), creating the version table when missing. */
async function currentVersion(client: pg.ClientBase, schema: string): Promise<number> {
  const table = `${quoteIdent(schema)}.schema_version`;
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const result = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${table}`);
  return result.rows[0]?.version ?? 0;
}

/**
 * Brings `schema` to `LATEST_SCHEMA_VERSION` in one transaction, under a transaction-scoped
 * advisory lock; throws `UNAVAILABLE` when the schema is newer than this code.
 */
export async function migrate(client: pg.ClientBase, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryLockKey('migrate', schema)]);
    await ensureSchema(client, schema);
    const version = await currentVersion(client, schema);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new SuyuanError(
        'UNAVAILABLE',
        `The PostgreSQL schema ${quoteIdent(schema)} is at version ${version}, newer than this platform's ${LATEST_SCHEMA_VERSION}: upgrade the platform.`,
        { expected: `schema version ≤ ${LATEST_SCHEMA_VERSION}`, received: String(version) },
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= version) continue;
      for (const statement of migration.statements(schema)) await client.query(statement);
      await client.query(`INSERT INTO ${quoteIdent(schema)}.schema_version (version) VALUES ($1)`, [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
