/**
 * What the API answers, as zod schemas: the OpenAPI document is generated from them and the view
 * functions are typed by them, so the description and the answers cannot drift apart.
 */
import { CATEGORIES, SIGNING_ALGORITHMS } from '@suyuan/core';
import { z } from 'zod';
import { TOKEN_SCOPES } from '../auth/tokens.js';
import { ISSUER_ROLES } from '../issuers/issuers.js';
import type { IssuerKeyRow, IssuerRow, RecordRow, TokenRow } from '../store/store.js';

const Time = z.string().describe('ISO 8601 UTC time');
const LogPosition = z.number().int().min(0).describe('A log index');

export const IssuerSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ISSUER_ROLES)),
  categories: z.array(z.enum(CATEGORIES)),
  createdAt: Time,
  suspendedAt: Time.optional(),
});

export const IssuerKeySchema = z.object({
  issuer: z.string(),
  kid: z.string().describe('RFC 7638 thumbprint'),
  alg: z.enum(SIGNING_ALGORITHMS),
  jwk: z.record(z.string(), z.string()),
  status: z.enum(['active', 'rotated', 'revoked']),
  registeredAt: LogPosition,
  registeredTime: Time,
  rotatedAt: LogPosition.optional(),
  rotatedTime: Time.optional(),
  revokedAt: LogPosition.optional(),
  revokedTime: Time.optional(),
  revocationReason: z.string().optional(),
});

export const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.string())) });

export const TokenSchema = z.object({
  id: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  issuer: z.string().optional(),
  label: z.string(),
  createdAt: Time,
  revokedAt: Time.optional(),
});
export const NewTokenSchema = TokenSchema.extend({ token: z.string().describe('The secret, shown this once: send it as "Authorization: Bearer <token>"') });

const ProofBundle = z.string().describe('A C2SP tlog-proof bundle (c2sp.org/tlog-proof@v1) against the latest checkpoint');

export const RecordSchema = z.object({
  eventHash: z.string(),
  index: LogPosition,
  issuer: z.string(),
  kid: z.string(),
  jws: z.string(),
  eventType: z.string(),
  eventTime: z.string(),
  category: z.enum(CATEGORIES).optional(),
  codes: z.array(z.string()),
  previous: z.array(z.string()),
  receivedAt: Time,
  disclosures: z.array(z.string()).optional().describe('Only with ?disclosures=true and a disclosures:read token'),
  proof: ProofBundle,
});

const ItemError = z.object({ code: z.string(), message: z.string(), path: z.string().optional() });
export const SubmitResultSchema = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.union([
      z.object({ status: z.enum(['accepted', 'duplicate']), eventHash: z.string(), index: LogPosition, proof: ProofBundle }),
      z.object({ status: z.literal('rejected'), eventHash: z.string().optional(), error: ItemError }),
    ]),
  ),
});

export const ProofSchema = z.object({ size: z.number().int(), proof: z.array(z.string().describe('base64 SHA-256')), index: LogPosition.optional(), from: z.number().int().optional() });
export const HealthSchema = z.object({ status: z.literal('ok'), logSize: z.number().int() });

export function issuerView(row: IssuerRow): z.infer<typeof IssuerSchema> {
  return IssuerSchema.parse(row);
}

export function keyView(key: IssuerKeyRow): z.infer<typeof IssuerKeySchema> {
  return {
    issuer: key.issuer,
    kid: key.kid,
    alg: key.alg,
    jwk: { ...key.jwk },
    status: key.revokedAt !== undefined ? 'revoked' : key.rotatedAt !== undefined ? 'rotated' : 'active',
    registeredAt: key.registeredAt,
    registeredTime: key.registeredTime,
    ...(key.rotatedAt === undefined ? {} : { rotatedAt: key.rotatedAt, rotatedTime: key.rotatedTime }),
    ...(key.revokedAt === undefined ? {} : { revokedAt: key.revokedAt, revokedTime: key.revokedTime }),
    ...(key.revocationReason === undefined ? {} : { revocationReason: key.revocationReason }),
  };
}

export function tokenView(token: TokenRow): z.infer<typeof TokenSchema> {
  return {
    id: token.id,
    scopes: [...token.scopes],
    ...(token.issuer === undefined ? {} : { issuer: token.issuer }),
    label: token.label,
    createdAt: token.createdAt,
    ...(token.revokedAt === undefined ? {} : { revokedAt: token.revokedAt }),
  };
}

export function recordView(row: RecordRow, proof: string, disclosures?: readonly string[]): z.infer<typeof RecordSchema> {
  return {
    eventHash: row.eventHash,
    index: row.index,
    issuer: row.issuer,
    kid: row.kid,
    jws: row.jws,
    eventType: row.eventType,
    eventTime: row.eventTime,
    ...(row.category === undefined ? {} : { category: row.category as z.infer<typeof RecordSchema>['category'] }),
    codes: [...row.codes],
    previous: [...row.previous],
    receivedAt: row.receivedAt,
    ...(disclosures ? { disclosures: [...disclosures] } : {}),
    proof,
  };
}

export const TraceAnswerSchema = z.object({
  code: z.string().describe('The trace key of the code asked about (GS1: the element string of the identifier)'),
  size: z.number().int().describe('The size of the checkpoint every proof is against'),
  records: z.array(z.object({ jws: z.string(), proof: ProofBundle })).describe('The records naming the code and the earlier records of their chains, in log order'),
  keys: z.array(z.object({ entry: z.string().describe('A key entry, canonical JSON'), proof: ProofBundle })),
  consistency: z.array(z.object({ oldSize: z.number().int(), proof: z.array(z.string()) })).optional(),
});
