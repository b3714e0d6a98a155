/**
 * A worker thread of the verifier pool: checks the records it is sent (`checkRecord`) and answers
 * each message `{ id, inputs }` with `{ id, results }` (or `{ id, error }` if the batch itself failed).
 */
import { parentPort } from 'node:worker_threads';
import { checkRecord, type RecordCheckInput } from './check-record.js';

parentPort?.on('message', (message: { id: number; inputs: RecordCheckInput[] }) => {
  Promise.all(message.inputs.map(checkRecord)).then(
    (results) => parentPort!.postMessage({ id: message.id, results }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: String((error as Error)?.message ?? error) }),
  );
});
