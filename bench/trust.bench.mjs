// Signed-record throughput: whole-record signRecord and verifyRecord for Ed25519 (EdDSA) and P-256
// (ES256) on the example records, each beside the raw primitive on the same bytes with the same key in
// the same run, for both paths the library has:
// - the Node path (what `@suyuan/core` takes on Node: `node:crypto` and Buffer's base64), against raw
//   `node:crypto` sign/verify (synchronous);
// - the isomorphic path (what browsers get: WebCrypto and the portable codecs), against raw WebCrypto
//   `crypto.subtle.sign`/`verify`, awaited call by call (one operation in flight).
// The signing input of each record's JWS (ASCII of `header.payload`) is what the raw primitives sign.
// Target (issue "signed records"): canonicalisation and JOSE cost at most 30% over the raw primitive
// they use, i.e. at least 0.77× its rate, with the event hash precomputed — lines [a] and [c]. The
// whole calls ([b], [d]) add record validation and the event hash and are shown beside them.
// Printed as met / NOT met; it never fails a build.
//
// The library is bundled from source for this run (esbuild) so that the bench can switch paths.
// The cases compared with each other are measured in interleaved rounds, so a change of load on the
// machine hits them alike.
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rate, report } from './measure.mjs';

const source = new URL('../packages/core/src/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'suyuan-bench-'));
await build({
  stdin: {
    contents: `export * from './index.ts'; export { useNativeSignatures } from './crypto/signature.ts'; export { useNativeBase64 } from './crypto/base64.ts';`,
    resolveDir: source,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: join(dir, 'core.mjs'),
  logLevel: 'error',
});
const core = await import(join(dir, 'core.mjs'));
rmSync(dir, { recursive: true, force: true });
const {
  canonicalizeToBytes,
  exampleChains,
  generateSigningKey,
  importVerificationKey,
  isCanonicalJson,
  parseRecord,
  recordEventHash,
  signCompactJws,
  signRecord,
  splitCompactJws,
  verifyCompactJws,
  verifyRecord,
} = core;

/** Takes the Node path (`node:crypto`, Buffer) or the isomorphic one (WebCrypto, portable codecs). */
function usePath(native) {
  core.useNativeSignatures(native);
  core.useNativeBase64(native);
}

const MIN_RATIO = 1 / 1.3; // ≤ 30% more time than the raw primitive
const OPTIONS = { ms: 300, rounds: 5 };
const ISSUER = 'uscc:91350100M000100Y43';
const IAT = 1_700_000_000;
const records = exampleChains().flatMap((chain) => chain.records);
const subtle = globalThis.crypto.subtle;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * `rate` (measure.mjs) for several cases compared with each other, async ones included: after a
 * warm-up of each, every round measures each case for `ms` in turn (interleaved, so a load change on
 * the machine hits all of them alike), and each case's rate is its median over `rounds`. An `async`
 * case is awaited call by call (one operation in flight); a sync one runs in a tight loop as in `rate`.
 */
async function rates(cases, inputs, { ms = 400, rounds = 5 } = {}) {
  const sink = { n: 0 };
  for (const c of cases) await run(c, inputs, ms / 2, sink);
  const samples = cases.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < cases.length; j++) {
      const i = (j + r) % cases.length;
      samples[i].push(await run(cases[i], inputs, ms, sink));
    }
  }
  if (sink.n === -1) console.log('');
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

async function run({ fn, async }, inputs, ms, sink) {
  let ops = 0;
  const start = now();
  let elapsed = 0;
  while (elapsed < ms) {
    if (async) for (let k = 0; k < 32; k++) sink.n += touch(await fn(inputs[ops++ % inputs.length]));
    else for (let k = 0; k < 256; k++) sink.n += touch(fn(inputs[ops++ % inputs.length]));
    elapsed = now() - start;
  }
  return (ops / elapsed) * 1000;
}

function touch(value) {
  return value === undefined || value === null || value === false ? 0 : 1;
}

/** One key in every form: the library's SigningKey, WebCrypto keys and node:crypto KeyObjects. */
async function keysFor(alg) {
  const key = await generateSigningKey(alg, { extractable: true });
  const webAlgorithm = alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const publicKey = await importVerificationKey(key.publicJwk, alg);
  const nodePrivate = crypto.KeyObject.from(key.privateKey);
  const nodePublic = crypto.KeyObject.from(publicKey);
  // node:crypto: Ed25519 takes no digest; ES256 is SHA-256 with the JWS r ‖ s signature encoding.
  const nodeDigest = alg === 'EdDSA' ? null : 'sha256';
  const nodeSignKey = alg === 'EdDSA' ? nodePrivate : { key: nodePrivate, dsaEncoding: 'ieee-p1363' };
  const nodeVerifyKey = alg === 'EdDSA' ? nodePublic : { key: nodePublic, dsaEncoding: 'ieee-p1363' };
  return { key, webAlgorithm, publicKey, nodeDigest, nodeSignKey, nodeVerifyKey };
}

async function benchmark(alg) {
  const k = await keysFor(alg);
  const resolver = () => ({ jwk: k.key.publicJwk });
  // Each record signed once: its JWS, signing input and signature are the inputs of the other cases.
  const cases = [];
  for (const record of records) {
    const signed = await signRecord(record, k.key, { issuer: ISSUER, iat: IAT });
    const { parts } = splitCompactJws(signed.jws);
    const checked = await verifyRecord(signed.jws, resolver);
    if (!checked.ok) throw new Error(`${alg}: an example record does not verify: ${checked.reason.message}`);
    if (!(await subtle.verify(k.webAlgorithm, k.publicKey, parts.signature, parts.signingInput))) throw new Error(`${alg}: WebCrypto refuses the JWS signature`);
    if (!crypto.verify(k.nodeDigest, parts.signingInput, k.nodeVerifyKey, parts.signature)) throw new Error(`${alg}: node:crypto refuses the JWS signature`);
    const composed = await signCompactJws({ ...signed.header }, canonicalizeToBytes(signed.record), k.key);
    if (composed.split('.').slice(0, 2).join('.') !== signed.jws.split('.').slice(0, 2).join('.')) throw new Error(`${alg}: case [a] does not sign what signRecord signs`);
    if (!(await subtle.verify(k.webAlgorithm, k.publicKey, crypto.sign(k.nodeDigest, parts.signingInput, k.nodeSignKey), parts.signingInput))) throw new Error(`${alg}: node:crypto signs another form`);
    cases.push({ record, jws: signed.jws, header: signed.header, publicRecord: signed.record, signingInput: parts.signingInput, signature: parts.signature });
  }

  // Event hash precomputed (in c.header.ehash): canonical JSON of the projection + JOSE + signature.
  const signJose = (c) => signCompactJws({ ...c.header }, canonicalizeToBytes(c.publicRecord), k.key);
  const signWhole = (c) => signRecord(c.record, k.key, { issuer: ISSUER, iat: IAT });
  // Event hash not recomputed: split + key check + signature + canonical-JSON check of the payload.
  const verifyJose = async (c) => {
    const checked = await verifyCompactJws(c.jws, k.key.publicJwk);
    return checked.ok && isCanonicalJson(utf8.decode(checked.payload));
  };
  const verifyWhole = async (c) => (await verifyRecord(c.jws, resolver)).ok;
  const paths = {};
  for (const [path, native] of [['node', true], ['web', false]]) {
    const rawSign =
      path === 'node'
        ? { async: false, fn: (c) => crypto.sign(k.nodeDigest, c.signingInput, k.nodeSignKey) }
        : { async: true, fn: (c) => subtle.sign(k.webAlgorithm, k.key.privateKey, c.signingInput) };
    const rawVerify =
      path === 'node'
        ? { async: false, fn: (c) => crypto.verify(k.nodeDigest, c.signingInput, k.nodeVerifyKey, c.signature) }
        : { async: true, fn: (c) => subtle.verify(k.webAlgorithm, k.publicKey, c.signature, c.signingInput) };
    usePath(native);
    const [signRaw, signA, signB] = await rates([rawSign, { async: true, fn: signJose }, { async: true, fn: signWhole }], cases, OPTIONS);
    const [verifyRaw, verifyC, verifyD] = await rates([rawVerify, { async: true, fn: verifyJose }, { async: true, fn: verifyWhole }], cases, OPTIONS);
    paths[path] = { signRaw, signA, signB, verifyRaw, verifyC, verifyD };
  }
  usePath(true);
  return { alg, cases, paths };
}

const status = (rate, baseline, primitive) => {
  const ratio = rate / baseline;
  return `${ratio.toFixed(2)}× raw ${primitive}, +${Math.round((baseline / rate - 1) * 100)}% time (target ≤ 30%, ≥ ${MIN_RATIO.toFixed(2)}×): ${ratio >= MIN_RATIO ? 'met' : 'NOT met'}`;
};

const results = [];
for (const alg of ['EdDSA', 'ES256']) results.push(await benchmark(alg));

// The parts of [b] and [d] that do not depend on the algorithm, alone (synchronous, measure.mjs `rate`).
const projections = results[0].cases.map((c) => c.publicRecord);
const parts = {
  hash: rate((r) => recordEventHash(r), projections, OPTIONS),
  parse: rate((r) => parseRecord(r), projections, OPTIONS),
  canonical: rate((r) => canonicalizeToBytes(r), projections, OPTIONS),
};
const bytes = results[0].cases.reduce((sum, c) => sum + c.signingInput.length, 0) / records.length;

const PATHS = {
  node: { title: 'Node path (node:crypto, Buffer)', primitive: 'node:crypto' },
  web: { title: 'isomorphic path (WebCrypto, portable codecs; what browsers run)', primitive: 'WebCrypto' },
};
for (const { alg, paths } of results) {
  for (const [path, { title, primitive }] of Object.entries(PATHS)) {
    const r = paths[path];
    report(`Signed records, ${alg}, ${title} (one core, median of ${OPTIONS.rounds} interleaved rounds of ${OPTIONS.ms} ms; ${records.length} example records, signing input ≈ ${Math.round(bytes)} bytes)`, [
      { name: `sign: raw ${primitive} sign, same signing input and key (baseline)`, rate: r.signRaw },
      { name: 'sign: canonical JSON + JOSE, event hash precomputed [a]', rate: r.signA, baseline: r.signRaw },
      { name: 'sign: signRecord, whole [b]', rate: r.signB, baseline: r.signRaw },
      { name: `verify: raw ${primitive} verify, key imported once (baseline)`, rate: r.verifyRaw },
      { name: 'verify: JOSE + canonical-JSON check, event hash not recomputed [c]', rate: r.verifyC, baseline: r.verifyRaw },
      { name: 'verify: verifyRecord, whole [d]', rate: r.verifyD, baseline: r.verifyRaw },
    ]);
    console.log(`  target: sign [a] ${status(r.signA, r.signRaw, primitive)}`);
    console.log(`        verify [c] ${status(r.verifyC, r.verifyRaw, primitive)}`);
  }
}
report('Parts of signRecord / verifyRecord alone, on the public projections (synchronous, median of 5 rounds)', [
  { name: 'recordEventHash (once in [b] and [d]; precomputed in [a], not in [c])', rate: parts.hash },
  { name: 'parseRecord (inside parseExactRecord: twice in [b], once in [d])', rate: parts.parse },
  { name: 'canonicalizeToBytes (in [a]; several times in [b], [c] and [d])', rate: parts.canonical },
]);
console.log(`
  What each line includes:
    [a] canonicalizeToBytes(public projection) + signCompactJws (canonical header, base64url, signature);
        the header with its ehash is precomputed; no record validation, projection or event hash.
    [b] signRecord as it is: issuer check, record validation (parseExactRecord, twice: record and projection),
        projection copy, event hash (recordEventHash), canonical JSON, size check, JOSE and signature.
    [c] verifyCompactJws (split + base64url decode, public-key check, cached key import, signature)
        + isCanonicalJson of the payload; no header checks, record validation or event hash.
    [d] verifyRecord as it is, with a resolver returning { jwk }: split, header checks, key resolution,
        public-key check, RFC 7638 thumbprint, cached key import, signature, canonical-JSON check,
        JSON.parse, record validation (parseExactRecord) and the event hash recomputed and compared.
`);
