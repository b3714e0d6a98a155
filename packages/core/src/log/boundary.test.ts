/**
 * The log module is part of the light `verify` path a browser widget imports: it must not import
 * zod, Node built-ins or any package — only its own files, `../errors.js`, `../crypto/sha256.js` and `../crypto/base64.js`
 * (and those two must not either).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = new URL('./', import.meta.url);
const ALLOWED_OUTSIDE = new Set(['../errors.js', '../crypto/sha256.js', '../crypto/base64.js']);

function imports(url: URL): string[] {
  const source = readFileSync(url, 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!).concat([...source.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!));
}

describe('the log module’s imports', () => {
  const files = readdirSync(here).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'test-helpers.ts');

  it.each(files)('%s imports only the module itself, errors and the crypto helpers', (file) => {
    const found = imports(new URL(file, here));
    expect(found.length, `no import found in ${file}: the pattern is broken`).toBeGreaterThan(0);
    for (const specifier of found) {
      expect(specifier.startsWith('./') || ALLOWED_OUTSIDE.has(specifier), `${file} imports ${specifier}`).toBe(true);
    }
  });

  it.each([...ALLOWED_OUTSIDE])('%s imports nothing but relative files', (file) => {
    for (const specifier of imports(new URL(file.replace(/\.js$/, '.ts'), here))) expect(specifier.startsWith('./') || specifier.startsWith('../'), `${file} imports ${specifier}`).toBe(true);
  });
});
