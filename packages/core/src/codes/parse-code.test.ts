import { describe, expect, it } from 'vitest';
import { SuyuanError } from '../errors.js';
import { parseCode, tryParseCode, type ParsedCode } from './parse-code.js';
import { BUILT_IN_SCHEMES, CodeSchemeRegistry } from './registry.js';
import { defineScheme } from './scheme.js';
import { passed, reading, rejection } from './outcome.js';
import { expectSuyuanError, refGs1CheckDigit, toFullWidth } from './test-helpers.js';

// Schemes for precedence tests, typed by declaration merging (see fields.ts).
declare module './fields.js' {
  interface SchemeFields {
    'test-marker-18': { text: string };
    'test-marker-veto': Record<string, never>;
    'test-check-13': { digits: string };
    'test-throws': Record<string, never>;
  }
}

/** Reads any 18 characters with marker evidence. */
const marker18 = defineScheme({
  id: 'test-marker-18',
  title: 'Test: any 18 characters, marker',
  read: ({ compact }) => (compact.length === 18 ? reading<'test-marker-18'>('marker', compact, { text: compact }) : undefined),
});

/** Rejects any 18 characters with marker evidence. */
const markerVeto = defineScheme({
  id: 'test-marker-veto',
  title: 'Test: rejects 18 characters, marker',
  read: ({ compact }) => (compact.length === 18 ? rejection('marker', 'CODE_VALUE', 'Test veto.', { scheme: 'test-marker-veto' }) : undefined),
});

/** Reads any 13 digits with check evidence. */
const check13 = defineScheme({
  id: 'test-check-13',
  title: 'Test: any 13 digits, check',
  read: ({ compact }) => (/^\d{13}$/.test(compact) ? reading<'test-check-13'>('check', compact, { digits: compact }, [passed('test')]) : undefined),
});

const USCC = '91350100M000100Y43';
const PESTICIDE = '11234561123123456789012345678901';

function schemesOf(parsed: ParsedCode): string[] {
  return [parsed.scheme, ...(parsed.alternatives ?? []).map((a) => a.scheme)];
}

describe('parseCode', () => {
  describe('input checks', () => {
    it.each([
      ['a number', 91350100],
      ['null', null],
      ['undefined', undefined],
      ['an array', ['7732-18-5']],
    ])('refuses %s with INPUT_TYPE', (_label, value) => {
      expectSuyuanError(() => parseCode(value as unknown as string), 'INPUT_TYPE');
    });

    it.each(['', '   ', '\u3000\r\n\t', '\u200b'])('refuses the empty input %j with INPUT_EMPTY', (text) => {
      expectSuyuanError(() => parseCode(text), 'INPUT_EMPTY');
    });

    it('refuses more than 8192 characters with INPUT_TOO_LONG, and reads 8192', () => {
      expectSuyuanError(() => parseCode('9'.repeat(8193)), 'INPUT_TOO_LONG');
      expect(parseCode('9'.repeat(8192)).scheme).toBe('unknown');
    });

    it.each([
      ['NUL', `${USCC}\u0000`],
      ['BEL', `9135\u00070100M000100Y43`],
      ['ESC', `\u001b${USCC}`],
      ['DEL', `${USCC}\u007f`],
      ['a form feed', `9135\f0100M000100Y43`],
    ])('refuses a control character (%s) with CODE_CHARSET', (_label, text) => {
      expectSuyuanError(() => parseCode(text), 'CODE_CHARSET');
    });

    it('checks the input before the options', () => {
      expectSuyuanError(() => parseCode('', { scheme: 'no-such-scheme' as 'gs1' }), 'INPUT_EMPTY');
    });
  });

  describe('precedence: marker > check > shape, then registry order', () => {
    it('a check reading beats a shape reading, whatever the registry order', () => {
      const reversed = new CodeSchemeRegistry([...BUILT_IN_SCHEMES].reverse());
      for (const registry of [undefined, reversed]) {
        const parsed = parseCode('6901010012349', registry ? { registry } : {});
        expect(schemesOf(parsed)).toEqual(['gs1', 'cn-detonator']);
        expect(parsed.evidence).toBe('check');
        expect(parsed.alternatives![0]!.evidence).toBe('shape');
      }
    });

    it('between equal evidence, registry order decides', () => {
      expect(schemesOf(parseCode('86901234567898'))).toEqual(['cn-drug-standard', 'gs1']);
      const reversed = new CodeSchemeRegistry([...BUILT_IN_SCHEMES].reverse());
      expect(schemesOf(parseCode('86901234567898', { registry: reversed }))).toEqual(['gs1', 'cn-drug-standard']);
      expect(schemesOf(parseCode('81104403052015120001'))).toEqual(['cn-drug-trace', 'cn-equipment-registration']);
      expect(schemesOf(parseCode('81104403052015120001', { registry: reversed }))).toEqual(['cn-equipment-registration', 'cn-drug-trace']);
    });

    it('a marker reading beats a check reading even when registered last', () => {
      const registry = new CodeSchemeRegistry().register(marker18);
      const parsed = parseCode(USCC, { registry });
      expect(schemesOf(parsed)).toEqual(['test-marker-18', 'cn-uscc']);
      expect(parsed.evidence).toBe('marker');
    });

    it('alternatives are listed strongest first, then in registry order', () => {
      const registry = new CodeSchemeRegistry().register(check13, { first: false });
      const parsed = parseCode('6901010012349', { registry });
      expect(parsed.alternatives!.map((a) => [a.scheme, a.evidence])).toEqual([
        ['test-check-13', 'check'],
        ['cn-detonator', 'shape'],
      ]);
    });

    it('a failure stronger than every reading makes parseCode throw, naming the weaker readings', () => {
      const registry = new CodeSchemeRegistry().register(markerVeto);
      const error = expectSuyuanError(() => parseCode(USCC, { registry }), 'CODE_VALUE', { scheme: 'test-marker-veto', candidates: ['cn-uscc'] });
      expect(error.cause).toBeInstanceOf(SuyuanError);
      // Forcing a candidate reads it.
      expect(parseCode(USCC, { registry, scheme: 'cn-uscc' }).scheme).toBe('cn-uscc');
    });

    it('a failure at the same level as the best reading does not veto it', () => {
      const registry = new CodeSchemeRegistry().register(markerVeto).register(marker18);
      expect(parseCode(USCC, { registry }).scheme).toBe('test-marker-18');
      // 20 digits starting with 8: the equipment registration code (shape) rejects the month 13; the
      // drug trace code (shape) still reads.
      const parsed = parseCode('81104403052015130001');
      expect(parsed.scheme).toBe('cn-drug-trace');
      expect(parsed.alternatives).toBeUndefined();
    });

    it('a failure weaker than the best reading is ignored', () => {
      // The detonator scheme rejects month 12 day 34 (shape); the GTIN-13 passes (check).
      const parsed = parseCode('6901234567892');
      expect(parsed.scheme).toBe('gs1');
      expect(parsed.alternatives).toBeUndefined();
    });

    it('a failure with no reading at all is thrown as it is', () => {
      const error = expectSuyuanError(() => parseCode('1234567890123'), 'CODE_CHECK_DIGIT', { ai: '01' });
      expect(error.details.candidates).toBeUndefined();
    });
  });

  describe('documented ambiguities', () => {
    it('a national drug standard code (869…, valid mod 10) is cn-drug-standard, with gs1 as alternative', () => {
      const parsed = parseCode('86979474000086');
      expect(parsed.scheme).toBe('cn-drug-standard');
      expect(parsed.alternatives).toHaveLength(1);
      const gs1 = parsed.alternatives![0]!;
      expect(gs1.scheme).toBe('gs1');
      expect(gs1.scheme === 'gs1' && gs1.fields.gtin).toBe('86979474000086');
    });

    it('a 20-digit code starting with 8 is cn-drug-trace, with the registration code as alternative when it fits', () => {
      const alone = parseCode('83123456789012345678');
      expect(alone.scheme).toBe('cn-drug-trace');
      expect(alone.alternatives).toBeUndefined();
      const both = parseCode('81104403052015120001');
      expect(both.scheme).toBe('cn-drug-trace');
      expect(both.alternatives!.map((a) => a.scheme)).toEqual(['cn-equipment-registration']);
    });

    it('a 20-digit code starting with 8003 and a valid GRAI check digit is still cn-drug-trace, not a bare GS1 element string', () => {
      // (8003) opens with a zero digit, not with a check-digit field, so the bare raw element string is not guessed.
      const code = `80030690123456789${refGs1CheckDigit('690123456789')}12`;
      expect(code).toHaveLength(20);
      expect(schemesOf(parseCode(code))).toEqual(['cn-drug-trace']);
      expect(parseCode(`^${code}`).scheme).toBe('gs1');
    });

    it('13 digits with a bad GTIN check digit that fit the detonator code throw CODE_CHECK_DIGIT, naming it', () => {
      const body = '069012345678';
      expect(refGs1CheckDigit(body)).not.toBe('9');
      const error = expectSuyuanError(() => parseCode('0690123456789'), 'CODE_CHECK_DIGIT', { ai: '01', candidates: ['cn-detonator'] });
      expect(error.message).toContain("{ scheme: 'cn-detonator' }");
      const forced = parseCode('0690123456789', { scheme: 'cn-detonator' });
      expect(forced.scheme).toBe('cn-detonator');
      expect(forced.fields).toEqual({ enterpriseCode: '06', yearDigit: '9', month: 1, day: 23, featureCharacter: '4', sequence: '56789' });
    });

    it('18 digits failing the USCC check throw, naming the special equipment code', () => {
      expectSuyuanError(() => parseCode('311010001201900001'), 'CODE_CHECK_DIGIT', { scheme: 'cn-uscc', candidates: ['cn-equipment-code'] });
    });
  });

  describe('options', () => {
    it('scheme forces a weaker reading', () => {
      const parsed = parseCode('6901010012349', { scheme: 'cn-detonator' });
      expect(parsed.scheme).toBe('cn-detonator');
      expect(parsed.alternatives).toBeUndefined();
    });

    it('scheme throws CODE_FORMAT when the input does not fit', () => {
      expectSuyuanError(() => parseCode('7732-18-5', { scheme: 'cn-uscc' }), 'CODE_FORMAT', { scheme: 'cn-uscc', received: '7732-18-5' });
      expectSuyuanError(() => parseCode('https://example.com/a', { scheme: 'gs1' }), 'CODE_FORMAT', { scheme: 'gs1' });
    });

    it("scheme throws the scheme's own error when the input fits but a check fails", () => {
      expectSuyuanError(() => parseCode('91350100M000100Y44', { scheme: 'cn-uscc' }), 'CODE_CHECK_DIGIT', { scheme: 'cn-uscc' });
    });

    it('scheme still unwraps URLs, and scheme "url" keeps the URL', () => {
      const url = `https://x.example/t?code=${USCC}`;
      expect(parseCode(url, { scheme: 'cn-uscc' }).wrappedIn).toEqual({ url, location: 'query', param: 'code' });
      const asUrl = parseCode(url, { scheme: 'url' });
      expect(asUrl.scheme).toBe('url');
      expect(asUrl.canonical).toBe(url);
    });

    it.each([{ scheme: 'acme' }, { schemes: ['gs1', 'acme'] }, { scheme: 'unknown' }])('an unregistered id throws CODE_SCHEME_UNKNOWN (%j)', (options) => {
      expectSuyuanError(() => parseCode(USCC, options as never), 'CODE_SCHEME_UNKNOWN');
    });

    it('schemes restricts the schemes consulted', () => {
      expect(schemesOf(parseCode('86901234567898', { schemes: ['gs1'] }))).toEqual(['gs1']);
      expect(schemesOf(parseCode('86901234567898', { schemes: ['cn-drug-standard'] }))).toEqual(['cn-drug-standard']);
      expect(parseCode(USCC, { schemes: ['gs1', 'cas'] }).scheme).toBe('unknown');
      expect(parseCode(USCC, { schemes: [] }).scheme).toBe('unknown');
      // Outside the restriction, a failing check does not count either.
      expect(parseCode('0690123456789', { schemes: ['cn-detonator'] }).scheme).toBe('cn-detonator');
    });

    it('schemes does not reorder precedence: registry order still decides between equals', () => {
      expect(schemesOf(parseCode('86901234567898', { schemes: ['gs1', 'cn-drug-standard'] }))).toEqual(['cn-drug-standard', 'gs1']);
      expect(schemesOf(parseCode('81104403052015120001', { schemes: ['cn-equipment-registration', 'cn-drug-trace'] }))).toEqual([
        'cn-drug-trace',
        'cn-equipment-registration',
      ]);
    });

    it('schemes may name an explicit-only scheme', () => {
      expect(parseCode('1234', { schemes: ['ecode'] }).scheme).toBe('ecode');
      expect(parseCode('1234').scheme).toBe('unknown');
    });
  });

  describe('unknown input: never a guess', () => {
    it.each([
      'hello world',
      'ABC-123',
      '12345',
      '123456789',
      '91350100M000100Y4',
      '7732-18',
      'MA',
      '88/abc',
      ']123',
      '中文商品名称',
      'ftp://example.com/a',
      'urn:isbn:9787111213826',
      '0106901234567891',
    ])('%j is unknown', (text) => {
      const parsed = parseCode(text);
      expect(parsed).toEqual({ scheme: 'unknown', input: text, canonical: text, fields: {}, checks: [], evidence: 'shape' });
    });

    it('reports the normalised text as canonical', () => {
      expect(parseCode(' hello\u3000\u3000world\r\n').canonical).toBe('hello world');
    });
  });

  describe('checks', () => {
    it.each([
      ['the drug trace code', '83123456789012345678', 'nmpa-check-characters'],
      ['the MA-form UDI', 'MA.156.M0.100001.10000011.M200101', 'ma-check-character'],
      ['the MA / IDcode', 'MA.156.1003.16291', 'ma-check'],
    ])('report the proprietary check of %s as not-checked', (_label, text, check) => {
      const parsed = parseCode(text);
      expect(parsed.checks.find((c) => c.check === check)?.status).toBe('not-checked');
    });

    it('reports the Ecode structure as not-checked', () => {
      expect(parseCode('10001', { scheme: 'ecode' }).checks).toEqual([expect.objectContaining({ check: 'ecode-structure', status: 'not-checked' })]);
    });

    it.each([
      USCC,
      '7732-18-5',
      '06901234567892',
      '86901234567898',
      '(01)06901234567892(17)261231(10)ABC',
      'https://id.gs1.org/01/06901234567892/10/ABC?17=261231',
      'MA.156.M0.100001.10000011.L1.M200101.E261231',
      '201701050012312345678901',
      '5360815A12345',
      '6901010012349',
      '81104403052015120001',
    ])('never contain a failed check (%s)', (text) => {
      const parsed = parseCode(text);
      for (const code of [parsed, ...(parsed.alternatives ?? [])]) {
        expect(code.checks.filter((c) => c.status === 'failed')).toEqual([]);
      }
    });

    it('report the checks that passed', () => {
      expect(parseCode(USCC).checks).toEqual([{ check: 'uscc-check-character', status: 'passed' }]);
      expect(parseCode('7732-18-5').checks).toEqual([{ check: 'cas-check-digit', status: 'passed' }]);
      expect(parseCode('06901234567892').checks).toContainEqual({ check: 'csum', ai: '01', status: 'passed' });
    });
  });

  describe('URLs', () => {
    it.each([
      ['a query parameter', `https://trace.example.cn/q?code=${USCC}`, { location: 'query', param: 'code' }],
      ['a later query parameter', `https://trace.example.cn/q?lang=zh&uscc=${USCC}`, { location: 'query', param: 'uscc' }],
      ['a percent-encoded parameter name', `https://trace.example.cn/q?%E4%BB%A3%E7%A0%81=${USCC}`, { location: 'query', param: '代码' }],
      ['a bare query', `https://trace.example.cn/q?${USCC}`, { location: 'query' }],
      ['a path segment', `https://trace.example.cn/company/${USCC}`, { location: 'path' }],
      ['a path segment with a trailing slash', `https://trace.example.cn/company/${USCC}/`, { location: 'path' }],
      ['the fragment', `https://trace.example.cn/#${USCC}`, { location: 'fragment' }],
    ])('find a USCC in %s', (_label, url, wrapper) => {
      const parsed = parseCode(url);
      expect(parsed.scheme).toBe('cn-uscc');
      expect(parsed.canonical).toBe(USCC);
      expect(parsed.input).toBe(url);
      expect(parsed.wrappedIn).toEqual({ url, ...wrapper });
    });

    it('decode percent-encoding and + in a query value', () => {
      const parsed = parseCode('https://x.example/?cas=7732%2D18%2D5');
      expect(parsed.scheme).toBe('cas');
      expect(parsed.canonical).toBe('7732-18-5');
      expect(parseCode(`https://x.example/?c=9135+0100+M000100Y43`).canonical).toBe(USCC);
    });

    it('skip a malformed percent-encoding and keep looking', () => {
      const parsed = parseCode('https://x.example/q?a=%ZZ&b=7732-18-5');
      expect(parsed.scheme).toBe('cas');
      expect(parsed.wrappedIn?.param).toBe('b');
    });

    it('look in the query first, then the path from its last segment, then the fragment', () => {
      const url = `https://x.example/${PESTICIDE}/7732-18-5?c=${USCC}#64-17-5`;
      expect(parseCode(url).scheme).toBe('cn-uscc');
      expect(parseCode(`https://x.example/${PESTICIDE}/7732-18-5#64-17-5`).canonical).toBe('7732-18-5');
      expect(parseCode(`https://x.example/a/b#64-17-5`).canonical).toBe('64-17-5');
    });

    it('find a pesticide unit code in the enterprise trace URL', () => {
      const url = `https://nongyao.example.cn/trace?id=${PESTICIDE}`;
      const parsed = parseCode(url);
      expect(parsed.scheme).toBe('cn-pesticide');
      expect(parsed.wrappedIn).toEqual({ url, location: 'query', param: 'id' });
    });

    it('do not look inside a URL nested in a URL', () => {
      const url = `https://x.example/?next=${encodeURIComponent(`https://y.example/?c=${USCC}`)}`;
      expect(parseCode(url).scheme).toBe('url');
    });

    it('read a GS1 Digital Link as gs1, not unwrapped', () => {
      const url = 'https://id.gs1.org/01/06901234567892/10/ABC?17=261231';
      const parsed = parseCode(url);
      expect(parsed.scheme).toBe('gs1');
      expect(parsed.evidence).toBe('marker');
      expect(parsed.wrappedIn).toBeUndefined();
      expect(parsed.scheme === 'gs1' && parsed.fields.form).toBe('digital-link');
    });

    it('report the error of a malformed Digital Link rather than read the GTIN in its path', () => {
      expectSuyuanError(() => parseCode('https://id.gs1.org/01/06901234567892?17=261332'), 'CODE_DATE', { ai: '17' });
      expectSuyuanError(() => parseCode('https://example.com/01/06901234567892/21/ABC/10/X'), 'CODE_DIGITAL_LINK');
      expectSuyuanError(() => parseCode('https://id.gs1.org/01/06901234567891'), 'CODE_CHECK_DIGIT', { ai: '01' });
    });

    it('read a handle URL as idis', () => {
      const parsed = parseCode('https://handle.example.cn/88.1000.2/mm');
      expect(parsed.scheme).toBe('idis');
      expect(parsed.canonical).toBe('88.1000.2/mm');
      expect(parsed.wrappedIn).toBeUndefined();
    });

    it.each(['https://www.example.com/', 'http://example.com/about?lang=zh-CN#team', 'https://example.com/products/abc-123'])('keep a plain URL as url (%s)', (url) => {
      const parsed = parseCode(url);
      expect(parsed.scheme).toBe('url');
      expect(parsed.evidence).toBe('shape');
      expect(parsed.wrappedIn).toBeUndefined();
    });

    it('keep the URL as url when a code-shaped part of it fails its check (the URL itself is a fine reading)', () => {
      const typo = parseCode('https://x.example/p?id=91350100M000100Y44');
      expect(typo.scheme).toBe('url');
      expect(typo.wrappedIn).toBeUndefined();
      // An 8-digit product id is not a GTIN-8 with a wrong check digit: it is part of a shop's URL.
      expect(parseCode('https://shop.example.com/item/12345678').scheme).toBe('url');
      // Forcing the scheme the part was meant to be reports the failure.
      expectSuyuanError(() => parseCode('https://x.example/p?id=91350100M000100Y44', { scheme: 'cn-uscc' }), 'CODE_FORMAT');
    });
  });

  describe('scanner realities', () => {
    it.each([
      ['full-width digits and letters (Chinese IME)', toFullWidth(USCC)],
      ['an ideographic space', `9135\u30000100M000100Y43`],
      ['zero-width characters', `\u200b9135\u200d0100M000\ufeff100Y43\u2060`],
      ['CRLF', `${USCC}\r\n`],
      ['a line break inside', `913501\r\n00M000100Y43`],
      ['tabs and spaces', `\t9135 0100 M000 100Y 43 `],
    ])('%s', (_label, text) => {
      const parsed = parseCode(text);
      expect(parsed.scheme).toBe('cn-uscc');
      expect(parsed.canonical).toBe(USCC);
      expect(parsed.input).toBe(text);
    });

    it.each([
      ['the GS character', '\x1d'],
      ['<GS>', '<GS>'],
      ['{GS}', '{GS}'],
      ['a textual \\x1d', '\\x1d'],
      ['␝', '␝'],
    ])('reads GS1 element strings with %s', (_label, gs) => {
      const parsed = parseCode(`0106901234567892${'10'}ABC${gs}21XYZ`);
      expect(parsed.scheme).toBe('gs1');
      expect(parsed.evidence).toBe('marker');
      expect(parsed.canonical).toBe('(01)06901234567892(10)ABC(21)XYZ');
    });

    it('reads a full-width bracketed element string', () => {
      expect(parseCode(toFullWidth('(01)06901234567892(10)ABC')).canonical).toBe('(01)06901234567892(10)ABC');
    });

    it.each([
      [']d2', 'gs1-datamatrix'],
      [']Q3', 'gs1-qr'],
      [']C1', 'gs1-128'],
      [']e0', 'gs1-databar'],
    ])('reads %s element strings with the symbology set (%s)', (aim, symbology) => {
      const parsed = parseCode(`${aim}010690123456789217261231\x1d10ABC`);
      expect(parsed.scheme).toBe('gs1');
      expect(parsed.symbology).toBe(symbology);
      expect(parsed.canonical).toBe('(01)06901234567892(17)261231(10)ABC');
    });

    it('reads ]E0 (EAN-13) and ]E4 (EAN-8)', () => {
      const ean13 = parseCode(']E06901234567892');
      expect([ean13.scheme, ean13.symbology, ean13.canonical]).toEqual(['gs1', 'ean-13', '(01)06901234567892']);
      const ean8 = parseCode(']E496385074');
      expect([ean8.scheme, ean8.symbology, ean8.canonical]).toEqual(['gs1', 'ean-8', '(01)00000096385074']);
      expectSuyuanError(() => parseCode(']E06901234567891'), 'CODE_CHECK_DIGIT');
      expectSuyuanError(() => parseCode(']E496385075'), 'CODE_CHECK_DIGIT');
    });

    it('reads ]Q1 with a Digital Link as gs1', () => {
      const parsed = parseCode(']Q1https://id.gs1.org/01/06901234567892');
      expect([parsed.scheme, parsed.symbology, parsed.evidence]).toEqual(['gs1', 'qr', 'marker']);
    });

    it('reads ]C0 with a 20-digit drug trace code', () => {
      const parsed = parseCode(']C083123456789012345678');
      expect([parsed.scheme, parsed.symbology, parsed.canonical]).toEqual(['cn-drug-trace', 'code-128', '83123456789012345678']);
    });

    it('keeps the symbology of a code found inside a URL', () => {
      const parsed = parseCode(`]Q1https://trace.example.cn/q?code=${USCC}`);
      expect(parsed.scheme).toBe('cn-uscc');
      expect(parsed.symbology).toBe('qr');
      expect(parsed.wrappedIn?.param).toBe('code');
    });

    it('keeps the symbology of plain text and of a plain URL', () => {
      expect(parseCode(']Q1hello world')).toMatchObject({ scheme: 'unknown', symbology: 'qr' });
      expect(parseCode(']Q1https://example.com/')).toMatchObject({ scheme: 'url', symbology: 'qr' });
      expect(parseCode(']X9hello')).toMatchObject({ scheme: 'unknown', symbology: 'other' });
    });

    it('sets the symbology on alternatives too', () => {
      const parsed = parseCode(']C086901234567898');
      expect(parsed.symbology).toBe('code-128');
      expect(parsed.alternatives?.map((a) => a.symbology)).toEqual(['code-128']);
    });

    it('does not set symbology without an identifier', () => {
      expect('symbology' in parseCode(USCC)).toBe(false);
    });

    it('rejects a GS1 carrier without GS1 data', () => {
      expectSuyuanError(() => parseCode(']d2'), 'CODE_FORMAT');
    });
  });

  describe('tryParseCode', () => {
    it('returns the parsed code', () => {
      const result = tryParseCode(USCC);
      expect(result).toEqual({ ok: true, value: parseCode(USCC) });
    });

    it.each([
      ['', 'INPUT_EMPTY'],
      ['0690123456789', 'CODE_CHECK_DIGIT'],
      [42, 'INPUT_TYPE'],
      ['x'.repeat(9000), 'INPUT_TOO_LONG'],
    ] as const)('returns { ok: false, error } for %j', (input, code) => {
      const result = tryParseCode(input as string);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toBeInstanceOf(SuyuanError);
        expect(result.error.code).toBe(code);
      }
    });

    it('passes the options through', () => {
      const result = tryParseCode('0690123456789', { scheme: 'cn-detonator' });
      expect(result.ok && result.value.scheme).toBe('cn-detonator');
      const unknown = tryParseCode(USCC, { scheme: 'nope' as 'gs1' });
      expect(!unknown.ok && unknown.error.code).toBe('CODE_SCHEME_UNKNOWN');
    });

    it('lets an error that is not a SuyuanError (a bug in a scheme) propagate', () => {
      const broken = defineScheme({
        id: 'test-throws',
        title: 'Test: throws',
        read: () => {
          throw new TypeError('bug');
        },
      });
      const registry = new CodeSchemeRegistry().register(broken);
      expect(() => tryParseCode(USCC, { registry })).toThrow(TypeError);
    });
  });

  it('is deterministic and leaves the input untouched', () => {
    for (const text of [USCC, ` ${toFullWidth(USCC)} `, '6901010012349', 'https://id.gs1.org/01/06901234567892', 'hello']) {
      expect(parseCode(text)).toEqual(parseCode(text));
      expect(parseCode(text).input).toBe(text);
    }
  });
});
