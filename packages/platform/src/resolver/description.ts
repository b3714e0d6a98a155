/**
 * The resolver description file served at `/.well-known/gs1resolver` (GS1-Conformant Resolver Standard
 * 1.2 §3; its JSON schema is the "description-file-schema" artefact of release 1.2.0). It tells clients
 * where the resolver's root is, which primary keys it resolves (SHALL, §2.5.9), which link type
 * namespaces it recognises under which CURIE prefixes (§2.14), whether `linkset` can be made the default
 * link type (§2.11; not here), the `context` values it understands (§2.5.6) and the JSON-LD context of its
 * linksets (§2.10, SHOULD).
 */
import { listAis } from '@suyuan/core';
import { z } from 'zod';
import { KNOWN_PREFIXES } from './link-types.js';
import { LINKSET_CONTEXT } from './linkset.js';

/** Where the description file is served (RFC 8615 well-known URI, §3). */
export const RESOLVER_DESCRIPTION_PATH = '/.well-known/gs1resolver';

/** The primary keys the description file schema of release 1.2.0 enumerates. */
const SCHEMA_PRIMARY_KEYS = new Set(['01', '8006', '8013', '8010', '410', '411', '412', '413', '414', '415', '417', '8017', '8018', '255', '00', '253', '401', '402', '8003', '8004']);

/** What the operator says of the resolver; the rest of the description follows from the code. */
export const ResolverDescriptionOptionsSchema = z
  .object({
    /** The resolver's root: the origin (and stem, if any) its Digital Link URIs start with. */
    resolverRoot: z
      .url({ protocol: /^https?$/ })
      .refine((value) => !/[?#]/.test(value), 'The resolver root has no query or fragment.')
      .transform((value) => value.replace(/\/+$/, '')),
    name: z.string().trim().min(1).max(200).optional(),
    /** The `context` values links may carry and requests may name (§2.5.6). */
    supportedContextValues: z.array(z.string().trim().min(1).max(64)).max(500).optional(),
    /** Who runs the resolver, in the description file's vCard terms. */
    contact: z
      .object({ fn: z.string().trim().min(1).max(200), hasTelephone: z.string().trim().min(1).max(64).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ResolverDescriptionOptions = z.input<typeof ResolverDescriptionOptionsSchema>;

/** The description file (§3). */
export interface ResolverDescription {
  name?: string;
  resolverRoot: string;
  supportedPrimaryKeys: string[];
  supportedLinkType: { namespace: string; prefix: string }[];
  linkTypeDefaultCanBeLinkset: boolean;
  supportedContextValuesEnumerated?: string[];
  jsonLdContextLocation: string;
  contact?: { fn: string; hasTelephone?: string };
}

/** The primary keys the Digital Link parser resolves: every key of the GS1 syntax dictionary the schema names. */
export function supportedPrimaryKeys(): string[] {
  return listAis()
    .filter((definition) => definition.dlKeyQualifiers && SCHEMA_PRIMARY_KEYS.has(definition.ai))
    .map((definition) => definition.ai);
}

/** The description file for a resolver run with `options` (throws a `ZodError` for bad options). */
export function resolverDescription(options: ResolverDescriptionOptions): ResolverDescription {
  const parsed = ResolverDescriptionOptionsSchema.parse(options);
  return {
    ...(parsed.name ? { name: parsed.name } : {}),
    resolverRoot: parsed.resolverRoot,
    supportedPrimaryKeys: supportedPrimaryKeys(),
    supportedLinkType: Object.entries(KNOWN_PREFIXES).map(([prefix, namespace]) => ({ namespace, prefix: `${prefix}:` })),
    linkTypeDefaultCanBeLinkset: false,
    ...(parsed.supportedContextValues ? { supportedContextValuesEnumerated: [...parsed.supportedContextValues] } : {}),
    jsonLdContextLocation: LINKSET_CONTEXT,
    ...(parsed.contact ? { contact: parsed.contact } : {}),
  };
}
