/**
 * Test fixtures (imported by `*.test.ts` only): a real platform on a loopback port in a temporary
 * data directory, an HTTP client whose every answer is checked against the platform's own OpenAPI
 * document, and signed example records from core's example chains.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { exampleChains, generateSigningKey, signRecord, type SigningKey, type TraceRecord } from '@suyuan/core';
import { expect } from 'vitest';
import { openApiDocument } from './http/openapi.js';
import { createPlatform, type Platform, type PlatformOptions } from './platform.js';
import { startServer, type RunningServer } from './server.js';

export interface TestPlatform {
  readonly platform: Platform;
  readonly server: RunningServer;
  readonly url: string;
  readonly dataDir: string;
  readonly operator: string;
  readonly api: Api;
  /** Stops the server and the platform (the data directory stays until `cleanup`). */
  stop(): Promise<void>;
  /** Stops and deletes the data directory. */
  cleanup(): Promise<void>;
}

export interface ApiRequest {
  readonly token?: string;
  readonly json?: unknown;
  readonly body?: BodyInit;
  readonly headers?: Record<string, string>;
  /** `manual` to see redirects (the resolver) instead of following them. */
  readonly redirect?: RequestRedirect;
}
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly text: string;
}
export type Api = (method: string, path: string, request?: ApiRequest) => Promise<ApiResponse>;

/** Starts a platform in a fresh temporary data directory (or `dataDir`) on a free loopback port. */
export async function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'suyuan-platform-'));
  const platform = await createPlatform({ ...options, dataDir });
  const server = await startServer(platform, { port: 0 });
  const operator = platform.operatorToken ?? '';
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    platform,
    server,
    url: server.url,
    dataDir,
    operator,
    api: apiClient(server.url),
    stop,
    async cleanup() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An HTTP client for `base` that checks every answer against the OpenAPI document. */
export function apiClient(base: string): Api {
  return async (method, path, request = {}) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    let body = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, base), { method, headers, redirect: request.redirect ?? 'follow', ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed = /json/.test(type) && text && method !== 'HEAD' ? JSON.parse(text) : text;
    checkAgainstOpenApi(method, new URL(path, base).pathname, response.status, type, parsed);
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Fails the test unless the answer is one the OpenAPI document describes for this operation and status. */
export function checkAgainstOpenApi(method: string, pathname: string, status: number, contentType: string, body: unknown): void {
  const document = openApiDocument() as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, unknown> } };
  const template = Object.keys(document.paths).find((candidate) => matches(candidate, pathname));
  if (!template) {
    expect(status, `${method} ${pathname} is not in the OpenAPI document, so it must be 404`).toBe(404);
    return;
  }
  const operation = document.paths[template]![method.toLowerCase()];
  if (!operation) {
    expect(status, `${method} ${template} is not in the OpenAPI document`).toBe(404);
    return;
  }
  // `default` stands for server failures (5xx) only: every client error must be listed by status.
  const response = operation.responses[String(status)] ?? (status >= 500 ? operation.responses.default : undefined);
  expect(response, `${method} ${template} answered ${status}, which the OpenAPI document does not list`).toBeDefined();
  if (!response.content) return;
  const mediaType = Object.keys(response.content).find((type) => contentType.split(';')[0]!.trim() === type.split(';')[0]!.trim());
  expect(mediaType, `${method} ${template} ${status} answered ${contentType}; the document says ${Object.keys(response.content).join(', ')}`).toBeDefined();
  const schema = response.content[mediaType!].schema;
  if (typeof body === 'string') return;
  const key = `${method} ${template} ${status} ${mediaType}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema.$ref === '#/components/schemas/Problem' ? document.components.schemas.Problem : schema);
    validators.set(key, validate);
  }
  const valid = validate(body);
  expect(valid, `${key}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`).toBe(true);
}

function matches(template: string, pathname: string): boolean {
  if (template === '/log/tile/{path}') return pathname.startsWith('/log/tile/');
  if (template === '/{ai}/{value}') return /^\/[0-9]{2,4}\/./.test(pathname);
  if (template === '/v1/records/{eventHash}') return pathname.startsWith('/v1/records/') && pathname.length > '/v1/records/'.length;
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replaceAll('.', '\\.')}$`);
  return pattern.test(pathname);
}

/** An issuer of the example chains with a key, ready to sign its records. */
export interface ExampleIssuer {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly key: SigningKey;
}

/** The records of one example chain with, for each, the issuer that signs it (its first party). */
export async function exampleChain(category: string, alg: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<{ records: TraceRecord[]; issuers: ExampleIssuer[]; issuerOf: (record: TraceRecord) => ExampleIssuer }> {
  const chain = exampleChains().find((candidate) => candidate.category === category);
  if (!chain) throw new Error(`no example chain ${category}`);
  const issuers = new Map<string, ExampleIssuer>();
  const idOf = (record: TraceRecord) => {
    const party = (record['suyuan:parties'] ?? [])[0] as { uscc?: string; gln?: string; name?: string } | undefined;
    return party?.uscc ? `uscc:${party.uscc}` : `gln:${party?.gln}`;
  };
  for (const record of chain.records) {
    const id = idOf(record);
    if (!issuers.has(id)) issuers.set(id, { id, name: `Example ${id}`, category, key: await generateSigningKey(alg) });
  }
  return { records: chain.records, issuers: [...issuers.values()], issuerOf: (record) => issuers.get(idOf(record))! };
}

/** Registers issuers and keys through the API and issues each a records:write token. */
export async function registerIssuers(api: Api, operator: string, issuers: readonly ExampleIssuer[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const issuer of issuers) {
    const created = await api('POST', '/v1/issuers', { token: operator, json: { id: issuer.id, name: issuer.name, roles: ['producer'], categories: [issuer.category] } });
    expect(created.status, created.text).toBe(201);
    const key = await api('POST', `/v1/issuers/${issuer.id}/keys`, { token: operator, json: { jwk: issuer.key.publicJwk } });
    expect(key.status, key.text).toBe(201);
    const token = await api('POST', '/v1/tokens', { token: operator, json: { scopes: ['records:write'], issuer: issuer.id, label: issuer.name } });
    expect(token.status, token.text).toBe(201);
    tokens.set(issuer.id, token.body.token);
  }
  return tokens;
}

/** Signs a record for its issuer. */
export async function sign(record: TraceRecord, issuer: ExampleIssuer, secret: readonly string[] = []): Promise<{ jws: string; disclosures: string[]; eventHash: string }> {
  const signed = await signRecord(record, issuer.key, { issuer: issuer.id, secret });
  return { jws: signed.jws, disclosures: signed.disclosures, eventHash: signed.eventHash };
}
