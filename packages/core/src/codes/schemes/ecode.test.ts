import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, expectSuyuanError, readAs } from '../test-helpers.js';
import { ecode } from './ecode.js';

const NOT_CHECKED = { check: 'ecode-structure', status: 'not-checked', note: 'the Ecode lengths per version are not public; the code is kept opaque' };

describe('ecode: Ecode (GB/T 31866-2023), explicit only', () => {
  it('is never detected on its own', () => {
    expect(ecode.explicitOnly).toBe(true);
    expect(parseCode('10001000000001234').scheme).toBe('unknown');
  });

  it.each([
    ['10001000000001234', '1', '0001000000001234', false],
    ['2ABC123', '2', 'ABC123', false],
    ['06901234567892', '0', '6901234567892', true],
  ])('reads %s as an opaque identifier when asked for', (code, version, body, gs1Reserved) => {
    expect(expectReading(ecode, code)).toEqual({ evidence: 'shape', canonical: code, fields: { version, body, gs1Reserved }, checks: [NOT_CHECKED] });
    const parsed = parseCode(code, { scheme: 'ecode' });
    expect(parsed.scheme).toBe('ecode');
    expect(parsed.checks).toEqual([NOT_CHECKED]);
  });

  it('is considered when listed in options.schemes, after stronger readings', () => {
    const parsed = parseCode('06901234567892', { schemes: ['ecode', 'gs1'] });
    expect(parsed.scheme).toBe('gs1');
    expect(parsed.alternatives?.map((a) => a.scheme)).toEqual(['ecode']);
  });

  it.each(['1', 'A123', '1-23', '1.23'])('does not read %s', (text) => {
    expect(readAs(ecode, text)).toBeUndefined();
    expectSuyuanError(() => parseCode(text, { scheme: 'ecode' }), 'CODE_FORMAT', { scheme: 'ecode' });
  });
});
