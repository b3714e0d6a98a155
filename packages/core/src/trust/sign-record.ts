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
import { ERROR_CODES, SuyuanError } from '../errors.js';
import { eventHash as cbvEventHash } from '../records/event-hash.js';
import { fromJsonText } from '../records/json-text.js';
import { MAX_RECORD_JSON_LENGTH, parseRecord, type TraceRecord } from '../records/record.js';
import { decodeUtf8, encodeUtf8 } from './base64url.js';
import { canonicalize, compareCodeUnits, isCanonicalJson } from './canonical-json.js';
import { isIssuerId, parseIssuerId, type IssuerId } from './issuer.js';
import { checkJwsSignature, compactJwsLength, signCompactJws, splitCompactJws } from './jws.js';
import { algorithmOf, jwkThumbprint, parsePublicJwk, type PublicJwk, type SigningAlgorithm, type SigningKey } from './keys.js';
import { SD_FIELD, disclose, parseExactRecord, project, type ProjectionOptions } from './selective-disclosure.js';
import type { KeyResolver, VerificationCheck, VerificationFailure } from './verification.js';

/** The `typ` of a signed Suyuan record. */
export const RECORD_JWS_TYPE = 'suyuan-record+jws';

/** Largest signed record, in bytes (= characters) of the compact JWS. */
export const MAX_SIGNED_RECORD_LENGTH = 65_536;

/** The protected header of a signed record. */
export interface RecordHeader {
  alg: SigningAlgorithm;
  typ: typeof RECORD_JWS_TYPE;
  kid: string;
  iss: IssuerId;
  iat: number;
  ehash: string;
}

const HEADER_MEMBERS = ['alg', 'ehash', 'iat', 'iss', 'kid', 'typ'] as const;
const EVENT_HASH_URI = /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/;
const KID = /^[A-Za-z0-9_-]{43}$/;

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

/** A record's identity: the CBV 2.0 event hash of its public projection without `suyuan:sd`. */
export function recordEventHash(publicRecord: unknown): string {
  if (typeof publicRecord !== 'object' || publicRecord === null || Array.isArray(publicRecord)) {
    throw new SuyuanError('RECORD_INVALID', 'A record is a JSON object (one EPCIS event).', { expected: 'object' });
  }
  const { [SD_FIELD]: _digests, ...identity } = publicRecord as Record<string, unknown>;
  return cbvEventHash(identity);
}

/** A record given as a value or as JSON text, as an object (`parseRecord` says what is wrong otherwise). */
function fromJsonObject(record: unknown): Record<string, unknown> {
  const value = fromJsonText(record, 'A record', MAX_RECORD_JSON_LENGTH, 'RECORD_INVALID');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return parseRecord(value) as Record<string, unknown>;
  return value as Record<string, unknown>;
}

function isEventHashUri(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('ni:///sha-256;');
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

export interface VerifyRecordOptions {
  /** Disclosures to check against the record's digests and put back (`disclosed` in the result). */
  disclosures?: readonly string[];
}

/** A verified record. */
export interface VerifiedRecord {
  ok: true;
  /** The public projection, as signed. */
  record: TraceRecord;
  header: RecordHeader;
  /** The record's identity (= `header.ehash`). */
  eventHash: string;
  /** With `options.disclosures`: the record with the disclosed fields put back, without `suyuan:sd`. */
  disclosed?: TraceRecord;
}

/** A record that failed verification: why, and the header when it could be read. */
export interface RejectedRecord {
  ok: false;
  reason: VerificationFailure;
  header?: RecordHeader;
}

function reject(code: VerificationFailure['code'], check: VerificationCheck, message: string, header?: RecordHeader): RejectedRecord {
  return { ok: false, reason: { code, message, check }, ...(header ? { header } : {}) };
}

/** Checks the protected header of a signed record; returns it typed, or what is wrong. */
function readHeader(header: Record<string, unknown>, headerText: string): RecordHeader | string {
  const names = Object.keys(header).sort(compareCodeUnits);
  if (names.join() !== HEADER_MEMBERS.join()) {
    return `The protected header has exactly the members ${HEADER_MEMBERS.join(', ')}; it has ${names.join(', ') || 'none'}.`;
  }
  if (header.typ !== RECORD_JWS_TYPE) return `The header's typ is "${RECORD_JWS_TYPE}"; got ${JSON.stringify(header.typ)}.`;
  if (header.alg !== 'EdDSA' && header.alg !== 'ES256') return `A signed record is EdDSA or ES256; the header says ${JSON.stringify(header.alg)}.`;
  if (typeof header.kid !== 'string' || !KID.test(header.kid)) return 'The header\'s kid is an RFC 7638 SHA-256 thumbprint (43 base64url characters).';
  if (!isIssuerId(header.iss)) return 'The header\'s iss is uscc:<unified social credit code> or gln:<GLN>, with a correct check character.';
  if (typeof header.iat !== 'number' || !Number.isSafeInteger(header.iat) || header.iat < 0) return 'The header\'s iat is whole seconds since the epoch.';
  if (typeof header.ehash !== 'string' || !EVENT_HASH_URI.test(header.ehash)) return 'The header\'s ehash is a CBV 2.0 event hash ni:///sha-256;<64 hex>?ver=CBV2.0.';
  if (canonicalize(header) !== headerText) return 'The protected header is not in canonical JSON (RFC 8785).';
  return header as unknown as RecordHeader;
}

/**
 * Verifies a signed record (the compact JWS) with the issuer's key from `keyResolver`. Never throws
 * for bad input (only if the resolver's promise machinery itself is broken): a failure is
 * `{ ok: false, reason: { code, message, check } }`, with the header once it could be read.
 */
export async function verifyRecord(jws: unknown, keyResolver: KeyResolver, options: VerifyRecordOptions = {}): Promise<VerifiedRecord | RejectedRecord> {
  if (typeof jws === 'string' && jws.length > MAX_SIGNED_RECORD_LENGTH) {
    return reject('RECORD_TOO_LARGE', 'format', `A signed record is at most ${MAX_SIGNED_RECORD_LENGTH} bytes; this one is ${jws.length}.`);
  }
  const split = splitCompactJws(jws);
  if (!split.ok) return reject('JWS_FORMAT', 'format', split.message);
  const { parts } = split;
  const read = readHeader(parts.header, parts.headerText);
  if (typeof read === 'string') return reject('JWS_FORMAT', 'header', read);
  const header = read;

  // The key: from the resolver, checked against the kid and the algorithm.
  let resolution: Awaited<ReturnType<KeyResolver>>;
  try {
    resolution = await keyResolver(header.kid, header.iss);
  } catch (error) {
    return reject('KEY_UNKNOWN', 'key', `The key resolver failed for ${header.iss} ${header.kid}: ${String((error as Error)?.message ?? error)}.`, header);
  }
  if (typeof resolution !== 'object' || resolution === null) return reject('KEY_UNKNOWN', 'key', `No key ${header.kid} is known for ${header.iss}.`, header);
  if ('reason' in resolution) {
    const reason = resolution.reason as Partial<VerificationFailure> | undefined;
    const code = typeof reason?.code === 'string' && Object.hasOwn(ERROR_CODES, reason.code) ? reason.code : 'KEY_NOT_VALID';
    return reject(code, 'key', typeof reason?.message === 'string' ? reason.message : `The key resolver refused the key ${header.kid} of ${header.iss}.`, header);
  }
  let publicJwk: PublicJwk;
  try {
    publicJwk = parsePublicJwk((resolution as { jwk?: unknown }).jwk);
  } catch (error) {
    return reject('KEY_INVALID', 'key', `The resolved key is not usable: ${(error as Error).message}`, header);
  }
  if (jwkThumbprint(publicJwk) !== header.kid) return reject('KEY_INVALID', 'key', `The resolved key's RFC 7638 thumbprint is not the kid ${header.kid}.`, header);
  if (algorithmOf(publicJwk) !== header.alg) return reject('KEY_INVALID', 'key', `The record is ${header.alg}; the issuer's key ${header.kid} is a ${publicJwk.crv} key.`, header);

  const signature = await checkJwsSignature(parts, publicJwk, header.alg);
  if (!signature.ok) return reject(signature.code, signature.code === 'SIGNATURE_INVALID' ? 'signature' : 'key', signature.message, header);

  // The payload: canonical JSON of a valid record.
  const payloadText = decodeUtf8(parts.payload);
  if (payloadText === undefined || !isCanonicalJson(payloadText)) {
    return reject('JWS_FORMAT', 'canonical', 'The payload is not RFC 8785 canonical JSON (UTF-8): the signer must sign the canonical form.', header);
  }
  let record: TraceRecord;
  let identity: string;
  try {
    record = parseExactRecord(JSON.parse(payloadText) as Record<string, unknown>);
    identity = recordEventHash(record);
  } catch (error) {
    if (!(error instanceof SuyuanError)) throw error;
    return reject('RECORD_INVALID', 'record', error.message, header);
  }
  const digests = record[SD_FIELD];
  if (digests && digests.some((digest, i) => i > 0 && compareCodeUnits(digests[i - 1]!, digest) >= 0)) {
    return reject('RECORD_INVALID', 'record', `${SD_FIELD} lists its digests sorted and each once.`, header);
  }
  if (identity !== header.ehash) {
    return reject('EVENT_HASH_MISMATCH', 'event-hash', `The header's ehash ${header.ehash} is not the record's event hash ${identity}.`, header);
  }
  if (isEventHashUri(record.eventID) && record.eventID !== identity) {
    return reject('EVENT_HASH_MISMATCH', 'event-hash', `The record's eventID ${record.eventID} is an event hash, but not its own (${identity}).`, header);
  }

  const verified: VerifiedRecord = { ok: true, record, header, eventHash: identity };
  if (options.disclosures !== undefined) {
    try {
      verified.disclosed = disclose(record, options.disclosures);
    } catch (error) {
      if (!(error instanceof SuyuanError)) throw error;
      return reject(error.code, 'disclosure', error.message, header);
    }
  }
  return verified;
}

/** A record of a chain: a verified record, or a bare public record (its identity is then computed). */
export type ChainRecord = { record: TraceRecord | Record<string, unknown>; eventHash: string } | TraceRecord;

/** The outcome of `verifyChain`: on failure, the position of the record at fault and the missing link. */
export type ChainVerification = { ok: true } | { ok: false; reason: VerificationFailure; index: number; missing?: string };

/**
 * Checks that every `suyuan:previous` link of every record points at an earlier record of the list,
 * by identity (the event hash of the public projection without `suyuan:sd`). Records are in the
 * order they were made (log order). Pass verified records (`verifyRecord` results) or public records.
 */
export function verifyChain(records: readonly ChainRecord[]): ChainVerification {
  const seen = new Set<string>();
  for (const [index, item] of records.entries()) {
    let record: Record<string, unknown>;
    let identity: string;
    try {
      if (typeof item === 'object' && item !== null && 'eventHash' in item && 'record' in item && typeof item.eventHash === 'string') {
        record = item.record as Record<string, unknown>;
        identity = item.eventHash;
      } else {
        record = item as Record<string, unknown>;
        identity = recordEventHash(record);
      }
    } catch (error) {
      if (!(error instanceof SuyuanError)) throw error;
      return { ok: false, index, reason: { code: error.code, message: `Record ${index}: ${error.message}`, check: 'chain' } };
    }
    const previous = record['suyuan:previous'];
    if (previous !== undefined && !Array.isArray(previous)) {
      return { ok: false, index, reason: { code: 'RECORD_INVALID', message: `Record ${index}: suyuan:previous is a list of event hashes.`, check: 'chain' } };
    }
    for (const link of (previous ?? []) as unknown[]) {
      if (typeof link !== 'string' || !seen.has(link)) {
        return {
          ok: false,
          index,
          missing: String(link),
          reason: { code: 'CHAIN_BROKEN', message: `Record ${index} (${identity}) links to ${String(link)}, which is no earlier record of the chain.`, check: 'chain' },
        };
      }
    }
    seen.add(identity);
  }
  return { ok: true };
}
