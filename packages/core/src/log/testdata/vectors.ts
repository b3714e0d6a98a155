/**
 * Test vectors for the log module, kept as data (imported by tests only):
 * - the examples of the C2SP specifications (c2sp.org; CC-BY-4.0, copied from
 *   /work/shared/standards/tlog/ — signed-note.md, tlog-checkpoint.md, tlog-cosignature.md,
 *   tlog-proof.md);
 * - golang.org/x/mod/sumdb/note's test keys and notes (note_test.go, BSD-3-Clause), the reference
 *   implementation of signed notes; Ed25519 is deterministic, so signing with its private key must
 *   reproduce its signature byte for byte;
 * - the known RFC 6962 proofs of the Certificate Transparency reference tests, as kept by
 *   transparency-dev/merkle (proof/verify_test.go, Apache-2.0) over the eight-leaf tree of
 *   `rfc6962-test-tree.json`. Their leaf numbers are 1-based there; here they are 0-based indices.
 */

/** c2sp.org/signed-note, "Verifier keys — Example": a vkey and the note it verifies. */
export const SIGNED_NOTE_EXAMPLE = {
  vkey: 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
  keyId: 0x530d903a,
  text: 'This is an example message.\n',
  note: 'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n',
} as const;

/** c2sp.org/signed-note, the opening example (its key is not published: parse only). */
export const SIGNED_NOTE_POEM = {
  text: 'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n',
  note:
    'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n' +
    '— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n',
  name: 'quasimodo.example/salvatore',
  keyId: 0x367ba04b,
} as const;

/** c2sp.org/tlog-checkpoint, the example (key not published: parse only). */
export const CHECKPOINT_EXAMPLE = {
  text: 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
  note:
    'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
    '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n',
  origin: 'example.com/behind-the-sofa',
  size: 20852163,
  rootHashBase64: 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
  keyId: 0x033de0ae,
} as const;

/** c2sp.org/tlog-cosignature, the example: the checkpoint above with a witness cosignature. */
export const COSIGNED_CHECKPOINT_EXAMPLE = {
  note:
    CHECKPOINT_EXAMPLE.note +
    '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n',
  witness: 'witness.example.com/w1',
  witnessKeyId: 0x8d66cf3f,
  /** The cosignature's timestamp, which the spec's signed-message example shows as `time 1679315147`. */
  timestamp: 1679315147,
  signedMessage: 'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
} as const;

/** c2sp.org/tlog-proof, the example. Its signatures are elided (`[...]`) in the spec, so it does not parse whole. */
export const TLOG_PROOF_EXAMPLE = {
  text: [
    'c2sp.org/tlog-proof@v1',
    'extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
    'index 73894',
    'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
    'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
    'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
    'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
    'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
    '',
    'example.com/fancylog',
    '109482',
    'sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=',
    '',
    '— example.com/fancylog hI2DJw[...]1roloI=',
    '— witness1.example mJirIklj[...]qY9v2B/5bg==',
    '— witness2.example TnKKVHLX[...]xwYwrSjgow==',
    '— witness3.example S4X82uH5[...]3oEcROGLFQ==',
    '',
  ].join('\n'),
  extraPrefix: 'age-v1.2.1-darwin-arm64.tar.gz',
  index: 73894,
  proofLength: 5,
  origin: 'example.com/fancylog',
  size: 109482,
} as const;

/** golang.org/x/mod/sumdb/note note_test.go. */
export const GO_NOTE = {
  peterVkey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  peterSkey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  enochVkey: 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop',
  text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  peterSig: '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
  enochSig: '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n',
  /** Keys with adjusted key IDs that Go must refuse: a key of the wrong length, an unknown algorithm. */
  badVkeys: ['PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==', 'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
} as const;

/** Known inclusion proofs over the eight-leaf tree (0-based index, tree size, hex hashes). */
export const KNOWN_INCLUSION_PROOFS: readonly { index: number; size: number; proof: readonly string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

/** Known consistency proofs over the eight-leaf tree (old size, new size, hex hashes). */
export const KNOWN_CONSISTENCY_PROOFS: readonly { oldSize: number; newSize: number; proof: readonly string[] }[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
