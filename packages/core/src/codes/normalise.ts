/**
 * What scanners and keyboards hand us, made comparable: trimmed; full-width ASCII (typed with a
 * Chinese input method) turned half-width; Unicode NFC; invisible characters removed; the spellings
 * of the GS separator (`<GS>`, `\x1d`, `\u001d`, `{GS}`, `␝`) turned into the GS character; line
 * breaks kept as `\n` (a seed label has four lines) and other whitespace runs as one space.
 */
import { SuyuanError } from '../errors.js';

/** The longest input `parseCode` reads; codes are short, and anything longer is refused before work. */
export const MAX_CODE_INPUT_LENGTH = 8192;

const GS_SPELLINGS = /<GS>|\{GS\}|\[GS\]|\\x1d|\\u001d|␝/gi;
// Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks and embeddings.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
// Control characters other than GS (0x1d), tab, line feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001c\u001e\u001f\u007f-\u009f]/;

function toHalfWidth(input: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else {
      out += input[i];
    }
  }
  return changed ? out : input;
}

/** Normalises scanner or keyboard input; see the module comment for every step. */
export function normaliseCodeText(input: string): string {
  if (typeof input !== 'string') {
    throw new SuyuanError('INPUT_TYPE', `A code must be given as a string, got ${input === null ? 'null' : typeof input}.`, {
      expected: 'string',
    });
  }
  if (input.length > MAX_CODE_INPUT_LENGTH) {
    throw new SuyuanError('INPUT_TOO_LONG', `A code may have at most ${MAX_CODE_INPUT_LENGTH} characters, got ${input.length}.`, {
      expected: `at most ${MAX_CODE_INPUT_LENGTH} characters`,
    });
  }
  const text = toHalfWidth(input)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(GS_SPELLINGS, '\x1d')
    .replace(/\r\n?/g, '\n')
    // Vertical tab and form feed are whitespace to JavaScript but control characters here (refused below).
    .replace(/[^\S\n\v\f]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/^[^\S\v\f]+|[^\S\v\f]+$/g, '');
  const control = CONTROL.exec(text);
  if (control) {
    throw new SuyuanError(
      'CODE_CHARSET',
      `The input contains the control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}, which no code contains.`,
      { position: control.index },
    );
  }
  if (text === '') throw new SuyuanError('INPUT_EMPTY', 'The code is empty.', { position: 0 });
  return text;
}

/** `text` without any whitespace, for the schemes whose codes are one unbroken run. */
export function compactCodeText(text: string): string {
  return text.replace(/\s+/g, '');
}
