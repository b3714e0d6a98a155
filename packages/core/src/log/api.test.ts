/** The public API of the log module, through its index: the README example, end to end. */
import { describe, expect, it } from 'vitest';
import * as log from './index.js';
import { formatProofBundle, generateNoteSigner, inclusionProof, parseVerifierKey, rootHash, signCheckpoint, verifyProofBundle } from './index.js';

describe('the log module', () => {
  it('runs the README example', async () => {
    const entries = ['eyJ…record-0…', 'eyJ…record-1…', 'eyJ…record-2…'];
    const { signer } = await generateNoteSigner('log.suyuan.example');
    const checkpoint = await signCheckpoint({ origin: 'log.suyuan.example', size: entries.length, rootHash: rootHash(entries) }, signer);
    const bundle = formatProofBundle({ ...inclusionProof(entries, 1), checkpoint });
    const trusted = [parseVerifierKey(signer.verifierKey)];
    const result = await verifyProofBundle(bundle, { entry: entries[1], verifiers: trusted, origin: 'log.suyuan.example' });
    expect(result.ok ? result.value.checkpoint.size : result.reason).toBe(3);
    const forged = await verifyProofBundle(bundle, { entry: 'eyJ…forged…', verifiers: trusted, origin: 'log.suyuan.example' });
    expect(forged.ok ? forged.value : forged.reason).toBe('mismatch');
  });

  it('exports the domain API and nothing generic', () => {
    expect(Object.keys(log).sort()).toEqual(
      [
        'EMPTY_TREE_ROOT',
        'HASH_SIZE',
        'MAX_NOTE_LENGTH',
        'MAX_NOTE_SIGNATURES',
        'MAX_PROOF_BUNDLE_LENGTH',
        'NOTE_SIGNATURE_TYPE',
        'PROOF_BUNDLE_HEADER',
        'consistencyProof',
        'consistencyProofLength',
        'createNoteSigner',
        'formatCheckpoint',
        'formatProofBundle',
        'formatSignedNote',
        'formatVerifierKey',
        'generateNoteSigner',
        'importNoteSigner',
        'inclusionProof',
        'inclusionProofLength',
        'isNoteKeyName',
        'leafHash',
        'nodeHash',
        'noteKeyId',
        'noteVerifier',
        'parseCheckpoint',
        'parseProofBundle',
        'parseSignedNote',
        'parseSignerKey',
        'parseVerifierKey',
        'rootHash',
        'signCheckpoint',
        'signNote',
        'tryParseCheckpoint',
        'tryParseProofBundle',
        'tryParseSignedNote',
        'verifyCheckpoint',
        'verifyConsistency',
        'verifyInclusion',
        'verifyNote',
        'verifyProofBundle',
      ].sort(),
    );
  });
});
