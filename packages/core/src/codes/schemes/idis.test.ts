import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, readAs, toFullWidth } from '../test-helpers.js';
import { idis } from './idis.js';

describe('idis: industrial-internet identifier (Handle)', () => {
  it.each([
    ['88.1000.2/mm', { prefix: '88.1000.2', industry: '1000', enterprise: '2', suffix: 'mm' }],
    ['88.118.8/SN.2024.000001', { prefix: '88.118.8', industry: '118', enterprise: '8', suffix: 'SN.2024.000001' }],
    ['88.1000.2.3/a/b.c', { prefix: '88.1000.2.3', industry: '1000', enterprise: '2.3', suffix: 'a/b.c' }],
  ])('reads %s', (code, fields) => {
    expect(expectReading(idis, code)).toEqual({ evidence: 'marker', canonical: code, fields, checks: [] });
  });

  describe('inside a resolver URL (read as idis, not unwrapped)', () => {
    it.each([
      ['https://hdl.example.com/88.1000.2/mm', '88.1000.2/mm'],
      ['https://id.example.cn/resolve/88.1000.2.3/abc?lang=zh', '88.1000.2.3/abc'],
      ['http://x.example/88.1000.2/%E4%B8%AD%E6%96%87', '88.1000.2/中文'],
    ])('%s', (url, canonical) => {
      const parsed = parseCode(url);
      expect(parsed.scheme).toBe('idis');
      expect(parsed.evidence).toBe('marker');
      expect(parsed.canonical).toBe(canonical);
      expect(parsed.wrappedIn).toBeUndefined();
    });

    it('does not read a suffix with a malformed percent-encoding', () => {
      expect(readAs(idis, 'https://x.example/88.1000.2/%ZZ')).toBeUndefined();
      expect(parseCode('https://x.example/88.1000.2/%ZZ').scheme).toBe('url');
    });
  });

  it.each([
    ['an empty suffix', '88.1000.2/'],
    ['no suffix', '88.1000.2'],
    ['a prefix of one part after 88', '88.1000/mm'],
    ['a prefix not starting with 88', '86.1000.2/mm'],
    ['an empty prefix part', '88..2/mm'],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(idis, text)).toBeUndefined();
  });

  it('is read from full-width input', () => {
    expect(parseCode(toFullWidth('88.1000.2/mm')).canonical).toBe('88.1000.2/mm');
  });
});
