/** Regenerates src/gs1/syntax-dictionary.generated.ts from the committed GS1 syntax dictionary. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emitSyntaxTable, parseSyntaxDictionary } from './syntax-dictionary.js';

export const DICTIONARY_PATH = fileURLToPath(new URL('../standards/gs1/gs1-syntax-dictionary.txt', import.meta.url));
export const TABLE_PATH = fileURLToPath(new URL('../src/gs1/syntax-dictionary.generated.ts', import.meta.url));

export function generate(): string {
  const { release, entries } = parseSyntaxDictionary(readFileSync(DICTIONARY_PATH, 'utf8'));
  return emitSyntaxTable(release, entries);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_PATH, generate());
  console.log(`wrote ${TABLE_PATH}`);
}
