/**
 * `verifyTrace`: given what a platform answered for a code, decide — without trusting the platform or
 * whoever delivered the answer — whether the product's history is verified. It checks every record's
 * inclusion in the log against a checkpoint signed by a trusted platform key, the issuers' keys as
 * the log registered them (by log position, never by the signer's clock), every record signature and
 * event hash, the disclosures shown, the checkpoint's consistency with checkpoints seen before, and
 * recalls. Every check is listed with why it passed or failed, so a user interface can explain itself.
 *
 * Verdicts, strongest first: `tampered` (a signature, hash or proof fails), `unsupported` (the runtime
 * lacks an algorithm: "cannot check here"), `unverified` (unknown or unregistered issuer, untrusted
 * log key, missing proof), `not-found` (nothing recorded for the code), `recalled` (verified, and a
 * recall covers it), `verified`.
 */
import { SuyuanError, isSuyuanError } from '../errors.js';
import { decodeBase64, encodeBase64 } from '../log/encoding.js';
import { verifyConsistency } from '../log/merkle.js';
import { verifyProofBundle } from '../log/proof-bundle.js';
import { parseVerifierKey, verifyNote, type NoteVerifier } from '../log/signed-note.js';
import type { LogFailureReason } from '../log/verification.js';
import type { TraceRecord } from '../records/record.js';
import { historyKeyResolver } from '../trust/key-history.js';
import { lightRecordCheck, type RecordValidator } from '../trust/record-shape.js';
import { verifyRecordWith } from '../trust/verify-record.js';
import type { VerificationFailure } from '../trust/verification.js';
import { keyHistoriesFrom, parseKeyEntry, parseRecallNotice, type KeyEntry } from './log-entries.js';

export type Verdict = 'verified' | 'recalled' | 'unverified' | 'tampered' | 'not-found' | 'unsupported';

/** What a platform answers for a code: each item with its C2SP tlog-proof bundle. */
export interface TraceAnswer {
  /** The code asked about, canonical. */
  readonly code: string;
  /** The records of the trace: the JWS as logged, the disclosures shown to this reader, the proof. */
  readonly records: readonly { readonly jws: string; readonly disclosures?: readonly string[]; readonly proof: string }[];
  /** The key entries (registrations, rotations, revocations) of the records' issuers. */
  readonly keys: readonly { readonly entry: string; readonly proof: string }[];
  /** Operator recall notices for the code (signed notes), each with its proof. */
  readonly recalls?: readonly { readonly notice: string; readonly proof: string }[];
  /** Consistency proofs from checkpoints the reader has seen to the answer's checkpoint. */
  readonly consistency?: readonly { readonly oldSize: number; readonly proof: readonly string[] }[];
}

/** A checkpoint a reader has seen before (from an earlier answer). */
export interface SeenCheckpoint {
  readonly origin: string;
  readonly size: number;
  /** Base64 root hash. */
  readonly rootHash: string;
}

export interface VerifyTraceOptions {
  /** The platforms whose logs are trusted: their C2SP verifier keys (`<name>+<hex id>+<base64 key>`). */
  readonly trustedPlatforms: readonly string[];
  /** Checkpoints seen before: the answer's checkpoint must be consistent with them. */
  readonly seenCheckpoints?: readonly SeenCheckpoint[];
  /** The log origin the checkpoints must be for (pin it: a trusted key could sign for another origin). */
  readonly origin?: string;
  /** The code the reader asked about: the answer must be for it. */
  readonly code?: string;
  /**
   * How each verified payload is checked as a record: by default the light check of the verify path
   * (event type, time, digests); pass `parseExactRecord` for the full record schema.
   */
  readonly validateRecord?: RecordValidator;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check that ran, in words a user interface can show (and a stable `id` to translate from). */
export interface TraceCheck {
  readonly id: 'answer' | 'checkpoint' | 'inclusion' | 'key-entry' | 'signature' | 'disclosure' | 'consistency' | 'recall';
  readonly status: CheckStatus;
  /** What was checked: a record's event hash, a key id, a checkpoint origin. */
  readonly subject: string;
  readonly message: string;
  /** The verdict this check alone would lead to when it failed. */
  readonly leadsTo?: Verdict;
}

export interface VerifiedTraceRecord {
  readonly record: TraceRecord;
  /** With disclosures: the record with the disclosed fields. */
  readonly disclosed?: TraceRecord;
  readonly eventHash: string;
  readonly issuer: string;
  readonly logIndex: number;
}

export interface TraceVerification {
  readonly verdict: Verdict;
  readonly code: string;
  readonly checks: readonly TraceCheck[];
  /** The records that verified, in the answer's order. */
  readonly records: readonly VerifiedTraceRecord[];
  /** The checkpoint the answer's proofs lead to, when one verified. */
  readonly checkpoint?: SeenCheckpoint;
  /** Recalls that cover the code: issuer recall records and operator notices. */
  readonly recalls: readonly { readonly by: 'issuer' | 'operator'; readonly reason: string; readonly eventHash?: string }[];
}

const RANK: Record<Verdict, number> = { tampered: 5, unsupported: 4, unverified: 3, 'not-found': 2, recalled: 1, verified: 0 };

function fromLogReason(reason: LogFailureReason): Verdict {
  if (reason === 'untrusted') return 'unverified';
  if (reason === 'unsupported') return 'unsupported';
  return 'tampered';
}

function fromRecordFailure(reason: VerificationFailure): Verdict {
  if (reason.code === 'ALGORITHM_UNSUPPORTED') return 'unsupported';
  if (reason.code === 'KEY_UNKNOWN' || reason.code === 'KEY_NOT_VALID') return 'unverified';
  return 'tampered';
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Verifies a platform's answer for a code; never throws for anything in the answer. */
export async function verifyTrace(answer: TraceAnswer, options: VerifyTraceOptions): Promise<TraceVerification> {
  const verifiers = trustedVerifiers(options);
  const verifyRecord = verifyRecordWith(options.validateRecord ?? lightRecordCheck);
  const checks: TraceCheck[] = [];
  const pass = (id: TraceCheck['id'], subject: string, message: string) => checks.push({ id, status: 'passed', subject, message });
  const fail = (id: TraceCheck['id'], subject: string, message: string, leadsTo: Verdict) => checks.push({ id, status: 'failed', subject, message, leadsTo });
  const skip = (id: TraceCheck['id'], subject: string, message: string) => checks.push({ id, status: 'skipped', subject, message });

  const code = typeof answer?.code === 'string' ? answer.code : '';
  const shapeOk =
    typeof answer === 'object' && answer !== null && typeof answer.code === 'string' && Array.isArray(answer.records) && Array.isArray(answer.keys) &&
    (answer.recalls === undefined || Array.isArray(answer.recalls)) && (answer.consistency === undefined || Array.isArray(answer.consistency));
  if (!shapeOk) {
    fail('answer', 'answer', 'The answer is not a trace answer (code, records, keys).', 'tampered');
    return { verdict: 'tampered', code, checks, records: [], recalls: [] };
  }

  if (options.code !== undefined && answer.code !== options.code) {
    fail('answer', code, `The answer is for ${JSON.stringify(code)}, not for the code asked about (${JSON.stringify(options.code)}).`, 'tampered');
  }

  // The checkpoint every proof leads to: they must all agree.
  let checkpoint: { origin: string; size: number; rootHash: Uint8Array } | undefined;
  const proven = async (entry: string, proof: string, subject: string): Promise<number | undefined> => {
    if (typeof entry !== 'string') {
      fail('inclusion', subject, 'The entry is missing or not text.', 'tampered');
      return undefined;
    }
    if (typeof proof !== 'string') {
      // A missing proof proves nothing either way: the entry is not shown to be in the log.
      fail('inclusion', subject, 'The entry comes without a proof that it is in the log.', 'unverified');
      return undefined;
    }
    const result = await verifyProofBundle(proof, { entry, verifiers, ...(options.origin === undefined ? {} : { origin: options.origin }) });
    if (!result.ok) {
      fail('inclusion', subject, `Not proven to be in a trusted log: ${result.error.message}`, fromLogReason(result.reason));
      return undefined;
    }
    const at = result.value.checkpoint;
    if (!checkpoint) checkpoint = { origin: at.origin, size: at.size, rootHash: at.rootHash };
    else if (at.origin !== checkpoint.origin || at.size !== checkpoint.size || !same(at.rootHash, checkpoint.rootHash)) {
      fail('checkpoint', subject, 'The proofs of one answer lead to different checkpoints.', 'tampered');
      return undefined;
    }
    pass('inclusion', subject, `In the log at position ${result.value.index} of ${at.size}, under a checkpoint signed by a trusted platform (${at.origin}).`);
    return result.value.index;
  };

  // Issuers' keys, as the log registered them.
  const keyEntries: { entry: KeyEntry; index: number }[] = [];
  for (const [i, item] of answer.keys.entries()) {
    const subject = `key entry ${i}`;
    const index = await proven(item?.entry, item?.proof, subject);
    if (index === undefined) continue;
    try {
      const entry = parseKeyEntry(item.entry);
      keyEntries.push({ entry, index });
      pass('key-entry', entry.kid, `${entry.action === 'register' ? 'Registered' : entry.action === 'rotate' ? 'Rotated out' : 'Revoked'} for ${entry.iss} at log position ${index}.`);
    } catch (error) {
      fail('key-entry', subject, isSuyuanError(error) ? error.message : 'The key entry cannot be read.', 'tampered');
    }
  }
  const histories = keyHistoriesFrom(keyEntries);

  // Records: in the log, signed by a key valid at their position, hashes and disclosures right.
  const records: VerifiedTraceRecord[] = [];
  const recalls: TraceVerification['recalls'][number][] = [];
  for (const [i, item] of answer.records.entries()) {
    const subject = `record ${i}`;
    const index = await proven(item?.jws, item?.proof, subject);
    if (index === undefined) continue;
    const disclosures = Array.isArray(item.disclosures) ? item.disclosures : undefined;
    const verified = await verifyRecord(item.jws, historyKeyResolver(histories, index), disclosures ? { disclosures } : {});
    if (!verified.ok) {
      const id = verified.reason.check === 'disclosure' ? 'disclosure' : 'signature';
      fail(id, verified.header?.ehash ?? subject, verified.reason.message, fromRecordFailure(verified.reason));
      continue;
    }
    pass('signature', verified.eventHash, `Signed by ${verified.header.iss} with a key the log had registered before position ${index}; the event hash matches.`);
    if (disclosures?.length) pass('disclosure', verified.eventHash, `${disclosures.length} disclosed field(s) match the signed digests.`);
    records.push({
      record: verified.record,
      ...(verified.disclosed ? { disclosed: verified.disclosed } : {}),
      eventHash: verified.eventHash,
      issuer: verified.header.iss,
      logIndex: index,
    });
    if (verified.record.disposition === 'recalled' || verified.record.disposition === 'https://ref.gs1.org/cbv/Disp-recalled') {
      recalls.push({ by: 'issuer', reason: String((verified.record as { 'suyuan:reason'?: string })['suyuan:reason'] ?? ''), eventHash: verified.eventHash });
      pass('recall', verified.eventHash, `The issuer ${verified.header.iss} recalled it.`);
    }
  }

  // Operator recall notices: signed by the platform, logged, for this code.
  for (const [i, item] of (answer.recalls ?? []).entries()) {
    const subject = `recall notice ${i}`;
    const index = await proven(item?.notice, item?.proof, subject);
    if (index === undefined) continue;
    const note = await verifyNote(item.notice, verifiers);
    const notice = note.ok ? parseRecallNotice(note.value.text) : undefined;
    if (!note.ok) fail('recall', subject, `The recall notice is not signed by a trusted platform: ${note.error.message}`, fromLogReason(note.reason));
    else if (!notice) fail('recall', subject, 'The recall notice is not in the recall notice format.', 'tampered');
    else if (notice.code !== code) skip('recall', subject, `A recall notice for another code (${notice.code}) was ignored.`);
    else {
      recalls.push({ by: 'operator', reason: notice.reason });
      pass('recall', subject, `The platform operator recalled it: ${notice.reason}`);
    }
  }

  // Consistency with checkpoints seen before.
  if (checkpoint) checkConsistency(checkpoint, answer, options.seenCheckpoints ?? [], { pass, fail, skip });
  else if (answer.records.length > 0 || answer.keys.length > 0) skip('checkpoint', 'log', 'No proof verified, so no checkpoint could be checked.');

  if (answer.records.length === 0) checks.push({ id: 'answer', status: 'passed', subject: code, message: 'The platform has no records for this code.' });
  let verdict: Verdict = answer.records.length === 0 ? 'not-found' : recalls.length > 0 ? 'recalled' : 'verified';
  for (const check of checks) if (check.status === 'failed' && check.leadsTo && RANK[check.leadsTo] > RANK[verdict]) verdict = check.leadsTo;
  return {
    verdict,
    code,
    checks,
    records,
    ...(checkpoint ? { checkpoint: { origin: checkpoint.origin, size: checkpoint.size, rootHash: encodeBase64(checkpoint.rootHash) } } : {}),
    recalls,
  };
}

function trustedVerifiers(options: VerifyTraceOptions): NoteVerifier[] {
  if (!options || !Array.isArray(options.trustedPlatforms) || options.trustedPlatforms.length === 0) {
    throw new SuyuanError('INPUT_TYPE', 'verifyTrace needs at least one trusted platform key (trustedPlatforms).', { path: 'trustedPlatforms' });
  }
  return options.trustedPlatforms.map((key) => parseVerifierKey(key));
}

type Report = (id: TraceCheck['id'], subject: string, message: string, leadsTo: Verdict) => void;

function checkConsistency(
  current: { origin: string; size: number; rootHash: Uint8Array },
  answer: TraceAnswer,
  seen: readonly SeenCheckpoint[],
  report: { pass: (id: TraceCheck['id'], subject: string, message: string) => void; fail: Report; skip: (id: TraceCheck['id'], subject: string, message: string) => void },
): void {
  for (const old of seen) {
    if (old?.origin !== current.origin || old.size === 0) continue;
    const subject = `${old.origin} @ ${old.size}`;
    const oldRoot = typeof old.rootHash === 'string' ? decodeBase64(old.rootHash) : undefined;
    if (!oldRoot) {
      report.skip('consistency', subject, 'A seen checkpoint is malformed and was ignored.');
      continue;
    }
    if (old.size === current.size) {
      if (same(oldRoot, current.rootHash)) report.pass('consistency', subject, 'Same tree as seen before.');
      else report.fail('consistency', subject, 'The log shows a different tree of the same size than seen before: it forked.', 'tampered');
      continue;
    }
    if (old.size > current.size) {
      report.skip('consistency', subject, 'The answer comes from an older checkpoint than one seen before.');
      continue;
    }
    const given = answer.consistency?.find((c) => c?.oldSize === old.size);
    if (!given) {
      report.fail('consistency', subject, `The answer carries no proof that the log grew from the size ${old.size} seen before without changing history.`, 'unverified');
      continue;
    }
    const proof = Array.isArray(given.proof) ? given.proof.map((hash) => (typeof hash === 'string' ? decodeBase64(hash) : undefined)) : [undefined];
    if (proof.some((hash) => hash === undefined)) {
      report.fail('consistency', subject, 'The consistency proof is malformed.', 'tampered');
      continue;
    }
    const result = verifyConsistency({ oldSize: old.size, newSize: current.size, oldRoot, newRoot: current.rootHash, proof: proof as Uint8Array[] });
    if (result.ok) report.pass('consistency', subject, `The log grew from ${old.size} to ${current.size} entries without changing history.`);
    else report.fail('consistency', subject, `The log's history changed since size ${old.size}: ${result.error.message}`, 'tampered');
  }
}
