/**
 * Trace answers: for a code, everything core's `verifyTrace` needs to decide offline — the records
 * of its trace backward to the sources and forward to the destinations (core's trace graph: through
 * aggregation, transformation and lots) and the earlier records they link to (`suyuan:previous`),
 * each with its inclusion proof; the issuers' key entries (registrations, rotations, revocations) with theirs; and
 * consistency proofs from checkpoints the reader has seen. All proofs are against one checkpoint.
 * Disclosures are never part of an answer: the public sees the public projection.
 */
import { buildDigitalLink, buildTraceGraph, formatProofBundle, parseCode, SuyuanError, traceBackward, traceForward, traceNodeKey, type TraceAnswer, type TraceRecord } from '@suyuan/core';
import type { KeyRegistry } from '../issuers/key-registry.js';
import { hashReader, type Sequencer } from '../log/sequencer.js';
import { encodeProof, proveConsistency, proveInclusions } from '../log/tree.js';
import type { RecordRow, Store } from '../store/store.js';

/** Most records of the code itself in one answer. */
export const MAX_TRACE_RECORDS = 500;
/** Most earlier records followed through `suyuan:previous`. */
export const MAX_TRACE_LINKS = 500;
/** Most records gathered around a code before its trace graph is built. */
export const MAX_TRACE_GRAPH_RECORDS = 2000;
/** Most codes followed while gathering them. */
export const MAX_TRACE_GRAPH_CODES = 500;

/** A GTIN alone (a product class): it joins every lot and object of a product, so it is not followed. */
const PRODUCT_CLASS = /^\(01\)\d{14}$/;

/** A code as the trace key and, for GS1 identifiers, the Digital Link the trace graph starts from. */
interface TraceStart {
  readonly key: string;
  readonly identifier?: string;
}

function traceStartOf(code: string): TraceStart {
  const parsed = parseCode(code);
  const elements = parsed.scheme === 'gs1' ? (parsed.fields as { elements?: Parameters<typeof buildDigitalLink>[0] }).elements : undefined;
  if (!elements) return { key: parsed.canonical };
  const identifier = buildDigitalLink(elements);
  return { key: traceNodeKey(identifier), identifier };
}

/**
 * The trace key of a code as a scanner reads it: for GS1 identifiers (element strings, Digital Link,
 * EPC URNs) the element string core's trace graph uses, so all spellings of one thing meet; for
 * other schemes the canonical form `parseCode` gives. Throws the `parseCode` error for a code it cannot read.
 */
export function traceKeyOf(code: string): string {
  return traceStartOf(code).key;
}

export class TraceService {
  constructor(
    private readonly store: Store,
    private readonly sequencer: Sequencer,
    private readonly keys: KeyRegistry,
  ) {}

  /** The trace answer for `code`; `seenSizes` are sizes of checkpoints the reader holds (consistency proofs to now). */
  async answer(code: string, seenSizes: readonly number[] = []): Promise<TraceAnswer & { size: number }> {
    const { key, identifier } = traceStartOf(code);
    const checkpoint = this.sequencer.checkpoint;
    const own = (await this.store.recordsByCode(key, MAX_TRACE_RECORDS)).filter((row) => row.index < checkpoint.size);
    const traced = identifier && own.length > 0 ? await this.traced(key, identifier, checkpoint.size) : [];
    const records = await this.withEarlier(unique([...own, ...traced]), checkpoint.size);
    const keyIndexes = this.keyEntryIndexes(records);
    const entries = await this.entriesAt(keyIndexes);
    const reader = hashReader(this.store);
    const proofs = await proveInclusions(checkpoint.size, [...records.map((r) => r.index), ...keyIndexes], reader);
    const bundle = (index: number, i: number) => formatProofBundle({ index, proof: proofs[i]!, checkpoint: checkpoint.note });
    const consistency = await Promise.all(
      [...new Set(seenSizes)]
        .filter((size) => size >= 1 && size <= checkpoint.size)
        .map(async (oldSize) => ({ oldSize, proof: encodeProof(await proveConsistency(checkpoint.size, oldSize, reader)) })),
    );
    return {
      code: key,
      size: checkpoint.size,
      records: records.map((row, i) => ({ jws: row.jws, proof: bundle(row.index, i) })),
      keys: keyIndexes.map((index, i) => ({ entry: entries.get(index)!, proof: bundle(index, records.length + i) })),
      ...(consistency.length > 0 ? { consistency } : {}),
    };
  }

  /**
   * The records of the code's trace backward to its sources and forward to its destinations, through
   * aggregation, transformation and lots, as core's trace graph follows them: the records around the
   * code are gathered code by code (within bounds), and the graph decides which are involved.
   */
  private async traced(key: string, identifier: string, size: number): Promise<RecordRow[]> {
    const rows = new Map<string, RecordRow>();
    const followed = new Set([key]);
    let frontier = [key];
    while (frontier.length > 0 && rows.size < MAX_TRACE_GRAPH_RECORDS) {
      const next: string[] = [];
      for (const code of frontier) {
        for (const row of await this.store.recordsByCode(code, MAX_TRACE_RECORDS)) {
          if (row.index >= size || rows.has(row.eventHash)) continue;
          rows.set(row.eventHash, row);
          for (const other of row.codes) {
            if (followed.has(other) || PRODUCT_CLASS.test(other) || followed.size >= MAX_TRACE_GRAPH_CODES) continue;
            followed.add(other);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    const list = [...rows.values()];
    const graph = buildTraceGraph(list.map(payloadOf));
    const involved = new Set<number>();
    for (const result of [traceBackward(graph, identifier), traceForward(graph, identifier)]) for (const record of result.records) involved.add(record.index);
    return [...involved].map((index) => list[index]!);
  }

  /** The records and, through `suyuan:previous`, the earlier records of their chains (within the checkpoint), in log order. */
  private async withEarlier(rows: readonly RecordRow[], size: number): Promise<RecordRow[]> {
    const byHash = new Map(rows.map((row) => [row.eventHash, row]));
    let wanted = [...new Set(rows.flatMap((row) => row.previous))].filter((hash) => !byHash.has(hash));
    while (wanted.length > 0 && byHash.size < rows.length + MAX_TRACE_LINKS) {
      const found = (await this.store.recordsByEventHash(wanted)).filter((row) => row.index < size);
      for (const row of found) byHash.set(row.eventHash, row);
      wanted = [...new Set(found.flatMap((row) => row.previous))].filter((hash) => !byHash.has(hash));
    }
    return [...byHash.values()].sort((a, b) => a.index - b.index);
  }

  /** Log indexes of the key entries of the records' issuers. */
  private keyEntryIndexes(records: readonly RecordRow[]): number[] {
    const indexes = new Set<number>();
    for (const issuer of new Set(records.map((row) => row.issuer))) {
      for (const key of this.keys.keys(issuer)) {
        for (const at of [key.registeredAt, key.rotatedAt, key.revokedAt]) if (at !== undefined && at < this.sequencer.checkpoint.size) indexes.add(at);
      }
    }
    return [...indexes].sort((a, b) => a - b);
  }

  private async entriesAt(indexes: readonly number[]): Promise<Map<number, string>> {
    const entries = new Map<number, string>();
    for (const index of indexes) {
      const [entry] = await this.store.readEntries(index, index + 1);
      if (!entry || entry.kind !== 'key') throw new SuyuanError('UNAVAILABLE', `The log entry ${index} is not the key entry the registry names.`, {});
      entries.set(index, entry.text);
    }
    return entries;
  }
}

/** The public projection a logged record carries (its JWS payload). */
function payloadOf(row: RecordRow): TraceRecord {
  return JSON.parse(Buffer.from(row.jws.split('.')[1]!, 'base64url').toString('utf8')) as TraceRecord;
}

function unique(rows: readonly RecordRow[]): RecordRow[] {
  return [...new Map(rows.map((row) => [row.eventHash, row])).values()];
}
