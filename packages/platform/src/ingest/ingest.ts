/**
 * Ingest: a batch of signed records with their disclosures, from one enterprise's token. Each record
 * is checked on its own — signature against the issuer's key as the log stands, the full record
 * (disclosures put back) against the schema and its category profile, its chain links — and answered
 * on its own: `accepted` (logged now), `duplicate` (logged before: the same answer again) or
 * `rejected` with the reason. One bad record never sinks the batch; an acknowledged record is durable.
 * Every accepted or duplicate record comes with a C2SP tlog-proof bundle.
 */
import {
  checkProfile,
  formatProofBundle,
  MAX_SIGNED_RECORD_LENGTH,
  splitCompactJws,
  SuyuanError,
  verifyRecord,
  type SuyuanErrorCode,
  type TraceRecord,
} from '@suyuan/core';
import { z } from 'zod';
import type { KeyRegistry } from '../issuers/key-registry.js';
import { hashReader, type PendingEntry, type Sequencer } from '../log/sequencer.js';
import { proveInclusion } from '../log/tree.js';
import type { IssuerRow, RecordRow, Store, TokenRow } from '../store/store.js';
import { recordCodes } from './record-codes.js';

/** Most records in one batch. */
export const MAX_BATCH_RECORDS = 1000;
/** Most disclosures with one record. */
export const MAX_DISCLOSURES = 256;

export const SubmittedRecordSchema = z.object({
  jws: z.string().min(1).max(MAX_SIGNED_RECORD_LENGTH).describe('The signed record: a compact JWS of type suyuan-record+jws'),
  disclosures: z.array(z.string().min(1).max(MAX_SIGNED_RECORD_LENGTH)).max(MAX_DISCLOSURES).default([]).describe('Disclosures of its secret fields (stored access-controlled, never published)'),
});
export const RecordBatchSchema = z.object({ records: z.array(SubmittedRecordSchema).min(1).max(MAX_BATCH_RECORDS) });
export type RecordBatch = z.input<typeof RecordBatchSchema>;

/** Why a record was refused, in the platform's error terms. */
export interface ItemError {
  readonly code: SuyuanErrorCode;
  readonly message: string;
  readonly path?: string;
}

/** The answer for one submitted record. */
export type ItemResult =
  | { readonly status: 'accepted' | 'duplicate'; readonly eventHash: string; readonly index: number; readonly proof: string }
  | { readonly status: 'rejected'; readonly eventHash?: string; readonly error: ItemError };

/** A record that passed the checks before sequencing. */
interface Candidate {
  readonly position: number;
  readonly entry: Extract<PendingEntry, { kind: 'record' }>;
}

export class IngestService {
  constructor(
    private readonly store: Store,
    private readonly sequencer: Sequencer,
    private readonly keys: KeyRegistry,
  ) {}

  /** Checks and logs a batch for the token's issuer; one result per record, in order. */
  async submit(token: TokenRow, batch: RecordBatch): Promise<ItemResult[]> {
    this.sequencer.assertWritable();
    const { records } = RecordBatchSchema.parse(batch);
    const issuer = await this.issuerOf(token);
    const results: (ItemResult | undefined)[] = new Array(records.length);
    const checked = await Promise.all(records.map((item) => this.check(issuer, item.jws, item.disclosures)));

    // Duplicates and chain links against the store, in one query each.
    const hashes = checked.flatMap((c) => ('row' in c ? [c.row.eventHash, ...c.row.previous] : []));
    const stored = new Map((await this.store.recordsByEventHash([...new Set(hashes)])).map((row) => [row.eventHash, row]));
    const candidates: Candidate[] = [];
    const inRequest = new Set<string>();
    checked.forEach((outcome, position) => {
      if ('error' in outcome) {
        results[position] = { status: 'rejected', ...(outcome.eventHash ? { eventHash: outcome.eventHash } : {}), error: outcome.error };
        return;
      }
      const { row } = outcome;
      if (stored.has(row.eventHash) || inRequest.has(row.eventHash)) {
        candidates.push({ position, entry: { kind: 'record', text: row.jws, record: row } });
        return;
      }
      const missing = row.previous.filter((hash) => !stored.has(hash) && !inRequest.has(hash));
      if (missing.length > 0) {
        results[position] = {
          status: 'rejected',
          eventHash: row.eventHash,
          error: { code: 'CHAIN_BROKEN', message: `The record names ${missing.join(', ')} as its previous record, which this platform does not hold. Submit the earlier record first.`, path: 'suyuan:previous' },
        };
        return;
      }
      inRequest.add(row.eventHash);
      candidates.push({ position, entry: { kind: 'record', text: row.jws, record: row, previousInRequest: row.previous.filter((hash) => !stored.has(hash)) } });
    });

    if (candidates.length > 0) {
      const step = await this.sequencer.append(candidates.map((c) => c.entry));
      const reader = hashReader(this.store);
      await Promise.all(
        candidates.map(async (candidate, i) => {
          const outcome = step.outcomes[i]!;
          const eventHash = candidate.entry.record.eventHash;
          if (outcome.status === 'rejected') {
            results[candidate.position] = { status: 'rejected', eventHash, error: itemError(outcome.error) };
            return;
          }
          const proof = await proveInclusion(step.checkpoint.size, outcome.index, reader);
          results[candidate.position] = {
            status: outcome.status === 'appended' ? 'accepted' : 'duplicate',
            eventHash,
            index: outcome.index,
            proof: formatProofBundle({ index: outcome.index, proof, checkpoint: step.checkpoint.note }),
          };
        }),
      );
    }
    return results as ItemResult[];
  }

  private async issuerOf(token: TokenRow): Promise<IssuerRow> {
    if (!token.issuer) throw new SuyuanError('FORBIDDEN', `The API token ${token.id} is not an issuer's token: records are submitted with the issuer's own records:write token.`, {});
    const issuer = await this.store.issuer(token.issuer);
    if (!issuer) throw new SuyuanError('NOT_FOUND', `The token's issuer ${token.issuer} is not registered.`, {});
    if (issuer.suspendedAt) throw new SuyuanError('ISSUER_SUSPENDED', `${issuer.id} was suspended at ${issuer.suspendedAt} and may not submit records.`, {});
    return issuer;
  }

  /** Signature, record and profile checks of one record, before it meets the log. */
  private async check(issuer: IssuerRow, jws: string, disclosures: readonly string[]): Promise<{ row: Omit<RecordRow, 'index' | 'receivedAt'> } | { error: ItemError; eventHash?: string }> {
    const split = splitCompactJws(jws);
    const iss = split.ok ? split.parts.header.iss : undefined;
    if (split.ok && iss !== issuer.id) {
      return { error: { code: 'FORBIDDEN', message: `The record is signed for ${String(iss)}; this token submits for ${issuer.id} only.`, path: 'iss' } };
    }
    const verified = await verifyRecord(jws, this.keys.resolverAt(this.sequencer.checkpoint.size), { disclosures });
    if (!verified.ok) return { error: { code: verified.reason.code, message: verified.reason.message }, ...(verified.header?.ehash ? { eventHash: verified.header.ehash } : {}) };
    const { eventHash } = verified;
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
        kid: verified.header.kid,
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
}

function itemError(error: SuyuanError): ItemError {
  return { code: error.code, message: error.message, ...(error.details.path ? { path: error.details.path } : {}) };
}
