/**
 * Every issuer's keys as the log stands: registrations, rotations and revocations with the log
 * indexes of their key entries. A record is checked against the key as it is at the index the record
 * will get — never by the signer's `iat` — with core's `keyValidAt`, the rule every verifier applies
 * later from the proofs.
 */
import { keyValidAt, SuyuanError, type IssuerId, type KeyHistory, type KeyHistoryEntry } from '@suyuan/core';
import type { IssuerKeyRow, KeyChange } from '../store/store.js';

export class KeyRegistry {
  private readonly byIssuer = new Map<string, Map<string, IssuerKeyRow>>();

  constructor(rows: readonly IssuerKeyRow[] = []) {
    this.reset(rows);
  }

  /** The registry's state, to `restore` when a step that applied changes was not written. */
  snapshot(): IssuerKeyRow[] {
    return [...this.byIssuer.values()].flatMap((keys) => [...keys.values()]);
  }

  /** Goes back to a `snapshot`. */
  restore(rows: readonly IssuerKeyRow[]): void {
    this.reset(rows);
  }

  /** Why a key change cannot be applied now (`CONFLICT`), or `undefined`: the key is registered already, unknown, or ended already. */
  conflictOf(change: KeyChange): SuyuanError | undefined {
    if (change.action === 'register') {
      return this.key(change.key.issuer, change.key.kid) ? new SuyuanError('CONFLICT', `The key ${change.key.kid} is registered for ${change.key.issuer} already.`, {}) : undefined;
    }
    const row = this.key(change.issuer, change.kid);
    if (!row) return new SuyuanError('NOT_FOUND', `${change.issuer} has no key ${change.kid}.`, {});
    const ended = change.action === 'revoke' ? row.revokedAt !== undefined : row.rotatedAt !== undefined || row.revokedAt !== undefined;
    return ended ? new SuyuanError('CONFLICT', `The key ${change.kid} of ${change.issuer} is ${row.revokedAt !== undefined ? 'revoked' : 'rotated out'} already.`, {}) : undefined;
  }

  /** Replaces every key with `rows` (the store's state). */
  reset(rows: readonly IssuerKeyRow[]): void {
    this.byIssuer.clear();
    for (const row of rows) this.put(row);
  }

  /** The key row, if the issuer registered this key. */
  key(issuer: string, kid: string): IssuerKeyRow | undefined {
    return this.byIssuer.get(issuer)?.get(kid);
  }

  /** An issuer's keys in registration order. */
  keys(issuer: string): IssuerKeyRow[] {
    return [...(this.byIssuer.get(issuer)?.values() ?? [])].sort((a, b) => a.registeredAt - b.registeredAt);
  }

  /** Why `kid` cannot sign a record at log index `index` (`KEY_UNKNOWN`, `KEY_NOT_VALID`), or `undefined` when it can. */
  refusalAt(issuer: string, kid: string, index: number): SuyuanError | undefined {
    const validity = keyValidAt(this.history(issuer), kid, index);
    if (validity.status === 'valid') return undefined;
    return new SuyuanError(validity.status === 'unknown' ? 'KEY_UNKNOWN' : 'KEY_NOT_VALID', validity.reason, {});
  }

  /** The key history of an issuer, in core's terms. */
  history(issuer: string): KeyHistory {
    const keys = this.keys(issuer).map((row): KeyHistoryEntry => ({
      kid: row.kid,
      jwk: row.jwk,
      registeredAt: row.registeredAt,
      ...(row.rotatedAt === undefined ? {} : { rotatedAt: row.rotatedAt }),
      ...(row.revokedAt === undefined ? {} : { revokedAt: row.revokedAt }),
    }));
    return { issuer: issuer as IssuerId, keys };
  }

  /** Applies a key change once its entry is durably logged. */
  apply(change: KeyChange): void {
    if (change.action === 'register') {
      this.put(change.key);
      return;
    }
    const row = this.key(change.issuer, change.kid);
    if (!row) return;
    if (change.action === 'rotate' && row.rotatedAt === undefined) this.put({ ...row, rotatedAt: change.at, rotatedTime: change.time });
    if (change.action === 'revoke' && row.revokedAt === undefined) {
      this.put({ ...row, revokedAt: change.at, revokedTime: change.time, ...(change.reason === undefined ? {} : { revocationReason: change.reason }) });
    }
  }

  private put(row: IssuerKeyRow): void {
    let keys = this.byIssuer.get(row.issuer);
    if (!keys) this.byIssuer.set(row.issuer, (keys = new Map()));
    keys.set(row.kid, row);
  }
}
