import { ERROR_CODES, SuyuanError, type SuyuanErrorCode } from '@suyuan/core';
import { describe, expect, it } from 'vitest';
import { ProblemSchema, problemOf, statusOf } from './problem.js';

describe('problem details (RFC 9457)', () => {
  it('gives every Suyuan code a problem with its code, a 4xx or 5xx status and a type URI', () => {
    for (const code of Object.keys(ERROR_CODES) as SuyuanErrorCode[]) {
      const problem = problemOf(new SuyuanError(code, `about ${code}`, { path: 'x' }));
      expect(ProblemSchema.parse(problem)).toEqual(problem);
      expect(problem).toMatchObject({ code, status: statusOf(code), detail: `about ${code}`, details: { path: 'x' } });
      expect(problem.type).toBe(`https://suyuan.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`);
    }
  });

  it('tells a storage failure without its internals, and an unexpected error as INTERNAL 500', () => {
    const storage = problemOf(new SuyuanError('UNAVAILABLE', 'The SQLite database /srv/suyuan/suyuan.db failed: disk I/O error', {}, { cause: new Error('SQLITE_IOERR') }));
    expect(storage.status).toBe(503);
    expect(storage.detail).not.toContain('/srv');
    expect(problemOf(new SuyuanError('UNAVAILABLE', 'This platform process serves reads only.', {})).detail).toBe('This platform process serves reads only.');
    const internal = problemOf(new TypeError('x is undefined'));
    expect(internal).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(internal.detail).not.toContain('undefined');
  });
});
