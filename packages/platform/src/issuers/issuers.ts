/**
 * Issuers and their keys: the operator registers an enterprise (its unified social credit code, name,
 * roles and product categories) and its public keys. Registering, rotating and revoking a key each
 * append a key entry to the log (core's `formatKeyEntry`), so which key was valid for which record is
 * decided by log order — and anyone can check it from the proofs.
 */
import { algorithmOf, CATEGORIES, formatKeyEntry, importPublicKeyPem, jwkThumbprint, parseIssuerId, parsePublicJwk, SuyuanError, type PublicJwk } from '@suyuan/core';
import { z } from 'zod';
import type { Sequencer } from '../log/sequencer.js';
import type { IssuerKeyRow, IssuerRow, Store } from '../store/store.js';
import type { KeyRegistry } from './key-registry.js';

/** What an issuer does in supply chains. */
export const ISSUER_ROLES = ['producer', 'processor', 'manufacturer', 'distributor', 'retailer', 'importer', 'exporter', 'logistics', 'testing', 'disposal', 'regulator'] as const;

const ISSUER_ID_PATTERN = '^(uscc:[0-9A-HJ-NPQRTUWXY]{18}|gln:[0-9]{13})$';

export const IssuerInputSchema = z.object({
  id: z.string().regex(new RegExp(ISSUER_ID_PATTERN)).describe('uscc:<unified social credit code> or gln:<GLN>, with a correct check character'),
  name: z.string().trim().min(1).max(200),
  roles: z.array(z.enum(ISSUER_ROLES)).max(ISSUER_ROLES.length).default([]),
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).default([]).describe('The product categories it may submit records for; empty: none'),
});
export type IssuerInput = z.input<typeof IssuerInputSchema>;

export const IssuerPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    roles: z.array(z.enum(ISSUER_ROLES)).max(ISSUER_ROLES.length),
    categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length),
    suspended: z.boolean().describe('true suspends the issuer (it can no longer submit), false lifts the suspension'),
  })
  .partial();
export type IssuerPatch = z.infer<typeof IssuerPatchSchema>;

export const KeyInputSchema = z.union([
  z.object({ jwk: z.record(z.string(), z.unknown()).describe('The public key as a JWK (Ed25519 OKP or P-256 EC)') }),
  z.object({ pem: z.string().max(4096).describe('The public key as SPKI PEM (-----BEGIN PUBLIC KEY-----)') }),
]);
export type KeyInput = z.infer<typeof KeyInputSchema>;

export const RevokeInputSchema = z.object({ reason: z.string().trim().min(1).max(500).optional() });

export class IssuerService {
  constructor(
    private readonly store: Store,
    private readonly sequencer: Sequencer,
    private readonly keys: KeyRegistry,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: IssuerInput): Promise<IssuerRow> {
    const parsed = IssuerInputSchema.parse(input);
    const row: IssuerRow = { id: parseIssuerId(parsed.id), name: parsed.name, roles: unique(parsed.roles), categories: unique(parsed.categories), createdAt: this.now().toISOString() };
    await this.store.createIssuer(row);
    return row;
  }

  async update(id: string, patch: IssuerPatch): Promise<IssuerRow> {
    const { suspended, ...rest } = IssuerPatchSchema.parse(patch);
    const current = await this.get(id);
    const suspendedAt = suspended === undefined ? undefined : suspended ? (current.suspendedAt ?? this.now().toISOString()) : null;
    return this.store.updateIssuer(id, {
      ...(rest.name === undefined ? {} : { name: rest.name }),
      ...(rest.roles === undefined ? {} : { roles: unique(rest.roles) }),
      ...(rest.categories === undefined ? {} : { categories: unique(rest.categories) }),
      ...(suspendedAt === undefined ? {} : { suspendedAt }),
    });
  }

  /** The issuer, or `NOT_FOUND`. */
  async get(id: string): Promise<IssuerRow> {
    const issuer = await this.store.issuer(id);
    if (!issuer) throw new SuyuanError('NOT_FOUND', `No issuer ${id} is registered.`, {});
    return issuer;
  }

  /** Registers a public key for the issuer: appends its `register` key entry and waits until it is logged. */
  async registerKey(issuerId: string, input: KeyInput): Promise<IssuerKeyRow> {
    this.sequencer.assertWritable();
    const issuer = await this.get(issuerId);
    const jwk: PublicJwk = 'pem' in input ? await importPublicKeyPem(input.pem) : parsePublicJwk(input.jwk);
    const kid = jwkThumbprint(jwk);
    const alg = algorithmOf(jwk);
    if (this.keys.key(issuer.id, kid)) throw new SuyuanError('CONFLICT', `The key ${kid} is registered for ${issuer.id} already.`, {});
    const step = await this.sequencer.append([
      {
        kind: 'key',
        text: formatKeyEntry({ action: 'register', iss: issuer.id as `uscc:${string}`, kid, jwk }),
        change: (index, time) => ({ action: 'register', key: { issuer: issuer.id, kid, alg, jwk, registeredAt: index, registeredTime: time } }),
      },
    ]);
    sequenced(step.outcomes[0]!);
    return this.keys.key(issuer.id, kid)!;
  }

  /** Rotates a key out (records logged from now on are refused; earlier ones stay valid). */
  async rotateKey(issuerId: string, kid: string): Promise<IssuerKeyRow> {
    return this.endKey(issuerId, kid, 'rotate');
  }

  /** Revokes a key: records logged from now on are refused; a reason is kept for the record. */
  async revokeKey(issuerId: string, kid: string, reason?: string): Promise<IssuerKeyRow> {
    return this.endKey(issuerId, kid, 'revoke', reason);
  }

  /** The issuer's keys with their log positions. */
  async keyRows(issuerId: string): Promise<IssuerKeyRow[]> {
    const issuer = await this.get(issuerId);
    return this.keys.keys(issuer.id);
  }

  private async endKey(issuerId: string, kid: string, action: 'rotate' | 'revoke', reason?: string): Promise<IssuerKeyRow> {
    this.sequencer.assertWritable();
    const issuer = await this.get(issuerId);
    const key = this.keys.key(issuer.id, kid);
    if (!key) throw new SuyuanError('NOT_FOUND', `${issuer.id} has no key ${kid}.`, {});
    if (action === 'revoke' ? key.revokedAt !== undefined : key.rotatedAt !== undefined || key.revokedAt !== undefined) {
      throw new SuyuanError('CONFLICT', `The key ${kid} of ${issuer.id} is ${key.revokedAt !== undefined ? 'revoked' : 'rotated out'} already.`, {});
    }
    const step = await this.sequencer.append([
      {
        kind: 'key',
        text: formatKeyEntry({ action, iss: issuer.id as `uscc:${string}`, kid }),
        change: (index, time) => (action === 'revoke' ? { action, issuer: issuer.id, kid, at: index, time, ...(reason ? { reason } : {}) } : { action, issuer: issuer.id, kid, at: index, time }),
      },
    ]);
    sequenced(step.outcomes[0]!);
    return this.keys.key(issuer.id, kid)!;
  }
}

/** The issuer's keys that may sign now, as an RFC 7517 JWK set (with `kid`, `alg` and `use`). */
export function jwksOf(keys: readonly IssuerKeyRow[]): { keys: (PublicJwk & { kid: string; alg: string; use: 'sig' })[] } {
  return { keys: keys.filter((key) => key.rotatedAt === undefined && key.revokedAt === undefined).map((key) => ({ ...key.jwk, kid: key.kid, alg: key.alg, use: 'sig' as const })) };
}

function sequenced(outcome: { status: string; error?: SuyuanError }): void {
  if (outcome.status === 'rejected' && outcome.error) throw outcome.error;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
