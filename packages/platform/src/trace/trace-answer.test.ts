/**
 * Trace answers on a real server: for a code on a package, the records core's trace graph reaches
 * backward and forward (through packing, transformation and lots) are all in the answer, and the
 * answer verifies offline. The example chains are the data, without their `suyuan:previous` links
 * (which alone would lead back through a chain): only the trace graph connects the records. Core's own
 * graph over the same records is the reference.
 */
import { buildTraceGraph, exampleChains, recordBuilders, traceBackward, traceForward, verifyTrace, type SigningKey, type TraceRecord } from '@suyuan/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleChain, registerIssuers, sign, startTestPlatform, type TestPlatform } from '../test-support.js';
import { traceKeyOf } from './trace-answer.js';

let t: TestPlatform;
/** The key each issuer registered, to sign more of its records. */
const registeredKeys = new Map<string, SigningKey>();
const CATEGORIES = ['drug', 'rare-earth', 'edible-agricultural'] as const;

/** A chain's records without their chain links, and without the event ids those links were made from. */
function unlinked(category: string): TraceRecord[] {
  return exampleChains()
    .find((chain) => chain.category === category)!
    .records.map((record) => {
      const { 'suyuan:previous': _previous, eventID: _id, ...rest } = record as TraceRecord & { eventID?: string };
      return rest as TraceRecord;
    });
}

/** What names one record in a chain, whatever its event id. */
const identity = (record: TraceRecord) => `${record.type} ${record.eventTime} ${record.bizStep ?? ''}`;

beforeAll(async () => {
  t = await startTestPlatform();
  for (const category of CATEGORIES) {
    const chain = await exampleChain(category);
    const tokens = await registerIssuers(t.api, t.operator, chain.issuers);
    for (const issuer of chain.issuers) registeredKeys.set(issuer.id, issuer.key);
    for (const record of unlinked(category)) {
      const issuer = chain.issuerOf(record);
      const signed = await sign(record, issuer);
      const answer = await t.api('POST', '/v1/records', { token: tokens.get(issuer.id)!, json: { records: [{ jws: signed.jws }] } });
      expect(answer.body.results[0].status, JSON.stringify(answer.body.results[0])).toBe('accepted');
    }
  }
});
afterAll(async () => {
  await t?.cleanup();
});

/** The records of a chain that core's graph reaches from `id`, both ways. */
function expectedFor(category: string, id: string): string[] {
  const records = unlinked(category);
  const graph = buildTraceGraph(records);
  const indexes = new Set([...traceBackward(graph, id).records, ...traceForward(graph, id).records].map((r) => r.index));
  return [...indexes].map((i) => identity(records[i]!));
}

describe('trace answers', () => {
  it.each([
    ['drug', 'a unit: packed into a case, the case onto a pallet, shipped, received, sold', (r: any[]) => r[0].epcList[0]],
    ['drug', 'the case the unit was packed in', (r: any[]) => r[1].parentID],
    ['rare-earth', 'an output of the separation, back to the ore', (r: any[]) => (r.find((x) => x.type === 'TransformationEvent').outputQuantityList ?? r.find((x) => x.type === 'TransformationEvent').outputEPCList.map((e: string) => ({ epcClass: e })))[0].epcClass],
    ['edible-agricultural', 'the lychee lot', (r: any[]) => r[0].quantityList?.[0]?.epcClass ?? r[0].epcList[0]],
  ])('%s — %s: every record the trace graph reaches, verified', async (category, _what, pick) => {
    const records = exampleChains().find((chain) => chain.category === category)!.records;
    const id = pick(records) as string;
    const expected = expectedFor(category, id);
    expect(expected.length).toBeGreaterThan(1);
    const answer = (await t.api('GET', `/v1/trace?code=${encodeURIComponent(id)}`)).body;
    expect(answer.code).toBe(traceKeyOf(id));
    const got = answer.records.map((r: { jws: string }) => identity(JSON.parse(Buffer.from(r.jws.split('.')[1]!, 'base64url').toString())));
    expect([...got].sort()).toEqual([...expected].sort());
    const verdict = await verifyTrace(answer, { trustedPlatforms: [t.platform.verifierKey], origin: t.platform.origin, code: answer.code });
    expect(verdict.verdict).toBe('verified');
  });

  it('reads every spelling of one identifier as the same code', async () => {
    const unit = 'https://id.gs1.org/01/06901237300014/21/2026000001';
    const keys = [unit, '(01)06901237300014(21)2026000001', ']d2010690123730001421' + '2026000001'].map(traceKeyOf);
    expect(new Set(keys).size).toBe(1);
    expect((await t.api('GET', `/v1/trace?code=${encodeURIComponent('(01)06901237300014(21)2026000001')}`)).body.records.length).toBeGreaterThan(1);
  });
});

describe('recalls in trace answers', () => {
  it('carries the issuer’s recall of a unit at once: the verdict is recalled', async () => {
    const records = unlinked('drug');
    const unit = (records[0] as { epcList: string[] }).epcList[0]!;
    const first = records[0]!;
    const party = first['suyuan:parties']![0]!;
    const chain = await exampleChain('drug');
    const issuer = chain.issuerOf(exampleChains().find((c) => c.category === 'drug')!.records[0]!);
    const builders = recordBuilders({
      category: 'drug',
      ...(first['suyuan:productKind'] ? { productKind: first['suyuan:productKind'] } : {}),
      party,
      location: (first.bizLocation ?? first.readPoint)!.id,
    });
    const recall = builders.recall({ epcs: [unit], reason: '杂质超标 impurity above the limit in this batch', time: '2026-12-03T09:00:00+08:00' });
    const tokens = await t.api('POST', '/v1/tokens', { token: t.operator, json: { scopes: ['records:write'], issuer: issuer.id, label: 'recall desk' } });
    const signed = await sign(recall, { ...issuer, key: registeredKeys.get(issuer.id)! });
    const submitted = await t.api('POST', '/v1/records', { token: tokens.body.token, json: { records: [{ jws: signed.jws }] } });
    expect(submitted.body.results[0].status, JSON.stringify(submitted.body.results[0])).toBe('accepted');
    const answer = (await t.api('GET', `/v1/trace?code=${encodeURIComponent(unit)}`)).body;
    const verdict = await verifyTrace(answer, { trustedPlatforms: [t.platform.verifierKey], origin: t.platform.origin, code: answer.code });
    expect(verdict.verdict).toBe('recalled');
  });
});

describe('the GS1 Digital Link resolver, with the platform’s own links', () => {
  const unit = '/01/06901237300014/21/2026000001';

  it('redirects a code it holds to its trace answer (307), naming the linkset', async () => {
    const answer = await t.api('GET', `${unit}?src=qr`, { redirect: 'manual' });
    expect(answer.status).toBe(307);
    const location = new URL(answer.headers.get('location')!);
    expect(location.pathname).toBe('/v1/trace');
    expect(location.searchParams.get('code')).toBe('(01)06901237300014(21)2026000001');
    expect(location.searchParams.get('src')).toBe('qr'); // the query string is passed on
    expect(answer.headers.get('link')).toMatch(/rel="linkset"/);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    const followed = await fetch(location);
    expect((await followed.json()).records.length).toBeGreaterThan(0);
  });

  it('answers linkType=linkset with the linkset, an unknown item with 404 and bad syntax with 400', async () => {
    const linkset = await t.api('GET', `${unit}?linkType=linkset`);
    expect(linkset.status).toBe(200);
    expect(JSON.stringify(linkset.body)).toContain('https://ref.gs1.org/voc/traceability');
    expect((await t.api('GET', '/01/09506000134352/21/NOSUCH', { redirect: 'manual' })).status).toBe(404);
    expect((await t.api('GET', '/01/12345', { redirect: 'manual' })).status).toBe(400);
    expect((await t.api('OPTIONS', unit)).status).toBe(204);
    expect((await t.api('HEAD', unit, { redirect: 'manual' })).status).toBe(307);
  });

  it('describes itself at /.well-known/gs1resolver', async () => {
    const description = await t.api('GET', '/.well-known/gs1resolver');
    expect(description.status).toBe(200);
    expect(description.body.resolverRoot).toBe(t.url);
  });
});
