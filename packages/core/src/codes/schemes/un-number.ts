/** UN number of a dangerous good: `UN` followed by four digits (`UN1203`, written `UN 1203` too). */
import { defineScheme } from '../scheme.js';
import { reading } from '../outcome.js';

const SHAPE = /^UN(\d{4})$/i;

export interface UnNumberFields {
  /** The four digits. */
  readonly number: string;
}

export const unNumber = defineScheme({
  id: 'un-number',
  title: 'UN number (dangerous goods)',
  titleZh: '联合国危险货物编号',
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match) return undefined;
    return reading<'un-number'>('marker', `UN${match[1]}`, { number: match[1]! });
  },
});
