/**
 * Tests of the syntax-dictionary generator (packages/core/scripts/) and of the lookups built on its
 * output. They live here rather than in scripts/ because the root vitest config only collects
 * `packages/*\/src/**\/*.test.ts`; a test file in packages/core/scripts/ would never run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_PATH, TABLE_PATH, generate } from '../../scripts/generate-gs1-table.js';
import { emitSyntaxTable, parseSyntaxDictionary } from '../../scripts/syntax-dictionary.js';
import { SYNTAX_DICTIONARY, SYNTAX_DICTIONARY_RELEASE } from './syntax-dictionary.generated.js';
import { aiLengthForPrefix, listAis, lookupAi, matchesAiPattern } from './syntax-dictionary.js';

const HEADER = '# GS1 Barcode Syntax Dictionary\n#\n# Release: 2099-01-01\n#\n';

function parseLines(...lines: string[]) {
  return parseSyntaxDictionary(HEADER + lines.join('\n') + '\n');
}

describe('generated table', () => {
  it('is exactly what the generator produces from the committed dictionary', () => {
    const committed = readFileSync(TABLE_PATH, 'utf8');
    const regenerated = generate();
    // Compare line by line first so a stale table shows the first differing row, not a 200-line blob.
    const committedLines = committed.split('\n');
    const regeneratedLines = regenerated.split('\n');
    const firstDifference = regeneratedLines.findIndex((line, i) => line !== committedLines[i]);
    expect(firstDifference, `first differing line: ${regeneratedLines[firstDifference]}`).toBe(-1);
    expect(regenerated).toBe(committed);
  });

  it('matches the dictionary text entry for entry and carries its release', () => {
    const { release, entries } = parseSyntaxDictionary(readFileSync(DICTIONARY_PATH, 'utf8'));
    expect(SYNTAX_DICTIONARY_RELEASE).toBe(release);
    expect(release).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(SYNTAX_DICTIONARY.length).toBe(entries.length);
    SYNTAX_DICTIONARY.forEach((row, i) => {
      const entry = entries[i]!;
      expect(row.first).toBe(entry.first);
      expect(row.last).toBe(entry.last);
      expect(row.fnc1).toBe(entry.fnc1);
      expect(row.dlAttribute).toBe(entry.dlAttribute);
      expect(row.components).toEqual(entry.components.map((c) => [c.cset, c.min, c.max, c.optional, c.linters]));
      expect(row.req).toEqual(entry.req);
      expect(row.ex).toEqual(entry.ex);
      expect(row.dlpkey).toEqual(entry.dlpkey);
      expect(row.title).toBe(entry.title);
    });
  });

  it('holds the entries GS1 publishes for well-known AIs', () => {
    const gtin = lookupAi('01')!;
    expect(gtin.title).toBe('GTIN');
    expect(gtin.predefinedLength).toBe(14);
    expect(gtin.fnc1Required).toBe(false);
    expect(gtin.components).toEqual([{ characterSet: 'N', minLength: 14, maxLength: 14, optional: false, linters: ['csum', 'gcppos2'] }]);
    expect(gtin.excludes).toEqual(['255', '37']);
    expect(gtin.dlKeyQualifiers).toEqual([['22', '10', '21'], ['235']]);
    expect(gtin.dlDataAttribute).toBe(true);

    const lot = lookupAi('10')!;
    expect(lot.predefinedLength).toBeNull();
    expect(lot.fnc1Required).toBe(true);
    expect([lot.minLength, lot.maxLength]).toEqual([1, 20]);
    expect(lot.requires).toEqual([[['01'], ['02'], ['03'], ['8006'], ['8026']]]);

    // A range entry expands to one definition per AI, each with the range's data.
    for (const ai of ['3100', '3103', '3105']) expect(lookupAi(ai)?.title).toBe('NET WEIGHT (kg)');
    expect(lookupAi('3106')).toBeUndefined();

    // Optional trailing component: N13 mandatory, X..17 optional.
    const gdti = lookupAi('253')!;
    expect([gdti.minLength, gdti.maxLength]).toEqual([13, 30]);
    expect(gdti.components.map((c) => c.optional)).toEqual([false, true]);
    expect(gdti.dlKeyQualifiers).toEqual([[]]);

    // Two req= attributes: both must hold.
    expect(lookupAi('250')!.requires).toEqual([[['01'], ['8006']], [['21']]]);
    expect(lookupAi('21')!.dlDataAttribute).toBe(false);
    expect(lookupAi('99')?.title).toBe('INTERNAL');
    expect(lookupAi('89')).toBeUndefined();
    expect(lookupAi('1')).toBeUndefined();
  });

  it('lists AIs in lexical order without duplicates', () => {
    const ais = listAis().map((d) => d.ai);
    expect(ais.length).toBeGreaterThan(400);
    expect([...ais].sort()).toEqual(ais);
    expect(new Set(ais).size).toBe(ais.length);
  });
});

describe('AIs are prefix-free', () => {
  const ais = listAis().map((d) => d.ai);

  it('aiLengthForPrefix gives every AI its own length', () => {
    for (const ai of ais) expect(aiLengthForPrefix(ai.slice(0, 2)), ai).toBe(ai.length);
  });

  it('no AI is a proper prefix of another', () => {
    const set = new Set(ais);
    for (const ai of ais) {
      for (let n = 2; n < ai.length; n++) expect(set.has(ai.slice(0, n)), `${ai.slice(0, n)} is a prefix of ${ai}`).toBe(false);
    }
  });

  it('all AIs sharing two leading digits have the same length', () => {
    const lengths = new Map<string, Set<number>>();
    for (const ai of ais) {
      const set = lengths.get(ai.slice(0, 2)) ?? new Set();
      set.add(ai.length);
      lengths.set(ai.slice(0, 2), set);
    }
    for (const [prefix, set] of lengths) expect([prefix, set.size]).toEqual([prefix, 1]);
  });

  it('has no length for unallocated prefixes', () => {
    expect(aiLengthForPrefix('89')).toBeUndefined();
    expect(aiLengthForPrefix('0')).toBeUndefined();
    expect(aiLengthForPrefix('')).toBeUndefined();
    expect(aiLengthForPrefix('ab')).toBeUndefined();
  });
});

describe('matchesAiPattern', () => {
  it.each([
    ['3103', '310n', true],
    ['3103', '31nn', true],
    ['3103', '3103', true],
    ['3113', '310n', false],
    ['310', '310n', false],
    ['01', '0n', true],
    ['01', '02', false],
    ['01', 'nnn', false],
  ] as const)('%s against %s → %s', (ai, pattern, expected) => {
    expect(matchesAiPattern(ai, pattern)).toBe(expected);
  });
});

describe('parseSyntaxDictionary', () => {
  it('reads the release, skips comments and blank lines', () => {
    const { release, entries } = parseSyntaxDictionary(`${HEADER}\n# a comment\n   \n90  ?  X..30  # INTERNAL\n`);
    expect(release).toBe('2099-01-01');
    expect(entries).toHaveLength(1);
  });

  it('reads an entry with flags, linters, attributes and a title', () => {
    const { entries } = parseLines('01         *?  N14,csum,gcppos2                  ex=255,37 dlpkey=22,10,21|235                    # GTIN');
    expect(entries).toEqual([
      {
        first: '01',
        last: '01',
        fnc1: false,
        dlAttribute: true,
        components: [{ cset: 'N', min: 14, max: 14, optional: false, linters: ['csum', 'gcppos2'] }],
        req: [],
        ex: ['255', '37'],
        dlpkey: [['22', '10', '21'], ['235']],
        title: 'GTIN',
      },
    ]);
  });

  it('reads ranges, variable and optional components, several req= and + groups', () => {
    const { entries } = parseLines(
      '3100-3105  *?  N6                                req=01,02 ex=310n                                # NET WEIGHT (kg)',
      '253         ?  N13,csum,gcppos1 [X..17]          dlpkey                                           # GDTI',
      '250         ?  X..30                             req=01,8006 req=21                               # SECONDARY SERIAL',
      '8030        ?  Z..90  req=00,01+21,8006+21                                                      # DIGSIG',
      '7007        ?  N6,yymmdd [N6],yymmdd             req=01,02                                        # HARVEST DATE',
      '91-99       ?  X..90',
      '8008           N6 N2 [N2] [N2]',
    );
    const [weight, gdti, secondary, digsig, harvest, internal, prodTime] = entries;
    expect(weight).toMatchObject({ first: '3100', last: '3105', fnc1: false, req: [[['01'], ['02']]], ex: ['310n'], title: 'NET WEIGHT (kg)' });
    expect(gdti).toMatchObject({
      fnc1: true,
      dlpkey: [[]],
      components: [
        { cset: 'N', min: 13, max: 13, optional: false, linters: ['csum', 'gcppos1'] },
        { cset: 'X', min: 1, max: 17, optional: true, linters: [] },
      ],
    });
    expect(secondary!.req).toEqual([[['01'], ['8006']], [['21']]]);
    expect(digsig!.req).toEqual([[['00'], ['01', '21'], ['8006', '21']]]);
    expect(digsig!.components[0]).toEqual({ cset: 'Z', min: 1, max: 90, optional: false, linters: [] });
    expect(harvest!.components[1]).toEqual({ cset: 'N', min: 6, max: 6, optional: true, linters: ['yymmdd'] });
    expect(internal).toMatchObject({ first: '91', last: '99', title: '', dlAttribute: true, dlpkey: null });
    expect(prodTime!.components.map((c) => [c.max, c.optional])).toEqual([[6, false], [2, false], [2, true], [2, true]]);
    expect(prodTime!.dlAttribute).toBe(false);
  });

  it('round-trips through emitSyntaxTable into a module that names its release', () => {
    const { release, entries } = parseLines('90  ?  X..30  # INTERNAL');
    const source = emitSyntaxTable(release, entries);
    expect(source).toContain('export const SYNTAX_DICTIONARY_RELEASE = "2099-01-01";');
    expect(source).toContain(
      '{ first: "90", last: "90", fnc1: true, dlAttribute: true, components: [["X", 1, 30, false, []]], req: [], ex: [], dlpkey: null, title: "INTERNAL" },',
    );
  });

  it('requires a release line', () => {
    expect(() => parseSyntaxDictionary('90  ?  X..30\n')).toThrow(/Release/);
  });

  it.each([
    ['a one-digit AI', '1  X..20'],
    ['a five-digit AI', '12345  N1'],
    ['a non-numeric AI', 'AB  X..20'],
    ['a range going backwards', '3105-3100  N6'],
    ['a range of mixed widths', '31-3105  N6'],
    ['a line with no specification', '01  *?  dlpkey  # GTIN'],
    ['a line with only an AI', '01'],
    ['an unclosed bracket', '253  N13 [X..17'],
    ['a bracket closed but not opened', '253  N13 X..17]'],
    ['a zero length', '99  N0'],
    ['a zero maximum', '99  X..0'],
    ['a minimum..maximum length (not in the grammar)', '99  X3..20'],
    ['an unknown character set', '99  A..20'],
    ['an upper-case linter name', '01  N14,CSUM'],
    ['an unknown attribute', '01  N14 foo=bar'],
    ['flags mixed with letters', '01  *x  N14'],
    ['a variable-length component before the last', '99  X..20 N2'],
    ['a mandatory component after an optional one', '99  [N2] N3'],
  ])('rejects %s', (_what, line) => {
    expect(() => parseLines('90  ?  X..30', line)).toThrow(/syntax dictionary line 6/);
  });
});
