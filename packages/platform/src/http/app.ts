/**
 * The platform's HTTP API (Hono): issuers, keys and tokens for the operator, record ingest for
 * enterprises, records and log proofs for everyone, and the C2SP tlog-tiles read API under `/log/`.
 * `GET /openapi.json` describes all of it (OpenAPI 3.1); every error is an RFC 9457 problem.
 */
import { formatProofBundle, SuyuanError, type NoteSigner } from '@suyuan/core';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { authenticate, issueToken, requireScope, TokenInputSchema } from '../auth/tokens.js';
import { IngestService, RecordBatchSchema, type ItemResult } from '../ingest/ingest.js';
import { IssuerInputSchema, IssuerPatchSchema, IssuerService, jwksOf, KeyInputSchema, RevokeInputSchema } from '../issuers/issuers.js';
import type { KeyRegistry } from '../issuers/key-registry.js';
import { hashReader, type Sequencer } from '../log/sequencer.js';
import { decodeTileRequest, serveTile } from './tiles-route.js';
import { encodeProof, proveConsistency, proveInclusion } from '../log/tree.js';
import type { Store, TokenRow } from '../store/store.js';
import type { TraceService } from '../trace/trace-answer.js';
import { readJson } from './body.js';
import { openApiDocument } from './openapi.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { resolve, resolverDescription, RESOLVER_DESCRIPTION_PATH } from '../resolver/index.js';
import { platformLinkSource } from '../resolver/platform-links.js';
import { issuerView, keyView, recordView, tokenView } from './views.js';

export interface HttpLimits {
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Requests per token. */
  readonly requests: RateLimit;
  /** Records submitted per token. */
  readonly records: RateLimit;
  /** Record batches being read and checked at once, over all tokens (each holds its body in memory). */
  readonly concurrentIngest: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  requests: { burst: 200, perSecond: 100 },
  records: { burst: 20_000, perSecond: 10_000 },
  concurrentIngest: 8,
};

/** What the routes work with. */
export interface PlatformContext {
  readonly store: Store;
  readonly sequencer: Sequencer;
  readonly keys: KeyRegistry;
  readonly signer: NoteSigner;
  readonly issuers: IssuerService;
  readonly ingest: IngestService;
  readonly trace: TraceService;
  readonly limits: HttpLimits;
}

const LogIndex = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The Hono application of a platform. */
export function createApp(platform: PlatformContext): Hono {
  const app = new Hono();
  const requestLimiter = new RateLimiter(platform.limits.requests, 'requests');
  const recordLimiter = new RateLimiter(platform.limits.records, 'records');
  const { store, issuers } = platform;

  /** The authenticated token of a request, rate-limited. */
  const tokenOf = async (c: Context): Promise<TokenRow> => {
    const token = await authenticate(store, c.req.header('authorization'));
    requestLimiter.take(token.id);
    return token;
  };
  const operator = async (c: Context): Promise<TokenRow> => {
    const token = await tokenOf(c);
    requireScope(token, 'operator');
    return token;
  };
  const body = <S extends z.ZodType>(c: Context, schema: S) => readJson(c.req.raw, schema, platform.limits.maxBodyBytes);

  app.onError((error, c) => {
    const problem = problemOf(error);
    if (problem.status >= 500) console.error('suyuan platform:', error);
    const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
    if (problem.code === 'RATE_LIMITED' && error instanceof SuyuanError && error.details.received) headers['retry-after'] = error.details.received;
    if (problem.status === 401) headers['www-authenticate'] = 'Bearer realm="suyuan"';
    // The rest of an oversize body was not read: the connection cannot carry another request.
    if (problem.status === 413) headers.connection = 'close';
    return c.body(JSON.stringify(problem), problem.status as 400, headers);
  });
  app.notFound(() => {
    throw new SuyuanError('NOT_FOUND', 'There is no such endpoint; GET /openapi.json lists them.', {});
  });

  app.get('/healthz', async (c) => c.json({ status: 'ok', logSize: platform.sequencer.checkpoint.size }));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));

  // Issuers and keys ------------------------------------------------------------------------------
  app.post('/v1/issuers', async (c) => {
    await operator(c);
    const issuer = await issuers.create(await body(c, IssuerInputSchema));
    return c.json(issuerView(issuer), 201, { location: `/v1/issuers/${issuer.id}` });
  });
  app.get('/v1/issuers', async (c) => c.json({ issuers: (await store.issuers()).map(issuerView) }));
  app.get('/v1/issuers/:id', async (c) => c.json(issuerView(await issuers.get(c.req.param('id')))));
  app.patch('/v1/issuers/:id', async (c) => {
    await operator(c);
    return c.json(issuerView(await issuers.update(c.req.param('id'), await body(c, IssuerPatchSchema))));
  });
  app.get('/v1/issuers/:id/keys', async (c) => c.json({ keys: (await issuers.keyRows(c.req.param('id'))).map(keyView) }));
  app.post('/v1/issuers/:id/keys', async (c) => {
    await operator(c);
    const key = await issuers.registerKey(c.req.param('id'), await body(c, KeyInputSchema));
    return c.json(keyView(key), 201, { location: `/v1/issuers/${key.issuer}/keys/${key.kid}` });
  });
  app.post('/v1/issuers/:id/keys/:kid/rotate', async (c) => {
    await operator(c);
    return c.json(keyView(await issuers.rotateKey(c.req.param('id'), c.req.param('kid'))));
  });
  app.post('/v1/issuers/:id/keys/:kid/revoke', async (c) => {
    await operator(c);
    const { reason } = await body(c, RevokeInputSchema);
    return c.json(keyView(await issuers.revokeKey(c.req.param('id'), c.req.param('kid'), reason)));
  });
  app.get('/v1/issuers/:id/jwks.json', async (c) => {
    const keys = await issuers.keyRows(c.req.param('id'));
    return c.json(jwksOf(keys), 200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=60' });
  });

  // Tokens ----------------------------------------------------------------------------------------
  app.post('/v1/tokens', async (c) => {
    await operator(c);
    const { token, secret } = await issueToken(store, await body(c, TokenInputSchema));
    return c.json({ ...tokenView(token), token: secret }, 201);
  });
  app.get('/v1/tokens', async (c) => {
    await operator(c);
    return c.json({ tokens: (await store.tokens(c.req.query('issuer'))).map(tokenView) });
  });
  app.delete('/v1/tokens/:id', async (c) => {
    await operator(c);
    await store.revokeToken(c.req.param('id'), new Date().toISOString());
    return c.body(null, 204);
  });

  // Records ---------------------------------------------------------------------------------------
  let ingesting = 0;
  app.post('/v1/records', async (c) => {
    const token = await tokenOf(c);
    requireScope(token, 'records:write');
    if (ingesting >= platform.limits.concurrentIngest) {
      throw new SuyuanError('RATE_LIMITED', `The platform is checking ${ingesting} batches already; retry in a second.`, { received: '1' });
    }
    ingesting++;
    try {
      const batch = await body(c, RecordBatchSchema);
      recordLimiter.take(token.id, batch.records.length);
      return c.json(summary(await platform.ingest.submit(token, batch)));
    } finally {
      ingesting--;
    }
  });
  app.get('/v1/records/:eventHash{.+}', async (c) => {
    const eventHash = c.req.param('eventHash');
    const [row] = await store.recordsByEventHash([eventHash]);
    if (!row) throw new SuyuanError('NOT_FOUND', `No record ${eventHash.slice(0, 120)} is in this log.`, {});
    const withDisclosures = c.req.query('disclosures') === 'true';
    if (withDisclosures) requireScope(await tokenOf(c), 'disclosures:read');
    const checkpoint = platform.sequencer.checkpoint;
    // A process that follows the log may hold the record before the checkpoint that covers it.
    if (row.index >= checkpoint.size) throw new SuyuanError('NOT_FOUND', `The record ${eventHash.slice(0, 120)} is not in this process's checkpoint yet; retry in a second.`, {});
    const proof = await proveInclusion(checkpoint.size, row.index, hashReader(store));
    return c.json(recordView(row, formatProofBundle({ index: row.index, proof, checkpoint: checkpoint.note }), withDisclosures ? row.disclosures : undefined));
  });

  // Trace answers ---------------------------------------------------------------------------------
  app.get('/v1/trace', async (c) => {
    const code = c.req.query('code');
    if (!code || code.length > 2048) throw new SuyuanError('REQUEST_INVALID', 'Ask for a code: /v1/trace?code=<the code as scanned> (at most 2048 characters).', { path: 'code' });
    const seen = (c.req.query('seen') ?? '').split(',').filter((part) => part !== '');
    if (seen.length > 16) throw new SuyuanError('REQUEST_INVALID', 'At most 16 seen checkpoint sizes.', { path: 'seen' });
    const sizes = seen.map((size) => parseQuery(LogIndex, size, 'seen'));
    return c.json(await platform.trace.answer(code, sizes), 200, { 'cache-control': 'no-cache' });
  });

  // Log proofs -------------------------------------------------------------------------------------
  app.get('/v1/log/checkpoint', (c) => c.text(platform.sequencer.checkpoint.note, 200, { 'cache-control': 'no-cache' }));
  app.get('/v1/log/inclusion', async (c) => {
    const index = parseQuery(LogIndex, c.req.query('index'), 'index');
    const size = sizeAsked(c, platform);
    if (index >= size) throw new SuyuanError('NOT_FOUND', `The log of size ${size} has no entry ${index}.`, { path: 'index' });
    const proof = await proveInclusion(size, index, hashReader(store));
    return c.json({ index, size, proof: encodeProof(proof) });
  });
  app.get('/v1/log/consistency', async (c) => {
    const from = parseQuery(LogIndex, c.req.query('from'), 'from');
    const size = sizeAsked(c, platform);
    if (from < 1 || from > size) throw new SuyuanError('REQUEST_INVALID', `A consistency proof is from a size between 1 and ${size}; got ${from}.`, { path: 'from' });
    const proof = await proveConsistency(size, from, hashReader(store));
    return c.json({ from, size, proof: encodeProof(proof) });
  });

  // C2SP tlog-tiles ------------------------------------------------------------------------------
  app.get('/log/checkpoint', (c) => c.text(platform.sequencer.checkpoint.note, 200, { 'cache-control': 'no-cache' }));
  app.get('/log/tile/*', async (c) => {
    const tile = decodeTileRequest(c.req.path.slice('/log/'.length));
    return serveTile(c, tile, platform.sequencer.checkpoint.size, store);
  });

  // GS1 Digital Link resolver (GS1-Conformant Resolver 1.2) ----------------------------------------
  app.get(RESOLVER_DESCRIPTION_PATH, (c) => c.json(resolverDescription({ resolverRoot: new URL(c.req.url).origin, name: 'Suyuan trace platform' })));
  app.on(['GET', 'HEAD', 'OPTIONS'], '/:ai{[0-9]{2,4}}/*', async (c) => {
    const url = new URL(c.req.url);
    const source = platformLinkSource(store, () => url.origin);
    const answer = await resolve(
      { method: c.req.method as 'GET' | 'HEAD' | 'OPTIONS', base: url.origin, path: url.pathname, query: url.search, accept: c.req.header('accept'), acceptLanguage: c.req.header('accept-language') },
      source,
    );
    return new Response('body' in answer && answer.body !== undefined ? answer.body : null, { status: answer.status, headers: answer.headers });
  });

  return app;
}

/** The tree size a proof is for: `size` in the query (at most the log's), or the latest checkpoint's. */
function sizeAsked(c: Context, platform: PlatformContext): number {
  const latest = platform.sequencer.checkpoint.size;
  const asked = c.req.query('size');
  if (asked === undefined) return latest;
  const size = parseQuery(LogIndex, asked, 'size');
  if (size > latest || size < 1) throw new SuyuanError('NOT_FOUND', `The log has no checkpoint of size ${size} (it has ${latest} entries).`, { path: 'size' });
  return size;
}

function parseQuery<T>(schema: z.ZodType<T>, value: string | undefined, name: string): T {
  if (value === undefined || !/^(0|[1-9][0-9]{0,15})$/.test(value)) {
    throw new SuyuanError('REQUEST_INVALID', `The query parameter "${name}" is a non-negative decimal integer without leading zeros.`, { path: name });
  }
  return schema.parse(value);
}

/** The answer to a batch: counts, then one result per record. */
function summary(results: readonly ItemResult[]): { accepted: number; duplicate: number; rejected: number; results: readonly ItemResult[] } {
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const result of results) counts[result.status]++;
  return { ...counts, results };
}
