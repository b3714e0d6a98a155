import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./explain-codes.mjs', import.meta.url));
const run = (...args: string[]): string => execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('the codes demo (npm run demo)', () => {
  it('explains every sample, and rejects the mistyped one with its reason', () => {
    const out = run();
    for (const scheme of ['gs1', 'cn-drug-trace', 'cn-drug-standard', 'cn-udi-ma', 'cn-pesticide', 'cn-vet-drug', 'cn-seed-label', 'cn-equipment-registration', 'cn-fire-product', 'un-number', 'cas', 'cn-uscc', 'idis', 'unknown']) {
      expect(out).toContain(`scheme:    ${scheme} `);
    }
    expect(out).toContain('rejected:  CODE_CHECK_DIGIT');
    expect(out).toContain('not-checked nmpa-check-characters');
  });

  it('explains the codes given on the command line', () => {
    const out = run('7732-18-5', '7732-18-4');
    expect(out).toContain('scheme:    cas ');
    expect(out).toContain('rejected:  CODE_CHECK_DIGIT — CAS number check digit should be 5, got 4.');
  });
});
