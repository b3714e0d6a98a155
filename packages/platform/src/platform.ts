/**
 * A trace platform: its store, log key, sequencer, services and HTTP application, put together.
 *
 * ```ts
 * const platform = await createPlatform({ dataDir: './data' });           // SQLite in ./data
 * const server = await startServer(platform, { port: 8080 });              // http://127.0.0.1:8080
 * platform.verifierKey;   // 'suyuan.local/log+1a2b3c4d+AbC…' — what clients pin
 * platform.operatorToken; // on first start only: the operator's API token
 * ```
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNoteKeyName, SuyuanError, type NoteSigner } from '@suyuan/core';
import type { Hono } from 'hono';
import { issueToken } from './auth/tokens.js';
import { createApp, DEFAULT_HTTP_LIMITS, type HttpLimits } from './http/app.js';
import { IngestService } from './ingest/ingest.js';
import { DEFAULT_VERIFY_WORKERS, VerifierPool } from './ingest/verifier-pool.js';
import { IssuerService } from './issuers/issuers.js';
import { KeyRegistry } from './issuers/key-registry.js';
import { loadOrCreateLogKey } from './log/platform-key.js';
import { Sequencer, type SequencerOptions } from './log/sequencer.js';
import { openPostgresStore } from './store/postgres.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';
import { TraceService } from './trace/trace-answer.js';

/** The log origin when none is configured (a C2SP origin names the log, schema-less). */
export const DEFAULT_ORIGIN = 'suyuan.local/log';
/** Where a data directory keeps the operator's token from the first start. */
export const OPERATOR_TOKEN_FILE = 'operator-token';

export interface PlatformOptions {
  /** The data directory: the log key, the operator token file and (without `postgres`) the SQLite database. */
  readonly dataDir: string;
  /** The log's origin (first line of every checkpoint), fixed for the life of the log. */
  readonly origin?: string;
  /** A PostgreSQL connection string: the store is PostgreSQL instead of SQLite. */
  readonly postgres?: string;
  /** The PostgreSQL schema the log lives in (several logs can share a database). Default `public`. */
  readonly postgresSchema?: string;
  /** A store to use as it is (tests, embedding). */
  readonly store?: Store;
  readonly limits?: Partial<HttpLimits>;
  readonly sequencer?: Omit<SequencerOptions, 'readOnly'>;
  /** Worker threads that check submitted records (signatures, schema, profiles); 0 checks on the main thread. Default: one per core. */
  readonly verifyWorkers?: number;
  /** How often a process checks the sequencer lock and (read-only) follows the log, in milliseconds. */
  readonly followIntervalMs?: number;
}

export interface Platform {
  readonly app: Hono;
  readonly store: Store;
  readonly sequencer: Sequencer;
  readonly signer: NoteSigner;
  /** The log origin. */
  readonly origin: string;
  /** The C2SP verifier key of the log (`<origin>+<key id>+<base64 key>`): what clients trust. */
  readonly verifierKey: string;
  /**
   * Whether this process appends to the log. A process that is not (it serves reads; another process
   * sequences) follows the log and takes over as soon as the sequencer lock is free.
   */
  readonly sequencing: boolean;
  /** The operator's API token, on the first start of a data directory only. */
  readonly operatorToken?: string;
  /** Whether the log key was created by this start. */
  readonly createdLogKey: boolean;
  close(): Promise<void>;
}

/** Opens (or creates) a platform in a data directory. */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const origin = options.origin ?? DEFAULT_ORIGIN;
  if (!isNoteKeyName(origin)) throw new SuyuanError('REQUEST_INVALID', `The log origin ${JSON.stringify(origin)} is not a key name: no spaces, no "+".`, { path: 'origin' });
  const { signer, created } = await loadOrCreateLogKey(options.dataDir, origin);
  const store =
    options.store ??
    (options.postgres
      ? await openPostgresStore({ connectionString: options.postgres, ...(options.postgresSchema ? { schema: options.postgresSchema } : {}) })
      : await openSqliteStore({ dataDir: options.dataDir }));
  let verifiers: VerifierPool | undefined;
  try {
    const sequencing = await store.acquireSequencerLock();
    const keys = new KeyRegistry(await store.allIssuerKeys());
    const sequencer = await Sequencer.open(store, signer, keys, { ...options.sequencer, readOnly: !sequencing });
    const issuers = new IssuerService(store, sequencer, keys);
    const pool = (verifiers = new VerifierPool(options.verifyWorkers ?? DEFAULT_VERIFY_WORKERS));
    const ingest = new IngestService(store, sequencer, keys, pool);
    const trace = new TraceService(store, sequencer, keys);
    const app = createApp({ store, sequencer, keys, signer, issuers, ingest, trace, limits: { ...DEFAULT_HTTP_LIMITS, ...options.limits } });
    const operatorToken = sequencing ? await firstOperatorToken(store, options.dataDir) : undefined;
    // Every process watches the sequencer lock: a writer that lost it serves reads; a reader that gets it writes.
    let closed = false;
    let following = false;
    const follow = setInterval(() => {
      if (following) return;
      following = true;
      void followOrTakeOver(store, sequencer)
        .catch((error: unknown) => {
          if (!closed) console.error('suyuan platform: following the log failed:', error);
        })
        .finally(() => (following = false));
    }, options.followIntervalMs ?? 1000);
    follow.unref();
    return {
      app,
      store,
      sequencer,
      signer,
      origin,
      verifierKey: signer.verifierKey,
      get sequencing() {
        return !sequencer.isReadOnly;
      },
      ...(operatorToken ? { operatorToken } : {}),
      createdLogKey: created,
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(follow);
        await sequencer.close();
        await pool.close();
        if (!options.store) await store.close();
      },
    };
  } catch (error) {
    await verifiers?.close();
    if (!options.store) await store.close().catch(() => undefined);
    throw error;
  }
}

/**
 * One step of watching the log: a writer that no longer holds the sequencer lock becomes read-only;
 * a read-only process takes over when it gets the lock, and follows the log otherwise.
 */
async function followOrTakeOver(store: Store, sequencer: Sequencer): Promise<void> {
  const holds = await store.acquireSequencerLock();
  if (!sequencer.isReadOnly) {
    if (!holds) sequencer.demote();
    return;
  }
  if (holds) await sequencer.takeOver();
  else await sequencer.refresh();
}

/**
 * The operator token of a fresh platform: when no operator token exists yet, one is issued, written
 * to `<dataDir>/operator-token` (mode 0600) and returned, so the operator can start working.
 */
async function firstOperatorToken(store: Store, dataDir: string): Promise<string | undefined> {
  const tokens = await store.tokens();
  if (tokens.some((token) => token.scopes.includes('operator'))) return undefined;
  const file = join(dataDir, OPERATOR_TOKEN_FILE);
  const { secret } = await issueToken(store, { scopes: ['operator'], label: 'operator (created at first start)' });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The operator token a data directory keeps from its first start, if the file is still there. */
export function readOperatorToken(dataDir: string): string | undefined {
  const file = join(dataDir, OPERATOR_TOKEN_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
