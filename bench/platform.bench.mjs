// Platform ingest throughput: sustained `POST /v1/records` of signed records (verification, category
// profile, log append in one durable transaction per group of requests, an inclusion proof per record)
// from a client in another process, beside a verify-only loop (raw node:crypto Ed25519 verify on the
// same JWS signing inputs, on both cores) measured in the same run.
//
// Target (issue "platform"): at least 3,000 records/s on SQLite on this 2-core machine, with the ratio
// to the verify-only rate reported (verification parallelises, the log append does not); the same on
// PostgreSQL; server memory at 1,000,000 records. Printed as met / NOT met; it never fails a build.
//
//   node bench/platform.bench.mjs              SQLite, then PostgreSQL when reachable (≈ 1–2 minutes)
//   node bench/platform.bench.mjs --million    1,000,000 records into SQLite: server RSS at 0, 250k,
//                                              500k, 750k and 1M records and the rate along the way
//                                              (pre-signs 1M records first: ≈ 1.7 GB of temporary
//                                              files, 3 GB of database; ≈ 15 minutes on 2 cores)
//   node bench/platform.bench.mjs --profile    as the default run, with each server under
//                                              `node --cpu-prof`: prints where the server's CPU time
//                                              goes in the window and keeps the .cpuprofile files
//   --no-postgres                              skips PostgreSQL
//   --records=N                                pre-signs N records instead (default 100,000; 1,000,000
//                                              with --million)
//
// The packages are used BUILT (packages/core/dist, packages/platform/dist): `pnpm run bench` builds them.
//
// How it runs (one file, several roles chosen by SUYUAN_BENCH_ROLE / workerData.role):
// - the records: heads of core's example chains (no `suyuan:previous`), one issuer per category, each
//   record made distinct by its eventTime (+1 s per record); pre-signed with `signRecord` (Ed25519) in
//   two worker threads before anything is measured, written as ready request bodies of BATCH records;
// - the server: a child process running the built platform (`createPlatform` + `startServer`, default
//   HTTP limits; SQLite in a temporary data directory, or PostgreSQL in a fresh schema dropped
//   afterwards); it answers the parent's IPC questions with `process.memoryUsage()` and `process.cpuUsage()`;
// - the client: another child process posting the bodies over keep-alive HTTP, INFLIGHT requests in
//   flight, each with its issuer's records:write token; after WARMUP_MS it measures WINDOW_MS and
//   counts the records answered `accepted`;
// - the baseline: `crypto.verify(null, signingInput, publicKey, signature)` in one, then two worker
//   threads at once, on signing inputs of the same pre-signed records, measured just before each backend.
import { fork } from 'node:child_process';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const SELF = fileURLToPath(import.meta.url);
const CORE = new URL('../packages/core/dist/index.js', import.meta.url).href;
const PLATFORM = new URL('../packages/platform/dist/index.js', import.meta.url).href;
const PLATFORM_DIR = fileURLToPath(new URL('../packages/platform/', import.meta.url));

const TARGET = 3000; // records/s on SQLite
const BATCH = 500; // records per request
const INFLIGHT = 3; // requests in flight
const WARMUP_MS = 3000;
const WINDOW_MS = 12_000;
const DEFAULT_RECORDS = 100_000; // enough for warm-up + window up to ≈ 6,500 records/s
const MILLION = 1_000_000;
const SIGNERS = 2; // worker threads pre-signing
const VERIFY_MS = 2000;
const POSTGRES_URL = process.env.SUYUAN_TEST_POSTGRES_URL ?? 'postgres://suyuan:suyuan@127.0.0.1:5432/suyuan_test';

const now = () => performance.now();
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

// ---------------------------------------------------------------------------------------------------
// The parent: pre-signing, baseline, the runs, the report.

async function main(argv) {
  const million = argv.includes('--million');
  const profile = argv.includes('--profile');
  const withPostgres = !argv.includes('--no-postgres') && !million;
  const core = await import(CORE);
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-platform-bench-'));
  // Interrupted (a long --million run): the temporary files go too; the children die with the group.
  const interrupted = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    // One issuer per category, signing the head of its example chain.
    const issuers = [];
    for (const chain of core.exampleChains()) {
      const record = chain.records.find((r) => !r['suyuan:previous']);
      const party = record['suyuan:parties'][0];
      const key = await core.generateSigningKey('EdDSA', { extractable: true });
      issuers.push({ id: party.uscc ? `uscc:${party.uscc}` : `gln:${party.gln}`, category: chain.category, record, key, privateJwk: await core.exportSigningKeyJwk(key) });
    }

    const asked = argv.find((a) => a.startsWith('--records='));
    const total = asked ? Number(asked.slice('--records='.length)) : million ? MILLION : DEFAULT_RECORDS;
    const batches = Math.ceil(total / BATCH);
    const signStart = now();
    process.stdout.write(`\nPlatform ingest: pre-signing ${fmt(total)} records (Ed25519, ${issuers.length} issuers, ${SIGNERS} worker threads)… `);
    const signed = await Promise.all(
      Array.from({ length: SIGNERS }, (_, w) =>
        runWorker({
          role: 'sign',
          file: join(dir, `batches-${w}.txt`),
          worker: w,
          workers: SIGNERS,
          batches,
          total,
          issuers: issuers.map((i) => ({ id: i.id, record: i.record, privateJwk: i.privateJwk })),
        }),
      ),
    );
    const signSeconds = (now() - signStart) / 1000;
    console.log(`${signSeconds.toFixed(1)} s (${fmt(total / signSeconds)} records/s)`);
    const files = signed.map((s) => s.file);
    const samples = signed.flatMap((s) => s.samples);
    const jwsBytes = signed.reduce((sum, s) => sum + s.bytes, 0) / total;

    const runs = [];
    const backends = [{ name: 'SQLite', backend: 'sqlite' }];
    if (withPostgres) backends.push({ name: 'PostgreSQL', backend: 'postgres' });
    for (const b of backends) {
      let schema;
      if (b.backend === 'postgres') {
        schema = await createPostgresSchema();
        if (!schema.ok) {
          runs.push({ ...b, skipped: schema.reason });
          continue;
        }
      }
      try {
        const verify = million ? undefined : await verifyOnly(samples);
        const run = await ingestRun({ backend: b.backend, dir, files, issuers, million, total, profile, schema: schema?.name });
        runs.push({ ...b, verify, run });
      } catch (error) {
        // A broken run is an error (not a missed target): reported, and the exit code says so.
        runs.push({ ...b, failed: String(error?.stack ?? error) });
        process.exitCode = 1;
      } finally {
        await schema?.drop();
      }
    }
    report({ runs, million, total, jwsBytes, issuers });
  } finally {
    process.off('SIGINT', interrupted);
    rmSync(dir, { recursive: true, force: true });
  }
}

function runWorker(data) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SELF, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`${data.role} worker exited with ${code}`)));
  });
}

/** Verify-only rate: raw Ed25519 crypto.verify on one core, then on two worker threads at once. */
async function verifyOnly(samples) {
  const one = await runWorker({ role: 'verify', samples, ms: VERIFY_MS });
  const two = await Promise.all([0, 1].map(() => runWorker({ role: 'verify', samples, ms: VERIFY_MS })));
  return { one: one.rate, two: two.reduce((sum, r) => sum + r.rate, 0) };
}

/** One backend: server child, issuers and tokens over the API, client child, server figures. */
async function ingestRun({ backend, dir, files, issuers, million, total, profile, schema }) {
  const dataDir = mkdtempSync(join(dir, `${backend}-`));
  const profileDir = profile ? mkdtempSync(join(tmpdir(), 'suyuan-platform-profile-')) : undefined;
  const server = await startServerChild({ dataDir, backend, schema, profileDir });
  let client;
  try {
    const tokens = [];
    for (const issuer of issuers) tokens.push(await registerIssuer(server.url, server.operatorToken, issuer));
    const memory = [{ records: 0, accepted: 0, ...(await server.stats()) }];
    const thresholds = million ? [...new Set([...range(100_000, total, 100_000), ...range(250_000, total, 250_000)])].sort((a, b) => a - b) : [];
    const marks = {};
    client = forkRole('client', {
      SUYUAN_BENCH_CLIENT: JSON.stringify({ url: server.url, tokens, files, inflight: INFLIGHT, warmupMs: million ? 0 : WARMUP_MS, windowMs: million ? 0 : WINDOW_MS }),
    });
    let sampling = Promise.resolve();
    const summary = await new Promise((resolve, reject) => {
      client.on('message', (m) => {
        if (m.type === 'window-start' || m.type === 'window-end') {
          sampling = sampling.then(async () => (marks[m.type] = await server.stats()));
        } else if (m.type === 'progress') {
          memory[0].t ??= m.t0;
          if (thresholds.length > 0 && m.accepted >= thresholds[0]) {
            const records = thresholds.shift();
            sampling = sampling.then(async () => {
              const previous = memory.at(-1);
              const stats = await server.stats();
              memory.push({ records, accepted: m.accepted, t: m.t, ...stats });
              const rate = ((m.accepted - previous.accepted) / (m.t - previous.t)) * 1000;
              console.log(`  ${fmt(m.accepted).padStart(9)} accepted after ${((m.t - memory[0].t) / 1000).toFixed(0).padStart(4)} s: ${fmt(rate).padStart(5)} records/s since ${fmt(previous.accepted)}; server RSS ${mib(stats.rss)}, heap used ${mib(stats.heapUsed)}`);
            });
          }
        } else if (m.type === 'rejected') {
          console.log(`  (a record was rejected: ${m.error})`);
        } else if (m.type === 'done') resolve(m);
      });
      client.once('exit', (code) => code !== 0 && reject(new Error(`client exited with ${code}`)));
      client.once('error', reject);
    });
    await sampling;
    const end = await server.stats();
    let dbBytes = 0;
    for (const name of readdirSync(dataDir)) dbBytes += statSync(join(dataDir, name)).size;
    return { summary, memory, marks, end, dbBytes, total, profile: undefined, ...(await server.stop(profileDir)) };
  } finally {
    client?.kill();
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function forkRole(name, env, execArgv = []) {
  return fork(SELF, [], { env: { ...process.env, ...env, SUYUAN_BENCH_ROLE: name }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

async function startServerChild({ dataDir, backend, schema, profileDir }) {
  const child = forkRole(
    'server',
    { SUYUAN_BENCH_SERVER: JSON.stringify({ dataDir, backend, postgres: POSTGRES_URL, schema }) },
    profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  );
  const waiting = new Map();
  let seq = 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = await new Promise((resolve, reject) => {
    child.on('message', (m) => {
      if (m.type === 'ready') resolve(m);
      else if (m.type === 'error') reject(new Error(`server: ${m.error}`));
      else if (m.type === 'stats') {
        waiting.get(m.id)?.resolve(m.stats);
        waiting.delete(m.id);
      }
    });
    child.once('exit', (code) => {
      const error = new Error(`server exited with ${code}`);
      reject(error);
      for (const wait of waiting.values()) wait.reject(error);
      waiting.clear();
    });
  });
  let stopping;
  return {
    url: ready.url,
    operatorToken: ready.operatorToken,
    stats() {
      const id = ++seq;
      return new Promise((resolve, reject) => {
        if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}`));
        waiting.set(id, { resolve, reject });
        child.send({ type: 'stats', id });
      });
    },
    stop(dirForProfile) {
      stopping ??= (async () => {
        if (child.exitCode === null) child.send({ type: 'stop' });
        await exited;
        if (!dirForProfile) return {};
        const file = readdirSync(dirForProfile).find((name) => name.endsWith('.cpuprofile'));
        return file ? { profile: join(dirForProfile, file) } : {};
      })();
      return stopping;
    },
  };
}

async function api(url, token, method, path, json) {
  const response = await fetch(new URL(path, url), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });
  const body = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function registerIssuer(url, operator, issuer) {
  await api(url, operator, 'POST', '/v1/issuers', { id: issuer.id, name: `Bench ${issuer.id}`, roles: ['producer'], categories: [issuer.category] });
  await api(url, operator, 'POST', `/v1/issuers/${issuer.id}/keys`, { jwk: issuer.key.publicJwk });
  return (await api(url, operator, 'POST', '/v1/tokens', { scopes: ['records:write'], issuer: issuer.id, label: 'bench' })).token;
}

function loadPg() {
  return createRequire(join(PLATFORM_DIR, 'package.json'))('pg');
}

/** A fresh schema in the PostgreSQL database, or why there is none. */
async function createPostgresSchema() {
  const pg = loadPg();
  const name = `bench_${Date.now().toString(36)}_${process.pid}`;
  const sql = async (text) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(text);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  try {
    await sql(`CREATE SCHEMA "${name}"`);
  } catch (error) {
    return { ok: false, reason: `PostgreSQL not reachable at ${redact(POSTGRES_URL)} (${error.message}); set SUYUAN_TEST_POSTGRES_URL or run scripts/test-services.sh` };
  }
  return { ok: true, name, drop: () => sql(`DROP SCHEMA IF EXISTS "${name}" CASCADE`).catch(() => undefined) };
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

// ---------------------------------------------------------------------------------------------------
// The report.

function report({ runs, million, total, jwsBytes, issuers }) {
  const title = million
    ? `Platform ingest, ${fmt(total)} records into SQLite: server memory and rate along the way`
    : `Platform ingest, sustained (client in another process: ${BATCH} records/request, ${INFLIGHT} in flight, ${WARMUP_MS / 1000} s warm-up, ${WINDOW_MS / 1000} s window)`;
  console.log(`\n${title}`);
  console.log(`  records: heads of ${issuers.length} example chains, Ed25519, signed record ≈ ${fmt(jwsBytes)} bytes; one durable transaction per group of requests`);
  for (const r of runs) {
    if (r.skipped) {
      console.log(`\n  ${r.name}: skipped — ${r.skipped}`);
      continue;
    }
    if (r.failed) {
      console.log(`\n  ${r.name}: FAILED — ${r.failed}`);
      continue;
    }
    const { summary: s, marks, memory, end } = r.run;
    console.log(`\n  ${r.name}`);
    if (s.firstError) console.log(`    NOTE: records were rejected (${fmt(s.rejected)}), first: ${s.firstError}`);
    if (million) {
      const shown = memory.filter((m) => m.records % 250_000 === 0);
      const rows = shown.map((m, i) => {
        const prev = shown[i - 1];
        const segment = prev ? ((m.accepted - prev.accepted) / (m.t - prev.t)) * 1000 : undefined;
        return `    ${fmt(m.records).padStart(9)} records (log ${fmt(m.logSize).padStart(9)}): RSS ${mib(m.rss).padStart(9)}, heap used ${mib(m.heapUsed).padStart(8)}, external ${mib(m.external).padStart(7)}${segment ? `   ingest ${fmt(segment).padStart(6)} records/s since ${fmt(prev.records)}` : ''}`;
      });
      console.log(rows.join('\n'));
      console.log(`    overall: ${fmt(s.accepted)} accepted in ${(s.elapsedMs / 1000).toFixed(0)} s = ${fmt(s.overallRate)} records/s; database ${mib(r.run.dbBytes)}; server CPU ${pct(end.cpu, memory[0].cpu, s.elapsedMs)} of one core`);
      if (s.accepted < total) console.log(`    NOTE: only ${fmt(s.accepted)} of ${fmt(total)} records were accepted`);
    } else {
      const v = r.verify;
      const [ws, we] = [marks['window-start'], marks['window-end']];
      const serverCpu = ws && we ? pct(we.cpu, ws.cpu, we.uptimeMs - ws.uptimeMs) : 'n/a';
      // Records per second of server CPU (all its threads): less sensitive to other load on the machine.
      const perCpuSecond = ws && we ? (s.rate * ((we.uptimeMs - ws.uptimeMs) / 1000)) / ((we.cpu.user + we.cpu.system - ws.cpu.user - ws.cpu.system) / 1e6) : NaN;
      console.log(`    verify-only, raw node:crypto Ed25519 verify, 1 core     ${fmt(v.one).padStart(8)} records/s`);
      console.log(`    verify-only, raw node:crypto Ed25519 verify, 2 cores    ${fmt(v.two).padStart(8)} records/s  (baseline)`);
      console.log(`    ingest: POST /v1/records, accepted and durable          ${fmt(s.rate).padStart(8)} records/s  ${(s.rate / v.two).toFixed(3)}× the 2-core verify-only rate, ${(s.rate / v.one).toFixed(3)}× the 1-core one`);
      console.log(`      window ${(s.windowMs / 1000).toFixed(1)} s, ${fmt(s.windowRecords)} records in ${s.windowRequests} requests; request latency p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms; server CPU ${serverCpu} of one core (≈ ${fmt(perCpuSecond)} records per server CPU-second), client CPU ${s.clientCpu}`);
      console.log(`      server RSS ${mib(memory[0].rss)} before, ${mib(end.rss)} after ${fmt(end.logSize)} log entries`);
      if (s.ranOut) console.log(`      NOTE: the pre-signed records ran out before the window ended; the window is shorter`);
      if (r.backend === 'sqlite') console.log(`    target ≥ ${fmt(TARGET)} records/s on SQLite: ${s.rate >= TARGET ? 'met' : 'NOT met'}`);
      else console.log(`    (the same ${fmt(TARGET)} records/s on PostgreSQL: ${s.rate >= TARGET ? 'met' : 'NOT met'})`);
    }
    if (r.run.profile) {
      const from = marks['window-start']?.hrMicros;
      const to = marks['window-end']?.hrMicros;
      printProfile(r.run.profile, from && to ? { from, to } : undefined);
    }
  }
  console.log('');
}

function range(from, to, step) {
  const values = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

function pct(cpu, from, ms) {
  const used = (cpu.user + cpu.system - from.user - from.system) / 1000;
  return `${Math.round((used / ms) * 100)}%`;
}

// ---------------------------------------------------------------------------------------------------
// CPU profile of the server (--profile): where the time goes.

/**
 * Each sample of the measurement window goes to the first part below (in this order) whose test
 * matches its stack (frames from leaf to root: { name, url }); V8's sample timestamps and the
 * server's `process.hrtime` are the same monotonic clock, so the window is cut out exactly.
 */
const has = (stack, name, url) => stack.some((f) => f.name === name && (url === undefined || url.test(f.url)));
const below = (stack, inner, outer) => {
  const i = stack.findIndex((f) => f.name === inner && PLATFORM_URL.test(f.url));
  const o = stack.findIndex((f) => f.name === outer && PLATFORM_URL.test(f.url));
  return i >= 0 && o > i;
};
const PLATFORM_URL = /packages\/platform\/dist\//;
const CORE_URL = /packages\/core\/dist\//;
const PARTS = [
  ['verification: Ed25519 signature (node:crypto verify)', (s) => has(s, 'verifyOneShot') || has(s, 'verify', /crypto\/sig/)],
  ['verification: record validation, twice (parseExactRecord: zod record schema, GS1 checks)', (s) => has(s, 'parseExactRecord', CORE_URL)],
  ['verification: event hash recomputed (recordEventHash)', (s) => has(s, 'recordEventHash', CORE_URL)],
  ['verification: canonical-JSON check and copies (isCanonicalJson, copyJson)', (s) => has(s, 'isCanonicalJson', CORE_URL) || has(s, 'copyJson', CORE_URL)],
  ['verification: JWS split + base64url decode, twice (splitCompactJws: ingest iss check, verifyRecord)', (s) => has(s, 'splitCompactJws', CORE_URL)],
  ['verification: rest of verifyRecord (header checks, key resolution, JSON.parse)', (s) => has(s, 'verifySignedRecord', CORE_URL) || has(s, 'verifyRecord', CORE_URL) || has(s, 'discloseRecord', CORE_URL) || has(s, 'checkJwsSignature', CORE_URL)],
  ['category profile check (checkProfile)', (s) => has(s, 'checkProfile', CORE_URL)],
  ['record codes for the index (recordCodes)', (s) => has(s, 'recordCodes', PLATFORM_URL)],
  ['request body: read, UTF-8, JSON.parse, zod batch schema (readJson)', (s) => has(s, 'readJson', PLATFORM_URL)],
  ['request body: zod batch schema again (RecordBatchSchema.parse in submit)', (s) => s.some((f) => /\/zod\//.test(f.url)) && has(s, 'submit', PLATFORM_URL)],
  ['duplicate / chain lookups (recordsByEventHash)', (s) => has(s, 'recordsByEventHash', PLATFORM_URL)],
  ['inclusion proofs: stored-hash reads (readHashes per record: SQLite one SELECT per hash; PostgreSQL one query per proof)', (s) => has(s, 'proveInclusion', PLATFORM_URL) && has(s, 'readHashes', PLATFORM_URL)],
  ['inclusion proofs: path computation (proveInclusion)', (s) => has(s, 'proveInclusion', PLATFORM_URL)],
  ['inclusion proofs: bundle text (formatProofBundle, base64)', (s) => has(s, 'formatProofBundle', CORE_URL)],
  ['log append: Merkle tree (appendLeaves, leafHash)', (s) => has(s, 'appendLeaves', PLATFORM_URL) || has(s, 'leafHash', CORE_URL)],
  ['log append: checkpoint signature (signCheckpoint)', (s) => has(s, 'signCheckpoint', CORE_URL)],
  ['log append: store transaction and commit (store.append)', (s) => below(s, 'append', 'commit') || has(s, 'sqliteTransaction') || has(s, 'writeBatch', PLATFORM_URL)],
  ['log append: sequencer, other (commit, drain)', (s) => has(s, 'commit', PLATFORM_URL) || has(s, 'drain', PLATFORM_URL)],
  ['PostgreSQL client (pg: queries written and answers parsed, mostly the one proof query per record)', (s) => s.some((f) => /node_modules\/(\.pnpm\/)?pg|pg-protocol|pg-pool/.test(f.url))],
  ['ingest, other (IngestService.submit/check)', (s) => has(s, 'submit', PLATFORM_URL) || has(s, 'check', PLATFORM_URL)],
  ['response: JSON.stringify and socket write (node-server)', (s) => has(s, 'stringify') || has(s, 'responseViaResponseObject') || has(s, 'responseViaCache') || has(s, 'json', /hono/)],
  ['HTTP: parsing, routing, auth (node:http, node-server, Hono)', (s) => s.some((f) => /hono|node-server|_http_|node:net|stream/.test(f.url)) || has(s, 'authenticate', PLATFORM_URL)],
  ['garbage collector', (s) => s[0].name === '(garbage collector)'],
  ['(idle)', (s) => s[0].name === '(idle)'],
];

function printProfile(file, window) {
  const { parts, total, busy, ms, windowed } = profileBreakdown(file, window);
  console.log(`\n    Where the server's CPU time goes (node --cpu-prof, ${windowed ? 'measurement window' : 'whole run'}: ${fmt(total)} samples over ${(ms / 1000).toFixed(1)} s; % of busy samples, i.e. not idle):`);
  for (const [name, samples] of parts.sort((a, b) => b[1] - a[1])) {
    if (name === '(idle)' || samples / busy < 0.002) continue;
    console.log(`      ${((samples / busy) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
  console.log(`      (idle: ${(((total - busy) / total) * 100).toFixed(1)}% of all samples)`);
  console.log(`    profile kept: ${file}`);
}

function profileBreakdown(file, window) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOf = new Map();
  const part = (id) => {
    if (!partOf.has(id)) {
      const stack = [];
      for (let at = id; at !== undefined; at = parent.get(at)) stack.push({ name: byId.get(at).callFrame.functionName, url: byId.get(at).callFrame.url });
      partOf.set(id, PARTS.find(([, test]) => test(stack))?.[0] ?? 'other');
    }
    return partOf.get(id);
  };
  let t = profile.startTime;
  const inWindow = [];
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    if (!window || (t >= window.from && t <= window.to)) inWindow.push(id);
  });
  const windowed = window !== undefined && inWindow.length > 100;
  const samples = windowed ? inWindow : profile.samples;
  const counts = new Map();
  for (const id of samples) counts.set(part(id), (counts.get(part(id)) ?? 0) + 1);
  const ms = windowed ? (window.to - window.from) / 1000 : (profile.endTime - profile.startTime) / 1000;
  return { parts: [...counts], total: samples.length, busy: samples.length - (counts.get('(idle)') ?? 0), ms, windowed };
}

// ---------------------------------------------------------------------------------------------------
// Workers and children.

/** Pre-signs its share of the batches (batch b goes to worker b % workers) into ready request bodies. */
async function signWorker({ file, worker, workers, batches, total, issuers }) {
  const core = await import(CORE);
  const keys = await Promise.all(issuers.map((i) => core.importSigningKey(i.privateJwk)));
  const base = issuers.map((i) => Date.parse(i.record.eventTime));
  const offset = issuers.map((i) => i.record.eventTime.slice(-6)); // '+08:00'
  const fd = openSync(file, 'w');
  const samples = [];
  let bytes = 0;
  try {
    for (let b = worker; b < batches; b += workers) {
      const k = b % issuers.length;
      const [sign, hours, minutes] = [offset[k][0] === '-' ? -1 : 1, Number(offset[k].slice(1, 3)), Number(offset[k].slice(4, 6))];
      const shift = sign * (hours * 60 + minutes) * 60_000;
      const records = [];
      for (let n = b * BATCH; n < Math.min(total, (b + 1) * BATCH); n++) {
        // Distinct records: eventTime moves on by a second per record (local time in the record's offset).
        const eventTime = new Date(base[k] + n * 1000 + shift).toISOString().replace('Z', offset[k]);
        const signed = await core.signRecord({ ...issuers[k].record, eventTime }, keys[k], { issuer: issuers[k].id });
        records.push({ jws: signed.jws });
        bytes += signed.jws.length;
        if (samples.length < 512 && n % 7 === 0) samples.push({ jws: signed.jws, jwk: keys[k].publicJwk });
      }
      writeSync(fd, `${k}\t${JSON.stringify({ records })}\n`);
    }
  } finally {
    closeSync(fd);
  }
  parentPort.postMessage({ file, samples, bytes });
}

/** Raw node:crypto Ed25519 verify in a loop for `ms`: records/s. */
function verifyWorker({ samples, ms }) {
  const cases = samples.map(({ jws, jwk }) => {
    const [header, payload, signature] = jws.split('.');
    return { input: Buffer.from(`${header}.${payload}`, 'ascii'), signature: Buffer.from(signature, 'base64url'), key: createPublicKey({ key: jwk, format: 'jwk' }) };
  });
  for (const c of cases) if (!verifyRaw(c)) throw new Error('a pre-signed record does not verify');
  const run = (duration) => {
    let ops = 0;
    const start = now();
    let elapsed = 0;
    while (elapsed < duration) {
      for (let k = 0; k < 64; k++) if (verifyRaw(cases[ops++ % cases.length])) continue;
      elapsed = now() - start;
    }
    return (ops / elapsed) * 1000;
  };
  run(ms / 4);
  parentPort.postMessage({ rate: run(ms) });
}

function verifyRaw(c) {
  return cryptoVerify(null, c.input, c.key, c.signature);
}

/** The server child: the built platform on a loopback port; answers IPC questions about itself. */
async function serverProcess({ dataDir, backend, postgres, schema }) {
  try {
    const { createPlatform, startServer, openPostgresStore } = await import(PLATFORM);
    const store = backend === 'postgres' ? await openPostgresStore({ connectionString: postgres, schema }) : undefined;
    const platform = await createPlatform({ dataDir, ...(store ? { store } : {}) });
    const server = await startServer(platform, { port: 0 });
    const started = now();
    process.on('message', async (m) => {
      if (m.type === 'stats') {
        const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
        process.send({ type: 'stats', id: m.id, stats: { rss, heapUsed, heapTotal, external, arrayBuffers, cpu: process.cpuUsage(), hrMicros: Number(process.hrtime.bigint() / 1000n), logSize: platform.sequencer.checkpoint.size, uptimeMs: now() - started } });
      } else if (m.type === 'stop') {
        await server.close();
        await store?.close();
        process.exit(0);
      }
    });
    process.on('disconnect', () => process.exit(0));
    process.send({ type: 'ready', url: server.url, operatorToken: platform.operatorToken });
  } catch (error) {
    process.send({ type: 'error', error: String(error?.stack ?? error) });
    process.exit(1);
  }
}

/** The client child: posts the pre-signed bodies, INFLIGHT at a time, and measures. */
async function clientProcess({ url, tokens, files, inflight, warmupMs, windowMs }) {
  process.on('disconnect', () => process.exit(0));
  const agent = new http.Agent({ keepAlive: true, maxSockets: inflight });
  const { hostname, port } = new URL(url);
  const lines = files.map((file) => createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })[Symbol.asyncIterator]());
  let turn = 0;
  const nextBody = async () => {
    for (let tries = 0; tries < lines.length; tries++) {
      const it = lines[turn++ % lines.length];
      const { value, done } = await it.next();
      if (!done && value) return value;
    }
    return undefined;
  };
  const post = (token, body) =>
    new Promise((resolve, reject) => {
      const request = http.request({ agent, hostname, port, method: 'POST', path: '/v1/records', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });

  const t0 = now();
  const cpu0 = process.cpuUsage();
  const timed = windowMs > 0;
  const events = []; // { t, accepted, latency }
  let stop = false;
  let accepted = 0;
  let rejected = 0;
  let duplicate = 0;
  let firstError;
  let ranOut = false;
  let cpuWindow;
  let windowState = 'before';
  const endWindow = () => {
    if (windowState !== 'open') return;
    windowState = 'closed';
    cpuWindow = process.cpuUsage(cpuWindow);
    process.send({ type: 'window-end' });
  };
  const timers = [];
  if (timed) {
    timers.push(
      setTimeout(() => {
        windowState = 'open';
        cpuWindow = process.cpuUsage();
        process.send({ type: 'window-start' });
      }, warmupMs),
      setTimeout(() => {
        stop = true;
        endWindow();
      }, warmupMs + windowMs),
    );
  }
  const loop = async () => {
    while (!stop) {
      const line = await nextBody();
      if (line === undefined) {
        ranOut = true;
        return;
      }
      const tab = line.indexOf('\t');
      const token = tokens[Number(line.slice(0, tab))];
      const started = now();
      const { status, text } = await post(token, line.slice(tab + 1));
      const t = now();
      const counts = /^\{"accepted":(\d+),"duplicate":(\d+),"rejected":(\d+)/.exec(text);
      if (status !== 200 || !counts) throw new Error(`POST /v1/records answered ${status}: ${text.slice(0, 500)}`);
      const [a, d, r] = counts.slice(1).map(Number);
      accepted += a;
      duplicate += d;
      rejected += r;
      if (r > 0 && !firstError) {
        const item = JSON.parse(text).results.find((x) => x.status === 'rejected');
        firstError = `${item.error.code}: ${item.error.message}`;
        process.send({ type: 'rejected', error: firstError });
      }
      events.push({ t, accepted: a, latency: t - started });
      process.send({ type: 'progress', t, t0, accepted });
    }
  };
  await Promise.all(Array.from({ length: inflight }, loop));
  const elapsedMs = now() - t0;
  // Out of records before the window ended: the window ends here.
  endWindow();
  timers.forEach(clearTimeout);
  agent.destroy();

  let summary = { accepted, rejected, duplicate, firstError, ranOut, elapsedMs, overallRate: (accepted / elapsedMs) * 1000 };
  if (timed) {
    // Records answered between the first and the last response completed inside the window.
    const from = t0 + warmupMs;
    const inWindow = events.filter((e) => e.t >= from && e.t <= from + windowMs);
    const first = inWindow[0];
    const last = inWindow.at(-1);
    const windowRecords = inWindow.slice(1).reduce((sum, e) => sum + e.accepted, 0);
    const span = last && first && last.t > first.t ? last.t - first.t : NaN;
    const latencies = inWindow.map((e) => e.latency).sort((x, y) => x - y);
    const whole = process.cpuUsage(cpu0);
    const cpu = windowState === 'closed' && !ranOut ? `${Math.round(((cpuWindow.user + cpuWindow.system) / 1000 / windowMs) * 100)}% of one core` : `${Math.round(((whole.user + whole.system) / 1000 / elapsedMs) * 100)}% of one core (whole run)`;
    summary = {
      ...summary,
      rate: (windowRecords / span) * 1000,
      windowMs: span,
      windowRecords,
      windowRequests: inWindow.length - 1,
      p50: latencies[Math.floor(latencies.length / 2)] ?? NaN,
      p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN,
      clientCpu: cpu,
    };
  }
  process.send({ type: 'done', ...summary }, () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------------
// Which role this process or thread plays (last, so every constant above is initialised).

const role = isMainThread ? process.env.SUYUAN_BENCH_ROLE : workerData?.role;
if (role === 'sign') await signWorker(workerData);
else if (role === 'verify') verifyWorker(workerData);
else if (role === 'server') await serverProcess(JSON.parse(process.env.SUYUAN_BENCH_SERVER));
else if (role === 'client') await clientProcess(JSON.parse(process.env.SUYUAN_BENCH_CLIENT));
else await main(process.argv.slice(2));
