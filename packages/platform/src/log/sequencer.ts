/**
 * The sequencer: the one writer of the log. It gives entries their indexes, extends the Merkle tree,
 * signs the new checkpoint and writes the whole step to the store in one durable transaction — and
 * only then answers. Concurrent callers are grouped into one step (group commit), so a burst of
 * small requests costs one transaction and one signature.
 *
 * Guarantees:
 * - **Nothing acknowledged is lost.** An outcome is returned only after `store.append` resolved.
 * - **One history.** Every checkpoint extends the previous one: the tree only grows, the store refuses
 *   a step that does not extend the log it holds (`LOG_CONFLICT`, which stops this sequencer), and at
 *   start the stored checkpoint is checked against the stored tree and the log key.
 * - **Key validity by log position.** A record is checked against its issuer's keys as they stand at
 *   the index it gets, after every key entry sequenced before it — a revocation that wins the race
 *   shuts out the records behind it.
 */
import { leafHash, signCheckpoint, SuyuanError, verifyCheckpoint, noteVerifier, type NoteSigner } from '@suyuan/core';
import type { KeyRegistry } from '../issuers/key-registry.js';
import type { KeyChange, LogEntry, RecordRow, StoredCheckpoint, Store } from '../store/store.js';
import { MAX_BUNDLE_ENTRY_LENGTH as MAX_ENTRY_BYTES } from './tiles.js';
import { appendLeaves, treeHash, type HashReader } from './tree.js';

/** An entry to sequence. */
export type PendingEntry =
  | {
      readonly kind: 'record';
      readonly text: string;
      readonly record: Omit<RecordRow, 'index' | 'receivedAt'>;
      /** Event hashes of `record.previous` that earlier entries of the same request satisfy (they must be appended first). */
      readonly previousInRequest?: readonly string[];
    }
  | { readonly kind: 'key'; readonly text: string; readonly change: (index: number, time: string) => KeyChange }
  | { readonly kind: 'recall'; readonly text: string };

/** What became of one entry. */
export type EntryOutcome =
  | { readonly status: 'appended'; readonly index: number }
  | { readonly status: 'duplicate'; readonly index: number }
  | { readonly status: 'rejected'; readonly error: SuyuanError };

export interface SequencedStep {
  readonly outcomes: EntryOutcome[];
  /** The checkpoint that covers every appended or duplicate entry of the call. */
  readonly checkpoint: StoredCheckpoint;
}

export interface SequencerOptions {
  /**
   * Serve reads only: another process sequences this store's log. `append` refuses (`UNAVAILABLE`),
   * and `refresh` follows the log the other process writes.
   */
  readonly readOnly?: boolean;
  /** Most entries in one step (one transaction). */
  readonly maxStepEntries?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
}

interface Job {
  readonly entries: readonly PendingEntry[];
  readonly resolve: (step: SequencedStep) => void;
  readonly reject: (error: unknown) => void;
}

export class Sequencer {
  private readonly queue: Job[] = [];
  private draining = false;
  private stopped: SuyuanError | undefined;
  private readonly maxStepEntries: number;
  private readonly now: () => Date;
  private readOnly: boolean;

  private constructor(
    private readonly store: Store,
    private readonly signer: NoteSigner,
    private readonly keys: KeyRegistry,
    private head: StoredCheckpoint,
    options: SequencerOptions,
  ) {
    this.readOnly = options.readOnly ?? false;
    this.maxStepEntries = options.maxStepEntries ?? 4096;
    this.now = options.now ?? (() => new Date());
  }

  /** Starts sequencing (or, read-only, following) the store's log, from its verified head. */
  static async open(store: Store, signer: NoteSigner, keys: KeyRegistry, options: SequencerOptions = {}): Promise<Sequencer> {
    return new Sequencer(store, signer, keys, await verifiedHead(store, signer), options);
  }

  /** The latest checkpoint this sequencer signed (or found at start). */
  get checkpoint(): StoredCheckpoint {
    return this.head;
  }

  /** Whether this sequencer only follows a log another process writes. */
  get isReadOnly(): boolean {
    return this.readOnly;
  }

  /**
   * A read-only sequencer: catches up with the log another process writes — the latest stored
   * checkpoint (never an older one) and the issuers' keys.
   */
  async refresh(): Promise<void> {
    const stored = await this.store.latestCheckpoint();
    if (stored && stored.size > this.head.size) {
      this.keys.reset(await this.store.allIssuerKeys());
      this.head = stored;
    }
  }

  /**
   * A read-only sequencer becomes the log's writer, once its process holds the store's sequencer lock
   * (the former writer stopped): it starts from the stored log, checked as at `open`.
   */
  async takeOver(): Promise<void> {
    if (!this.readOnly) return;
    // The head first, then the keys: the keys are then at least as new as the head. Should the former
    // writer still append after this, the next append here finds the log longer (LOG_CONFLICT).
    const head = await verifiedHead(this.store, this.signer);
    this.keys.reset(await this.store.allIssuerKeys());
    this.head = head;
    this.readOnly = false;
  }

  /**
   * The writer becomes read-only: its process lost the sequencer lock, or another process appended
   * (`LOG_CONFLICT`). It follows the log from here and may take over again once it holds the lock.
   */
  demote(): void {
    this.readOnly = true;
  }

  /** Stops taking entries and waits until every step already queued is written. */
  async close(): Promise<void> {
    this.stopped ??= new SuyuanError('UNAVAILABLE', 'The platform is shutting down; retry with another process or later.', {});
    while (this.draining) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Throws `UNAVAILABLE` unless this sequencer can append now (it is not read-only, stopping or stopped). */
  assertWritable(): void {
    if (this.readOnly) throw new SuyuanError('UNAVAILABLE', 'This platform process serves reads only; another process appends to the log. Send writes to it.', {});
    if (this.stopped) throw this.stopped;
  }

  /** Sequences `entries` in order; resolves once they are durable. Rejects only when the step could not be written. */
  append(entries: readonly PendingEntry[]): Promise<SequencedStep> {
    try {
      this.assertWritable();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const jobs = this.takeJobs();
      const snapshot = this.keys.snapshot();
      try {
        const steps = await this.commit(jobs);
        jobs.forEach((job, i) => job.resolve(steps[i]!));
      } catch (error) {
        // Nothing of the step was written: the key registry goes back to what it was before it.
        this.keys.restore(snapshot);
        for (const job of jobs) job.reject(error);
        if (error instanceof SuyuanError && error.code === 'LOG_CONFLICT') {
          // Another process appended: this one follows the log now (the platform may let it take over again).
          this.demote();
          const demoted = new SuyuanError('UNAVAILABLE', 'Another process appended to the log; this one serves reads now. Retry.', {});
          for (const job of this.queue.splice(0)) job.reject(demoted);
        }
      }
    }
    this.draining = false;
  }

  /** Queued jobs up to `maxStepEntries` entries (at least one job). */
  private takeJobs(): Job[] {
    const jobs: Job[] = [];
    let count = 0;
    while (this.queue.length > 0 && (jobs.length === 0 || count + this.queue[0]!.entries.length <= this.maxStepEntries)) {
      const job = this.queue.shift()!;
      jobs.push(job);
      count += job.entries.length;
    }
    return jobs;
  }

  private async commit(jobs: readonly Job[]): Promise<SequencedStep[]> {
    const time = this.now().toISOString();
    const fromSize = this.head.size;
    const recordHashes = jobs.flatMap((job) => job.entries.flatMap((entry) => (entry.kind === 'record' ? [entry.record.eventHash] : [])));
    const indexOf = new Map<string, number>();
    const issuerOf = new Map<string, string>();
    for (const row of recordHashes.length > 0 ? await this.store.recordsByEventHash([...new Set(recordHashes)]) : []) {
      indexOf.set(row.eventHash, row.index);
      issuerOf.set(row.eventHash, row.issuer);
    }

    const entries: LogEntry[] = [];
    const records: RecordRow[] = [];
    const keyChanges: KeyChange[] = [];
    const outcomesPerJob = jobs.map((job) =>
      job.entries.map((entry): EntryOutcome => {
        const index = fromSize + entries.length;
        if (Buffer.byteLength(entry.text, 'utf8') > MAX_ENTRY_BYTES) {
          return { status: 'rejected', error: new SuyuanError('RECORD_TOO_LARGE', `A log entry is at most ${MAX_ENTRY_BYTES} bytes (the tlog-tiles entry bundle's 16-bit length).`, { expected: `at most ${MAX_ENTRY_BYTES} bytes` }) };
        }
        if (entry.kind === 'record') {
          const known = indexOf.get(entry.record.eventHash);
          if (known !== undefined) {
            const first = issuerOf.get(entry.record.eventHash)!;
            if (first === entry.record.issuer) return { status: 'duplicate', index: known };
            return { status: 'rejected', error: new SuyuanError('CONFLICT', `The event ${entry.record.eventHash} is logged already, signed by ${first}.`, {}) };
          }
          const refused = this.refusal(entry, index, indexOf);
          if (refused) return { status: 'rejected', error: refused };
          indexOf.set(entry.record.eventHash, index);
          issuerOf.set(entry.record.eventHash, entry.record.issuer);
          records.push({ ...entry.record, index, receivedAt: time });
        } else if (entry.kind === 'key') {
          const change = entry.change(index, time);
          const conflict = this.keys.conflictOf(change);
          if (conflict) return { status: 'rejected', error: conflict };
          keyChanges.push(change);
          this.keys.apply(change);
        }
        entries.push({ index, kind: entry.kind, text: entry.text });
        return { status: 'appended', index };
      }),
    );

    if (entries.length > 0) {
      const { hashes, rootHash } = await appendLeaves(
        fromSize,
        entries.map((entry) => leafHash(entry.text)),
        hashReader(this.store),
      );
      const size = fromSize + entries.length;
      const note = await signCheckpoint({ origin: this.signer.name, size, rootHash }, this.signer);
      const checkpoint: StoredCheckpoint = { size, rootHash, note, createdAt: time };
      await this.store.append({ fromSize, entries, hashes, records, keyChanges, checkpoint });
      this.head = checkpoint;
    }
    return outcomesPerJob.map((outcomes) => ({ outcomes, checkpoint: this.head }));
  }

  /** Why a record cannot take log index `index`, if it cannot: its key is not valid there, or a link in its request failed. */
  private refusal(entry: Extract<PendingEntry, { kind: 'record' }>, index: number, indexOf: ReadonlyMap<string, number>): SuyuanError | undefined {
    const { issuer, kid } = entry.record;
    const keyRefusal = this.keys.refusalAt(issuer, kid, index);
    if (keyRefusal) return keyRefusal;
    for (const previous of entry.previousInRequest ?? []) {
      if (!indexOf.has(previous)) {
        return new SuyuanError('CHAIN_BROKEN', `The record names ${previous} as its previous record, which was not accepted.`, { path: 'suyuan:previous' });
      }
    }
    return undefined;
  }
}

/**
 * The head of the stored log: its latest checkpoint, checked against the stored tree and the log key
 * (so a restart never signs a checkpoint inconsistent with an earlier one), or a fresh checkpoint of
 * the empty tree.
 */
async function verifiedHead(store: Store, signer: NoteSigner): Promise<StoredCheckpoint> {
  const stored = await store.latestCheckpoint();
  const reader = hashReader(store);
  if (!stored) {
    const rootHash = await treeHash(0, reader);
    return { size: 0, rootHash, note: await signCheckpoint({ origin: signer.name, size: 0, rootHash }, signer), createdAt: new Date().toISOString() };
  }
  const root = await treeHash(stored.size, reader);
  if (!equalBytes(root, stored.rootHash)) {
    throw new SuyuanError('LOG_CONFLICT', `The stored checkpoint of size ${stored.size} does not match the stored tree: the database is damaged.`, {});
  }
  const verified = await verifyCheckpoint(stored.note, [noteVerifier(signer.name, signer.publicKey)], { origin: signer.name });
  if (!verified.ok) {
    throw new SuyuanError('KEY_INVALID', `The stored checkpoint was not signed by this log key (${signer.verifierKey}): ${verified.reason}. Start with the data directory's own key.`, {});
  }
  return stored;
}

/** The store's stored hashes as the tree module reads them. */
export function hashReader(store: Store): HashReader {
  return (indexes) => store.readHashes(indexes);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
