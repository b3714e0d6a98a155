/**
 * Request bodies, read defensively: at most `limit` bytes (checked against `Content-Length` first
 * and again while reading), strictly UTF-8 (no byte-order mark, no malformed sequences), JSON, then
 * the route's zod schema. Each failure is a typed error: `REQUEST_TOO_LARGE` or `REQUEST_INVALID`
 * with the JSON path of the field at fault.
 */
import { SuyuanError } from '@suyuan/core';
import type { z } from 'zod';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a request's JSON body and validates it with `schema`. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, limit: number): Promise<z.infer<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new SuyuanError('REQUEST_INVALID', `The request body is JSON: send "Content-Type: application/json" (got ${JSON.stringify(type.slice(0, 80))}).`, { expected: 'application/json' });
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit, declared);
  const bytes = await readLimited(request, limit);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new SuyuanError('REQUEST_INVALID', 'The request body is not UTF-8.', { expected: 'UTF-8 JSON' });
  }
  if (text.charCodeAt(0) === 0xfeff) throw new SuyuanError('REQUEST_INVALID', 'The request body starts with a byte-order mark; JSON text must not (RFC 8259 §8.1).', { position: 0 });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SuyuanError('REQUEST_INVALID', `The request body is not JSON: ${(error as Error).message}`, { expected: 'JSON' });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    throw new SuyuanError('REQUEST_INVALID', `The request body is not what this endpoint takes${path ? ` at ${path}` : ''}: ${issue.message}.`, { ...(path ? { path } : {}) });
  }
  return parsed.data;
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function tooLarge(limit: number, declared?: number): SuyuanError {
  return new SuyuanError('REQUEST_TOO_LARGE', `The request body is larger than ${limit} bytes${declared ? ` (${declared})` : ''}; send fewer records per batch.`, {
    expected: `at most ${limit} bytes`,
    ...(declared ? { received: String(declared) } : {}),
  });
}
