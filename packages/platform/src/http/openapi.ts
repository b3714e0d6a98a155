/**
 * The OpenAPI 3.1 description of the platform's API, served at `GET /openapi.json`. Request and
 * response schemas are generated from the very zod schemas the routes validate with and answer by
 * (JSON Schema 2020-12, which OpenAPI 3.1 uses), so the document cannot drift from the code; the
 * tests check every answer of the end-to-end suite against it.
 */
import { z } from 'zod';
import { TokenInputSchema } from '../auth/tokens.js';
import { RecordBatchSchema } from '../ingest/ingest.js';
import { IssuerInputSchema, IssuerPatchSchema, KeyInputSchema, RevokeInputSchema } from '../issuers/issuers.js';
import { ProblemSchema } from './problem.js';
import { HealthSchema, TraceAnswerSchema, IssuerKeySchema, IssuerSchema, JwksSchema, NewTokenSchema, ProofSchema, RecordSchema, SubmitResultSchema, TokenSchema } from './views.js';

type Json = Record<string, unknown>;

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output'): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  return rest;
};
const json = (type: z.ZodType, description: string, io: 'input' | 'output' = 'output'): Json => ({ description, content: { 'application/json': { schema: schema(type, io) } } });
const problem = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const text = (description: string, mediaType = 'text/plain; charset=utf-8'): Json => ({ description, content: { [mediaType]: { schema: { type: 'string' } } } });
const body = (type: z.ZodType): Json => ({ required: true, content: { 'application/json': { schema: schema(type, 'input') } } });
const path = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const query = (name: string, description: string, required = false): Json => ({ name, in: 'query', required, description, schema: { type: 'string' } });

const errors = (...statuses: number[]): Json =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      problem(({ 400: 'The request is malformed', 401: 'No valid API token', 403: 'The token may not do this', 404: 'Not found', 409: 'Exists already', 413: 'The body is too large', 429: 'Rate limited', 503: 'Unavailable' } as Record<number, string>)[status]!),
    ]),
  );

const bearer = [{ bearer: [] }];
const ISSUER = path('id', 'The issuer id, uscc:<unified social credit code> or gln:<GLN>');
const KID = path('kid', 'The key id (RFC 7638 thumbprint)');

let document: Json | undefined;

/** The OpenAPI document (built once). */
export function openApiDocument(): Json {
  document ??= withDefaultProblems(build());
  return document;
}

/** Every operation may also answer a problem not listed (503 while the store is down, 500). */
function withDefaultProblems(doc: Json): Json {
  for (const item of Object.values(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method !== 'parameters') (operation.responses as Json).default = problem('Any other failure (503 unavailable, 500 internal)');
    }
  }
  return doc;
}

function build(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Suyuan trace platform',
      version: '1',
      description: 'Issuers and keys, ingest of signed trace records, and a tamper-evident log (RFC 9162, C2SP checkpoints and tiles). Errors are RFC 9457 problem details with Suyuan error codes.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token, sy_…' } },
      schemas: { Problem: schema(ProblemSchema) },
    },
    paths: {
      '/healthz': { get: { summary: 'Liveness and log size', responses: { '200': json(HealthSchema, 'The platform is up') } } },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/v1/issuers': {
        get: { summary: 'All issuers', responses: { '200': json(z.object({ issuers: z.array(IssuerSchema) }), 'The issuers') } },
        post: { summary: 'Register an issuer (operator)', security: bearer, requestBody: body(IssuerInputSchema), responses: { '201': json(IssuerSchema, 'Registered'), ...errors(400, 401, 403, 409, 413, 429) } },
      },
      '/v1/issuers/{id}': {
        parameters: [ISSUER],
        get: { summary: 'One issuer', responses: { '200': json(IssuerSchema, 'The issuer'), ...errors(404) } },
        patch: { summary: 'Change or suspend an issuer (operator)', security: bearer, requestBody: body(IssuerPatchSchema), responses: { '200': json(IssuerSchema, 'Changed'), ...errors(400, 401, 403, 404, 413, 429) } },
      },
      '/v1/issuers/{id}/keys': {
        parameters: [ISSUER],
        get: { summary: "An issuer's keys with their log positions", responses: { '200': json(z.object({ keys: z.array(IssuerKeySchema) }), 'The keys'), ...errors(404) } },
        post: { summary: 'Register a public key (operator); logged as a key entry', security: bearer, requestBody: body(KeyInputSchema), responses: { '201': json(IssuerKeySchema, 'Registered and logged'), ...errors(400, 401, 403, 404, 409, 413, 429, 503) } },
      },
      '/v1/issuers/{id}/keys/{kid}/rotate': {
        parameters: [ISSUER, KID],
        post: { summary: 'Rotate a key out (operator); logged', security: bearer, responses: { '200': json(IssuerKeySchema, 'Rotated'), ...errors(401, 403, 404, 409, 429, 503) } },
      },
      '/v1/issuers/{id}/keys/{kid}/revoke': {
        parameters: [ISSUER, KID],
        post: { summary: 'Revoke a key (operator); logged', security: bearer, requestBody: body(RevokeInputSchema), responses: { '200': json(IssuerKeySchema, 'Revoked'), ...errors(400, 401, 403, 404, 409, 413, 429, 503) } },
      },
      '/v1/issuers/{id}/jwks.json': {
        parameters: [ISSUER],
        get: { summary: "The issuer's keys that may sign now (RFC 7517)", responses: { '200': { description: 'JWK set', content: { 'application/jwk-set+json': { schema: schema(JwksSchema) } } }, ...errors(404) } },
      },
      '/v1/tokens': {
        get: { summary: 'API tokens (operator)', security: bearer, parameters: [query('issuer', "Only this issuer's tokens")], responses: { '200': json(z.object({ tokens: z.array(TokenSchema) }), 'The tokens'), ...errors(401, 403, 429) } },
        post: { summary: 'Issue an API token (operator)', security: bearer, requestBody: body(TokenInputSchema), responses: { '201': json(NewTokenSchema, 'Issued; the secret is shown once'), ...errors(400, 401, 403, 404, 413, 429) } },
      },
      '/v1/tokens/{id}': {
        parameters: [path('id', 'The token id, tok_…')],
        delete: { summary: 'Revoke an API token (operator)', security: bearer, responses: { '204': { description: 'Revoked' }, ...errors(401, 403, 404, 429) } },
      },
      '/v1/records': {
        post: {
          summary: "Submit signed records (the issuer's records:write token)",
          description: 'Each record is answered on its own: accepted (logged, with its proof), duplicate (logged before) or rejected (with the reason).',
          security: bearer,
          requestBody: body(RecordBatchSchema),
          responses: { '200': json(SubmitResultSchema, 'One result per record, in order'), ...errors(400, 401, 403, 404, 413, 429, 503) },
        },
      },
      '/v1/records/{eventHash}': {
        parameters: [path('eventHash', 'The event hash, ni:///sha-256;…?ver=CBV2.0 (percent-encoded)'), query('disclosures', 'true: include the disclosures (needs a disclosures:read token)')],
        get: { summary: 'A record, its proof and (for auditors) its disclosures', security: [{}, ...bearer], responses: { '200': json(RecordSchema, 'The record'), ...errors(401, 403, 404, 429) } },
      },
      '/v1/trace': {
        get: {
          summary: "A code's trace answer: everything @suyuan/core's verifyTrace needs to decide offline",
          parameters: [query('code', 'The code as scanned (GS1 element string, Digital Link, EPC URN, or another scheme parseCode reads)', true), query('seen', 'Sizes of checkpoints the reader holds, comma-separated: consistency proofs from each')],
          responses: { '200': json(TraceAnswerSchema, 'The trace answer'), ...errors(400) },
        },
      },
      '/v1/log/checkpoint': { get: { summary: 'The latest checkpoint (C2SP signed note)', responses: { '200': text('The checkpoint') } } },
      '/v1/log/inclusion': {
        get: { summary: 'An inclusion proof (RFC 9162 §2.1.3)', parameters: [query('index', 'The entry', true), query('size', 'The tree size (default: the latest)')], responses: { '200': json(ProofSchema, 'The proof'), ...errors(400, 404) } },
      },
      '/v1/log/consistency': {
        get: { summary: 'A consistency proof (RFC 9162 §2.1.4)', parameters: [query('from', 'The older tree size', true), query('size', 'The newer tree size (default: the latest)')], responses: { '200': json(ProofSchema, 'The proof'), ...errors(400, 404) } },
      },
      '/.well-known/gs1resolver': {
        get: { summary: "The resolver's description file (GS1-Conformant Resolver 1.2 §3)", responses: { '200': { description: 'The description', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
      '/{ai}/{value}': {
        parameters: [
          path('ai', 'A GS1 primary key application identifier (01, 00, 414, 8004 …)'),
          path('value', 'Its value, then any key qualifiers as further /ai/value segments (GS1 Digital Link URI syntax)'),
          query('linkType', 'A link type (gs1:pip, gs1:traceability …), or linkset for all links'),
        ],
        get: {
          summary: 'GS1 Digital Link resolution: 307 to the default (or the asked) link, or the linkset',
          responses: {
            '307': { description: 'Redirect to the chosen link; Link header names the linkset' },
            '200': { description: 'The linkset (RFC 9264, GS1 linkset schema)', content: { 'application/linkset+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } }, 'application/ld+json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } },
            '300': { description: 'Several links fit: a linkset of the candidates', content: { 'application/linkset+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } },
            ...errors(400, 404),
          },
        },
        head: { summary: 'As GET, without a body', responses: { '307': { description: 'Redirect' }, '200': { description: 'The linkset' }, '300': { description: 'Choices' }, ...errors(400, 404) } },
        options: { summary: 'CORS preflight', responses: { '204': { description: 'Allowed methods and headers' } } },
      },
      '/log/checkpoint': { get: { summary: 'C2SP tlog-tiles checkpoint', responses: { '200': text('The checkpoint') } } },
      '/log/tile/{path}': {
        parameters: [path('path', '<L>/<N>[.p/<W>] or entries/<N>[.p/<W>] (c2sp.org/tlog-tiles); the value spans several path segments, which OpenAPI path templates cannot express')],
        get: { summary: 'C2SP tlog-tiles hash tile or entry bundle', responses: { '200': text('The tile', 'application/octet-stream'), ...errors(404) } },
      },
    },
  };
}
