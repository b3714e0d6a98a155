/**
 * Ingest: a batch of signed records with their disclosures, from one enterprise's token. Each record
 * is checked on its own — signature against the issuer's key as the log stands, the full record
 * (disclosures put back) against the schema and its category profile, its chain links — and answered
 * on its own: `accepted` (logged now), `duplicate` (logged before: the same answer again) or
 * `rejected` with the reason. One bad record never sinks the batch; an acknowledged record is durable.
 * Every accepted or duplicate record comes with a C2SP tlog-proof bundle.
 */
import { formatProofBundle, MAX_SIGNED_RECORD_LENGTH, SuyuanError } from '@suyuan/core';
import { z } from 'zod';
import type { KeyRegistry } from '../issuers/key-registry.js';
import { hashReader, type PendingEntry, type Sequencer } from '../log/sequencer.js';
import { proveInclusions } from '../log/tree.js';
import type { IssuerRow, Store, TokenRow } from '../store/store.js';
import type { ItemError } from './check-record.js';
import type { VerifierPool } from './verifier-pool.js';

/** Most records in one batch. */
export const MAX_BATCH_RECORDS = 1000;
/** Most disclosures with one record. */
export const MAX_DISCLOSURES = 256;
/** Most bytes of disclosures with one record, together (a signed record is at most 64 KiB too). */
export const MAX_DISCLOSURE_BYTES = 65_535;

export const SubmittedRecordSchema = z.object({
  jws: z.string().min(1).max(MAX_SIGNED_RECORD_LENGTH).describe('The signed record: a compact JWS of type suyuan-record+jws'),
  disclosures: z
    .array(z.string().min(1).max(MAX_DISCLOSURE_BYTES))
    .max(MAX_DISCLOSURES)
    .refine((list) => list.reduce((sum, d) => sum + d.length, 0) <= MAX_DISCLOSURE_BYTES, `at most ${MAX_DISCLOSURE_BYTES} characters of disclosures per record`)
    .default([])
    .describe('Disclosures of its secret fields (stored access-controlled, never published), at most 64 KiB together'),
});
export const RecordBatchSchema = z.object({ records: z.array(SubmittedRecordSchema).min(1).max(MAX_BATCH_RECORDS) });
export type RecordBatch = z.input<typeof RecordBatchSchema>;

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
    private readonly verifiers: VerifierPool,
  ) {}

  /** Checks and logs a batch for the token's issuer; one result per record, in order. */
  async submit(token: TokenRow, batch: RecordBatch): Promise<ItemResult[]> {
    this.sequencer.assertWritable();
    const { records } = RecordBatchSchema.parse(batch);
    const issuer = await this.issuerOf(token);
    const results: (ItemResult | undefined)[] = new Array(records.length);
    const keys = this.keys.history(issuer.id);
    const logIndex = this.sequencer.checkpoint.size;
    const checked = await this.verifiers.check(records.map((item) => ({ jws: item.jws, disclosures: item.disclosures, issuer, keys, logIndex })));

    // Duplicates and chain links against the store, in one query.
    const hashes = checked.flatMap((c) => ('row' in c ? [c.row.eventHash, ...c.row.previous] : c.eventHash ? [c.eventHash] : []));
    const stored = new Map((await this.store.recordsByEventHash([...new Set(hashes)])).map((row) => [row.eventHash, row]));
    const candidates: Candidate[] = [];
    const inRequest = new Set<string>();
    checked.forEach((outcome, position) => {
      if ('error' in outcome) {
        // The very JWS this issuer logged before is a duplicate, even when its key no longer signs (rotated since).
        const logged = outcome.eventHash ? stored.get(outcome.eventHash) : undefined;
        if (logged && logged.issuer === issuer.id && logged.jws === records[position]!.jws) {
          candidates.push({ position, entry: { kind: 'record', text: logged.jws, record: logged } });
        } else {
          results[position] = { status: 'rejected', ...(outcome.eventHash ? { eventHash: outcome.eventHash } : {}), error: outcome.error };
        }
        return;
      }
      const { row } = outcome;
      const logged = stored.get(row.eventHash);
      if (logged && logged.issuer !== issuer.id) {
        results[position] = { status: 'rejected', eventHash: row.eventHash, error: otherIssuer(row.eventHash, logged.issuer) };
        return;
      }
      const previousInRequest = row.previous.filter((hash) => !stored.has(hash));
      const missing = previousInRequest.filter((hash) => !inRequest.has(hash));
      if (!logged && missing.length > 0) {
        results[position] = {
          status: 'rejected',
          eventHash: row.eventHash,
          error: { code: 'CHAIN_BROKEN', message: `The record names ${missing.join(', ')} as its previous record, which this platform does not hold. Submit the earlier record first.`, path: 'suyuan:previous' },
        };
        return;
      }
      inRequest.add(row.eventHash);
      candidates.push({ position, entry: { kind: 'record', text: row.jws, record: row, previousInRequest } });
    });

    if (candidates.length > 0) {
      const step = await this.sequencer.append(candidates.map((c) => c.entry));
      const logged = step.outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [] : [{ candidate: candidates[i]!, index: outcome.index, status: outcome.status }]));
      // One read of the stored hashes for every proof of the batch: they share the upper tree.
      const proofs = await proveInclusions(step.checkpoint.size, logged.map((l) => l.index), hashReader(this.store));
      logged.forEach(({ candidate, index, status }, i) => {
        results[candidate.position] = {
          status: status === 'appended' ? 'accepted' : 'duplicate',
          eventHash: candidate.entry.record.eventHash,
          index,
          proof: formatProofBundle({ index, proof: proofs[i]!, checkpoint: step.checkpoint.note }),
        };
      });
      step.outcomes.forEach((outcome, i) => {
        if (outcome.status === 'rejected') results[candidates[i]!.position] = { status: 'rejected', eventHash: candidates[i]!.entry.record.eventHash, error: itemError(outcome.error) };
      });
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
}

/** A record whose event another issuer logged first: the same event cannot be logged twice. */
function otherIssuer(eventHash: string, issuer: string): ItemError {
  return { code: 'CONFLICT', message: `The event ${eventHash} is logged already, signed by ${issuer}: one event is logged once, by the issuer that submits it first.` };
}

function itemError(error: SuyuanError): ItemError {
  return { code: error.code, message: error.message, ...(error.details.path ? { path: error.details.path } : {}) };
}
