/**
 * Test harness of `crash.test.ts` (imported by it only): the platform's CLI as a child process —
 * started on a data directory, waited for until it listens, killed with any signal — and a reader
 * of the whole log through the C2SP tlog-tiles endpoints.
 *
 * Every child is tracked: `killAllServers` kills the ones still running (call it in `afterAll`),
 * and the test process SIGKILLs any left when it exits, so no server outlives its test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEntryBundle, formatTilePath, TILE_WIDTH } from './log/tiles.js';

/** The monorepo root (the CLI runs from there, so `tsx` and `@suyuan/core` resolve as in development). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(REPO_ROOT, 'packages/platform/src/cli.ts');

export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A platform server running in a child process. */
export interface ServerProcess {
  readonly pid: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The first line the CLI printed (`Suyuan trace platform at … (sqlite[, read-only: …])`). */
  readonly firstLine: string;
  /** Whether this process sequences the log (its first line does not say "read-only"). */
  readonly sequencing: boolean;
  /** The log's verifier key, as the CLI printed it. */
  readonly verifierKey: string;
  /** The operator token, when the CLI printed one (first start of a data directory). */
  readonly operatorToken?: string;
  /** Resolves when the process has exited (and was reaped). */
  readonly exited: Promise<ServerExit>;
  /** Everything the process wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Sends `signal` (default SIGKILL) unless the process is gone, and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<ServerExit>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `suyuan-platform start --data <dataDir> --port 0` (through `node --import tsx`) and
 * resolves once it listens: the CLI prints its banner only after the server is listening. Rejects,
 * with what the process wrote, when it exits first or is not up within `timeoutMs`.
 */
export function startServerProcess(dataDir: string, options: { timeoutMs?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--data', dataDir, '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<ServerExit>((resolveExit) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolveExit({ code, signal });
    });
  });
  const output = () => ({ stdout, stderr });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<ServerExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };

  return new Promise<ServerProcess>((resolveStart, rejectStart) => {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const fail = (why: string) => {
      cleanup();
      void kill('SIGKILL').then(() => rejectStart(new Error(`${why}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`)));
    };
    const timer = setTimeout(() => fail(`The platform on ${dataDir} did not start within ${timeoutMs} ms.`), timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`The platform on ${dataDir} exited (code ${code}, signal ${signal}) before it listened.`);
    const onData = () => {
      // The banner is one write; its "checkpoint" line comes after the listen address and the key.
      if (!/^ {2}checkpoint .*\n/m.test(stdout)) return;
      cleanup();
      const firstLine = stdout.split('\n', 1)[0]!;
      const started = /^Suyuan trace platform at (http:\/\/\S+) \(sqlite(, read-only[^)]*)?\)$/.exec(firstLine);
      const key = /^ {2}log public key (\S+)/m.exec(stdout);
      if (!started || !key) return fail(`Unexpected banner from the platform on ${dataDir}.`);
      const token = /^ {2}operator token (\S+)/m.exec(stdout);
      resolveStart({
        pid: child.pid!,
        url: started[1]!,
        firstLine,
        sequencing: started[2] === undefined,
        verifierKey: key[1]!,
        ...(token ? { operatorToken: token[1]! } : {}),
        exited,
        output,
        kill,
      });
    };
    function cleanup() {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.off('data', onData);
    }
    child.once('exit', onExit);
    child.stdout.on('data', onData);
  });
}

/** SIGKILLs every server process still running and waits until they are gone. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolveExit) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
          child.once('exit', () => resolveExit());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** The number of server processes started by this harness that are still running. */
export function runningServers(): number {
  return running.size;
}

/** GETs `url` and answers its status and bytes (throws when the transfer fails). */
async function getBytes(url: string): Promise<{ status: number; bytes: Uint8Array }> {
  const response = await fetch(url);
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * The first `size` entries of the log and the level-0 hash tiles beside them, read through the
 * tlog-tiles endpoints (`/log/tile/entries/<N>[.p/<W>]`, `/log/tile/0/<N>[.p/<W>]`): every full
 * bundle, then the partial one of the right edge.
 */
export async function readLogTiles(base: string, size: number): Promise<{ entries: Uint8Array[]; leafHashes: Uint8Array[] }> {
  const tiles: { index: number; width: number }[] = [];
  for (let index = 0; index * TILE_WIDTH < size; index++) tiles.push({ index, width: Math.min(TILE_WIDTH, size - index * TILE_WIDTH) });
  const read = await Promise.all(
    tiles.map(async ({ index, width }) => {
      const entriesPath = formatTilePath({ kind: 'entries', index, width });
      const hashesPath = formatTilePath({ kind: 'hash', level: 0, index, width });
      const [bundle, hashes] = await Promise.all([getBytes(`${base}/log/${entriesPath}`), getBytes(`${base}/log/${hashesPath}`)]);
      if (bundle.status !== 200 || hashes.status !== 200) throw new Error(`GET /log/${entriesPath} → ${bundle.status}, /log/${hashesPath} → ${hashes.status} in a tree of size ${size}`);
      const entries = decodeEntryBundle(bundle.bytes);
      if (entries.length !== width) throw new Error(`/log/${entriesPath} holds ${entries.length} entries, not ${width}`);
      if (hashes.bytes.length !== 32 * width) throw new Error(`/log/${hashesPath} is ${hashes.bytes.length} bytes, not ${32 * width}`);
      const leafHashes = Array.from({ length: width }, (_, i) => hashes.bytes.slice(32 * i, 32 * i + 32));
      return { entries, leafHashes };
    }),
  );
  return { entries: read.flatMap((tile) => tile.entries), leafHashes: read.flatMap((tile) => tile.leafHashes) };
}

/** Runs `work` over `items` with at most `limit` at a time; results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same kill times and batch sizes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));
