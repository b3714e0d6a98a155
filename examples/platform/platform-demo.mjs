// The platform demo: a trace platform on SQLite in ./demo-data (fresh each run), the enterprises of
// the eight example chains registered with their keys, every record signed in "their ERP" and
// submitted, and every proof checked with @suyuan/core's pure verifiers — trusting only the
// platform's public key. Then it keeps serving until Ctrl-C (`--exit` stops right away).
//
//   node examples/platform/platform-demo.mjs [--port 8080] [--exit]
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exampleChains, generateSigningKey, parseVerifierKey, signRecord, verifyConsistency, verifyProofBundle, verifyTrace } from '@suyuan/core';
import { createPlatform, startServer } from '@suyuan/platform';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, exit: { type: 'boolean', default: false } } });
const dataDir = fileURLToPath(new URL('./demo-data/', import.meta.url));
rmSync(dataDir, { recursive: true, force: true });

const platform = await createPlatform({ dataDir, origin: 'demo.suyuan.local/log' });
// Port 8080 unless it is taken: then any free one.
const server = await startServer(platform, { port: Number(values.port) }).catch((error) => {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.log(`(port ${values.port} is in use; taking a free one)`);
  return startServer(platform, { port: 0 });
});
const verifiers = [parseVerifierKey(platform.verifierKey)];
const b64 = (text) => new Uint8Array(Buffer.from(text, 'base64'));

async function api(method, path, token, body) {
  const response = await fetch(server.url + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

console.log(`Suyuan trace platform at ${server.url}, log key ${platform.verifierKey}\n`);
const operator = platform.operatorToken;
const enterprises = new Map(); // issuer id → { key, token }
let firstCheckpoint; // the checkpoint after the first chain: the last one must be consistent with it
let submitted = 0;
let proofsChecked = 0;

const issuerOf = (record) => {
  const party = record['suyuan:parties'][0];
  return party.uscc ? `uscc:${party.uscc}` : `gln:${party.gln}`;
};

for (const chain of exampleChains()) {
  console.log(`${chain.title} (${chain.category})`);
  for (const record of chain.records) {
    const party = record['suyuan:parties'][0];
    const issuer = party.uscc ? `uscc:${party.uscc}` : `gln:${party.gln}`;
    if (!enterprises.has(issuer)) {
      await api('POST', '/v1/issuers', operator, { id: issuer, name: party.name ?? issuer, categories: [chain.category] });
      const key = await generateSigningKey('EdDSA');
      await api('POST', `/v1/issuers/${issuer}/keys`, operator, { jwk: key.publicJwk });
      const { token } = await api('POST', '/v1/tokens', operator, { scopes: ['records:write'], issuer, label: `${party.name ?? issuer} ERP` });
      enterprises.set(issuer, { key, token });
      console.log(`  registered ${issuer} ${party.name ?? ''}`);
    } else {
      const known = (await api('GET', `/v1/issuers/${issuer}`)).categories;
      if (!known.includes(chain.category)) await api('PATCH', `/v1/issuers/${issuer}`, operator, { categories: [...known, chain.category] });
    }
    const { key, token } = enterprises.get(issuer);
    const signed = await signRecord(record, key, { issuer });
    const { results } = await api('POST', '/v1/records', token, { records: [{ jws: signed.jws, disclosures: signed.disclosures }] });
    const [result] = results;
    if (result.status === 'rejected') throw new Error(`${record.type} of ${issuer} rejected: ${result.error.code} ${result.error.message}`);
    const proof = await verifyProofBundle(result.proof, { entry: signed.jws, verifiers, origin: platform.origin });
    submitted++;
    if (proof.ok) proofsChecked++;
    console.log(`  ${result.status === 'accepted' ? '✓' : '='} ${record.type} ${record.bizStep?.split(/[/-]/).pop() ?? ''} → log index ${result.index}, proof ${proof.ok ? 'verified' : `FAILED: ${proof.reason}`}`);
  }
  firstCheckpoint ??= await api('GET', '/log/checkpoint');
}

const checkpoint = await api('GET', '/log/checkpoint');
const [, size, root] = checkpoint.split('\n');
const [, oldSize, oldRoot] = firstCheckpoint.split('\n');
const consistency = await api('GET', `/v1/log/consistency?from=${oldSize}`);
const consistent = verifyConsistency({ oldSize: Number(oldSize), newSize: Number(size), oldRoot: b64(oldRoot), newRoot: b64(root), proof: consistency.proof.map(b64) }).ok;

// What a phone or a shop does with a code on a package: ask the platform, verify the answer offline.
const lychee = exampleChains()[0];
const lastRecord = await signRecord(lychee.records.at(-1), enterprises.get(issuerOf(lychee.records.at(-1))).key, { issuer: issuerOf(lychee.records.at(-1)) });
const { codes } = await api('GET', `/v1/records/${encodeURIComponent(lastRecord.eventHash)}`);
const answer = await api('GET', `/v1/trace?code=${encodeURIComponent(codes[0])}`);
const verdict = await verifyTrace(answer, { trustedPlatforms: [platform.verifierKey], origin: platform.origin, code: codes[0] });
console.log(`\nTrace of ${codes[0]} (${lychee.title}): ${answer.records.length} records, verdict ${verdict.verdict}.`);

console.log(`
${submitted} records submitted by ${enterprises.size} enterprises; ${proofsChecked} inclusion proofs verified with the log key alone.
The log has ${size} entries (records and key registrations); the checkpoint is consistent with the one signed after the first chain (size ${oldSize}): ${consistent}.

Try it:
  curl ${server.url}/log/checkpoint
  curl ${server.url}/v1/issuers
  curl '${server.url}/v1/trace?code=${encodeURIComponent(codes[0])}'
  curl -i '${server.url}${new URL(lychee.records[0].quantityList?.[0]?.epcClass ?? 'https://id.gs1.org/01/06901234100013').pathname}'   (GS1 Digital Link: 307 to its trace)
  curl '${server.url}/v1/log/inclusion?index=0'
  curl ${server.url}/openapi.json
  operator token: ${operator}`);

if (values.exit) {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
} else {
  console.log('\nServing until Ctrl-C.');
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
