/**
 * GS1 codes in every written form: element strings (bracketed or raw, with or without a symbology
 * identifier), GS1 Digital Link URIs (plain or compressed), EPC URNs, and bare GTINs (EAN/UPC/ITF).
 * A bare digit string is read as GS1 only when its check digit passes: as a GTIN-8/12/13/14, or as a
 * raw element string that starts with a GS1 key carrying a check digit.
 */
import { toResult } from '../../errors.js';
import { formatElementString, parseElementStringWithChecks, type Gs1Element } from '../../gs1/element-string.js';
import { buildDigitalLink, looksLikeDigitalLink, parseDigitalLinkWithChecks } from '../../gs1/digital-link.js';
import { parseEpcUrn } from '../../gs1/epc-urn.js';
import { parseScanData } from '../../gs1/scan-data.js';
import { lookupAi } from '../../gs1/syntax-dictionary.js';
import { validateAiValue } from '../../gs1/ai-value.js';
import type { Check } from '../../checks.js';
import { defineScheme, type CodeInput, type Evidence, type SchemeReading, type SchemeRejection } from '../scheme.js';
import { reading } from '../outcome.js';

export interface Gs1CodeFields {
  /** How the code was written. */
  readonly form: 'element-string' | 'digital-link' | 'epc-urn' | 'gtin';
  /** The AIs and values, in the order written. */
  readonly elements: readonly Gs1Element[];
  /** The GS1 identification key (the first element that is a Digital Link primary key), if any. */
  readonly key?: Gs1Element;
  /** The GTIN as 14 digits, when (01) is present. */
  readonly gtin?: string;
  /** For the Digital Link form: its stem, non-AI parameters and whether it was compressed. */
  readonly digitalLink?: { readonly stem: string; readonly unknownParams: readonly [string, string][]; readonly compressed: boolean };
  /** For the EPC URN form: its kind and TDS scheme. */
  readonly epc?: { readonly kind: 'id' | 'class' | 'idpat'; readonly scheme: string; readonly companyPrefix: string };
}

type Outcome = SchemeReading<'gs1'> | SchemeRejection | undefined;

function fields(form: Gs1CodeFields['form'], elements: readonly Gs1Element[], extra: Partial<Gs1CodeFields> = {}): Gs1CodeFields {
  const key = elements.find((e) => lookupAi(e.ai)?.dlKeyQualifiers);
  const gtin = elements.find((e) => e.ai === '01')?.value;
  return { form, elements, ...(key ? { key } : {}), ...(gtin ? { gtin } : {}), ...extra };
}

function attempt(evidence: Evidence, read: () => SchemeReading<'gs1'>): Outcome {
  const result = toResult(read);
  return result.ok ? result.value : { evidence, error: result.error };
}

function elementString(form: 'element-string' | 'gtin', text: string, evidence: Evidence): Outcome {
  return attempt(evidence, () => {
    const { elements, checks } = parseElementStringWithChecks(text);
    return reading<'gs1'>(evidence, formatElementString(elements, { checkAssociations: false }), fields(form, elements), checks);
  });
}

const GTIN_LENGTHS = /^(?:\d{8}|\d{12,14})$/;

export const gs1 = defineScheme({
  id: 'gs1',
  title: 'GS1 code',
  titleZh: 'GS1 商品条码',
  read(input: CodeInput): Outcome {
    const { compact, scan } = input;
    if (scan && scan.symbology !== 'none' && scan.symbology !== 'other' && !['qr', 'datamatrix', 'dotcode', 'code-128'].includes(scan.symbology)) {
      const data = toResult(() => parseScanData(scan.aimId + scan.data));
      if (!data.ok) return { evidence: 'marker', error: data.error };
      const form = scan.symbology.startsWith('gs1-') ? 'element-string' : 'gtin';
      const raw = formatElementString(data.value.elements ?? [], { style: 'raw', separator: '^', checkAssociations: false });
      return elementString(form, `^${raw}`, 'marker');
    }
    if (compact.startsWith('urn:epc:')) {
      return attempt('marker', () => {
        const urn = parseEpcUrn(compact);
        return reading<'gs1'>('marker', compact, fields('epc-urn', urn.elements, { epc: { kind: urn.kind, scheme: urn.scheme, companyPrefix: urn.companyPrefix } }));
      });
    }
    if (/^https?:\/\//i.test(compact)) {
      if (!looksLikeDigitalLink(compact)) return undefined;
      return attempt('marker', () => {
        const { link, checks } = parseDigitalLinkWithChecks(compact);
        const canonical = buildDigitalLink(link.elements, { stem: link.stem, params: link.unknownParams });
        return reading<'gs1'>('marker', canonical, fields('digital-link', link.elements, {
          digitalLink: { stem: link.stem, unknownParams: link.unknownParams, compressed: link.compressed },
        }), checks);
      });
    }
    if (compact.startsWith('(')) return elementString('element-string', compact, 'marker');
    if (compact.startsWith('^') || compact.includes('\x1d')) return elementString('element-string', compact, 'marker');
    if (GTIN_LENGTHS.test(compact)) {
      return attempt('check', () => {
        const elements = [{ ai: '01', value: compact.padStart(14, '0') }];
        const checks: Check[] = [];
        // Offset so that error positions point into the digits as written.
        validateAiValue(lookupAi('01')!, elements[0]!.value, compact.length - 14, checks);
        return reading<'gs1'>('check', formatElementString(elements), fields('gtin', elements), checks);
      });
    }
    // A bare raw element string counts only when it opens with a GS1 key whose check digit passes.
    const first = lookupAi(compact.slice(0, 2)) ?? lookupAi(compact.slice(0, 3)) ?? lookupAi(compact.slice(0, 4));
    if (!first?.components[0]?.linters.includes('csum') || !/^\d{4}/.test(compact)) return undefined;
    const outcome = elementString('element-string', compact, 'check');
    return outcome && 'error' in outcome ? undefined : outcome;
  },
});

