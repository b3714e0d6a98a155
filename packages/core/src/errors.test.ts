import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SuyuanError, isSuyuanError, toResult } from './errors.js';

describe('SuyuanError', () => {
  it('carries a stable code, details and cause, and serialises without the stack', () => {
    const cause = new Error('inner');
    const error = new SuyuanError('CODE_CHECK_DIGIT', 'bad check digit', { position: 12, ai: '01' }, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SuyuanError');
    expect(error.code).toBe('CODE_CHECK_DIGIT');
    expect(error.details).toEqual({ position: 12, ai: '01' });
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'SuyuanError',
      code: 'CODE_CHECK_DIGIT',
      message: 'bad check digit',
      details: { position: 12, ai: '01' },
    });
    expect(isSuyuanError(error)).toBe(true);
    expect(isSuyuanError(new Error('x'))).toBe(false);
  });

  it('toResult turns a SuyuanError into a failed result and lets other errors through', () => {
    expect(toResult(() => 1)).toEqual({ ok: true, value: 1 });
    const failed = toResult(() => {
      throw new SuyuanError('INPUT_EMPTY', 'empty');
    });
    expect(failed.ok).toBe(false);
    expect(() =>
      toResult(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });

  it('documents every error code in docs/errors.md, and nothing more', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
