/**
 * What besides records the platform's log holds, in bytes a verifier can recompute: key entries
 * (registration, rotation, revocation of an issuer's key) and recall notices. Key validity is decided
 * by where these entries sit in the log, never by a signer's own clock.
 *
 * - A **key entry** is the RFC 8785 canonical JSON of
 *   `{ "type": "suyuan-key", "action": "register" | "rotate" | "revoke", "iss": …, "kid": …, "jwk": {…} }`
 *   (`jwk` only on `register`). Its log index is the key's `registeredAt`, `rotatedAt` or `revokedAt`.
 * - A **recall notice** by the operator is a C2SP signed note signed with the platform's key, whose text
 *   is `suyuan.dev/recall@v1`, then `code <the recalled code, canonical>`, then `reason <one line>`.
 *   It is logged too (the logged entry is the whole note, signatures included).
 */
import { SuyuanError } from '../errors.js';
import type { KeyHistory, KeyHistoryEntry } from '../trust/key-history.js';
import { canonicalize } from '../trust/canonical-json.js';
import { jwkThumbprint, parsePublicJwk, type PublicJwk } from '../trust/keys.js';
import { isIssuerId, type IssuerId } from '../trust/issuer.js';

export type KeyAction = 'register' | 'rotate' | 'revoke';

export interface KeyEntry {
  readonly type: 'suyuan-key';
  readonly action: KeyAction;
  readonly iss: IssuerId;
  readonly kid: string;
  readonly jwk?: PublicJwk;
}

/** The exact bytes (as a string) of a key entry in the log. */
export function formatKeyEntry(entry: Omit<KeyEntry, 'type'>): string {
  return canonicalize({ type: 'suyuan-key', ...entry });
}

/** Reads a logged key entry; throws `KEY_INVALID` when it is not one (or not in canonical form). */
export function parseKeyEntry(text: string): KeyEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SuyuanError('KEY_INVALID', 'A key entry is canonical JSON.', {}, { cause });
  }
  const entry = value as Partial<KeyEntry> | null;
  if (typeof entry !== 'object' || entry === null || entry.type !== 'suyuan-key' || !['register', 'rotate', 'revoke'].includes(entry.action as string)) {
    throw new SuyuanError('KEY_INVALID', 'A key entry is { type: "suyuan-key", action: register | rotate | revoke, iss, kid, jwk? }.', { path: 'type' });
  }
  if (!isIssuerId(entry.iss) || typeof entry.kid !== 'string') throw new SuyuanError('KEY_INVALID', 'A key entry names its issuer and key id.', { path: 'iss' });
  if (entry.action === 'register') {
    const jwk = parsePublicJwk(entry.jwk);
    if (jwkThumbprint(jwk) !== entry.kid) throw new SuyuanError('KEY_INVALID', 'A key entry\'s kid is the RFC 7638 thumbprint of its key.', { path: 'kid' });
  }
  if (canonicalize(value) !== text) throw new SuyuanError('KEY_INVALID', 'A key entry is in RFC 8785 canonical form.', {});
  return entry as KeyEntry;
}

/** Key histories from logged key entries and their log indexes (as proven by their inclusion proofs). */
export function keyHistoriesFrom(entries: readonly { entry: KeyEntry; index: number }[]): KeyHistory[] {
  const byIssuer = new Map<IssuerId, Map<string, KeyHistoryEntry>>();
  for (const { entry, index } of [...entries].sort((a, b) => a.index - b.index)) {
    const keys = byIssuer.get(entry.iss) ?? new Map<string, KeyHistoryEntry>();
    byIssuer.set(entry.iss, keys);
    const known = keys.get(entry.kid);
    if (entry.action === 'register') {
      if (!known) keys.set(entry.kid, { kid: entry.kid, jwk: entry.jwk!, registeredAt: index });
    } else if (known) {
      if (entry.action === 'rotate' && known.rotatedAt === undefined) known.rotatedAt = index;
      if (entry.action === 'revoke' && known.revokedAt === undefined) known.revokedAt = index;
    }
  }
  return [...byIssuer].map(([issuer, keys]) => ({ issuer, keys: [...keys.values()] }));
}

export const RECALL_NOTICE_HEADER = 'suyuan.dev/recall@v1';

export interface RecallNotice {
  readonly code: string;
  readonly reason: string;
}

/** The text of an operator's recall notice (to be signed as a C2SP note with the platform key). */
export function formatRecallNotice(notice: RecallNotice): string {
  if (/[\n\r]/.test(notice.code + notice.reason) || notice.code === '') {
    throw new SuyuanError('INPUT_TYPE', 'A recall notice has a non-empty code and a one-line reason.', {});
  }
  return `${RECALL_NOTICE_HEADER}\ncode ${notice.code}\nreason ${notice.reason}\n`;
}

/** Reads the text of a (verified) recall notice, or `undefined` when the text is not one. */
export function parseRecallNotice(text: string): RecallNotice | undefined {
  const match = /^suyuan\.dev\/recall@v1\ncode ([^\n]+)\nreason ([^\n]*)\n$/.exec(text);
  return match ? { code: match[1]!, reason: match[2]! } : undefined;
}
