/**
 * MA / IDcode 对象标识码 (the OID arc 1.2.156 for China): dot-separated, e.g. `MA.156.1003.16291`.
 * Its check rules are not public, so only the shape is read. Medical-device UDIs in the MA form
 * (`MA.156.M0.…`) are the `cn-udi-ma` scheme.
 */
import { defineScheme } from '../scheme.js';
import { notChecked, reading } from '../outcome.js';

const SHAPE = /^MA((?:\.[0-9A-Za-z]+){2,})$/i;

export interface MaIdcodeFields {
  /** The parts after `MA`, e.g. `['156', '1003', '16291']`. */
  readonly segments: readonly string[];
  /** The first part: the country arc, `156` for China. */
  readonly countryCode: string;
}

export const maIdcode = defineScheme({
  id: 'ma-idcode',
  title: 'MA / IDcode object identifier',
  titleZh: 'MA 对象标识码',
  read({ compact }) {
    const match = SHAPE.exec(compact);
    if (!match || /^MA\.156\.M0\./i.test(compact)) return undefined;
    const segments = match[1]!.slice(1).split('.');
    return reading<'ma-idcode'>('marker', `MA.${segments.join('.')}`, { segments, countryCode: segments[0]! }, [
      notChecked('ma-check', 'the MA code check rules are not public'),
    ]);
  },
});
