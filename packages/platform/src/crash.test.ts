/**
 * Crash safety. The platform runs as its CLI in a child process on a SQLite data directory; the
 * test drives sustained ingest against it (several concurrent submitters, batches of 10–50 signed
 * records, a poller reading `/log/checkpoint`), SIGKILLs it at a random moment while requests are
 * in flight, restarts it on the same directory, and checks after every restart:
 *
 * - the sequencer lock of the killed process is taken over: the new process sequences again;
 * - the new checkpoint verifies with the log's key, and no checkpoint ever seen (polled, or inside
 *   a proof bundle) is lost: each is consistent with the new one (RFC 9162 consistency proofs,
 *   checked with core's `verifyConsistency`; equal sizes have equal roots);
 * - every acknowledged record is in the log at the index it was acknowledged with;
 * - nothing is half-written: the entry bundles and level-0 hash tiles hold exactly `size` entries
 *   whose `rootHash` is the checkpoint's root, every record entry is fully there (its row answers
 *   `GET /v1/records/…`), a record whose request was cut off is either fully present or absent, and
 *   the database itself has no entry, hash, record row or code row beyond the checkpoint.
 *
 * A second process on the same data directory while one sequences comes up read-only. At the end,
 * every record is submitted again: each is accepted or a duplicate at its first index.
 *
 * The kill delays and batch sizes come from a seeded PRNG: `SUYUAN_CRASH_SEED=<seed>` (printed in
 * the summary) repeats those choices (not the scheduling, which no test controls).
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  leafHash,
  parseSignerKey,
  parseVerifierKey,
  rootHash,
  verifyCheckpoint,
  verifyConsistency,
  verifyProofBundle,
  type NoteVerifier,
  type TraceRecord,
} from '@suyuan/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServers, mapLimit, readLogTiles, runningServers, seededRandom, sleep, startServerProcess, type ServerProcess } from './crash-harness.js';
import { storedHashCount } from './log/tree.js';
import { apiClient, exampleChain, registerIssuers, sign } from './test-support.js';

const ORIGIN = 'suyuan.local/log';
/** Kill–restart rounds. */
const ROUNDS = 6;
/** Concurrent submitters, each with its own records:write token (so no token hits the request rate limit). */
const SUBMITTERS = 4;
/** Distinct signed records. */
const POOL_SIZE = 4000;
const SEED = Number(process.env.SUYUAN_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32));
const random = seededRandom(SEED);
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

interface TestRecord {
  readonly n: number;
  readonly jws: string;
  readonly eventHash: string;
}

// What the test knows about the log ----------------------------------------------------------------
const pool: TestRecord[] = [];
const byJws = new Map<string, TestRecord>();
/** Records to submit: never sent yet, or found absent after a crash cut their request off. */
let fresh: TestRecord[] = [];
/** Event hash → log index: every record the API acknowledged, or the log was found to hold. */
const logged = new Map<string, number>();
const loggedList: TestRecord[] = [];
/** Event hashes the API acknowledged (answered accepted or duplicate, in a complete 200 answer). */
const acknowledged = new Set<string>();
/** Every record sent at least once. */
const sent = new Set<TestRecord>();
/** Records sent whose answer never came (their request was cut off by a kill). */
const unresolved = new Set<TestRecord>();
/** Signed checkpoint notes seen (polled, or in proof bundles), not yet verified. */
const seenNotes = new Set<string>();
/** Size → root hash of every verified checkpoint seen. */
const seenCheckpoints = new Map<number, Uint8Array>();
/** Violations found while requests fly (asserted empty after each round). */
const problems: string[] = [];

let dataDir: string;
let server: ServerProcess | undefined;
let verifier: NoteVerifier;
let verifierKey: string;
let tokens: string[] = [];
/** The log size after setup (the issuer's key entry): every later entry is one of the pool's records. */
let setupSize = 0;
/** Entries below this index have been checked one by one (`GET /v1/records/…`). */
let checkedSize = 0;
const rounds: { acknowledged: number; cutOff: number; inFlightAtKill: number; killedAfterMs: number; sizeAfter: number; rateLimited: number }[] = [];
const started = Date.now();

const b64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const lockFile = () => `${realpathSync(join(dataDir, 'suyuan.db'))}.sequencer.lock`;
const lockText = () => {
  try {
    return readFileSync(lockFile(), 'utf8');
  } catch {
    return undefined;
  }
};

/** Starts the CLI on the data directory and checks it uses the directory's own log key. */
async function start(): Promise<ServerProcess> {
  const child = await startServerProcess(dataDir);
  const fileKey = (await parseSignerKey(readFileSync(join(dataDir, 'log-key'), 'utf8').trim())).verifierKey;
  expect(child.verifierKey, 'the CLI prints the verifier key of <data>/log-key').toBe(fileKey);
  if (verifierKey) expect(child.verifierKey, 'the log key never changes').toBe(verifierKey);
  return child;
}

function post(url: string, token: string, records: readonly TestRecord[]) {
  return fetch(`${url}/v1/records`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ records: records.map((record) => ({ jws: record.jws })) }),
  });
}

interface Answered {
  readonly record: TestRecord;
  readonly proof: string;
}

/** Books the results of a complete 200 answer to a batch; violations go to `problems`. */
function book(batch: readonly TestRecord[], body: { results?: unknown }, answered: Answered[]): void {
  const results = body.results as { status: string; eventHash?: string; index?: number; proof?: string; error?: { code: string; message: string } }[] | undefined;
  if (!Array.isArray(results) || results.length !== batch.length) {
    problems.push(`an answer to ${batch.length} records has ${Array.isArray(results) ? results.length : 'no'} results`);
    return;
  }
  results.forEach((result, i) => {
    const record = batch[i]!;
    const known = logged.get(record.eventHash);
    if (result.eventHash !== record.eventHash) problems.push(`result ${i} names ${result.eventHash}, not record #${record.n} (${record.eventHash})`);
    if (result.status !== 'accepted' && result.status !== 'duplicate') {
      problems.push(`record #${record.n} was ${result.status}: ${result.error?.code} ${result.error?.message}`);
      if (known === undefined) unresolved.add(record);
      return;
    }
    if (result.status === 'accepted' && known !== undefined) problems.push(`record #${record.n} accepted again at ${result.index}; it was logged at ${known}`);
    if (result.status === 'duplicate' && known === undefined) problems.push(`record #${record.n} answered duplicate (${result.index}) though it was never logged`);
    if (known !== undefined && known !== result.index) problems.push(`record #${record.n} answered at index ${result.index}; it was logged at ${known}`);
    if (known === undefined) {
      logged.set(record.eventHash, result.index!);
      loggedList.push(record);
    }
    acknowledged.add(record.eventHash);
    unresolved.delete(record);
    answered.push({ record, proof: result.proof! });
  });
}

/** Fresh records (10–50 in all) and up to two records logged before, which must come back as duplicates. */
function takeBatch(): TestRecord[] {
  const batch = fresh.splice(0, between(10, 48));
  for (const record of batch) sent.add(record);
  const again = Math.min(loggedList.length, between(0, 2));
  for (let i = 0; i < again; i++) batch.splice(between(0, batch.length), 0, loggedList[Math.floor(random() * loggedList.length)]!);
  return batch;
}

/**
 * One round: sustained ingest against `target` until it is SIGKILLed, 150–600 ms after its first
 * acknowledged batch. Returns the proofs of the round's acknowledged records.
 */
async function ingestUntilKilled(target: ServerProcess): Promise<Answered[]> {
  const stats = { acknowledged: 0, cutOff: 0, inFlightAtKill: 0, killedAfterMs: 0, sizeAfter: 0, rateLimited: 0 };
  const answered: Answered[] = [];
  let stop = false;
  let inFlight = 0;
  let firstAck!: () => void;
  const acked = new Promise<void>((resolve) => (firstAck = resolve));

  const submitter = async (token: string) => {
    while (!stop) {
      const batch = takeBatch();
      if (batch.length === 0) {
        await sleep(5);
        continue;
      }
      let status: number;
      let text: string;
      inFlight++;
      try {
        const response = await post(target.url, token, batch);
        status = response.status;
        text = await response.text();
      } catch {
        // Cut off (connection reset or refused): not acknowledged; the log may or may not hold them.
        stats.cutOff++;
        for (const record of batch) if (!logged.has(record.eventHash)) unresolved.add(record);
        continue;
      } finally {
        inFlight--;
      }
      if (status !== 200) {
        if (status === 429) stats.rateLimited++;
        else problems.push(`POST /v1/records answered ${status}: ${text.slice(0, 300)}`);
        for (const record of batch) if (!logged.has(record.eventHash)) unresolved.add(record);
        if (status === 429) await sleep(50);
        continue;
      }
      const before = answered.length;
      book(batch, JSON.parse(text) as { results?: unknown }, answered);
      stats.acknowledged += answered.length - before;
      firstAck();
    }
  };
  const poller = async () => {
    while (!stop) {
      try {
        const response = await fetch(`${target.url}/log/checkpoint`);
        const text = await response.text();
        if (response.status === 200) seenNotes.add(text);
      } catch {
        // the server is gone
      }
      await sleep(10);
    }
  };

  const loops = [...tokens.map((token) => submitter(token)), poller()];
  try {
    const first = await Promise.race([acked.then(() => true), sleep(30_000).then(() => false)]);
    if (!first) problems.push('no batch was acknowledged within 30 s of the start of a round');
    stats.killedAfterMs = between(150, 600);
    await sleep(stats.killedAfterMs);
  } finally {
    stop = true;
    stats.inFlightAtKill = inFlight;
    const exit = await target.kill('SIGKILL');
    expect(exit.signal, 'the server died of the SIGKILL').toBe('SIGKILL');
    await Promise.all(loops);
  }
  rounds.push(stats);
  return answered;
}

/** Verifies the round's proof bundles and seen checkpoints with core; books the checkpoints. */
async function checkAnswers(answered: readonly Answered[]): Promise<void> {
  const bundles = await mapLimit(answered, 16, async ({ record, proof }) => {
    const verified = await verifyProofBundle(proof, { entry: record.jws, verifiers: [verifier], origin: ORIGIN });
    expect(verified.ok, `the proof bundle of record #${record.n}: ${verified.ok ? '' : JSON.stringify(verified.reason)}`).toBe(true);
    if (!verified.ok) throw new Error('unreachable');
    expect(verified.value.index).toBe(logged.get(record.eventHash));
    return verified.value.checkpoint;
  });
  const polled = await Promise.all(
    [...seenNotes].map(async (note) => {
      const verified = await verifyCheckpoint(note, [verifier], { origin: ORIGIN });
      expect(verified.ok, `a polled checkpoint: ${verified.ok ? '' : JSON.stringify(verified.reason)}\n${note}`).toBe(true);
      if (!verified.ok) throw new Error('unreachable');
      return verified.value;
    }),
  );
  seenNotes.clear();
  for (const { size, rootHash: root } of [...bundles, ...polled]) {
    const known = seenCheckpoints.get(size);
    expect(known === undefined || sameBytes(known, root), `two signed checkpoints of size ${size} with different roots: the log forked`).toBe(true);
    seenCheckpoints.set(size, root);
  }
}

/**
 * Everything the test knows against the log `target` serves (just restarted, no ingest running),
 * and the database under it.
 */
async function verifyLog(target: ServerProcess, label: string): Promise<{ present: number; absent: number }> {
  // (1) The checkpoint verifies, and covers everything acknowledged and every checkpoint seen.
  const note = await (await fetch(`${target.url}/log/checkpoint`)).text();
  const checkpoint = await verifyCheckpoint(note, [verifier], { origin: ORIGIN });
  expect(checkpoint.ok, `${label}: the checkpoint after restart verifies: ${checkpoint.ok ? '' : JSON.stringify(checkpoint.reason)}`).toBe(true);
  if (!checkpoint.ok) throw new Error('unreachable');
  const { size, rootHash: root } = checkpoint.value;
  const maxSeen = Math.max(0, ...seenCheckpoints.keys());
  expect(size, `${label}: the log lost checkpoints (it has ${size} entries; a checkpoint of size ${maxSeen} was served before)`).toBeGreaterThanOrEqual(maxSeen);
  const maxAcked = Math.max(-1, ...logged.values());
  expect(size, `${label}: an acknowledged record at index ${maxAcked} is beyond the log`).toBeGreaterThan(maxAcked);

  // (4) Nothing half-written, through the tiles: exactly `size` entries, hashing to the root.
  const { entries, leafHashes } = await readLogTiles(target.url, size);
  expect(entries.length).toBe(size);
  expect(sameBytes(rootHash(entries), root), `${label}: the entry bundles do not hash to the checkpoint's root`).toBe(true);
  entries.forEach((entry, i) => expect(sameBytes(leafHash(entry), leafHashes[i]!), `${label}: hash tile entry ${i}`).toBe(true));
  const texts = entries.map((entry) => Buffer.from(entry).toString('utf8'));
  const indexOf = new Map<string, number>();
  texts.forEach((text, index) => {
    if (index < setupSize) return;
    const record = byJws.get(text);
    expect(record, `${label}: entry ${index} is no record the test signed`).toBeDefined();
    expect(indexOf.has(record!.eventHash), `${label}: record #${record!.n} is logged twice (${indexOf.get(record!.eventHash)} and ${index})`).toBe(false);
    indexOf.set(record!.eventHash, index);
  });

  // (2) Every acknowledged (or earlier found) record is where it was acknowledged.
  for (const [eventHash, index] of logged) {
    expect(indexOf.get(eventHash), `${label}: a logged record (${eventHash}) is not at its index ${index}`).toBe(index);
  }
  // Cut-off records: fully present (then they are logged from now on) or absent (then sent again later).
  const absent: TestRecord[] = [];
  for (const record of unresolved) {
    const index = indexOf.get(record.eventHash);
    if (index === undefined) absent.push(record);
    else {
      logged.set(record.eventHash, index);
      loggedList.push(record);
    }
  }
  const cutOffPresent = unresolved.size - absent.length;
  unresolved.clear();
  await mapLimit(absent, 8, async (record) => {
    const response = await fetch(`${target.url}/v1/records/${encodeURIComponent(record.eventHash)}`);
    await response.arrayBuffer();
    expect(response.status, `${label}: record #${record.n} is not in the log, yet GET finds it`).toBe(404);
  });
  fresh = [...absent, ...fresh];
  // Every record entry new since the last check is a whole record: its row answers, with its proof.
  const newIndexes = Array.from({ length: size - Math.max(checkedSize, setupSize) }, (_, i) => Math.max(checkedSize, setupSize) + i);
  await mapLimit(newIndexes, 8, async (index) => {
    const record = byJws.get(texts[index]!)!;
    const response = await fetch(`${target.url}/v1/records/${encodeURIComponent(record.eventHash)}`);
    const text = await response.text();
    expect(response.status, `${label}: entry ${index} (record #${record.n}) has no record row: ${text.slice(0, 200)}`).toBe(200);
    const body = JSON.parse(text) as { jws: string; index: number; proof: string };
    expect(body.jws).toBe(record.jws);
    expect(body.index).toBe(index);
    if (index % 16 === 0) {
      const proof = await verifyProofBundle(body.proof, { entry: record.jws, verifiers: [verifier], origin: ORIGIN });
      expect(proof.ok && proof.value.checkpoint.size === size, `${label}: the proof of record #${record.n} after restart`).toBe(true);
    }
  });
  checkedSize = size;

  // (3) Every checkpoint seen before is consistent with the new one.
  await mapLimit([...seenCheckpoints], 8, async ([oldSize, oldRoot]) => {
    if (oldSize === size) {
      expect(sameBytes(oldRoot, root), `${label}: a checkpoint of size ${size} with another root`).toBe(true);
      return;
    }
    const response = await fetch(`${target.url}/v1/log/consistency?from=${oldSize}`);
    const text = await response.text();
    expect(response.status, `${label}: consistency from ${oldSize}: ${text.slice(0, 200)}`).toBe(200);
    const body = JSON.parse(text) as { from: number; size: number; proof: string[] };
    expect(body.size).toBe(size);
    const verified = verifyConsistency({ oldSize, newSize: size, oldRoot, newRoot: root, proof: body.proof.map(b64) });
    expect(verified.ok, `${label}: the checkpoint of size ${oldSize} seen before is not consistent with the new one of size ${size}: ${verified.ok ? '' : JSON.stringify(verified.reason)}`).toBe(true);
  });

  // (4) Nothing half-written, in the database itself.
  inspectDatabase(label, size, root);
  return { present: cutOffPresent, absent: absent.length };
}

/** The SQLite database holds exactly the log of the checkpoint: no entry, hash or row beyond it or without its parts. */
function inspectDatabase(label: string, size: number, root: Uint8Array): void {
  const db = new Database(join(dataDir, 'suyuan.db'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).pluck().get(...params) as number | null) ?? null;
    expect(db.pragma('quick_check', { simple: true }), `${label}: quick_check`).toBe('ok');
    expect(db.pragma('foreign_key_check'), `${label}: foreign_key_check`).toEqual([]);
    expect(count('SELECT count(*) FROM entries'), `${label}: entries in the database`).toBe(size);
    expect(count('SELECT max(idx) FROM entries'), `${label}: the last entry`).toBe(size - 1);
    expect(count('SELECT count(*) FROM hashes'), `${label}: stored hashes`).toBe(storedHashCount(size));
    expect(count('SELECT max(idx) FROM hashes')).toBe(storedHashCount(size) - 1);
    const latest = db.prepare('SELECT size, root_hash FROM checkpoints ORDER BY size DESC LIMIT 1').get() as { size: number; root_hash: Buffer };
    expect(latest.size).toBe(size);
    expect(sameBytes(latest.root_hash, root)).toBe(true);
    expect(count("SELECT count(*) FROM entries e LEFT JOIN records r ON r.idx = e.idx WHERE e.kind = 'record' AND r.idx IS NULL"), `${label}: record entries without a record row`).toBe(0);
    expect(count("SELECT count(*) FROM records r LEFT JOIN entries e ON e.idx = r.idx WHERE e.idx IS NULL OR e.kind <> 'record'"), `${label}: record rows without their entry`).toBe(0);
    expect(count('SELECT count(*) FROM records'), `${label}: record rows`).toBe(size - setupSize);
    expect(count('SELECT count(*) FROM record_codes c LEFT JOIN records r ON r.idx = c.idx WHERE r.idx IS NULL'), `${label}: code rows without a record`).toBe(0);
    expect(count('SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_codes c WHERE c.idx = r.idx)'), `${label}: records without their code rows`).toBe(0);
    const stored = db.prepare('SELECT root_hash FROM checkpoints WHERE size = ?').pluck();
    for (const [oldSize, oldRoot] of seenCheckpoints) {
      if (oldSize === 0) continue;
      const row = stored.get(oldSize) as Buffer | undefined;
      expect(row && sameBytes(row, oldRoot), `${label}: the database has no checkpoint of size ${oldSize} as it was served`).toBe(true);
    }
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'suyuan-crash-'));
  const chain = await exampleChain('food');
  const template = chain.records[0]!;
  expect(template['suyuan:previous']).toBeUndefined();
  const issuer = chain.issuerOf(template);
  const signing = (async () => {
    const base = Date.parse(template.eventTime as string);
    for (let start = 0; start < POOL_SIZE; start += 250) {
      const signed = await Promise.all(
        Array.from({ length: Math.min(250, POOL_SIZE - start) }, async (_, i) => {
          const n = start + i;
          const eventTime = new Date(base + 8 * 3600_000 + n * 1000).toISOString().replace('Z', '+08:00');
          return { n, ...(await sign({ ...template, eventTime } as TraceRecord, issuer)) };
        }),
      );
      for (const { n, jws, eventHash } of signed) pool.push({ n, jws, eventHash });
    }
  })();
  server = await start();
  verifierKey = server.verifierKey;
  verifier = parseVerifierKey(verifierKey);
  expect(server.sequencing).toBe(true);
  const operator = readFileSync(join(dataDir, 'operator-token'), 'utf8').trim();
  expect(server.operatorToken, 'the operator token printed on first start is the one in <data>/operator-token').toBe(operator);
  const api = apiClient(server.url);
  const first = (await registerIssuers(api, operator, [issuer])).get(issuer.id)!;
  tokens = [first];
  while (tokens.length < SUBMITTERS) {
    const token = await api('POST', '/v1/tokens', { token: operator, json: { scopes: ['records:write'], issuer: issuer.id, label: `submitter ${tokens.length}` } });
    expect(token.status, token.text).toBe(201);
    tokens.push(token.body.token as string);
  }
  setupSize = Number((await api('GET', '/log/checkpoint')).text.split('\n')[1]);
  checkedSize = setupSize;
  await signing;
  expect(new Set(pool.map((record) => record.eventHash)).size, 'the pool records are distinct').toBe(POOL_SIZE);
  for (const record of pool) byJws.set(record.jws, record);
  fresh = [...pool];
}, 60_000);

afterAll(async () => {
  await killAllServers();
  expect(runningServers()).toBe(0);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('crash safety: SIGKILL in the middle of sustained ingest', () => {
  it('a second process on the same data directory serves reads only while the first sequences', async () => {
    const sequencer = server!;
    expect(lockText(), 'the sequencer lock names the sequencing process').toBe(`${sequencer.pid}\n`);
    const reader = await start();
    try {
      expect(reader.firstLine).toMatch(/read-only/);
      expect(reader.sequencing).toBe(false);
      expect(lockText(), 'a reader leaves the lock alone').toBe(`${sequencer.pid}\n`);
      const note = await (await fetch(`${reader.url}/log/checkpoint`)).text();
      expect(note, 'the reader serves the stored checkpoint').toBe(await (await fetch(`${sequencer.url}/log/checkpoint`)).text());
      const refused = await post(reader.url, tokens[0]!, [fresh[0]!]);
      const problem = (await refused.json()) as { code: string };
      expect(refused.status, 'the reader refuses writes').toBe(503);
      expect(problem.code).toBe('UNAVAILABLE');
    } finally {
      await reader.kill('SIGKILL');
    }
    expect(lockText(), 'killing the reader leaves the lock alone').toBe(`${sequencer.pid}\n`);
    const missing = await fetch(`${sequencer.url}/v1/records/${encodeURIComponent(fresh[0]!.eventHash)}`);
    await missing.arrayBuffer();
    expect(missing.status, 'the record sent to the reader was not logged').toBe(404);
  });

  it(
    `keeps every acknowledged record and one consistent history across ${ROUNDS} SIGKILLs`,
    async () => {
      const cutOffRecords = { present: 0, absent: 0 };
      for (let round = 1; round <= ROUNDS; round++) {
        const label = `round ${round} (seed ${SEED})`;
        const killed = server!;
        const answered = await ingestUntilKilled(killed);
        server = undefined;
        expect(problems, `${label}: answers during ingest`).toEqual([]);
        await checkAnswers(answered);
        expect(lockText(), `${label}: the killed process's lock file is left behind`).toBe(`${killed.pid}\n`);

        server = await start();
        expect(server.firstLine, `${label}: the restarted process takes over the dead process's lock and sequences`).not.toMatch(/read-only/);
        expect(server.sequencing).toBe(true);
        expect(lockText()).toBe(`${server.pid}\n`);
        const { present, absent } = await verifyLog(server, label);
        cutOffRecords.present += present;
        cutOffRecords.absent += absent;
        rounds.at(-1)!.sizeAfter = checkedSize;
      }
      const cutOff = rounds.reduce((sum, r) => sum + r.cutOff, 0);
      expect(cutOff, 'some requests were in flight when the server was killed').toBeGreaterThan(0);
      expect(rounds.every((r) => r.acknowledged > 0), 'every round acknowledged records before the kill').toBe(true);
      console.info(
        `crash test (seed ${SEED}): ${ROUNDS} SIGKILLs; per round acknowledged/cut-off requests/in flight at kill/kill after ms/size: ` +
          rounds.map((r) => `${r.acknowledged}/${r.cutOff}/${r.inFlightAtKill}/${r.killedAfterMs}/${r.sizeAfter}`).join(', ') +
          `; ${acknowledged.size} records acknowledged, of the records in cut-off requests ${cutOffRecords.present} were found logged and ${cutOffRecords.absent} absent, ${seenCheckpoints.size} checkpoints seen` +
          (rounds.some((r) => r.rateLimited > 0) ? `, ${rounds.reduce((s, r) => s + r.rateLimited, 0)} batches rate-limited` : ''),
      );
    },
    120_000,
  );

  it('takes every record sent again: accepted or duplicate at its first index, never an error; a clean stop keeps it all', async () => {
    const target = server!;
    const answered: Answered[] = [];
    // Everything ever sent: acknowledged, cut off and found logged, cut off and found absent.
    const again = pool.filter((record) => sent.has(record));
    for (let start = 0; start < again.length; start += 500) {
      const batch = again.slice(start, start + 500);
      const response = await post(target.url, tokens[(start / 500) % tokens.length]!, batch);
      const text = await response.text();
      expect(response.status, text.slice(0, 300)).toBe(200);
      book(batch, JSON.parse(text) as { results?: unknown }, answered);
    }
    expect(problems).toEqual([]);
    await checkAnswers(answered);
    expect(logged.size).toBe(again.length);
    expect(again.every((record) => acknowledged.has(record.eventHash)), 'every record sent is acknowledged now').toBe(true);

    // A clean stop (SIGTERM) releases the lock and keeps the same checkpoint.
    const before = await (await fetch(`${target.url}/log/checkpoint`)).text();
    const exit = await target.kill('SIGTERM');
    expect(exit.code).toBe(0);
    expect(lockText(), 'a clean stop removes the lock file').toBeUndefined();
    server = await start();
    expect(server.sequencing).toBe(true);
    expect(await (await fetch(`${server.url}/log/checkpoint`)).text()).toBe(before);
    await verifyLog(server, 'final');
    expect(checkedSize).toBe(setupSize + again.length);
    console.info(`crash test (seed ${SEED}): final log size ${checkedSize}: all ${again.length} records sent are logged once; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 60_000);
});
