/**
 * Identifiers inside trace records: GS1 Digital Link URIs or EPC URNs (GS1 Tag Data Standard), checked
 * with the codes module, at instance level (an object), class level (a product or a lot) or as a
 * location or party. EPCIS 2.0 allows both forms; they are compared through their GS1 elements.
 */
import { toResult } from '../errors.js';
import { parseDigitalLink } from '../gs1/digital-link.js';
import type { Gs1Element } from '../gs1/element-string.js';
import { parseEpcUrn } from '../gs1/epc-urn.js';

/** GS1 elements an EPCIS identifier stands for, or a reason it is not one. */
export function identifierElements(id: string): { ok: true; elements: Gs1Element[] } | { ok: false; reason: string } {
  if (id.startsWith('urn:epc:')) {
    const urn = toResult(() => parseEpcUrn(id));
    return urn.ok ? { ok: true, elements: urn.value.elements } : { ok: false, reason: urn.error.message };
  }
  if (/^https?:\/\//i.test(id)) {
    const link = toResult(() => parseDigitalLink(id));
    if (!link.ok) return { ok: false, reason: link.error.message };
    if (link.value.unknownParams.length > 0 || id.includes('?')) {
      // EPCIS identifiers name objects, classes, locations and parties: a key and its qualifiers only.
      return { ok: false, reason: 'A Digital Link used as an EPCIS identifier carries no query string.' };
    }
    return { ok: true, elements: link.value.elements };
  }
  return { ok: false, reason: 'An identifier is a GS1 Digital Link URI (https://…/01/…) or an EPC URN (urn:epc:…).' };
}

/** A key that names the same thing whatever its form: the element string of its elements in a fixed order. */
export function identifierKey(id: string): string {
  const parsed = identifierElements(id);
  if (!parsed.ok) return id;
  return [...parsed.elements]
    .sort((a, b) => (a.ai < b.ai ? -1 : a.ai > b.ai ? 1 : 0))
    .map((e) => `(${e.ai})${e.value}`)
    .join('');
}
