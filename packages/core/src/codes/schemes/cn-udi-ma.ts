/**
 * Medical-device UDI in the MA form 医疗器械唯一标识 (MA 码):
 * `MA.156.M0.<registrant 6>.<packaging level 1 + item 6 + check 1>` followed by `.`-separated
 * production identifiers, each led by a letter: L batch, M production date YYMMDD, V or E expiry
 * YYMMDD, S serial, D sterilisation batch. The check character's algorithm is not public and is
 * reported `not-checked`; dates must be real dates (two-digit years read with GS1's sliding window).
 * UDIs in the GS1 form are read by the `gs1` scheme.
 */
import { gs1FullYear, isRealDate, isoDate, twoDigits } from '../../calendar.js';
import type { Check } from '../../checks.js';
import { defineScheme } from '../scheme.js';
import { notChecked, passed, reading, rejection } from '../outcome.js';

const SHAPE = /^MA\.156\.M0\.([0-9A-Z]{6})\.([0-9A-Z])([0-9A-Z]{6})([0-9A-Z])((?:\.[^.]+)*)$/i;
const PI_VALUE = /^[0-9A-Za-z\-_/]{1,40}$/;

export interface UdiMaFields {
  readonly registrantCode: string;
  readonly packagingLevel: string;
  readonly itemCode: string;
  /** Not verified: the MA check algorithm is not public. */
  readonly checkCharacter: string;
  readonly batch?: string;
  /** `YYYY-MM-DD`. */
  readonly productionDate?: string;
  /** `YYYY-MM-DD`. */
  readonly expiryDate?: string;
  readonly serial?: string;
  readonly sterilisationBatch?: string;
}

const PI_FIELDS: Record<string, 'batch' | 'productionDate' | 'expiryDate' | 'serial' | 'sterilisationBatch'> = {
  L: 'batch',
  M: 'productionDate',
  V: 'expiryDate',
  E: 'expiryDate',
  S: 'serial',
  D: 'sterilisationBatch',
};

export const cnUdiMa = defineScheme({
  id: 'cn-udi-ma',
  title: 'Medical device UDI (MA form)',
  titleZh: '医疗器械唯一标识（MA 码）',
  read({ compact }) {
    if (!/^MA\.156\.M0\./i.test(compact)) return undefined;
    const match = SHAPE.exec(compact);
    if (!match) {
      return rejection('marker', 'CODE_FORMAT', 'An MA-form UDI is MA.156.M0.<6-character registrant>.<packaging level, 6-character item, check character> followed by .L/.M/.V/.E/.S/.D fields.', {
        scheme: 'cn-udi-ma',
        expected: 'MA.156.M0.XXXXXX.XXXXXXXX[.Lbatch][.MYYMMDD][.VYYMMDD][.Sserial][.Dbatch]',
        received: compact,
      });
    }
    const [, registrant, level, item, check, rest] = match as unknown as [string, string, string, string, string, string];
    const fields: { -readonly [K in keyof UdiMaFields]: UdiMaFields[K] } = {
      registrantCode: registrant.toUpperCase(),
      packagingLevel: level.toUpperCase(),
      itemCode: item.toUpperCase(),
      checkCharacter: check.toUpperCase(),
    };
    const checks: Check[] = [notChecked('ma-check-character', 'the MA check algorithm is not public')];
    const head = `MA.156.M0.${fields.registrantCode}.${fields.packagingLevel}${fields.itemCode}${fields.checkCharacter}`;
    let position = head.length;
    const parts: string[] = [];
    for (const part of rest.split('.').slice(1)) {
      position += 1;
      const letter = part[0]!.toUpperCase();
      const value = part.slice(1);
      const field = PI_FIELDS[letter];
      if (!field || !PI_VALUE.test(value)) {
        return rejection('marker', 'CODE_FORMAT', `MA-form UDI: ${JSON.stringify(part)} is not a production identifier (L, M, V, E, S or D followed by its value).`, {
          scheme: 'cn-udi-ma',
          position,
          received: part,
        });
      }
      if (fields[field] !== undefined) {
        return rejection('marker', 'CODE_FORMAT', `MA-form UDI: the ${field} is given twice.`, { scheme: 'cn-udi-ma', position });
      }
      if (field === 'productionDate' || field === 'expiryDate') {
        const yy = twoDigits(value, 0);
        const mm = twoDigits(value, 2);
        const dd = twoDigits(value, 4);
        const year = gs1FullYear(yy);
        if (value.length !== 6 || yy < 0 || !isRealDate(year, mm, dd)) {
          return rejection('marker', 'CODE_DATE', `MA-form UDI: ${JSON.stringify(value)} is not a real date (YYMMDD).`, {
            scheme: 'cn-udi-ma',
            position: position + 1,
            expected: 'YYMMDD',
            received: value,
          });
        }
        fields[field] = isoDate(year, mm, dd);
        checks.push(passed('date'));
      } else {
        fields[field] = value;
      }
      parts.push(letter + value);
      position += part.length;
    }
    return reading<'cn-udi-ma'>('marker', [head, ...parts].join('.'), fields, checks);
  },
});
