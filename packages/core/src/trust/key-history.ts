/**
 * An issuer's keys over time, in LOG POSITIONS: each key is registered, and perhaps rotated out or
 * revoked, by an entry of the transparency log, and those entries' indices bound its validity.
 * "Was this key valid when the record was made?" is answered by where the record sits in the log —
 * the order the log integrated entries in — never by the `iat` the signer wrote: a stolen key cannot
 * backdate a record to before its revocation, because the record's log index would still be later.
 *
 * ```ts
 * const history = parseKeyHistory({ issuer: 'uscc:…', keys: [{ kid, jwk, registeredAt: 10, revokedAt: 500 }] });
 * keyValidAt(history, kid, 42);  // { status: 'valid', … }
 * keyValidAt(history, kid, 7);   // { status: 'not-yet-registered', … }
 * keyValidAt(history, kid, 900); // { status: 'revoked', endedBy: 'revocation', endedAt: 500, … }
 * const resolver = historyKeyResolver([history], recordLogIndex); // for verifyRecord
 * ```
 *
 * A key covers a record at log index `i` when `registeredAt < i < end`, `end` being the earliest of
 * `rotatedAt` and `revokedAt` (none: no end). The bounds are strict because those indices are the
 * registration, rotation and revocation entries themselves, never a record. A rotation and a
 * revocation both end a key's validity for records logged after them; records logged before stay
 * valid (that is what the log proves). They differ in what they say: a rotation hands over to a
 * successor in order, a revocation says the key must not be trusted from that entry on. Submit
 * what an outbox still holds before rotating: a record signed before a rotation and logged after it
 * is not covered.
 */
import { SuyuanError } from '../errors.js';
import { isIssuerId, type IssuerId } from './issuer.js';
import { jwkThumbprint, parsePublicJwk, type PublicJwk } from './keys.js';
import type { KeyResolver, VerificationFailure } from './verification.js';

/** One key of an issuer and the log entries that bound its validity. */
export interface KeyHistoryEntry {
  /** RFC 7638 thumbprint of `jwk`. */
  kid: string;
  jwk: PublicJwk;
  /** Log index of the entry that registered the key. */
  registeredAt: number;
  /** Log index of the entry that rotated the key out (a successor took over), if any. */
  rotatedAt?: number;
  /** Log index of the entry that revoked the key, if any. */
  revokedAt?: number;
}

/** Every key an issuer has registered. */
export interface KeyHistory {
  issuer: IssuerId;
  keys: KeyHistoryEntry[];
}

export type KeyStatus = 'valid' | 'not-yet-registered' | 'revoked' | 'unknown';

/** Whether a key covered a log position, and why. */
export interface KeyValidity {
  status: KeyStatus;
  kid: string;
  issuer: string;
  logIndex: number;
  /** The answer in words, for a user interface. */
  reason: string;
  /** The history entry of the key (absent when `unknown`). */
  entry?: KeyHistoryEntry;
  /** For `revoked`: whether a rotation or a revocation ended the key, and at which log index. */
  endedBy?: 'rotation' | 'revocation';
  endedAt?: number;
}

function isLogIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function historyError(message: string, path: string, expected?: string): SuyuanError {
  return new SuyuanError('KEY_INVALID', message, { path, ...(expected ? { expected } : {}) });
}

/**
 * Validates a key history: a valid issuer id; for each key a public JWK, `kid` equal to its
 * thumbprint, log indices that are non-negative integers with `rotatedAt` and `revokedAt` after
 * `registeredAt`; no `kid` twice. Throws `KEY_INVALID` naming the field.
 */
export function parseKeyHistory(value: unknown): KeyHistory {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw historyError('A key history is an object { issuer, keys }.', '', 'object');
  const { issuer, keys } = value as { issuer?: unknown; keys?: unknown };
  if (!isIssuerId(issuer)) throw historyError('A key history names its issuer: uscc:<unified social credit code> or gln:<GLN>.', 'issuer', 'uscc:… or gln:…');
  if (!Array.isArray(keys)) throw historyError('A key history lists its keys in "keys".', 'keys', 'array');
  const seen = new Set<string>();
  const entries = keys.map((item: unknown, index): KeyHistoryEntry => {
    const path = `keys[${index}]`;
    if (typeof item !== 'object' || item === null) throw historyError('A key history entry is an object { kid, jwk, registeredAt, rotatedAt?, revokedAt? }.', path, 'object');
    const { kid, jwk, registeredAt, rotatedAt, revokedAt } = item as Record<string, unknown>;
    let publicJwk: PublicJwk;
    try {
      publicJwk = parsePublicJwk(jwk);
    } catch (error) {
      throw historyError(`${path}.jwk: ${(error as Error).message}`, `${path}.jwk`);
    }
    const thumbprint = jwkThumbprint(publicJwk);
    if (kid !== thumbprint) throw historyError(`${path}: the kid is the RFC 7638 thumbprint of the key, ${thumbprint}.`, `${path}.kid`, thumbprint);
    if (seen.has(thumbprint)) throw historyError(`${path}: the key ${thumbprint} is listed twice.`, `${path}.kid`, 'each key once');
    seen.add(thumbprint);
    if (!isLogIndex(registeredAt)) throw historyError(`${path}: registeredAt is the log index of the registration entry (a non-negative integer).`, `${path}.registeredAt`, 'log index');
    for (const [name, end] of [['rotatedAt', rotatedAt], ['revokedAt', revokedAt]] as const) {
      if (end === undefined) continue;
      if (!isLogIndex(end) || end <= registeredAt) {
        throw historyError(`${path}: ${name} is a log index after registeredAt (${registeredAt}).`, `${path}.${name}`, `log index > ${registeredAt}`);
      }
    }
    return {
      kid: thumbprint,
      jwk: publicJwk,
      registeredAt,
      ...(rotatedAt === undefined ? {} : { rotatedAt: rotatedAt as number }),
      ...(revokedAt === undefined ? {} : { revokedAt: revokedAt as number }),
    };
  });
  return { issuer, keys: entries };
}

/** Whether the key `kid` of `history`'s issuer covered a record at log index `logIndex`. */
export function keyValidAt(history: KeyHistory, kid: string, logIndex: number): KeyValidity {
  if (!isLogIndex(logIndex)) {
    throw new SuyuanError('INPUT_TYPE', `A log index is a non-negative integer; got ${String(logIndex)}.`, { expected: 'non-negative integer' });
  }
  const base = { kid, issuer: history.issuer, logIndex };
  const entry = history.keys.find((key) => key.kid === kid);
  if (!entry) return { ...base, status: 'unknown', reason: `${history.issuer} has registered no key ${kid}.` };
  if (logIndex <= entry.registeredAt) {
    return { ...base, status: 'not-yet-registered', entry, reason: `The key was registered at log index ${entry.registeredAt}, not before the record at ${logIndex}.` };
  }
  const ends = [
    ...(entry.rotatedAt === undefined ? [] : [{ by: 'rotation' as const, at: entry.rotatedAt }]),
    ...(entry.revokedAt === undefined ? [] : [{ by: 'revocation' as const, at: entry.revokedAt }]),
  ].sort((a, b) => a.at - b.at);
  const end = ends[0];
  if (end && logIndex >= end.at) {
    return {
      ...base,
      status: 'revoked',
      entry,
      endedBy: end.by,
      endedAt: end.at,
      reason: `The key was ${end.by === 'rotation' ? 'rotated out' : 'revoked'} at log index ${end.at}, before the record at ${logIndex}.`,
    };
  }
  return { ...base, status: 'valid', entry, reason: `The key was registered at log index ${entry.registeredAt}${end ? ` and valid until ${end.at}` : ''}; the record is at ${logIndex}.` };
}

/**
 * A key resolver for `verifyRecord` that answers from key histories for a record at log index
 * `logIndex` (from its inclusion proof): the key when it covered that position, otherwise
 * `KEY_UNKNOWN` (no history for the issuer, or no such key) or `KEY_NOT_VALID` (not yet registered,
 * rotated out, revoked) with the reason.
 */
export function historyKeyResolver(histories: KeyHistory | readonly KeyHistory[], logIndex: number): KeyResolver {
  const list: readonly KeyHistory[] = Array.isArray(histories) ? histories : [histories as KeyHistory];
  return (kid, issuer) => {
    const history = list.find((h) => h.issuer === issuer);
    if (!history) return { reason: failure('KEY_UNKNOWN', `No key history is known for the issuer ${issuer}.`) };
    const validity = keyValidAt(history, kid, logIndex);
    if (validity.status === 'valid') return { jwk: validity.entry!.jwk };
    return { reason: failure(validity.status === 'unknown' ? 'KEY_UNKNOWN' : 'KEY_NOT_VALID', validity.reason) };
  };
}

function failure(code: 'KEY_UNKNOWN' | 'KEY_NOT_VALID', message: string): VerificationFailure {
  return { code, message, check: 'key' };
}
