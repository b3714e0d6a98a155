/**
 * Signed records: a trace record's public projection as a compact JWS, and its verification.
 *
 * ```ts
 * const key = await generateSigningKey('EdDSA');
 * const signed = await signRecord(record, key, { issuer: 'uscc:91350100M000100Y43', secret: ['suyuan:customs'] });
 * signed.jws;         // 'eyJhbGciOiJFZERTQSIs….eyJhY3Rpb24iOi….3q2-…' — what the log stores
 * signed.disclosures; // ['WyJ…'] — for the platform, stored access-controlled
 * signed.eventHash;   // 'ni:///sha-256;…?ver=CBV2.0' — the record's identity
 *
 * const verified = await verifyRecord(signed.jws, resolver, { disclosures: signed.disclosures });
 * if (verified.ok) verified.record; else verified.reason; // { code, message, check }
 * ```
 *
 * **The format** (a wire format: it changes only with a new `typ`). The payload is the RFC 8785
 * canonical JSON (UTF-8) of the record's *public projection*: the record with its secret fields
 * removed and their salted digests, with decoys, in `suyuan:sd` (see `selective-disclosure.ts`).
 * The protected header is the canonical JSON of exactly six members:
 * - `alg`: `EdDSA` (Ed25519) or `ES256` (P-256, signature `r ‖ s`);
 * - `typ`: `suyuan-record+jws`;
 * - `kid`: the RFC 7638 SHA-256 thumbprint of the issuer's public key;
 * - `iss`: the issuer, `uscc:<unified social credit code>` or `gln:<GLN>`;
 * - `iat`: when it was signed, in seconds since the epoch — informative only: whether the key was
 *   valid is decided by the record's position in the log, never by `iat`;
 * - `ehash`: the record's identity, the CBV 2.0 event hash of the public projection *without*
 *   `suyuan:sd` — so it never depends on salts (re-signing after a crash gives the same id) and no
 *   secret enters an unsalted hash. An `eventID` that is an event hash (`ni:///sha-256;…`) is set to
 *   this identity when signing (the builders' `eventID` hashes the full record, secrets included) and
 *   must equal it when verifying.
 * The whole JWS is at most 64 KiB (`RECORD_TOO_LARGE`): the log's entry length prefix is 16 bits.
 *
 * **Verifying** checks, in order: the JWS is three canonical base64url segments within 64 KiB; the
 * header is canonical JSON with exactly those members and valid values; the key resolver gives a key
 * whose thumbprint is the `kid` and whose type fits `alg`; the signature verifies; the payload is
 * canonical JSON (other bytes for the same value are refused); it is a valid trace record with
 * sorted, distinct digests; `ehash` (and an event-hash `eventID`) is its event hash; and the
 * disclosures, if given, match its digests. It never throws for bad input: it answers
 * `{ ok: false, reason: { code, message, check } }`. Key validity at the record's log position is
 * the resolver's job (`historyKeyResolver`) — `verifyRecord` knows nothing of the log.
 */
import { SuyuanError } from '../errors.js';
import { fromJsonText } from '../records/json-text.js';
import { MAX_RECORD_JSON_LENGTH, parseRecord, type TraceRecord } from '../records/record.js';
import { encodeUtf8 } from './base64url.js';
import { canonicalize } from './canonical-json.js';
import { parseIssuerId } from './issuer.js';
import { compactJwsLength, signCompactJws } from './jws.js';
import type { SigningKey } from './keys.js';
import { parseExactRecord } from './full-record.js';
import { project, type ProjectionOptions } from './selective-disclosure.js';
import { MAX_SIGNED_RECORD_LENGTH, RECORD_JWS_TYPE, isEventHashUri, recordEventHash, verifyRecordWith, type RecordHeader, type VerifyRecord } from './verify-record.js';

export { MAX_SIGNED_RECORD_LENGTH, RECORD_JWS_TYPE, recordEventHash, verifyChain, verifyRecordWith } from './verify-record.js';
export type { ChainRecord, ChainVerification, RecordHeader, RejectedRecord, VerifiedRecord, VerifyRecord, VerifyRecordOptions } from './verify-record.js';

export interface SignRecordOptions {
  /** The issuer: `uscc:<unified social credit code>` or `gln:<GLN>`. */
  issuer: string;
  /** Paths of the fields to keep secret (see `selective-disclosure.ts` for the syntax). */
  secret?: readonly string[];
  /** Signing time, seconds since the epoch or a Date; default now. Informative only. */
  iat?: number | Date;
  /** Salts, decoys and bucket size of the projection (for tests, or another bucket). */
  projection?: ProjectionOptions;
}

/** A signed record: the JWS, the disclosures of its secret fields, its identity and its public projection. */
export interface SignedRecord {
  jws: string;
  disclosures: string[];
  eventHash: string;
  header: RecordHeader;
  /** The public projection: the payload of the JWS. */
  record: TraceRecord;
}

/** A record given as a value or as JSON text, as an object (`parseRecord` says what is wrong otherwise). */
function fromJsonObject(record: unknown): Record<string, unknown> {
  const value = fromJsonText(record, 'A record', MAX_RECORD_JSON_LENGTH, 'RECORD_INVALID');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return parseRecord(value) as Record<string, unknown>;
  return value as Record<string, unknown>;
}

/**
 * Validates `record` (a trace record, as a value or JSON text), keeps the `secret` fields out of it,
 * and signs its public projection with `key` for `issuer`. Throws `RECORD_INVALID` (the record, or its
 * public projection, is not a valid record), `DISCLOSURE_INVALID` (a secret path), `CODE_FORMAT` (the
 * issuer), `RECORD_TOO_LARGE`, `KEY_INVALID` or `ALGORITHM_UNSUPPORTED`.
 *
 * A record that already has `suyuan:sd` is a public projection; it is signed as it is (re-signing),
 * and `secret` must then be empty.
 */
export async function signRecord(record: unknown, key: SigningKey, options: SignRecordOptions): Promise<SignedRecord> {
  const iss = parseIssuerId(options.issuer);
  const iat = options.iat instanceof Date ? Math.floor(options.iat.getTime() / 1000) : (options.iat ?? Math.floor(Date.now() / 1000));
  if (!Number.isSafeInteger(iat) || iat < 0) {
    throw new SuyuanError('INPUT_TYPE', `iat is whole seconds since the epoch; got ${String(options.iat)}.`, { expected: 'non-negative integer' });
  }
  const full = parseExactRecord(fromJsonObject(record));
  const { publicRecord, disclosures } = project(full, options.secret ?? [], options.projection);
  const ehash = recordEventHash(publicRecord);
  if (isEventHashUri(publicRecord.eventID)) publicRecord.eventID = ehash;
  let projected: TraceRecord;
  try {
    projected = parseExactRecord(publicRecord);
  } catch (error) {
    if (!(error instanceof SuyuanError) || !options.secret?.length) throw error;
    throw new SuyuanError('RECORD_INVALID', `Without its secret fields (${options.secret.join(', ')}) the record is not valid: ${error.message} Keep fewer fields secret, or a required field's parent object as a whole.`, error.details, { cause: error });
  }
  const header: RecordHeader = { alg: key.alg, typ: RECORD_JWS_TYPE, kid: key.kid, iss, iat, ehash };
  const payload = encodeUtf8(canonicalize(publicRecord));
  const length = compactJwsLength({ ...header }, payload);
  if (length > MAX_SIGNED_RECORD_LENGTH) {
    throw new SuyuanError('RECORD_TOO_LARGE', `The signed record would be ${length} bytes; a signed record is at most ${MAX_SIGNED_RECORD_LENGTH} (64 KiB). Move large content to documents referenced by digest.`, {
      expected: `at most ${MAX_SIGNED_RECORD_LENGTH} bytes`,
      received: String(length),
    });
  }
  const jws = await signCompactJws({ ...header }, payload, key);
  return { jws, disclosures, eventHash: ehash, header, record: projected };
}

/**
 * Verifies a signed record (the compact JWS) with the issuer's key from `keyResolver`, and checks the
 * payload against the full record schema. Never throws for bad input: a failure is
 * `{ ok: false, reason: { code, message, check } }`, with the header once it could be read.
 */
export const verifyRecord: VerifyRecord = /* @__PURE__ */ verifyRecordWith(parseExactRecord);
