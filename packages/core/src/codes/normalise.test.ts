import { describe, expect, it } from 'vitest';
import { compactCodeText, MAX_CODE_INPUT_LENGTH, normaliseCodeText } from './normalise.js';
import { expectSuyuanError, toFullWidth } from './test-helpers.js';

describe('normaliseCodeText', () => {
  it('leaves a clean code untouched', () => {
    expect(normaliseCodeText('91350100M000100Y43')).toBe('91350100M000100Y43');
  });

  it('trims surrounding whitespace of every kind', () => {
    expect(normaliseCodeText(' \t\u3000\r\n 7732-18-5 \u00a0\n')).toBe('7732-18-5');
  });

  it('turns every full-width ASCII character (U+FF01–U+FF5E) half-width', () => {
    let ascii = '';
    for (let c = 0x21; c <= 0x7e; c++) ascii += String.fromCharCode(c);
    // Full-width "<GS>" spelled with brackets is itself a GS spelling; test it separately below.
    expect(normaliseCodeText(toFullWidth(ascii))).toBe(ascii);
    expect(normaliseCodeText('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(normaliseCodeText('ｍａ．１５６')).toBe('ma.156');
  });

  it('turns the ideographic space into a space, collapsing runs', () => {
    expect(normaliseCodeText('UN\u3000\u30001203')).toBe('UN 1203');
  });

  it('applies NFC', () => {
    expect(normaliseCodeText('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it.each([
    ['zero-width space', '\u200b'],
    ['zero-width non-joiner', '\u200c'],
    ['zero-width joiner', '\u200d'],
    ['left-to-right mark', '\u200e'],
    ['right-to-left mark', '\u200f'],
    ['bidi embedding', '\u202a'],
    ['bidi override', '\u202e'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\ufeff'],
    ['soft hyphen', '\u00ad'],
  ])('removes the invisible %s', (_label, invisible) => {
    expect(normaliseCodeText(`${invisible}9135${invisible}0100M000100Y43${invisible}`)).toBe('91350100M000100Y43');
  });

  it.each([
    ['<GS>', '<GS>'],
    ['<gs> (any case)', '<gs>'],
    ['{GS}', '{GS}'],
    ['[GS]', '[GS]'],
    ['a textual \\x1d', '\\x1d'],
    ['a textual \\X1D', '\\X1D'],
    ['a textual \\u001d', '\\u001d'],
    ['the symbol ␝', '␝'],
    ['the GS character', '\x1d'],
    ['full-width ＜ＧＳ＞', '＜ＧＳ＞'],
  ])('turns %s into the GS character', (_label, spelling) => {
    expect(normaliseCodeText(`10ABC${spelling}21XYZ`)).toBe('10ABC\x1d21XYZ');
  });

  it('keeps line breaks as \\n (CRLF, CR, LF), trimming spaces around them', () => {
    expect(normaliseCodeText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(normaliseCodeText('a  \r\n  b')).toBe('a\nb');
  });

  it('collapses runs of other whitespace to one space', () => {
    expect(normaliseCodeText('a \t\u00a0\u2003 b')).toBe('a b');
  });

  it.each([
    ['NUL', '\u0000'],
    ['SOH', '\u0001'],
    ['backspace', '\u0008'],
    ['vertical tab', '\u000b'],
    ['form feed', '\u000c'],
    ['FS', '\u001c'],
    ['RS', '\u001e'],
    ['US', '\u001f'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
    ['a C1 control (CSI)', '\u009b'],
  ])('refuses the control character %s with its position', (_label, control) => {
    expectSuyuanError(() => normaliseCodeText(`ab${control}cd`), 'CODE_CHARSET', { position: 2 });
  });

  it('refuses a vertical tab or form feed at either end too (they are not whitespace to trim)', () => {
    expectSuyuanError(() => normaliseCodeText('\u000b7732-18-5'), 'CODE_CHARSET', { position: 0 });
    expectSuyuanError(() => normaliseCodeText('7732-18-5 \u000c'), 'CODE_CHARSET', { position: 10 });
  });

  it('allows tab, line feed, carriage return and GS', () => {
    expect(normaliseCodeText('a\tb\nc\rd\x1de')).toBe('a b\nc\nd\x1de');
  });

  it.each(['', ' ', '\n\r\n', '\u3000', '\u200b\ufeff', ' \t '])('refuses the empty input %j', (text) => {
    expectSuyuanError(() => normaliseCodeText(text), 'INPUT_EMPTY', { position: 0 });
  });

  it.each([
    ['a number', 123],
    ['null', null],
    ['undefined', undefined],
    ['an object', { toString: () => '7732-18-5' }],
    ['a String object', new String('7732-18-5')],
  ])('refuses %s', (_label, value) => {
    expectSuyuanError(() => normaliseCodeText(value as unknown as string), 'INPUT_TYPE', { expected: 'string' });
  });

  it(`refuses more than ${MAX_CODE_INPUT_LENGTH} characters, before any other work`, () => {
    expect(MAX_CODE_INPUT_LENGTH).toBe(8192);
    expect(normaliseCodeText('1'.repeat(MAX_CODE_INPUT_LENGTH))).toHaveLength(MAX_CODE_INPUT_LENGTH);
    expectSuyuanError(() => normaliseCodeText('1'.repeat(MAX_CODE_INPUT_LENGTH + 1)), 'INPUT_TOO_LONG');
    // The length is checked on the raw input: spaces that normalisation would remove still count.
    expectSuyuanError(() => normaliseCodeText(` ${'1'.repeat(MAX_CODE_INPUT_LENGTH)}`), 'INPUT_TOO_LONG');
  });
});

describe('compactCodeText', () => {
  it('removes every whitespace character, line breaks included', () => {
    expect(compactCodeText('9135 0100\nM000 100Y43')).toBe('91350100M000100Y43');
  });

  it('keeps GS', () => {
    expect(compactCodeText('10ABC\x1d21X')).toBe('10ABC\x1d21X');
  });
});
