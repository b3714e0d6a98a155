/**
 * The full record checks of the trust module: the record schema (zod) applied exactly — what the main
 * entry's `verifyRecord` and `disclose` use. Kept apart from the verify path, which checks records
 * lightly (`record-shape.ts`) so that no schema library reaches a browser bundle.
 */
import { SuyuanError, toResult, type Result } from '../errors.js';
import { parseRecord, type TraceRecord } from '../records/record.js';
import { canonicalize } from './canonical-json.js';
import { discloseWith } from './selective-disclosure.js';

/**
 * `parseRecord`, and the record it returns holds exactly the given data: a member the schema
 * silently drops (zod drops an own `__proto__`) would otherwise vanish from what was signed or disclosed.
 */
export function parseExactRecord(value: Record<string, unknown>): TraceRecord {
  const record = parseRecord(value);
  if (canonicalize(record) !== canonicalize(value)) {
    const kept = new Set(Object.keys(record));
    const lost = Object.keys(value).filter((name) => !kept.has(name) && value[name] !== undefined);
    throw new SuyuanError('RECORD_INVALID', `The record has data a trace record cannot hold${lost.length ? `: ${lost.map((name) => JSON.stringify(name)).join(', ')}` : ''}.`, {
      ...(lost[0] === undefined ? {} : { path: lost[0] }),
      expected: 'EPCIS and Suyuan properties only',
    });
  }
  return record;
}

/**
 * Puts the disclosed fields back into a public projection, checking each disclosure against
 * `suyuan:sd`; returns the record (without `suyuan:sd`) validated as a trace record. Works with all,
 * some or none of the disclosures. Throws `DISCLOSURE_INVALID` (or `RECORD_INVALID`).
 */
export function disclose(publicRecord: unknown, disclosures: readonly string[]): TraceRecord {
  return discloseWith(parseExactRecord)(publicRecord, disclosures);
}

/** `disclose` returning a result instead of throwing. */
export function tryDisclose(publicRecord: unknown, disclosures: readonly string[]): Result<TraceRecord> {
  return toResult(() => disclose(publicRecord, disclosures));
}
