/**
 * C2SP tlog-proof bundles: the spec's example (its signatures are elided, so it parses only up to
 * the checkpoint), the transparency-dev/merkle error table, a log of records with a bundle for every
 * entry, witness quorums, every changed byte of a bundle, and hostile bundles.
 */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { signCheckpoint } from './checkpoint.js';
import { encodeBase64 } from './encoding.js';
import { inclusionProof, leafHash, rootHash } from './merkle.js';
import { PROOF_BUNDLE_HEADER, formatProofBundle, parseProofBundle, tryParseProofBundle, verifyProofBundle, type ProofBundle } from './proof-bundle.js';
import { formatVerifierKey, generateNoteSigner, noteKeyId, parseVerifierKey } from './signed-note.js';
import { expectFailure, expectOk, expectRejected, flipped, utf8 } from './test-helpers.js';
import { TLOG_PROOF_EXAMPLE } from './testdata/vectors.js';

const ORIGIN = 'log.suyuan.example';
const { signer } = await generateNoteSigner(ORIGIN);
const platformKey = parseVerifierKey(signer.verifierKey);
const entries = Array.from({ length: 11 }, (_, i) => `eyJhbGciOiJFZERTQSIsInR5cCI6InN1eXVhbi1yZWNvcmQrandzIn0.record-${i}.c2lnbmF0dXJl`);
const checkpoint = await signCheckpoint({ origin: ORIGIN, size: entries.length, rootHash: rootHash(entries) }, signer);

function bundleFor(index: number, note = checkpoint, extra?: Uint8Array): string {
  const { proof } = inclusionProof(entries, index);
  return formatProofBundle(extra === undefined ? { index, proof, checkpoint: note } : { extra, index, proof, checkpoint: note });
}

/** A witness with an Ed25519 cosignature key (type 0x04), cosigning with node:crypto. */
function witness(name: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  const keyId = noteKeyId(name, 0x04, raw);
  return {
    verifier: parseVerifierKey(formatVerifierKey(name, raw, 0x04)),
    /** The note with this witness's cosignature line added. */
    cosign(note: string, time = 1700000000n): string {
      const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
      const stamp = new Uint8Array(8);
      new DataView(stamp.buffer).setBigUint64(0, time);
      const signature = nodeSign(null, utf8(`cosignature/v1\ntime ${time}\n${text}`), privateKey);
      const id = new Uint8Array([keyId >>> 24, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff]);
      return `${note}— ${name} ${encodeBase64(new Uint8Array([...id, ...stamp, ...signature]))}\n`;
    },
  };
}

describe('the C2SP tlog-proof example', () => {
  it('reads the header, extra data, index and proof, and stops at the elided signatures', () => {
    // The spec elides its signatures ("hI2DJw[...]1roloI="): the checkpoint is not a well-formed note.
    expectSuyuanError(() => parseProofBundle(TLOG_PROOF_EXAMPLE.text), 'NOTE_INVALID');
    // With a well-formed checkpoint in its place, the rest of the example reads as the spec says.
    const head = TLOG_PROOF_EXAMPLE.text.slice(0, TLOG_PROOF_EXAMPLE.text.indexOf('\n\n') + 2);
    const bundle = parseProofBundle(head + checkpoint);
    expect(bundle.index).toBe(TLOG_PROOF_EXAMPLE.index);
    expect(bundle.proof).toHaveLength(TLOG_PROOF_EXAMPLE.proofLength);
    expect(new TextDecoder().decode(bundle.extra).startsWith(TLOG_PROOF_EXAMPLE.extraPrefix)).toBe(true);
    expect(bundle.checkpoint).toBe(checkpoint);
    expect(formatProofBundle(bundle)).toBe(head + checkpoint);
  });
});

describe('a bundle for every entry of a log', () => {
  it.each(entries.map((_, index) => index))('verifies entry %i from its exact bytes', async (index) => {
    const text = bundleFor(index);
    expect(text.startsWith(`${PROOF_BUNDLE_HEADER}\nindex ${index}\n`)).toBe(true);
    const verified = expectOk(await verifyProofBundle(text, { entry: entries[index]!, verifiers: [platformKey], origin: ORIGIN }));
    expect(verified).toMatchObject({ index, leafHash: leafHash(entries[index]!), checkpoint: { origin: ORIGIN, size: entries.length }, witnesses: [] });
    // From its leaf hash, from bytes, from a parsed bundle.
    expectOk(await verifyProofBundle(utf8(text), { leafHash: leafHash(entries[index]!), verifiers: [platformKey] }));
    expectOk(await verifyProofBundle(parseProofBundle(text), { entry: utf8(entries[index]!), verifiers: [platformKey] }));
    // Another entry does not verify with this bundle.
    expectFailure(await verifyProofBundle(text, { entry: entries[(index + 1) % entries.length]!, verifiers: [platformKey] }), 'mismatch');
  });

  it('carries extra data, unauthenticated', async () => {
    const extra = utf8('ERP batch 2024-07');
    const text = bundleFor(3, checkpoint, extra);
    expect(text.split('\n')[1]).toBe(`extra ${encodeBase64(extra)}`);
    expect(expectOk(await verifyProofBundle(text, { entry: entries[3]!, verifiers: [platformKey] })).extra).toEqual(extra);
    // Changing the extra data does not change what is proven: it is not signed (the spec's warning).
    const other = bundleFor(3, checkpoint, utf8('anything else'));
    expectOk(await verifyProofBundle(other, { entry: entries[3]!, verifiers: [platformKey] }));
    expect(parseProofBundle(bundleFor(3, checkpoint, new Uint8Array(0))).extra).toEqual(new Uint8Array(0));
  });

  it('is untrusted for another log key or another origin', async () => {
    const other = (await generateNoteSigner(ORIGIN)).signer;
    expectFailure(await verifyProofBundle(bundleFor(2), { entry: entries[2]!, verifiers: [parseVerifierKey(other.verifierKey)] }), 'untrusted');
    expectFailure(await verifyProofBundle(bundleFor(2), { entry: entries[2]!, verifiers: [platformKey], origin: 'other.example' }), 'untrusted');
  });

  it('rejects an index outside the checkpointed tree, and a proof for another index', async () => {
    const { proof } = inclusionProof(entries, 4);
    expectFailure(await verifyProofBundle({ index: 11, proof, checkpoint }, { entry: entries[4]!, verifiers: [platformKey] }), 'malformed');
    expectFailure(await verifyProofBundle({ index: 5, proof, checkpoint }, { entry: entries[4]!, verifiers: [platformKey] }));
    // A checkpoint of a smaller tree does not include a later entry.
    const small = await signCheckpoint({ origin: ORIGIN, size: 4, rootHash: rootHash(entries.slice(0, 4)) }, signer);
    expectFailure(await verifyProofBundle({ index: 4, proof, checkpoint: small }, { entry: entries[4]!, verifiers: [platformKey] }), 'malformed');
  });
});

describe('witness cosignatures', () => {
  const [w1, w2, w3] = [witness('witness1.example'), witness('witness2.example'), witness('witness3.example')];
  const cosigned = w2.cosign(w1.cosign(checkpoint));
  const witnesses = [w1.verifier, w2.verifier, w3.verifier];

  it('meets a 2-of-3 quorum and reports the cosignatures', async () => {
    const verified = expectOk(await verifyProofBundle(bundleFor(7, cosigned), { entry: entries[7]!, verifiers: [platformKey], witnesses: { verifiers: witnesses, quorum: 2 } }));
    expect(verified.witnesses.map((w) => [w.name, w.timestamp])).toEqual([
      ['witness1.example', 1700000000],
      ['witness2.example', 1700000000],
    ]);
    // Without a witness policy the cosignatures are unknown signatures, ignored.
    expectOk(await verifyProofBundle(bundleFor(7, cosigned), { entry: entries[7]!, verifiers: [platformKey] }));
  });

  it('is untrusted below the quorum', async () => {
    const result = await verifyProofBundle(bundleFor(7, cosigned), { entry: entries[7]!, verifiers: [platformKey], witnesses: { verifiers: witnesses, quorum: 3 } });
    expectFailure(result, 'untrusted');
    if (!result.ok) expect(result.error).toMatchObject({ code: 'NOTE_UNVERIFIED', details: { expected: 'at least 3', received: '2' } });
  });

  it('is untrusted when only witnesses signed', async () => {
    const text = checkpoint.slice(0, checkpoint.lastIndexOf('\n\n') + 1);
    const onlyWitnesses = w1.cosign(`${text}\n— someone.example AAAAAAA=\n`);
    expectFailure(await verifyProofBundle(bundleFor(1, onlyWitnesses), { entry: entries[1]!, verifiers: [platformKey], witnesses: { verifiers: witnesses, quorum: 1 } }), 'untrusted');
  });

  it('rejects the bundle when a known witness cosignature is invalid', async () => {
    const otherTree = await signCheckpoint({ origin: ORIGIN, size: 3, rootHash: rootHash(entries.slice(0, 3)) }, signer);
    const stolen = w1.cosign(otherTree).split('\n').at(-2)!;
    expectFailure(await verifyProofBundle(bundleFor(7, `${checkpoint}${stolen}\n`), { entry: entries[7]!, verifiers: [platformKey], witnesses: { verifiers: witnesses, quorum: 0 } }), 'bad-signature');
  });

  it('throws INPUT_TYPE for an impossible policy', async () => {
    for (const policy of [{ verifiers: witnesses, quorum: 4 }, { verifiers: witnesses, quorum: -1 }, { verifiers: witnesses, quorum: 1.5 }]) {
      await expect(verifyProofBundle(bundleFor(0), { entry: entries[0]!, verifiers: [platformKey], witnesses: policy })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    }
    await expect(verifyProofBundle(bundleFor(0), { verifiers: [platformKey] })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    await expect(verifyProofBundle(bundleFor(0), { entry: entries[0]!, leafHash: leafHash(entries[0]!), verifiers: [platformKey] })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
    await expect(verifyProofBundle(bundleFor(0), { entry: entries[0]!, verifiers: [] })).rejects.toMatchObject({ code: 'INPUT_TYPE' });
  });
});

describe('tampering and hostile bundles', () => {
  it('never verifies a bundle with any byte changed', async () => {
    const text = bundleFor(6, checkpoint, utf8('x'));
    const bytes = utf8(text);
    // The extra line is not authenticated: a change there that still decodes leaves the proof valid.
    const extraLine = { from: PROOF_BUNDLE_HEADER.length + 1 + 'extra '.length, to: text.indexOf('\nindex') };
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x08, 0x80]) {
        const result = await verifyProofBundle(flipped(bytes, i, mask), { entry: entries[6]!, verifiers: [platformKey], origin: ORIGIN });
        if (i >= extraLine.from && i < extraLine.to && result.ok) continue;
        expect(result.ok, `byte ${i} ^ ${mask}`).toBe(false);
        expectFailure(result);
      }
    }
  });

  it('never verifies with any proof hash changed in a parsed bundle', async () => {
    const bundle = parseProofBundle(bundleFor(9));
    for (let h = 0; h < bundle.proof.length; h++) {
      for (let i = 0; i < 32; i++) {
        const changed: ProofBundle = { ...bundle, proof: bundle.proof.map((hash, j) => (j === h ? flipped(hash, i) : hash)) };
        expectFailure(await verifyProofBundle(changed, { entry: entries[9]!, verifiers: [platformKey] }), 'mismatch');
      }
    }
  });

  const good = bundleFor(5);
  const [header, index, ...rest] = good.split('\n');
  const hashLine = rest[0]!;
  const tail = good.slice(good.indexOf('\n\n'));
  it.each([
    // transparency-dev/merkle TestVerifyTLogProofErrors
    ['a wrong header', 'wrong-header\nindex 0\n\ncheckpoint\n'],
    ['extra that is not base64', `${PROOF_BUNDLE_HEADER}\nextra !!notbase64!!\nindex 0\n\ncheckpoint\n`],
    ['no index', `${PROOF_BUNDLE_HEADER}\n\n\ncheckpoint\n`],
    ['an index that is not a number', `${PROOF_BUNDLE_HEADER}\nindex notanumber\n\ncheckpoint\n`],
    ['a negative index', `${PROOF_BUNDLE_HEADER}\nindex -5\n\ncheckpoint\n`],
    ['a hash that is not base64', `${PROOF_BUNDLE_HEADER}\nindex 0\n!!notbase64!!\n\ncheckpoint\n`],
    ['a 64-byte hash', `${PROOF_BUNDLE_HEADER}\nindex 0\n${encodeBase64(new Uint8Array(64))}\n\ncheckpoint\n`],
    // and more
    ['the v2 header', good.replace(PROOF_BUNDLE_HEADER, 'c2sp.org/tlog-proof@v2')],
    ['a header with a trailing space', good.replace(PROOF_BUNDLE_HEADER, `${PROOF_BUNDLE_HEADER} `)],
    ['an index with a leading zero', good.replace(index!, 'index 05')],
    ['index 2^63', good.replace(index!, 'index 9223372036854775808')],
    ['index 2^53', good.replace(index!, 'index 9007199254740992')],
    ['"index" without a space', good.replace(index!, 'index5')],
    ['two spaces after index', good.replace(index!, 'index  5')],
    ['extra after index', good.replace(`${index}\n`, `${index}\nextra AAAA\n`)],
    ['extra without a space', good.replace(`${header}\n`, `${header}\nextraAAAA\n`)],
    ['a 31-byte hash', good.replace(hashLine, encodeBase64(new Uint8Array(31)))],
    ['a hash without padding', good.replace(hashLine, hashLine.replace('=', ''))],
    ['65 hash lines', `${header}\n${index}\n${`${hashLine}\n`.repeat(65)}${tail.slice(1)}`],
    ['no blank line before the checkpoint', good.replace('\n\n', '\n')],
    ['no checkpoint', good.slice(0, good.indexOf('\n\n') + 2)],
    ['CRLF line endings', good.replaceAll('\n', '\r\n')],
    ['truncated checkpoint', good.slice(0, -20)],
    ['garbage', 'garbage'],
    ['nothing', ''],
  ])('rejects a bundle with %s', async (_name, text) => {
    expect(tryParseProofBundle(text).ok).toBe(false);
    await expectRejected(() => verifyProofBundle(text, { entry: entries[5]!, verifiers: [platformKey] }));
  });

  it.each([null, undefined, 42, {}, { index: 0 }, { index: 0, proof: 'x', checkpoint }, { index: -1, proof: [], checkpoint }, { index: 0, proof: [], checkpoint: 42 }])(
    'rejects a bundle object %j without throwing',
    async (bundle) => {
      await expectRejected(() => verifyProofBundle(bundle as unknown as ProofBundle, { entry: entries[0]!, verifiers: [platformKey] }));
    },
  );

  it('refuses to format an impossible bundle', () => {
    const { proof } = inclusionProof(entries, 1);
    for (const bundle of [
      { index: -1, proof, checkpoint },
      { index: 1, proof: [new Uint8Array(31)], checkpoint },
      { index: 1, proof, checkpoint: 'not a note' },
      { index: 1, proof, checkpoint, extra: 'x' as unknown as Uint8Array },
    ]) {
      expectSuyuanError(() => formatProofBundle(bundle), bundle.checkpoint === checkpoint ? 'PROOF_BUNDLE_INVALID' : 'NOTE_INVALID');
    }
  });
});
