import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, readAs } from '../test-helpers.js';
import { cnSeedLabel } from './cn-seed-label.js';

const LINES = ['郑单958', '河南秋乐种业科技股份有限公司', 'A1234567890', 'https://zz.example.cn/t/A1234567890'];
const LABEL = LINES.join('\n');
const FIELDS = { varietyName: LINES[0], producer: LINES[1], unitCode: LINES[2], traceUrl: LINES[3] };

describe('cn-seed-label: crop seed label QR code (four lines)', () => {
  it('reads the four lines as marker evidence', () => {
    expect(expectReading(cnSeedLabel, LABEL)).toEqual({ evidence: 'marker', canonical: LABEL, fields: FIELDS, checks: [] });
    const parsed = parseCode(LABEL);
    expect(parsed.scheme).toBe('cn-seed-label');
    expect(parsed.fields).toEqual(FIELDS);
  });

  it.each([
    ['CRLF line breaks', LINES.join('\r\n')],
    ['CR line breaks', LINES.join('\r')],
    ['spaces around the lines', LINES.map((l) => `  ${l}\t`).join('\n')],
    ['a trailing line break', `${LABEL}\n`],
    ['an ideographic space after a line', LINES.join('\u3000\n')],
  ])('reads a label with %s', (_label, text) => {
    const parsed = parseCode(text);
    expect(parsed.scheme).toBe('cn-seed-label');
    expect(parsed.canonical).toBe(LABEL);
    expect(parsed.fields).toEqual(FIELDS);
  });

  it('keeps spaces inside a line, collapsed', () => {
    const text = ['Zhengdan  958', 'Henan Qiule Seed', 'ZD958X', 'http://seed.example.cn/q?c=ZD958X'].join('\n');
    expect(expectReading(cnSeedLabel, text).fields).toMatchObject({ varietyName: 'Zhengdan 958', producer: 'Henan Qiule Seed' });
  });

  it('accepts a unit code of 20 letters and digits', () => {
    const text = [LINES[0], LINES[1], 'A'.repeat(10) + '1'.repeat(10), LINES[3]].join('\n');
    expect(expectReading(cnSeedLabel, text).fields.unitCode).toBe('AAAAAAAAAA1111111111');
  });

  it.each([
    ['three lines', LINES.slice(0, 3).join('\n')],
    ['five lines', [...LINES, 'extra'].join('\n')],
    ['an empty line', [LINES[0], '', LINES[2], LINES[3]].join('\n')],
    ['a 21-character unit code', [LINES[0], LINES[1], 'A'.repeat(21), LINES[3]].join('\n')],
    ['a unit code with a hyphen', [LINES[0], LINES[1], 'A-1', LINES[3]].join('\n')],
    ['no URL on the fourth line', [LINES[0], LINES[1], LINES[2], 'zz.example.cn/t'].join('\n')],
    ['the lines in the wrong order', [LINES[3], LINES[0], LINES[1], LINES[2]].join('\n')],
  ])('is not read with %s', (_label, text) => {
    expect(readAs(cnSeedLabel, text)).toBeUndefined();
  });
});
