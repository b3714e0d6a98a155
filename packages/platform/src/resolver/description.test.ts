/**
 * The resolver description file at /.well-known/gs1resolver (Resolver Standard 1.2 §3; test suite
 * "rdFile").
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { RESOLVER_DESCRIPTION_PATH, resolverDescription, supportedPrimaryKeys } from './description.js';

/**
 * The members of GS1's description file schema (release 1.2.0, `$id`
 * https://ref.gs1.org/standards/resolver/1.2.0/description-file-schema) as far as they could be read when
 * this was written; `contact` could not, and is only checked to be an object.
 */
const DESCRIPTION_SCHEMA = {
  type: 'object',
  properties: {
    resolverRoot: { type: 'string', format: 'uri' },
    supportedPrimaryKeys: {
      type: 'array',
      items: { type: 'string', enum: ['all', '01', '8006', '8013', '8010', '410', '411', '412', '413', '414', '415', '417', '8017', '8018', '255', '00', '253', '401', '402', '8003', '8004'] },
    },
    name: { type: 'string' },
    supportedLinkType: {
      type: 'array',
      items: { properties: { namespace: { type: 'string', format: 'uri' }, prefix: { type: 'string', pattern: '^[a-zA-Z_][A-Za-z0-9_-]*?:$' } } },
    },
    linkTypeDefaultCanBeLinkset: { type: 'boolean' },
    supportedContextValuesEnumerated: { type: 'array', items: { type: 'string' } },
    contact: { type: 'object' },
    jsonLdContextLocation: { type: 'string', format: 'uri' },
  },
  required: ['resolverRoot', 'supportedPrimaryKeys'],
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
const validate = ajv.compile(DESCRIPTION_SCHEMA);

describe('resolverDescription (§3)', () => {
  it('describes the resolver: root, primary keys, the GS1 namespace, no linkset default, the JSON-LD context', () => {
    const description = resolverDescription({ resolverRoot: 'https://id.example.com/', name: 'Suyuan resolver', supportedContextValues: ['us', 'gb'], contact: { fn: 'Operations' } });
    expect(description).toEqual({
      name: 'Suyuan resolver',
      resolverRoot: 'https://id.example.com',
      supportedPrimaryKeys: ['00', '01', '253', '255', '401', '402', '414', '415', '417', '8003', '8004', '8006', '8010', '8013', '8017', '8018'],
      supportedLinkType: [{ namespace: 'https://ref.gs1.org/voc/', prefix: 'gs1:' }],
      linkTypeDefaultCanBeLinkset: false,
      supportedContextValuesEnumerated: ['us', 'gb'],
      jsonLdContextLocation: 'https://ref.gs1.org/standards/resolver/1.2.0/linkset-context',
      contact: { fn: 'Operations' },
    });
    expect(validate(description), JSON.stringify(validate.errors)).toBe(true);
    expect(RESOLVER_DESCRIPTION_PATH).toBe('/.well-known/gs1resolver');
  });

  it('leaves out what the operator did not give', () => {
    const description = resolverDescription({ resolverRoot: 'http://localhost:8080' });
    expect(Object.keys(description)).toEqual(['resolverRoot', 'supportedPrimaryKeys', 'supportedLinkType', 'linkTypeDefaultCanBeLinkset', 'jsonLdContextLocation']);
    expect(validate(description), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lists as primary keys exactly the keys the Digital Link parser resolves', () => {
    expect(supportedPrimaryKeys()).toContain('01');
    expect(supportedPrimaryKeys()).not.toContain('10');
  });

  it.each([
    ['not a URL', { resolverRoot: 'id.example.com' }],
    ['not http(s)', { resolverRoot: 'ftp://id.example.com' }],
    ['a query', { resolverRoot: 'https://id.example.com/?x=1' }],
    ['an unknown option', { resolverRoot: 'https://id.example.com', linkTypeDefaultCanBeLinkset: true }],
  ])('refuses a root with %s', (_name, options) => {
    expect(() => resolverDescription(options as never)).toThrow();
  });
});
