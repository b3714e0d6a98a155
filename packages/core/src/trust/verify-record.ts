/**
 * Verifying a signed record, without any schema library: the JWS format, the protected header, the
 * issuer's key, the signature, the canonical payload, the event hash and the disclosures — with the
 * record check given (`verifyRecordWith`). The verify path uses the light check (`record-shape.ts`);
 * the main entry's `verifyRecord` (`sign-record.ts`) the full schema. See `sign-record.ts` for the format.
 */
import { ERROR_CODES, SuyuanError } from '../errors.js';
import { eventHash as cbvEventHash } from '../records/event-hash.js';
import type { TraceRecord } from '../records/record.js';
import { decodeUtf8 } from './base64url.js';
import { canonicalize, compareCodeUnits, isCanonicalJson } from './canonical-json.js';
import { isIssuerId, type IssuerId } from './issuer.js';
import { checkJwsSignature, splitCompactJws } from './jws.js';
import { algorithmOf, jwkThumbprint, parsePublicJwk, type PublicJwk, type SigningAlgorithm } from './keys.js';
import type { RecordValidator } from './record-shape.js';
import { SD_FIELD, discloseWith } from './selective-disclosure.js';
import type { KeyResolver, VerificationCheck, VerificationFailure } from './verification.js';

export const RECORD_JWS_TYPE = 'suyuan-record+jws';

/** Largest signed record, in bytes (= characters) of the compact JWS. */
export const MAX_SIGNED_RECORD_LENGTH = 65_535;

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

/** A record's identity: the CBV 2.0 event hash of its public projection without `suyuan:sd`. */
export function recordEventHash(publicRecord: unknown): string {
  if (typeof publicRecord !== 'object' || publicRecord === null || Array.isArray(publicRecord)) {
    throw new SuyuanError('RECORD_INVALID', 'A record is a JSON object (one EPCIS event).', { expected: 'object' });
  }
  const { [SD_FIELD]: _digests, ...identity } = publicRecord as Record<string, unknown>;
  return cbvEventHash(identity);
}

export function isEventHashUri(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('ni:///sha-256;');
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

/** Verifies a signed record; see `verifyRecordWith`. */
export type VerifyRecord = (jws: unknown, keyResolver: KeyResolver, options?: VerifyRecordOptions) => Promise<VerifiedRecord | RejectedRecord>;

/**
 * `verifyRecord` with another record check for the payload and the disclosed record: the verify
 * path passes `lightRecordCheck`, so that no schema library reaches a browser bundle.
 */
export function verifyRecordWith(validate: RecordValidator): VerifyRecord {
  return (jws, keyResolver, options = {}) => verifySignedRecord(jws, keyResolver, options, validate);
}

async function verifySignedRecord(jws: unknown, keyResolver: KeyResolver, options: VerifyRecordOptions, validate: RecordValidator): Promise<VerifiedRecord | RejectedRecord> {
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
    record = validate(JSON.parse(payloadText) as Record<string, unknown>);
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
      verified.disclosed = discloseWith(validate)(record, options.disclosures);
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
