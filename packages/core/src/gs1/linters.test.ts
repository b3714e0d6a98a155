import { describe, expect, it } from 'vitest';
import { SYNTAX_DICTIONARY } from './syntax-dictionary.generated.js';
import { LINTERS, runLinter } from './linters.js';
import vectors from './testdata/linter-vectors.json' with { type: 'json' };

interface Vector {
  linter: string;
  input: string;
  ok: boolean;
  error?: string;
  position?: number;
  length?: number;
}

describe('GS1 syntax tests (linters), against GS1 reference vectors', () => {
  it.each((vectors as Vector[]).map((v) => [v.linter, JSON.stringify(v.input), v] as const))('%s %s', (_name, _input, v) => {
    const outcome = runLinter(v.linter, v.input);
    expect(outcome).not.toBe('not-checked');
    if (v.ok) {
      expect(outcome).toBeNull();
    } else {
      expect(outcome).not.toBeNull();
      const failure = outcome as Exclude<typeof outcome, null | 'not-checked'>;
      expect(`GS1_LINTER_${failure.gs1Error}`).toBe(v.error);
      expect(failure.offset).toBe(v.position);
      if (v.length !== undefined) expect(failure.length).toBe(v.length);
    }
  });
});

describe('linter coverage', () => {
  it('implements every linter the syntax dictionary names', () => {
    const named = new Set(SYNTAX_DICTIONARY.flatMap((entry) => entry.components.flatMap((component) => component[4])));
    expect(named.size).toBeGreaterThan(30);
    for (const name of named) expect(LINTERS, name).toHaveProperty(name);
  });

  it('reports a linter it does not know as not-checked, never as passed', () => {
    expect(runLinter('no-such-linter', '123')).toBe('not-checked');
  });

  it('checks the GMN example from the GS1 General Specifications', () => {
    expect(LINTERS.csumalpha!('1987654Ad4X4bL5ttr2310c2K')).toBeNull();
    expect(LINTERS.csumalpha!('1987654Ad4X4bL5ttr2310c2L')?.gs1Error).toBe('INCORRECT_CHECK_PAIR');
  });
});
