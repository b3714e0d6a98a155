/**
 * `@suyuan/platform`: the reference trace platform — issuers and keys, ingest of signed records,
 * an RFC 9162 tamper-evident log with C2SP checkpoints, proofs and tiles, on SQLite or PostgreSQL.
 */
export { createPlatform, readOperatorToken, DEFAULT_ORIGIN, OPERATOR_TOKEN_FILE } from './platform.js';
export type { Platform, PlatformOptions } from './platform.js';
export { startServer } from './server.js';
export type { RunningServer, ServeOptions } from './server.js';
export { createApp, DEFAULT_HTTP_LIMITS } from './http/app.js';
export type { HttpLimits, PlatformContext } from './http/app.js';
export { openApiDocument } from './http/openapi.js';
export { openSqliteStore } from './store/sqlite.js';
export { openPostgresStore } from './store/postgres.js';
export type * from './store/store.js';
export { Sequencer } from './log/sequencer.js';
export type { EntryOutcome, PendingEntry, SequencedStep, SequencerOptions } from './log/sequencer.js';
export { TOKEN_SCOPES, hashToken } from './auth/tokens.js';
