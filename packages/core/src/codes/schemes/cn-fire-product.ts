/** Fire product identity mark 消防产品身份信息标志 (GA 846-2009): 14 characters `^\d{5}[A-Z]{2}\d{5}[A-Z]{2}$`. */
import { defineScheme } from '../scheme.js';
import { reading } from '../outcome.js';

const SHAPE = /^\d{5}[A-Z]{2}\d{5}[A-Z]{2}$/;

export interface FireProductFields {
  readonly mark: string;
}

export const cnFireProduct = defineScheme({
  id: 'cn-fire-product',
  title: 'Fire product identity mark',
  titleZh: '消防产品身份信息标志',
  read({ compact }) {
    const mark = compact.toUpperCase();
    if (!SHAPE.test(mark)) return undefined;
    return reading<'cn-fire-product'>('shape', mark, { mark });
  },
});
