/**
 * A trace record: one EPCIS 2.0 event plus Suyuan's extension fields. `parseRecord` validates any
 * JSON value against the record schema and returns it typed, or throws `RECORD_INVALID` naming the
 * field path and the rule.
 */
import { z } from 'zod';
import { SuyuanError, toResult, type Result } from '../errors.js';
import { EpcisEvent } from './event.js';
import { fromJsonText } from './json-text.js';
import { SuyuanFields, type SuyuanExtension, SUYUAN_PREFIX } from './extension.js';

const SUYUAN_KEY = `${SUYUAN_PREFIX}:`;

/** The record schema: an EPCIS event whose `suyuan:` properties are Suyuan's, each valid. */
export const TraceRecordSchema = EpcisEvent.superRefine((event, ctx) => {
  const record = event as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (!key.startsWith(SUYUAN_KEY)) continue;
    const schema = SuyuanFields[key as keyof typeof SuyuanFields];
    if (!schema) {
      ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is not a Suyuan field; known: ${Object.keys(SuyuanFields).join(', ')}` });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [key, ...issue.path], message: issue.message });
  }
  switch (event.type) {
    case 'ObjectEvent':
      if (!event.epcList?.length && !event.quantityList?.length) {
        ctx.addIssue({ code: 'custom', path: ['epcList'], message: 'an ObjectEvent names its objects in epcList or quantityList' });
      }
      break;
    case 'AggregationEvent':
      if (event.action !== 'OBSERVE' && event.parentID === undefined) {
        ctx.addIssue({ code: 'custom', path: ['parentID'], message: `an AggregationEvent with action ${event.action} names its parentID` });
      }
      break;
    case 'TransformationEvent':
      if (!event.inputEPCList?.length && !event.inputQuantityList?.length && !event.outputEPCList?.length && !event.outputQuantityList?.length) {
        ctx.addIssue({ code: 'custom', path: ['inputEPCList'], message: 'a TransformationEvent names its inputs or outputs' });
      }
      break;
    default:
      break;
  }
});

/** One trace record: an EPCIS 2.0 event with Suyuan's extension fields typed. */
export type TraceRecord = EpcisEvent & SuyuanExtension;

/** Largest record accepted, in characters of its JSON (a signed record is at most 64 KiB). */
export const MAX_RECORD_JSON_LENGTH = 65_536;

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Turns zod issues into one `RECORD_INVALID` error naming the first issue's path (all listed in the message). */
export function recordError(error: z.ZodError, prefix = ''): SuyuanError {
  const issues = error.issues.map((issue) => {
    const path = pathText([...(prefix ? [prefix] : []), ...issue.path]);
    return `${path || '(record)'}: ${issue.message}`;
  });
  const first = error.issues[0];
  return new SuyuanError('RECORD_INVALID', `The record is not valid: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}.`, {
    path: pathText([...(prefix ? [prefix] : []), ...(first?.path ?? [])]),
    expected: first?.message,
  });
}

/** Validates a JSON value as a trace record. */
export function parseRecord(value: unknown): TraceRecord {
  value = fromJsonText(value, 'A record', MAX_RECORD_JSON_LENGTH, 'RECORD_INVALID');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SuyuanError('RECORD_INVALID', 'A record is a JSON object (one EPCIS event).', { expected: 'object' });
  }
  const parsed = TraceRecordSchema.safeParse(value);
  if (!parsed.success) throw recordError(parsed.error);
  return parsed.data as TraceRecord;
}

/** `parseRecord` returning a result instead of throwing. */
export function tryParseRecord(value: unknown): Result<TraceRecord> {
  return toResult(() => parseRecord(value));
}
