/** Trace records on EPCIS 2.0 with Suyuan's extensions, category profiles, builders, event hash. */
export * from './event.js';
export * from './extension.js';
export * from './vocabulary.js';
export { identifierElements, identifierKey } from './identifiers.js';
export { parseRecord, tryParseRecord, TraceRecordSchema, MAX_RECORD_JSON_LENGTH } from './record.js';
export type { TraceRecord } from './record.js';
export { toEpcisDocument, fromEpcisDocument, EPCIS_CONTEXT_URL, MAX_EPCIS_DOCUMENT_LENGTH } from './epcis-document.js';
export type { EpcisDocument, ToEpcisDocumentOptions } from './epcis-document.js';
export { eventHash, eventHashes, preHashString, EVENT_HASH_VERSION } from './event-hash.js';
export type { EventHashOptions } from './event-hash.js';
export { recordBuilders, formatEventTime } from './builders.js';
export type { BuilderContext, PackDetails, ReceiveDetails, RecordBuilders, ShipDetails, StepDetails, TransformDetails } from './builders.js';
export * from './profiles/index.js';
export { exampleChains } from './examples/chains.js';
export type { ExampleChain } from './examples/chains.js';
export { buildTraceGraph, traceBackward, traceForward, traceNodeKey } from './trace-graph.js';
export type { TraceGraph, TraceResult, TraceStep, TracedRecord, TracedParty, TracedLocation, TraceDirection, TraceLink } from './trace-graph.js';
