/**
 * Crop seed label QR code 农作物种子标签二维码 (2016 rule): four lines — variety name / producer or
 * importer / unit code (up to 20 letters and digits) / trace URL. No check digit.
 */
import { defineScheme } from '../scheme.js';
import { reading } from '../outcome.js';

const UNIT_CODE = /^[0-9A-Za-z]{1,20}$/;
const URL = /^https?:\/\/[^\s]+$/i;

export interface SeedLabelFields {
  readonly varietyName: string;
  readonly producer: string;
  readonly unitCode: string;
  readonly traceUrl: string;
}

export const cnSeedLabel = defineScheme({
  id: 'cn-seed-label',
  title: 'Crop seed label code',
  titleZh: '农作物种子标签二维码',
  read({ text }) {
    const lines = text.split('\n').map((line) => line.trim());
    if (lines.length !== 4 || lines.some((line) => line === '')) return undefined;
    const [varietyName, producer, unitCode, traceUrl] = lines as [string, string, string, string];
    if (!UNIT_CODE.test(unitCode) || !URL.test(traceUrl)) return undefined;
    return reading<'cn-seed-label'>('marker', lines.join('\n'), { varietyName, producer, unitCode, traceUrl });
  },
});
