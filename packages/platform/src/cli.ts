#!/usr/bin/env node
/**
 * `suyuan-platform start` — runs a trace platform: SQLite in a data directory by default (created,
 * with the log key and an operator token, on first start), PostgreSQL with `--postgres`.
 * `suyuan-platform copy` — copies a stopped platform's SQLite store into an empty PostgreSQL schema.
 *
 *   suyuan-platform start [--data ./suyuan-data] [--port 8080] [--host 127.0.0.1]
 *                         [--origin suyuan.local/log] [--postgres postgres://… [--postgres-schema name]]
 *   suyuan-platform copy --data ./suyuan-data --postgres postgres://… [--postgres-schema name]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isSuyuanError, SuyuanError } from '@suyuan/core';
import { LOG_KEY_FILE, loadOrCreateLogKey } from './log/platform-key.js';
import { createPlatform, DEFAULT_ORIGIN, OPERATOR_TOKEN_FILE } from './platform.js';
import { startServer } from './server.js';
import { copyStore } from './store/copy.js';
import { openPostgresStore } from './store/postgres.js';
import { openSqliteStore } from './store/sqlite.js';

const USAGE = `Usage: suyuan-platform start [options]
       suyuan-platform copy --data <dir> --postgres <url> [--postgres-schema <name>] [--origin <name>]

  --data <dir>        data directory (log key, operator token, SQLite database)   default ./suyuan-data
  --port <n>          port to listen on (0: any free port)                         default 8080
  --host <address>    interface to listen on                                        default 127.0.0.1
  --origin <name>     the log's origin, fixed for its life                          default ${DEFAULT_ORIGIN}
  --postgres <url>    keep the log in PostgreSQL instead of SQLite
  --postgres-schema <name>  the PostgreSQL schema of this log                  default public

copy: moves a stopped platform's SQLite store (in --data) into an empty PostgreSQL schema; then
start with the same --data and --postgres.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string', default: './suyuan-data' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', default: DEFAULT_ORIGIN },
      postgres: { type: 'string' },
      'postgres-schema': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (positionals[0] !== 'start' && positionals[0] !== 'copy')) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (positionals[0] === 'copy') return copy(values.data, values.origin, values.postgres, values['postgres-schema']);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port is a port number (0–65535); got ${values.port}\n`);
    return 2;
  }
  const platform = await createPlatform({
    dataDir: values.data,
    origin: values.origin,
    ...(values.postgres ? { postgres: values.postgres } : {}),
    ...(values['postgres-schema'] ? { postgresSchema: values['postgres-schema'] } : {}),
  });
  const server = await startServer(platform, { port, host: values.host });
  const lines = [
    `Suyuan trace platform at ${server.url} (${platform.store.backend}${platform.sequencing ? '' : ', read-only: another process sequences the log'})`,
    `  log origin     ${platform.origin}`,
    `  log public key ${platform.verifierKey}${platform.createdLogKey ? '   (created now)' : ''}`,
    `  API            ${server.url}/openapi.json`,
    `  checkpoint     ${server.url}/log/checkpoint`,
  ];
  if (platform.operatorToken) lines.push(`  operator token ${platform.operatorToken}   (shown once; also in ${values.data}/${OPERATOR_TOKEN_FILE})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (signal: string) => {
    process.stdout.write(`${signal}: stopping…\n`);
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return -1;
}

/** `copy`: the SQLite store of a stopped platform into an empty PostgreSQL schema. */
async function copy(dataDir: string, origin: string, postgres: string | undefined, schema: string | undefined): Promise<number> {
  if (!postgres) {
    process.stderr.write('copy needs --postgres <url>: the PostgreSQL database to copy into.\n');
    return 2;
  }
  if (!existsSync(join(dataDir, LOG_KEY_FILE))) throw new SuyuanError('NOT_FOUND', `${dataDir} has no log key (${LOG_KEY_FILE}): is it a platform's data directory?`, {});
  const { signer } = await loadOrCreateLogKey(dataDir, origin);
  const from = await openSqliteStore({ dataDir });
  const to = await openPostgresStore({ connectionString: postgres, ...(schema ? { schema } : {}) }).catch(async (error: unknown) => {
    await from.close();
    throw error;
  });
  try {
    // Both locks: no platform may append to the source or start on the target while copying.
    if (!(await from.acquireSequencerLock())) throw new SuyuanError('UNAVAILABLE', 'A platform is running on this data directory: stop it before copying.', {});
    if (!(await to.acquireSequencerLock())) throw new SuyuanError('UNAVAILABLE', 'A platform is running on the target PostgreSQL schema.', {});
    const result = await copyStore(from, to, { signer, onProgress: ({ size, total }) => process.stdout.write(`\r  ${size} of ${total} log entries`) });
    process.stdout.write(`\nCopied ${result.size} log entries (${result.records} records), ${result.issuers} issuers and ${result.tokens} tokens into PostgreSQL${schema ? ` (schema ${schema})` : ''}.\nStart it with: suyuan-platform start --data ${dataDir} --postgres <url>${schema ? ` --postgres-schema ${schema}` : ''}\n`);
    return 0;
  } finally {
    await to.close();
    await from.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`suyuan-platform: ${isSuyuanError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
