/**
 * Test fixtures for the resolver (imported by `*.test.ts` only): an in-memory link source that records
 * the levels it is asked for, and validators for GS1's linkset schema and the plain RFC 9264 linkset
 * schema, read from this package's own copies in `standards/linkset/`.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { ResolverLevelInputSchema, type LinkSource, type ResolverLinkInput } from './links.js';

export const GTIN = '09506000134352';
export const BASE = 'https://id.example.com';

/** A link source over registrations by anchor path, parsed as the registration API would; `calls` lists what was asked. */
export function memorySource(registrations: Record<string, ResolverLinkInput[]>, descriptions: Record<string, string> = {}): LinkSource & { calls: string[] } {
  const levels = new Map(Object.entries(registrations).map(([path, links]) => [path, ResolverLevelInputSchema.parse(links)]));
  const calls: string[] = [];
  const source = (anchorPath: string) => {
    calls.push(anchorPath);
    const links = levels.get(anchorPath) ?? [];
    const itemDescription = descriptions[anchorPath];
    return itemDescription === undefined ? links : { links, itemDescription };
  };
  return Object.assign(source, { calls });
}

function schemaValidator(file: string): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft07); // the linkset schemas are draft-07 documents
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv.compile(JSON.parse(readFileSync(new URL(`../../standards/linkset/${file}`, import.meta.url), 'utf8')));
}

/** GS1's linkset schema (normative for GS1-Conformant resolvers) and the plain RFC 9264 one. */
export const validateGs1Linkset = schemaValidator('gs1-linkset-schema.json');
export const validatePlainLinkset = schemaValidator('linkset-schema.json');

/** The linkset less the two members GS1 adds and the plain schema forbids: `itemDescription` and `context`. */
export function withoutGs1Extensions(linkset: unknown): unknown {
  return JSON.parse(JSON.stringify(linkset), (key, value: unknown) => (key === 'itemDescription' || key === 'context' ? undefined : value));
}

/** The example linkset shipped with the schemas. */
export function exampleLinkset(): unknown {
  return JSON.parse(readFileSync(new URL('../../standards/linkset/valid-gs1-example.json', import.meta.url), 'utf8'));
}

/** Validator errors as one line, for assertion messages. */
export function errorsOf(validate: ValidateFunction): string {
  return JSON.stringify(validate.errors);
}
