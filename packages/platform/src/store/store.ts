/**
 * The platform's storage: one interface, two backends (SQLite for one machine, PostgreSQL for
 * several), held to the same behaviour by one conformance suite (`conformance.ts`).
 *
 * The store keeps the log (entries, the Merkle tree's stored hashes, every signed checkpoint), the
 * records (their exact JWS, access-controlled disclosures and lookup columns), issuers and their
 * keys, and API tokens (hashed). It decides nothing: the sequencer computes hashes and signs
 * checkpoints, the ingest checks records. What the store guarantees:
 *
 * - **All or nothing.** `append` writes a batch — entries, hashes, records, key changes and the new
 *   checkpoint — in one durable transaction. After a crash the store holds every batch whose
 *   `append` resolved and no part of any other.
 * - **One history.** `append` succeeds only when the log has exactly `batch.fromSize` entries
 *   (`LOG_CONFLICT` otherwise), so two sequencers can never both extend the same tree.
 * - **Durable before acknowledged.** `append` resolves only after the commit is on disk.
 *
 * Times are ISO 8601 UTC strings with milliseconds (`2026-11-28T15:27:54.000Z`). Byte strings
 * (hashes) are `Uint8Array`. Everything the store returns is a fresh object the caller may keep.
 */
import type { PublicJwk, SigningAlgorithm } from '@suyuan/core';

/** What a log entry is: a signed record (its JWS), a key entry (canonical JSON) or an operator recall notice (a signed note). */
export type EntryKind = 'record' | 'key' | 'recall';

/** One entry of the log: its index and its exact bytes (all entry kinds are UTF-8 text). */
export interface LogEntry {
  readonly index: number;
  readonly kind: EntryKind;
  readonly text: string;
}

/** A checkpoint the platform signed: the tree size, its root hash and the signed note. */
export interface StoredCheckpoint {
  readonly size: number;
  /** 32 bytes. */
  readonly rootHash: Uint8Array;
  /** The C2SP signed note text (tlog-checkpoint body and signature lines). */
  readonly note: string;
  readonly createdAt: string;
}

/** One of the Merkle tree's stored hashes, by its stored-hash index (see `log/tree.ts`). */
export interface StoredHash {
  readonly index: number;
  readonly hash: Uint8Array;
}

/** An enterprise or other party that signs records, registered by the operator. */
export interface IssuerRow {
  /** `uscc:<unified social credit code>` or `gln:<GLN>`. */
  readonly id: string;
  readonly name: string;
  /** What it does in supply chains: `producer`, `processor`, `distributor`, `retailer`, `importer`, `logistics`, `regulator` … */
  readonly roles: readonly string[];
  /** The product categories it may submit records for (core's profile names). */
  readonly categories: readonly string[];
  readonly createdAt: string;
  /** When the operator suspended it (it can no longer submit); absent while active. */
  readonly suspendedAt?: string;
}

/** An issuer's public key, with where its registration, rotation and revocation entries sit in the log. */
export interface IssuerKeyRow {
  readonly issuer: string;
  /** RFC 7638 thumbprint. */
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly jwk: PublicJwk;
  /** Log index of the `register` key entry. */
  readonly registeredAt: number;
  readonly registeredTime: string;
  /** Log index of the `rotate` entry: the key signs no more records from here, earlier ones stay valid. */
  readonly rotatedAt?: number;
  readonly rotatedTime?: string;
  /** Log index of the `revoke` entry: records logged from here on are refused. */
  readonly revokedAt?: number;
  readonly revokedTime?: string;
  readonly revocationReason?: string;
}

/** A change to an issuer's keys, written with the key entry that logs it. */
export type KeyChange =
  | { readonly action: 'register'; readonly key: IssuerKeyRow }
  | { readonly action: 'rotate'; readonly issuer: string; readonly kid: string; readonly at: number; readonly time: string }
  | { readonly action: 'revoke'; readonly issuer: string; readonly kid: string; readonly at: number; readonly time: string; readonly reason?: string };

/** An accepted record, as stored beside its log entry. */
export interface RecordRow {
  /** The record's identity, the `ehash` of its JWS header (`ni:///sha-256;…?ver=CBV2.0`). */
  readonly eventHash: string;
  /** Its log index. */
  readonly index: number;
  readonly issuer: string;
  readonly kid: string;
  /** The exact JWS, as logged. */
  readonly jws: string;
  /** The disclosures of its secret fields: access-controlled, never published. */
  readonly disclosures: readonly string[];
  readonly eventType: string;
  readonly eventTime: string;
  /** The product category (profile) of the record, when it names one. */
  readonly category?: string;
  /** The identifiers the record names (canonical forms), for lookups by code. */
  readonly codes: readonly string[];
  /** Event hashes of earlier records of the same trace unit this one names. */
  readonly previous: readonly string[];
  readonly receivedAt: string;
}

/** What an API token may do (see `auth/tokens.ts`). */
export const TOKEN_SCOPES = ['operator', 'records:write', 'disclosures:read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** An API token, stored by the SHA-256 of its secret (never the secret itself). */
export interface TokenRow {
  /** A public id (to list and revoke by). */
  readonly id: string;
  /** Lower-case hex SHA-256 of the token secret. */
  readonly hash: string;
  readonly scopes: readonly TokenScope[];
  /** The issuer an enterprise token submits for; absent for operator and auditor tokens. */
  readonly issuer?: string;
  readonly label: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

/** One durable step of the log (see `Store.append`). */
export interface AppendBatch {
  /** The log size this batch extends; the store refuses the batch unless the log has exactly this many entries. */
  readonly fromSize: number;
  /** The new entries, indexes `fromSize`, `fromSize + 1`, … without gaps. */
  readonly entries: readonly LogEntry[];
  /** The tree's new stored hashes. */
  readonly hashes: readonly StoredHash[];
  /** The records among the entries. */
  readonly records: readonly RecordRow[];
  /** The key changes among the entries. */
  readonly keyChanges: readonly KeyChange[];
  /** The checkpoint of the tree with the new entries (`size` = `fromSize + entries.length`). */
  readonly checkpoint: StoredCheckpoint;
}

export interface Store {
  /** Which backend this is. */
  readonly backend: 'sqlite' | 'postgres';

  // The log -------------------------------------------------------------------------------------
  /** The number of entries in the log (the size of the latest checkpoint; 0 when empty). */
  logSize(): Promise<number>;
  /** The latest checkpoint, or `undefined` before the first append. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** The checkpoint signed at exactly this size, if there was one. */
  checkpointAt(size: number): Promise<StoredCheckpoint | undefined>;
  /** Stored hashes by index, in the order asked; throws `NOT_FOUND` when one is missing. */
  readHashes(indexes: readonly number[]): Promise<Uint8Array[]>;
  /** The entries with indexes in `[start, end)`, in order (fewer when the log is shorter). */
  readEntries(start: number, end: number): Promise<LogEntry[]>;
  /** Writes a batch durably, all or nothing; `LOG_CONFLICT` when the log is not `fromSize` entries long. */
  append(batch: AppendBatch): Promise<void>;

  // Records -------------------------------------------------------------------------------------
  /** The stored records among these event hashes (any order; unknown ones are left out). */
  recordsByEventHash(eventHashes: readonly string[]): Promise<RecordRow[]>;
  /** The records naming this code (canonical form), in log order, at most `limit`. */
  recordsByCode(code: string, limit: number): Promise<RecordRow[]>;

  // Issuers -------------------------------------------------------------------------------------
  /** Registers an issuer; `CONFLICT` when the id exists. */
  createIssuer(issuer: IssuerRow): Promise<void>;
  /** Changes an issuer's name, roles, categories or suspension; `NOT_FOUND` when unknown. Returns the new row. */
  updateIssuer(id: string, patch: Partial<Pick<IssuerRow, 'name' | 'roles' | 'categories'>> & { suspendedAt?: string | null }): Promise<IssuerRow>;
  issuer(id: string): Promise<IssuerRow | undefined>;
  /** All issuers, by id. */
  issuers(): Promise<IssuerRow[]>;
  /** An issuer's keys, by registration order. */
  issuerKeys(issuer: string): Promise<IssuerKeyRow[]>;
  /** Every issuer key (for loading the key state at start), by registration order. */
  allIssuerKeys(): Promise<IssuerKeyRow[]>;

  // Tokens --------------------------------------------------------------------------------------
  /** Stores a token; `CONFLICT` when its id or hash exists. */
  createToken(token: TokenRow): Promise<void>;
  /** The token with this hash, revoked or not. */
  tokenByHash(hash: string): Promise<TokenRow | undefined>;
  /** Tokens, optionally only one issuer's, by creation time. */
  tokens(issuer?: string): Promise<TokenRow[]>;
  /** Marks a token revoked; `NOT_FOUND` when unknown. Revoking twice keeps the first time. */
  revokeToken(id: string, at: string): Promise<void>;

  // Processes -----------------------------------------------------------------------------------
  /**
   * Tries to become the one process that appends to this log (several may serve reads). Resolves
   * `true` when this store now holds the sequencer lock until `close`, `false` when another holds it.
   */
  acquireSequencerLock(): Promise<boolean>;
  /** Releases everything; the store is unusable afterwards. */
  close(): Promise<void>;
}
