import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseCode, type ParsedCodeOf } from './parse-code.js';
import { BUILT_IN_SCHEMES, CodeSchemeRegistry, defaultCodeSchemes, registerCodeScheme } from './registry.js';
import { defineScheme, type CodeScheme } from './scheme.js';
import { passed, reading, rejection } from './outcome.js';
import { expectSuyuanError } from './test-helpers.js';

// A user's own schemes, typed by declaration merging as fields.ts documents.
declare module './fields.js' {
  interface SchemeFields {
    'acme-lot': { lot: string; line: number };
    'acme-uscc-like': { code: string };
    'acme-default': { serial: string };
    'acme-explicit': { raw: string };
  }
}

/** `ACME-LOT:<line>-<lot>`, with a line number 1–9. */
const acmeLot = defineScheme({
  id: 'acme-lot',
  title: 'ACME lot label',
  read({ compact }) {
    const match = /^ACME-LOT:(\d+)-([A-Z0-9]+)$/i.exec(compact);
    if (!match) return undefined;
    const line = Number(match[1]);
    if (line < 1 || line > 9) return rejection('marker', 'CODE_VALUE', `ACME line ${line} does not exist.`, { scheme: 'acme-lot' });
    return reading<'acme-lot'>('marker', `ACME-LOT:${line}-${match[2]!.toUpperCase()}`, { lot: match[2]!.toUpperCase(), line }, [passed('acme-line')]);
  },
});

/** Reads any 18 characters of the USCC alphabet with check evidence, as cn-uscc does. */
const acmeUsccLike = defineScheme({
  id: 'acme-uscc-like',
  title: 'ACME code shaped like a USCC',
  read: ({ compact }) => (/^[0-9A-Z]{18}$/.test(compact) ? reading<'acme-uscc-like'>('check', compact, { code: compact }) : undefined),
});

const USCC = '91350100M000100Y43';

describe('CodeSchemeRegistry', () => {
  it('holds the built-in schemes in their documented order', () => {
    expect(defaultCodeSchemes.list().map((s) => s.id)).toEqual(BUILT_IN_SCHEMES.map((s) => s.id));
    expect(BUILT_IN_SCHEMES.map((s) => s.id)).toEqual([
      'cn-udi-ma',
      'ma-idcode',
      'idis',
      'cn-seed-label',
      'un-number',
      'cn-drug-standard',
      'gs1',
      'cn-uscc',
      'cas',
      'cn-drug-trace',
      'cn-pesticide',
      'cn-vet-drug',
      'cn-equipment-registration',
      'cn-equipment-code',
      'cn-fire-product',
      'cn-detonator',
      'ecode',
      'url',
    ]);
    // The specific schemes come before the general ones they overlap with.
    const ids = BUILT_IN_SCHEMES.map((s) => s.id);
    expect(ids.indexOf('cn-drug-standard')).toBeLessThan(ids.indexOf('gs1'));
    expect(ids.indexOf('cn-drug-trace')).toBeLessThan(ids.indexOf('cn-equipment-registration'));
    expect(ids.indexOf('cn-udi-ma')).toBeLessThan(ids.indexOf('ma-idcode'));
  });

  it('gives every built-in scheme a title, and the Chinese schemes a Chinese title', () => {
    for (const scheme of BUILT_IN_SCHEMES) {
      expect(scheme.title.length).toBeGreaterThan(0);
      if (scheme.id.startsWith('cn-')) expect(scheme.titleZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('registers a custom scheme whose fields are typed by declaration merging', () => {
    const registry = new CodeSchemeRegistry().register(acmeLot);
    expect(registry.get('acme-lot')).toBe(acmeLot);
    const parsed = parseCode(' acme-lot:3-ab12 ', { registry });
    expect(parsed).toEqual({
      scheme: 'acme-lot',
      input: ' acme-lot:3-ab12 ',
      canonical: 'ACME-LOT:3-AB12',
      fields: { lot: 'AB12', line: 3 },
      checks: [{ check: 'acme-line', status: 'passed' }],
      evidence: 'marker',
    });
    if (parsed.scheme === 'acme-lot') {
      expectTypeOf(parsed).toEqualTypeOf<ParsedCodeOf<'acme-lot'>>();
      expectTypeOf(parsed.fields.line).toBeNumber();
      expect(parsed.fields.line + 1).toBe(4);
    }
    expectSuyuanError(() => parseCode('ACME-LOT:12-AB12', { registry }), 'CODE_VALUE', { scheme: 'acme-lot' });
    expect(parseCode('ACME-LOT:3-AB12', { registry, scheme: 'acme-lot' }).scheme).toBe('acme-lot');
  });

  it('register returns the registry, for chaining', () => {
    const registry = new CodeSchemeRegistry([]);
    expect(registry.register(acmeLot)).toBe(registry);
  });

  it('can start empty or from any list', () => {
    expect(new CodeSchemeRegistry([]).list()).toEqual([]);
    const only = new CodeSchemeRegistry([acmeLot as CodeScheme]);
    expect(parseCode(USCC, { registry: only }).scheme).toBe('unknown');
    expect(parseCode('ACME-LOT:1-X', { registry: only }).scheme).toBe('acme-lot');
  });

  it('list returns a copy', () => {
    const registry = new CodeSchemeRegistry();
    const list = registry.list() as CodeScheme[];
    list.length = 0;
    expect(registry.list()).toHaveLength(BUILT_IN_SCHEMES.length);
  });

  describe('refuses', () => {
    it.each(['gs1', 'cn-uscc', 'url'])('a duplicate id (%s)', (id) => {
      const registry = new CodeSchemeRegistry();
      const duplicate = { ...acmeLot, id } as unknown as CodeScheme;
      expectSuyuanError(() => registry.register(duplicate), 'CODE_SCHEME_REGISTRY', { scheme: id });
    });

    it('registering the same custom scheme twice', () => {
      const registry = new CodeSchemeRegistry().register(acmeLot);
      expectSuyuanError(() => registry.register(acmeLot), 'CODE_SCHEME_REGISTRY', { scheme: 'acme-lot' });
      expect(registry.list().filter((s) => s.id === 'acme-lot')).toHaveLength(1);
    });

    it('the reserved id "unknown"', () => {
      expectSuyuanError(() => new CodeSchemeRegistry().register({ ...acmeLot, id: 'unknown' } as unknown as CodeScheme), 'CODE_SCHEME_REGISTRY');
    });

    it.each([
      ['upper case', 'Acme'],
      ['a leading hyphen', '-acme'],
      ['a space', 'acme lot'],
      ['an underscore', 'acme_lot'],
      ['a dot', 'acme.lot'],
      ['empty', ''],
      ['not a string', 42],
      ['missing', undefined],
    ])('an invalid id (%s)', (_label, id) => {
      expectSuyuanError(() => new CodeSchemeRegistry().register({ ...acmeLot, id } as unknown as CodeScheme), 'CODE_SCHEME_REGISTRY');
    });

    it('a scheme without a read function', () => {
      expectSuyuanError(() => new CodeSchemeRegistry().register({ id: 'acme-x', title: 'x' } as unknown as CodeScheme), 'CODE_SCHEME_REGISTRY');
    });

    it.each([null, undefined, 'acme'])('something that is not a scheme (%j)', (value) => {
      expectSuyuanError(() => new CodeSchemeRegistry().register(value as unknown as CodeScheme), 'CODE_SCHEME_REGISTRY');
    });

    it('a duplicate in the constructor list', () => {
      expectSuyuanError(() => new CodeSchemeRegistry([acmeLot as CodeScheme, acmeLot as CodeScheme]), 'CODE_SCHEME_REGISTRY');
    });
  });

  describe('ordering', () => {
    it('by default a custom scheme comes after the built-in ones, within equal evidence', () => {
      const registry = new CodeSchemeRegistry().register(acmeUsccLike);
      expect(registry.list().at(-1)?.id).toBe('acme-uscc-like');
      const parsed = parseCode(USCC, { registry });
      expect(parsed.scheme).toBe('cn-uscc');
      expect(parsed.alternatives?.map((a) => a.scheme)).toEqual(['acme-uscc-like']);
    });

    it('{ first: true } puts it before them', () => {
      const registry = new CodeSchemeRegistry().register(acmeUsccLike, { first: true });
      expect(registry.list()[0]?.id).toBe('acme-uscc-like');
      const parsed = parseCode(USCC, { registry });
      expect(parsed.scheme).toBe('acme-uscc-like');
      expect(parsed.alternatives?.map((a) => a.scheme)).toEqual(['cn-uscc']);
    });

    it('{ first: true } does not lift a weaker reading above a stronger one', () => {
      const shapeOnly = defineScheme({ ...acmeUsccLike, read: (input) => {
        const outcome = acmeUsccLike.read(input);
        return outcome && !('error' in outcome) ? { ...outcome, evidence: 'shape' as const } : outcome;
      } });
      const registry = new CodeSchemeRegistry().register(shapeOnly, { first: true });
      expect(parseCode(USCC, { registry }).scheme).toBe('cn-uscc');
    });
  });

  describe('explicit-only schemes', () => {
    const acmeExplicit = defineScheme({
      id: 'acme-explicit',
      title: 'ACME explicit',
      explicitOnly: true,
      read: ({ compact }) => reading<'acme-explicit'>('marker', compact, { raw: compact }),
    });

    it('are read only when asked for', () => {
      const registry = new CodeSchemeRegistry().register(acmeExplicit);
      expect(parseCode(USCC, { registry }).scheme).toBe('cn-uscc');
      expect(parseCode(USCC, { registry, scheme: 'acme-explicit' }).scheme).toBe('acme-explicit');
      expect(parseCode(USCC, { registry, schemes: ['cn-uscc', 'acme-explicit'] }).scheme).toBe('acme-explicit');
    });
  });

  describe('a separate registry passed as options.registry', () => {
    it('does not change the default registry', () => {
      const registry = new CodeSchemeRegistry().register(acmeLot);
      expect(parseCode('ACME-LOT:1-X', { registry }).scheme).toBe('acme-lot');
      expect(defaultCodeSchemes.get('acme-lot')).toBeUndefined();
      expect(parseCode('ACME-LOT:1-X').scheme).toBe('unknown');
      expectSuyuanError(() => parseCode('ACME-LOT:1-X', { scheme: 'acme-lot' }), 'CODE_SCHEME_UNKNOWN');
    });

    it('is not changed by registering in the default registry', () => {
      const separate = new CodeSchemeRegistry();
      const defaultScheme = defineScheme({
        id: 'acme-default',
        title: 'ACME default',
        read: ({ compact }) => (/^ACMEDEFAULT\d+$/.test(compact) ? reading<'acme-default'>('marker', compact, { serial: compact.slice(11) }) : undefined),
      });
      registerCodeScheme(defaultScheme);
      expect(defaultCodeSchemes.get('acme-default')).toBe(defaultScheme);
      expect(separate.get('acme-default')).toBeUndefined();
      const parsed = parseCode('ACMEDEFAULT42');
      expect(parsed.scheme).toBe('acme-default');
      expect(parsed.scheme === 'acme-default' && parsed.fields.serial).toBe('42');
      expect(parseCode('ACMEDEFAULT42', { registry: separate }).scheme).toBe('unknown');
      expectSuyuanError(() => registerCodeScheme(defaultScheme), 'CODE_SCHEME_REGISTRY');
      // Built-in readings are unaffected.
      expect(parseCode(USCC).scheme).toBe('cn-uscc');
    });
  });

  it('treats a SuyuanError thrown by a scheme as its rejection (shape evidence)', () => {
    const throwing = defineScheme({
      id: 'acme-lot',
      title: 'throws',
      read: ({ compact }) => {
        if (compact === 'BOOM' || compact === USCC) throw rejection('marker', 'CODE_VALUE', 'boom').error;
        return undefined;
      },
    });
    const registry = new CodeSchemeRegistry().register(throwing);
    expectSuyuanError(() => parseCode('BOOM', { registry }), 'CODE_VALUE');
    // Thrown rather than returned, it counts as a shape-level failure: it cannot veto a check reading.
    expect(parseCode(USCC, { registry }).scheme).toBe('cn-uscc');
  });
});
