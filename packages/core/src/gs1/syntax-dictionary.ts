/**
 * The GS1 application-identifier table, as GS1 publishes it in the Barcode Syntax Dictionary.
 * The data lives in `syntax-dictionary.generated.ts`; this module turns it into lookups.
 */
import { SYNTAX_DICTIONARY, SYNTAX_DICTIONARY_RELEASE } from './syntax-dictionary.generated.js';

/** GS1 character sets: N digits, X CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type CharacterSet = 'N' | 'X' | 'Y' | 'Z';

/** A component as stored in the generated table: [set, min length, max length, optional, linters]. */
export type ComponentTuple = readonly [CharacterSet, number, number, boolean, readonly string[]];

export interface SyntaxDictionaryEntry {
  readonly first: string;
  readonly last: string;
  readonly fnc1: boolean;
  readonly dlAttribute: boolean;
  readonly components: readonly ComponentTuple[];
  readonly req: readonly (readonly (readonly string[])[])[];
  readonly ex: readonly string[];
  readonly dlpkey: readonly (readonly string[])[] | null;
  readonly title: string;
}

/** One part of an AI's data field, e.g. the `N3,iso4217` currency of AI 3910. */
export interface AiComponent {
  readonly characterSet: CharacterSet;
  readonly minLength: number;
  readonly maxLength: number;
  readonly optional: boolean;
  /** Names of the GS1 syntax tests ("linters") that check this component. */
  readonly linters: readonly string[];
}

/** Everything GS1's data says about one application identifier. */
export interface AiDefinition {
  readonly ai: string;
  readonly title: string;
  /** Whether a raw element string needs an FNC1 (GS) separator after this AI's value unless it is last. */
  readonly fnc1Required: boolean;
  /** The value's length when it is predefined (no FNC1 needed), otherwise `null`. */
  readonly predefinedLength: number | null;
  readonly minLength: number;
  readonly maxLength: number;
  readonly components: readonly AiComponent[];
  /** Each requirement: one of its alternatives (a set of AI patterns, all present) must be satisfied. */
  readonly requires: readonly (readonly (readonly string[])[])[];
  /** AI patterns (`n` = any digit) that may not appear together with this AI. */
  readonly excludes: readonly string[];
  /** May be a GS1 Digital Link query-string data attribute. */
  readonly dlDataAttribute: boolean;
  /** When a Digital Link primary key: its alternative ordered qualifier sequences. */
  readonly dlKeyQualifiers: readonly (readonly string[])[] | null;
}

export { SYNTAX_DICTIONARY_RELEASE };

function expand(entry: SyntaxDictionaryEntry): AiDefinition[] {
  const components = entry.components.map(([characterSet, minLength, maxLength, optional, linters]) => ({
    characterSet,
    minLength,
    maxLength,
    optional,
    linters,
  }));
  const minLength = components.filter((c) => !c.optional).reduce((sum, c) => sum + c.minLength, 0);
  const maxLength = components.reduce((sum, c) => sum + c.maxLength, 0);
  const definitions: AiDefinition[] = [];
  const width = entry.first.length;
  for (let n = Number(entry.first); n <= Number(entry.last); n++) {
    definitions.push({
      ai: String(n).padStart(width, '0'),
      title: entry.title,
      fnc1Required: entry.fnc1,
      predefinedLength: entry.fnc1 ? null : maxLength,
      minLength,
      maxLength,
      components,
      requires: entry.req,
      excludes: entry.ex,
      dlDataAttribute: entry.dlAttribute,
      dlKeyQualifiers: entry.dlpkey,
    });
  }
  return definitions;
}

const BY_AI = new Map<string, AiDefinition>();
/** AI length (2, 3 or 4) by the AI's first two digits, as GS1 allocates AIs prefix-free. */
const LENGTH_BY_PREFIX = new Map<string, number>();

for (const entry of SYNTAX_DICTIONARY) {
  for (const definition of expand(entry)) {
    BY_AI.set(definition.ai, definition);
    LENGTH_BY_PREFIX.set(definition.ai.slice(0, 2), definition.ai.length);
  }
}

/** The definition of an AI, or `undefined` when GS1's dictionary does not list it. */
export function lookupAi(ai: string): AiDefinition | undefined {
  return BY_AI.get(ai);
}

/** Every AI in the dictionary, in lexical order. */
export function listAis(): AiDefinition[] {
  return [...BY_AI.values()];
}

/** The length of an AI starting with these two digits, or `undefined` when none is allocated. */
export function aiLengthForPrefix(twoDigits: string): number | undefined {
  return LENGTH_BY_PREFIX.get(twoDigits);
}

/** Whether `ai` matches a dictionary pattern such as `310n` or `31nn` (`n` = any digit). */
export function matchesAiPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) {
    const p = pattern.charCodeAt(i);
    if (p !== 0x6e /* n */ && p !== ai.charCodeAt(i)) return false;
  }
  return true;
}
