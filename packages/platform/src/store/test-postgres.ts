/**
 * Test helper for the PostgreSQL store: where the test database is, whether it answers, and fresh
 * throwaway schemas so suites (and files) run side by side without seeing each other's data.
 *
 * The database is `SUYUAN_TEST_POSTGRES_URL`, or the one `scripts/test-services.sh` provisions
 * (`postgres://suyuan:suyuan@127.0.0.1:5432/suyuan_test`). When it does not answer, suites are
 * skipped with a loud message, except under `CI=true` where that is an error.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the PostgreSQL tests use. */
export const TEST_POSTGRES_URL =
  process.env['SUYUAN_TEST_POSTGRES_URL'] ?? 'postgres://suyuan:suyuan@127.0.0.1:5432/suyuan_test';

/** Whether the database at `url` accepts a connection and answers a query within a few seconds. */
export async function postgresReachable(url: string = TEST_POSTGRES_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether the PostgreSQL suites can run. When the database does not answer: under `CI=true`
 * throws (nothing may be skipped there); otherwise warns loudly and resolves `false`.
 */
export async function postgresAvailableForTests(): Promise<boolean> {
  if (await postgresReachable()) return true;
  const unreachable = `PostgreSQL is not reachable at ${redact(TEST_POSTGRES_URL)}`;
  const fix = 'Run scripts/test-services.sh (as root) to install and start it, or set SUYUAN_TEST_POSTGRES_URL.';
  if (process.env['CI'] === 'true') {
    throw new Error(`${unreachable}, and CI=true refuses to skip the PostgreSQL store suites. ${fix}`);
  }
  console.warn(`\n!!! ${unreachable}: the PostgreSQL store suites are SKIPPED.\n!!! ${fix}\n`);
  return false;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable SUYUAN_TEST_POSTGRES_URL)';
  }
}

/** A fresh, unused schema name (`s_<random hex>`). */
export function randomSchemaName(): string {
  return `s_${randomBytes(8).toString('hex')}`;
}

/** A small pool for the tests' own SQL (schemas, inspection); it lets the process exit when idle. */
let adminPool: pg.Pool | undefined;

/** Runs `sql` (with bound `values`) on the test database. */
export async function runTestSql(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  if (adminPool === undefined) {
    adminPool = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 2, allowExitOnIdle: true });
    adminPool.on('error', () => undefined);
  }
  return adminPool.query(sql, values);
}

/** A throwaway schema in the test database: its name, and how to drop it with everything in it. */
export interface TestSchema {
  readonly schema: string;
  drop(): Promise<void>;
}

/** Creates a fresh schema for one test store; `drop` removes it (and is safe to call twice). */
export async function createTestSchema(): Promise<TestSchema> {
  const schema = randomSchemaName();
  await runTestSql(`CREATE SCHEMA "${schema}"`);
  return {
    schema,
    drop: async () => {
      await runTestSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}
