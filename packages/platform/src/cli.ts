#!/usr/bin/env node
/**
 * `suyuan-platform start` — runs a trace platform: SQLite in a data directory by default (created,
 * with the log key and an operator token, on first start), PostgreSQL with `--postgres`.
 *
 *   suyuan-platform start [--data ./suyuan-data] [--port 8080] [--host 127.0.0.1]
 *                         [--origin suyuan.local/log] [--postgres postgres://… [--postgres-schema name]]
 */
import { parseArgs } from 'node:util';
import { isSuyuanError } from '@suyuan/core';
import { createPlatform, DEFAULT_ORIGIN, OPERATOR_TOKEN_FILE } from './platform.js';
import { startServer } from './server.js';

const USAGE = `Usage: suyuan-platform start [options]

  --data <dir>        data directory (log key, operator token, SQLite database)   default ./suyuan-data
  --port <n>          port to listen on (0: any free port)                         default 8080
  --host <address>    interface to listen on                                        default 127.0.0.1
  --origin <name>     the log's origin, fixed for its life                          default ${DEFAULT_ORIGIN}
  --postgres <url>    keep the log in PostgreSQL instead of SQLite
  --postgres-schema <name>  the PostgreSQL schema of this log                  default public
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
  if (values.help || positionals[0] !== 'start') {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
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

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`suyuan-platform: ${isSuyuanError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
