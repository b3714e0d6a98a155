/**
 * The light record check of the verify path: what a reader must know of a signed payload to use it
 * safely — an EPCIS event type, its time, the digest field's shape — without the full record schema
 * (and without zod, so the widget stays small). A signature already proves who said it; the full
 * schema check (`parseExactRecord`) is what the main entry's `verifyRecord` and `disclose` use.
 */
import { SuyuanError } from '../errors.js';
import type { TraceRecord } from '../records/record.js';

/** Checks a record's data and returns it typed, or throws `RECORD_INVALID`. */
export type RecordValidator = (value: Record<string, unknown>) => TraceRecord;

const EVENT_TYPES = new Set(['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent']);
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const OFFSET = /^[+-]((0\d|1[0-3]):[0-5]\d|14:00)$/;
const DIGEST = /^[A-Za-z0-9_-]{43}$/;

function invalid(path: string, message: string): never {
  throw new SuyuanError('RECORD_INVALID', `The record is not valid: ${path}: ${message}.`, { path, expected: message });
}

/** The verify path's record check: an EPCIS event type, a real event time and offset, well-formed digests. */
export const lightRecordCheck: RecordValidator = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid('(record)', 'a record is a JSON object');
  if (!EVENT_TYPES.has(value.type as string)) invalid('type', 'one of the five EPCIS 2.0 event types');
  if (typeof value.eventTime !== 'string' || !TIME.test(value.eventTime) || Number.isNaN(Date.parse(value.eventTime))) invalid('eventTime', 'an ISO 8601 date-time with a time zone');
  if (typeof value.eventTimeZoneOffset !== 'string' || !OFFSET.test(value.eventTimeZoneOffset)) invalid('eventTimeZoneOffset', 'a time-zone offset such as +08:00');
  const digests = value['suyuan:sd'];
  if (digests !== undefined && (!Array.isArray(digests) || !digests.every((d) => typeof d === 'string' && DIGEST.test(d)))) {
    invalid('suyuan:sd', 'a list of base64url SHA-256 digests');
  }
  return value as TraceRecord;
};
