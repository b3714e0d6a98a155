/**
 * Turns the GS1 Barcode Syntax Dictionary (`standards/gs1/gs1-syntax-dictionary.txt`) into the typed
 * table `src/gs1/syntax-dictionary.generated.ts`. Pure: `parseSyntaxDictionary` reads the text,
 * `emitSyntaxTable` writes the module source, so a test can check the committed table is current.
 */

export interface ComponentSpec {
  cset: 'N' | 'X' | 'Y' | 'Z';
  min: number;
  max: number;
  optional: boolean;
  linters: string[];
}

export interface DictionaryEntry {
  /** First AI of the entry's range (or the AI itself). */
  first: string;
  /** Last AI of the entry's range (equal to `first` for a single AI). */
  last: string;
  /** `*` flag absent: a variable-length field, or one that needs FNC1 after it unless last. */
  fnc1: boolean;
  /** `?` flag: permitted as a GS1 Digital Link data attribute (query parameter). */
  dlAttribute: boolean;
  components: ComponentSpec[];
  /** Each `req=` attribute: alternatives, each a list of AI patterns that must all be present. */
  req: string[][][];
  /** All `ex=` patterns: AIs that may not appear alongside this one. */
  ex: string[];
  /** `dlpkey` alternatives: ordered qualifier sequences; `[[]]` for a key without qualifiers. */
  dlpkey: string[][] | null;
  title: string;
}

const FLAG_CHARS = new Set('*!?"$%&\'()+,-./:;<=>@[\\]^_`{|}~');
const COMPONENT = /^(\[)?([NXYZ])(\d+)?(?:\.\.(\d+))?(\])?((?:,[a-z0-9]+)*)$/;
const AI_RANGE = /^(\d{2,4})(?:-(\d{2,4}))?$/;

export function parseSyntaxDictionary(text: string): { release: string; entries: DictionaryEntry[] } {
  const release = /^# Release: (\S+)/m.exec(text)?.[1];
  if (!release) throw new Error('syntax dictionary: no "# Release:" line');
  const entries: DictionaryEntry[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trimEnd();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${index + 1}`;
    const hash = line.indexOf('#');
    const title = hash >= 0 ? line.slice(hash + 1).trim() : '';
    const tokens = (hash >= 0 ? line.slice(0, hash) : line).trim().split(/\s+/);
    const range = AI_RANGE.exec(tokens.shift() ?? '');
    if (!range) throw new Error(`syntax dictionary ${where}: bad AI "${line}"`);
    const first = range[1]!;
    const last = range[2] ?? first;
    if (last.length !== first.length || last < first) throw new Error(`syntax dictionary ${where}: bad range`);
    let flags = '';
    if (tokens[0] && [...tokens[0]].every((c) => FLAG_CHARS.has(c))) flags = tokens.shift()!;
    const components: ComponentSpec[] = [];
    const entry: DictionaryEntry = {
      first,
      last,
      fnc1: !flags.includes('*'),
      dlAttribute: flags.includes('?'),
      components,
      req: [],
      ex: [],
      dlpkey: null,
      title,
    };
    for (const token of tokens) {
      const component = COMPONENT.exec(token);
      if (component) {
        const [, open, cset, fixed, max, close, linters] = component;
        if (Boolean(open) !== Boolean(close)) throw new Error(`syntax dictionary ${where}: bad brackets "${token}"`);
        const isRange = token.includes('..');
        // The dictionary's grammar has "N5" (exactly 5) and "N..20" (1 to 20), nothing like "N3..20".
        if (isRange && fixed !== undefined) throw new Error(`syntax dictionary ${where}: bad length "${token}"`);
        const maxLength = Number(isRange ? max : fixed);
        if (!Number.isInteger(maxLength) || maxLength < 1) throw new Error(`syntax dictionary ${where}: bad length "${token}"`);
        components.push({
          cset: cset as ComponentSpec['cset'],
          min: isRange ? 1 : maxLength,
          max: maxLength,
          optional: Boolean(open),
          linters: linters ? linters.slice(1).split(',') : [],
        });
      } else if (token.startsWith('req=')) {
        entry.req.push(token.slice(4).split(',').map((alternative) => alternative.split('+')));
      } else if (token.startsWith('ex=')) {
        entry.ex.push(...token.slice(3).split(','));
      } else if (token === 'dlpkey') {
        entry.dlpkey = [[]];
      } else if (token.startsWith('dlpkey=')) {
        entry.dlpkey = token.slice(7).split('|').map((sequence) => sequence.split(','));
      } else {
        throw new Error(`syntax dictionary ${where}: unknown token "${token}"`);
      }
    }
    if (components.length === 0) throw new Error(`syntax dictionary ${where}: no specification`);
    if (components.some((c, i) => !c.optional && components.slice(0, i).some((earlier) => earlier.optional))) {
      throw new Error(`syntax dictionary ${where}: a mandatory component follows an optional one`);
    }
    const variable = components.findIndex((c) => c.min !== c.max);
    if (variable >= 0 && variable !== components.length - 1) {
      throw new Error(`syntax dictionary ${where}: only the final component may have variable length`);
    }
    entries.push(entry);
  });
  return { release, entries };
}

export function emitSyntaxTable(release: string, entries: DictionaryEntry[]): string {
  const rows = entries.map((e) => {
    const components = e.components
      .map((c) => `[${JSON.stringify(c.cset)}, ${c.min}, ${c.max}, ${c.optional}, ${JSON.stringify(c.linters)}]`)
      .join(', ');
    return (
      `  { first: ${JSON.stringify(e.first)}, last: ${JSON.stringify(e.last)}, fnc1: ${e.fnc1}, ` +
      `dlAttribute: ${e.dlAttribute}, components: [${components}], req: ${JSON.stringify(e.req)}, ` +
      `ex: ${JSON.stringify(e.ex)}, dlpkey: ${JSON.stringify(e.dlpkey)}, title: ${JSON.stringify(e.title)} },`
    );
  });
  return [
    '// Generated by packages/core/scripts/generate-gs1-table.ts from',
    '// packages/core/standards/gs1/gs1-syntax-dictionary.txt (GS1 Barcode Syntax Dictionary,',
    '// © GS1 AISBL, BWIPP and Zint projects, Apache-2.0). Do not edit: run `npm run gen:gs1`.',
    '',
    "import type { SyntaxDictionaryEntry } from './syntax-dictionary.js';",
    '',
    `export const SYNTAX_DICTIONARY_RELEASE = ${JSON.stringify(release)};`,
    '',
    '// Components: [character set, minimum length, maximum length, optional, linters].',
    'export const SYNTAX_DICTIONARY: readonly SyntaxDictionaryEntry[] = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}
