/**
 * API tokens: bearer secrets (`sy_<43 base64url characters>`, 256 random bits) that the platform
 * stores only as their SHA-256, each with scopes and, for an enterprise, the issuer it submits for.
 *
 * - `operator` — registers issuers and keys, issues and revokes tokens, reads disclosures;
 * - `records:write` — submits records for its own issuer only;
 * - `disclosures:read` — an auditor: reads the disclosures of any record.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SuyuanError } from '@suyuan/core';
import { z } from 'zod';
import { TOKEN_SCOPES, type Store, type TokenRow, type TokenScope } from '../store/store.js';

export { TOKEN_SCOPES };

const TOKEN_PATTERN = /^sy_[A-Za-z0-9_-]{43}$/;

/** The lower-case hex SHA-256 of a token secret: what the store keeps. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export const TokenInputSchema = z.object({
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  issuer: z.string().max(40).optional().describe('For records:write tokens: the issuer the token submits for'),
  label: z.string().trim().min(1).max(200).describe('Who or what holds the token, for the operator'),
});
export type IssueTokenInput = z.infer<typeof TokenInputSchema>;

/** Creates a token; the secret is returned once and never stored. */
export async function issueToken(store: Store, input: IssueTokenInput, now = new Date()): Promise<{ token: TokenRow; secret: string }> {
  if (input.scopes.includes('records:write') && !input.issuer) {
    throw new SuyuanError('REQUEST_INVALID', 'A records:write token is for one issuer: give "issuer".', { path: 'issuer' });
  }
  if (input.issuer && !(await store.issuer(input.issuer))) throw new SuyuanError('NOT_FOUND', `No issuer ${input.issuer} is registered.`, { path: 'issuer' });
  const secret = `sy_${randomBytes(32).toString('base64url')}`;
  const token: TokenRow = {
    id: `tok_${randomBytes(12).toString('base64url')}`,
    hash: hashToken(secret),
    scopes: [...new Set(input.scopes)],
    ...(input.issuer ? { issuer: input.issuer } : {}),
    label: input.label,
    createdAt: now.toISOString(),
  };
  await store.createToken(token);
  return { token, secret };
}

/** The token an `Authorization: Bearer …` header carries; `UNAUTHORIZED` when absent, malformed, unknown or revoked. */
export async function authenticate(store: Store, authorization: string | undefined): Promise<TokenRow> {
  const match = /^Bearer +(\S+)$/i.exec(authorization ?? '');
  if (!match) throw new SuyuanError('UNAUTHORIZED', 'This needs an API token: send "Authorization: Bearer sy_…".', { expected: 'Authorization: Bearer sy_…' });
  const secret = match[1]!;
  const token = TOKEN_PATTERN.test(secret) ? await store.tokenByHash(hashToken(secret)) : undefined;
  if (!token) throw new SuyuanError('UNAUTHORIZED', 'The API token is not one this platform issued.', {});
  if (token.revokedAt) throw new SuyuanError('UNAUTHORIZED', `The API token ${token.id} was revoked at ${token.revokedAt}.`, {});
  return token;
}

/** Throws `FORBIDDEN` unless the token has `scope` (an operator token may do everything). */
export function requireScope(token: TokenRow, scope: TokenScope): void {
  if (token.scopes.includes('operator') || token.scopes.includes(scope)) return;
  throw new SuyuanError('FORBIDDEN', `The API token ${token.id} lacks the scope "${scope}".`, { expected: scope });
}
