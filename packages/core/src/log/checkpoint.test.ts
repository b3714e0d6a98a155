/**
 * C2SP checkpoints: the spec's examples, the format's rules as a table of hostile texts, signing
 * and verifying with the platform key, and every changed byte or line of a signed checkpoint.
 */
import { describe, expect, it } from 'vitest';
import { expectSuyuanError } from '../test-support.js';
import { formatCheckpoint, parseCheckpoint, signCheckpoint, tryParseCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { decodeBase64, encodeBase64 } from './encoding.js';
import { EMPTY_TREE_ROOT, consistencyProof, rootHash, verifyConsistency } from './merkle.js';
import { generateNoteSigner, parseSignedNote, parseVerifierKey, signNote, verifyNote } from './signed-note.js';
import { expectFailure, expectOk, flipped, utf8 } from './test-helpers.js';
import { CHECKPOINT_EXAMPLE, COSIGNED_CHECKPOINT_EXAMPLE } from './testdata/vectors.js';

const ORIGIN = 'log.suyuan.example';
const { signer } = await generateNoteSigner(ORIGIN);
const platformKey = parseVerifierKey(signer.verifierKey);
const entries = Array.from({ length: 8 }, (_, i) => utf8(`eyJhbGciOiJFZERTQSJ9.record-${i}.signature`));
const root = rootHash(entries);
const ROOT64 = encodeBase64(root);
const signed = await signCheckpoint({ origin: ORIGIN, size: 8, rootHash: root }, signer);

describe('the C2SP examples', () => {
  it('parses the tlog-checkpoint example', () => {
    const note = parseSignedNote(CHECKPOINT_EXAMPLE.note);
    expect(note.text).toBe(CHECKPOINT_EXAMPLE.text);
    expect(note.signatures[0]).toMatchObject({ name: CHECKPOINT_EXAMPLE.origin, keyId: CHECKPOINT_EXAMPLE.keyId });
    const checkpoint = parseCheckpoint(note.text);
    expect(checkpoint).toEqual({ origin: CHECKPOINT_EXAMPLE.origin, size: CHECKPOINT_EXAMPLE.size, rootHash: decodeBase64(CHECKPOINT_EXAMPLE.rootHashBase64), extensions: [] });
    expect(formatCheckpoint(checkpoint)).toBe(CHECKPOINT_EXAMPLE.text);
  });

  it('parses the tlog-cosignature example: a cosignature is timestamp ‖ Ed25519 signature', () => {
    const note = parseSignedNote(COSIGNED_CHECKPOINT_EXAMPLE.note);
    expect(note.text).toBe(CHECKPOINT_EXAMPLE.text);
    const cosignature = note.signatures[1]!;
    expect(cosignature).toMatchObject({ name: COSIGNED_CHECKPOINT_EXAMPLE.witness, keyId: COSIGNED_CHECKPOINT_EXAMPLE.witnessKeyId });
    expect(cosignature.signature).toHaveLength(72);
    expect(Number(new DataView(cosignature.signature.buffer, cosignature.signature.byteOffset).getBigUint64(0))).toBe(COSIGNED_CHECKPOINT_EXAMPLE.timestamp);
  });

  it('does not trust the examples: their keys are not ours', async () => {
    expectFailure(await verifyCheckpoint(CHECKPOINT_EXAMPLE.note, [platformKey]), 'untrusted');
    expectFailure(await verifyCheckpoint(COSIGNED_CHECKPOINT_EXAMPLE.note, [platformKey]), 'untrusted');
  });
});

describe('parseCheckpoint and formatCheckpoint', () => {
  it('round-trip a checkpoint with extension lines', () => {
    const checkpoint = { origin: ORIGIN, size: 8, rootHash: root, extensions: ['ext one', '— looks like a signature but is an extension'] };
    const text = formatCheckpoint(checkpoint);
    expect(text).toBe(`${ORIGIN}\n8\n${ROOT64}\next one\n— looks like a signature but is an extension\n`);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
  });

  it('accept the empty tree with its root, and the largest size a number holds', () => {
    expect(parseCheckpoint(`${ORIGIN}\n0\n${encodeBase64(EMPTY_TREE_ROOT)}\n`).size).toBe(0);
    expect(parseCheckpoint(`${ORIGIN}\n9007199254740991\n${ROOT64}\n`).size).toBe(2 ** 53 - 1);
    expect(parseCheckpoint(`origin with spaces + plus\n1\n${ROOT64}\n`).origin).toBe('origin with spaces + plus');
  });

  const cases: [string, string, string?][] = [
    ['a negative size', `${ORIGIN}\n-1\n${ROOT64}\n`, 'size'],
    ['a size with a leading zero', `${ORIGIN}\n08\n${ROOT64}\n`, 'size'],
    ['a size 00', `${ORIGIN}\n00\n${ROOT64}\n`, 'size'],
    ['a size with a plus sign', `${ORIGIN}\n+8\n${ROOT64}\n`, 'size'],
    ['a size in exponent form', `${ORIGIN}\n8e0\n${ROOT64}\n`, 'size'],
    ['a size in hex', `${ORIGIN}\n0x8\n${ROOT64}\n`, 'size'],
    ['a size with a space', `${ORIGIN}\n 8\n${ROOT64}\n`, 'size'],
    ['a size with a trailing space', `${ORIGIN}\n8 \n${ROOT64}\n`, 'size'],
    ['a size with a fraction', `${ORIGIN}\n8.0\n${ROOT64}\n`, 'size'],
    ['a size in Arabic-Indic digits', `${ORIGIN}\n\u0668\n${ROOT64}\n`, 'size'],
    ['a size in fullwidth digits', `${ORIGIN}\n\uFF18\n${ROOT64}\n`, 'size'],
    ['size 2^53', `${ORIGIN}\n9007199254740992\n${ROOT64}\n`, 'size'],
    ['size 2^63', `${ORIGIN}\n9223372036854775808\n${ROOT64}\n`, 'size'],
    ['size 2^64', `${ORIGIN}\n18446744073709551616\n${ROOT64}\n`, 'size'],
    ['a root hash that is not base64', `${ORIGIN}\n8\n${ROOT64.replace(/.$/, '!')}\n`, 'rootHash'],
    ['a root hash of 31 bytes', `${ORIGIN}\n8\n${encodeBase64(root.slice(1))}\n`, 'rootHash'],
    ['a root hash of 33 bytes', `${ORIGIN}\n8\n${encodeBase64(new Uint8Array([...root, 0]))}\n`, 'rootHash'],
    ['a root hash without padding', `${ORIGIN}\n8\n${ROOT64.replace('=', '')}\n`, 'rootHash'],
    ['a base64url root hash', `${ORIGIN}\n8\n${ROOT64.replaceAll('+', '-').replaceAll('/', '_')}x\n`, 'rootHash'],
    ['a root hash with non-zero padding bits', `${ORIGIN}\n8\n${ROOT64.slice(0, 42)}${String.fromCharCode(ROOT64.charCodeAt(42) ^ 1)}=\n`],
    ['size 0 without the empty root', `${ORIGIN}\n0\n${ROOT64}\n`, 'rootHash'],
    ['an empty origin', `\n8\n${ROOT64}\n`, 'origin'],
    ['two lines only', `${ORIGIN}\n8\n`],
    ['no final newline', `${ORIGIN}\n8\n${ROOT64}`],
    ['an extra blank line at the end', `${ORIGIN}\n8\n${ROOT64}\n\n`],
    ['an empty extension line', `${ORIGIN}\n8\n${ROOT64}\n\next\n`],
    ['CRLF line endings', `${ORIGIN}\r\n8\r\n${ROOT64}\r\n`],
    ['a tab in the origin', `log\t1\n8\n${ROOT64}\n`],
    ['garbage', 'garbage'],
    ['nothing', ''],
  ];
  it.each(cases)('refuse %s with CHECKPOINT_INVALID', (_name, text, path) => {
    const error = expectSuyuanError(() => parseCheckpoint(text), 'CHECKPOINT_INVALID');
    if (path) expect(error.details.path).toBe(path);
    expect(tryParseCheckpoint(text).ok).toBe(false);
  });

  it.each([
    [{ origin: '', size: 1, rootHash: root }],
    [{ origin: 'a\nb', size: 1, rootHash: root }],
    [{ origin: ORIGIN, size: -1, rootHash: root }],
    [{ origin: ORIGIN, size: 2 ** 53, rootHash: root }],
    [{ origin: ORIGIN, size: 1, rootHash: root.slice(1) }],
    [{ origin: ORIGIN, size: 1, rootHash: root, extensions: [''] }],
    [{ origin: ORIGIN, size: 1, rootHash: root, extensions: ['a\nb'] }],
    [{ origin: ORIGIN, size: 0, rootHash: root }],
  ])('refuse to format an impossible checkpoint %#', (checkpoint) => {
    expectSuyuanError(() => formatCheckpoint(checkpoint), 'CHECKPOINT_INVALID');
  });
});

describe('verifyCheckpoint', () => {

  it('answers the checkpoint the platform key signed', async () => {
    const checkpoint = expectOk(await verifyCheckpoint(signed, [platformKey], { origin: ORIGIN }));
    expect(checkpoint).toMatchObject({ origin: ORIGIN, size: 8, rootHash: root, extensions: [] });
    expect(checkpoint.note.signatures[0]!.verifier).toBe(platformKey);
    expectOk(await verifyCheckpoint(utf8(signed), [platformKey]));
  });

  it('is untrusted for another origin or another key', async () => {
    const wrongOrigin = await verifyCheckpoint(signed, [platformKey], { origin: 'other.example' });
    expectFailure(wrongOrigin, 'untrusted');
    if (!wrongOrigin.ok) expect(wrongOrigin.error).toMatchObject({ code: 'CHECKPOINT_INVALID', details: { path: 'origin' } });
    const other = (await generateNoteSigner(ORIGIN)).signer;
    expectFailure(await verifyCheckpoint(signed, [parseVerifierKey(other.verifierKey)]), 'untrusted');
  });

  it('is malformed when a trusted key signed something that is not a checkpoint', async () => {
    const result = await verifyCheckpoint(await signNote('hello\n', signer), [platformKey]);
    expectFailure(result, 'malformed');
    if (!result.ok) expect(result.error.code).toBe('CHECKPOINT_INVALID');
  });

  it('never verifies a checkpoint with any byte changed', async () => {
    const bytes = utf8(signed);
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x02, 0x40, 0x80]) {
        const result = await verifyCheckpoint(flipped(bytes, i, mask), [platformKey], { origin: ORIGIN });
        expect(result.ok, `byte ${i} ^ ${mask}`).toBe(false);
        expectFailure(result);
      }
    }
  });

  it('never verifies a checkpoint with any line replaced, removed or added', async () => {
    const lines = signed.split('\n');
    const replacements = ['', 'x', ORIGIN, '9', '7', ROOT64, encodeBase64(EMPTY_TREE_ROOT), lines[3]!, '— log.suyuan.example AAAAAA==', ' '];
    for (let i = 0; i < lines.length; i++) {
      for (const replacement of replacements) {
        if (replacement === lines[i]) continue;
        const result = await verifyCheckpoint([...lines.slice(0, i), replacement, ...lines.slice(i + 1)].join('\n'), [platformKey], { origin: ORIGIN });
        expect(result.ok, `line ${i} → ${JSON.stringify(replacement)}`).toBe(false);
      }
      if (i < lines.length - 1) expect((await verifyCheckpoint([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), [platformKey])).ok, `without line ${i}`).toBe(false);
    }
    // An added extension line changes the signed text.
    expect((await verifyCheckpoint([...lines.slice(0, 3), 'extension', ...lines.slice(3)].join('\n'), [platformKey])).ok).toBe(false);
  });

  it('checks consistency between two checkpoints the platform signed', async () => {
    const older = expectOk(await verifyCheckpoint(await signCheckpoint({ origin: ORIGIN, size: 5, rootHash: rootHash(entries.slice(0, 5)) }, signer), [platformKey]));
    const newer = expectOk(await verifyCheckpoint(signed, [platformKey]));
    const proof = consistencyProof(entries, 5).proof;
    expectOk(verifyConsistency({ oldSize: older.size, newSize: newer.size, oldRoot: older.rootHash, newRoot: newer.rootHash, proof }));
    // A forked log: a checkpoint of size 8 over different entries is not consistent with the older one.
    const forked = [...entries.slice(0, 4), utf8('rewritten'), ...entries.slice(5)];
    const fork = expectOk(await verifyCheckpoint(await signCheckpoint({ origin: ORIGIN, size: 8, rootHash: rootHash(forked) }, signer), [platformKey]));
    expectFailure(verifyConsistency({ oldSize: older.size, newSize: fork.size, oldRoot: older.rootHash, newRoot: fork.rootHash, proof: consistencyProof(forked, 5).proof }), 'mismatch');
  });

  it('verifies a checkpoint the platform signed as a plain note too (one envelope)', async () => {
    expect(expectOk(await verifyNote(signed, [platformKey])).text).toBe(`${ORIGIN}\n8\n${ROOT64}\n`);
  });
});
