/**
 * Record checks on worker threads: signature verification, schema and profile checks are most of
 * the CPU an ingest costs, and they parallelise (the log append does not). A batch is split across
 * the workers; with `size` 0 the checks run on the calling thread.
 *
 * The worker script is the built `verify-worker.js` beside this module. Run from TypeScript source
 * (tests, `tsx`), the worker loads `verify-worker.ts` through tsx's loader instead.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SuyuanError } from '@suyuan/core';
import { checkRecord, type RecordCheck, type RecordCheckInput } from './check-record.js';

interface Pending {
  readonly worker: Worker;
  readonly resolve: (results: RecordCheck[]) => void;
  readonly reject: (error: unknown) => void;
}

/** The default number of workers: one per core. */
export const DEFAULT_VERIFY_WORKERS = availableParallelism();

export class VerifierPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;
  private closed = false;

  constructor(size: number = DEFAULT_VERIFY_WORKERS) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  /** The number of worker threads (0: checks run on the calling thread). */
  get size(): number {
    return this.workers.length;
  }

  /** Checks records, in order, spread over the workers. */
  async check(inputs: readonly RecordCheckInput[]): Promise<RecordCheck[]> {
    if (this.closed) throw new SuyuanError('UNAVAILABLE', 'The platform is shutting down.', {});
    if (this.workers.length === 0 || inputs.length === 0) return Promise.all(inputs.map(checkRecord));
    const parts = Math.min(this.workers.length, inputs.length);
    const chunk = Math.ceil(inputs.length / parts);
    const results = await Promise.all(Array.from({ length: parts }, (_, i) => this.send(inputs.slice(i * chunk, (i + 1) * chunk))));
    return results.flat();
  }

  /** Stops the workers; checks in flight are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { reject } of this.pending.values()) reject(new SuyuanError('UNAVAILABLE', 'The platform is shutting down.', {}));
    this.pending.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private send(inputs: RecordCheckInput[]): Promise<RecordCheck[]> {
    const worker = this.workers[this.turn++ % this.workers.length]!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, inputs });
    });
  }

  private spawn(): Worker {
    const worker = workerFor(import.meta.url);
    worker.unref();
    worker.on('message', (message: { id: number; results?: RecordCheck[]; error?: string }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.results) pending.resolve(message.results);
      else pending.reject(new SuyuanError('UNAVAILABLE', 'A record check failed in a worker.', {}, { cause: new Error(message.error) }));
    });
    worker.on('error', (error) => this.replace(worker, error));
    return worker;
  }

  /** A worker that died: what it held fails, and a new one takes its place. */
  private replace(worker: Worker, error: unknown): void {
    if (this.closed) return;
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      pending.reject(new SuyuanError('UNAVAILABLE', 'A record-check worker died.', {}, { cause: error }));
      this.pending.delete(id);
    }
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers[index] = this.spawn();
  }
}

/** The worker for the module at `moduleUrl`: the built script beside it, or the TypeScript source through tsx. */
function workerFor(moduleUrl: string): Worker {
  if (/\.ts$/.test(new URL(moduleUrl).pathname)) {
    const source = new URL('./verify-worker.ts', moduleUrl).href;
    return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, { eval: true });
  }
  return new Worker(new URL('./verify-worker.js', moduleUrl));
}
