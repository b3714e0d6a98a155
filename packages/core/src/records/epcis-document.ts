/**
 * EPCIS 2.0 JSON-LD documents: `toEpcisDocument(records)` writes records as an `EPCISDocument` that
 * validates against GS1's EPCIS 2.0 JSON Schema, with the Suyuan namespace declared in its context;
 * `fromEpcisDocument(json)` reads any EPCIS 2.0 document's events back as validated records.
 */
import { SuyuanError } from '../errors.js';
import { SUYUAN_CONTEXT } from './extension.js';
import { fromJsonText } from './json-text.js';
import { parseRecord, recordError, TraceRecordSchema, type TraceRecord } from './record.js';

/** The JSON-LD context URL of EPCIS 2.0. */
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

export interface EpcisDocument {
  '@context': unknown[];
  type: 'EPCISDocument';
  schemaVersion: '2.0';
  creationDate: string;
  id?: string;
  instanceIdentifier?: string;
  sender?: string;
  receiver?: string;
  epcisBody: { eventList: TraceRecord[] };
  [extension: string]: unknown;
}

export interface ToEpcisDocumentOptions {
  /** The document's creation time; defaults to now. */
  creationDate?: string;
  /** A URI identifying the document. */
  id?: string;
  sender?: string;
  receiver?: string;
  /** Further context entries, e.g. `{ example: 'http://ns.example.com/epcis/' }` for other extensions. */
  context?: Record<string, string>;
}

/** Writes records as an EPCIS 2.0 document (each record is validated first). */
export function toEpcisDocument(records: readonly unknown[], options: ToEpcisDocumentOptions = {}): EpcisDocument {
  if (!Array.isArray(records)) throw new SuyuanError('INPUT_TYPE', 'toEpcisDocument takes an array of records.', { expected: 'array' });
  const eventList = records.map((record, index) => {
    const parsed = TraceRecordSchema.safeParse(record);
    if (!parsed.success) throw recordError(parsed.error, `[${index}]`);
    return parsed.data as TraceRecord;
  });
  return {
    '@context': [EPCIS_CONTEXT_URL, { ...SUYUAN_CONTEXT, ...options.context }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: options.creationDate ?? new Date().toISOString(),
    ...(options.id ? { id: options.id } : {}),
    ...(options.sender ? { sender: options.sender } : {}),
    ...(options.receiver ? { receiver: options.receiver } : {}),
    epcisBody: { eventList },
  };
}

/** Largest EPCIS document read, in characters of JSON. */
export const MAX_EPCIS_DOCUMENT_LENGTH = 16 * 1024 * 1024;

/** Reads an EPCIS 2.0 document (object or JSON text) into validated records, in document order. */
export function fromEpcisDocument(json: unknown): TraceRecord[] {
  const document = fromJsonText(json, 'An EPCIS document', MAX_EPCIS_DOCUMENT_LENGTH, 'EPCIS_DOCUMENT_INVALID');
  const doc = document as { type?: unknown; epcisBody?: { eventList?: unknown } } | null;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || doc.type !== 'EPCISDocument') {
    throw new SuyuanError('EPCIS_DOCUMENT_INVALID', 'An EPCIS document is a JSON object with "type": "EPCISDocument".', { path: 'type', expected: 'EPCISDocument' });
  }
  const list = doc.epcisBody?.eventList;
  if (!Array.isArray(list)) {
    throw new SuyuanError('EPCIS_DOCUMENT_INVALID', 'An EPCIS document carries its events in epcisBody.eventList.', { path: 'epcisBody.eventList', expected: 'array' });
  }
  return list.map((event, index) => {
    try {
      return parseRecord(event);
    } catch (error) {
      if (error instanceof SuyuanError) {
        throw new SuyuanError(error.code, `Event ${index}: ${error.message}`, { ...error.details, path: `epcisBody.eventList[${index}]${error.details.path ? `.${error.details.path}` : ''}` }, { cause: error });
      }
      throw error;
    }
  });
}
