/**
 * The checks of one submitted record that need no database: its signature against the issuer's key
 * as the log stands, the full record (disclosures put back) against the schema and its category
 * profile. Pure and self-contained, so that a worker thread can run it (`verifier-pool.ts`): it takes
 * plain data — the JWS, the disclosures, the issuer and its key history — and answers plain data.
 */
import { checkProfile, historyKeyResolver, verifyRecord, type KeyHistory, type SuyuanErrorCode, type TraceRecord } from '@suyuan/core';
import type { IssuerRow, RecordRow } from '../store/store.js';
import { recordCodes } from './record-codes.js';

/** What a record is checked with. */
export interface RecordCheckInput {
  readonly jws: string;
  readonly disclosures: readonly string[];
  /** The issuer the submitting token is for. */
  readonly issuer: IssuerRow;
  /** The issuer's keys as the log stands. */
  readonly keys: KeyHistory;
  /** The log index the record would get now (key validity is decided there; the sequencer decides again). */
  readonly logIndex: number;
}

/** Why a record was refused, in the platform's error terms. */
export interface ItemError {
  readonly code: SuyuanErrorCode;
  readonly message: string;
  readonly path?: string;
}

/** The outcome: the record row to log, or why not. */
export type RecordCheck = { readonly row: Omit<RecordRow, 'index' | 'receivedAt'> } | { readonly error: ItemError; readonly eventHash?: string };

/** Checks one record; never throws for bad input. */
export async function checkRecord({ jws, disclosures, issuer, keys, logIndex }: RecordCheckInput): Promise<RecordCheck> {
  const verified = await verifyRecord(jws, historyKeyResolver(keys, logIndex), disclosures.length > 0 ? { disclosures } : {});
  if (!verified.ok) {
    const eventHash = verified.header?.ehash;
    if (verified.header && verified.header.iss !== issuer.id) return { error: notTheIssuer(verified.header.iss, issuer), ...(eventHash ? { eventHash } : {}) };
    return { error: { code: verified.reason.code, message: verified.reason.message }, ...(eventHash ? { eventHash } : {}) };
  }
  const { eventHash, header } = verified;
  if (header.iss !== issuer.id) return { eventHash, error: notTheIssuer(header.iss, issuer) };
  const full: TraceRecord = verified.disclosed ?? verified.record;
  const category = full['suyuan:category'];
  if (category !== undefined && !issuer.categories.includes(category)) {
    return { eventHash, error: { code: 'FORBIDDEN', message: `${issuer.id} is not registered for the category "${category}" (it is for: ${issuer.categories.join(', ') || 'none'}).`, path: 'suyuan:category' } };
  }
  const violations = checkProfile(full);
  if (violations.length > 0) {
    return { eventHash, error: { code: 'RECORD_PROFILE', message: violations.map((v) => v.message).join(' '), ...(violations[0]!.path ? { path: violations[0]!.path } : {}) } };
  }
  return {
    row: {
      eventHash,
      issuer: issuer.id,
      kid: header.kid,
      jws,
      disclosures: [...disclosures],
      eventType: full.type,
      eventTime: full.eventTime,
      ...(category === undefined ? {} : { category }),
      codes: recordCodes(full),
      previous: [...(full['suyuan:previous'] ?? [])],
    },
  };
}

function notTheIssuer(iss: string, issuer: IssuerRow): ItemError {
  return { code: 'FORBIDDEN', message: `The record is signed for ${iss}; this token submits for ${issuer.id} only.`, path: 'iss' };
}
