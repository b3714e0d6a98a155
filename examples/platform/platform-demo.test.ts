import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./platform-demo.mjs', import.meta.url));

describe('the platform demo (npm run demo)', () => {
  it('registers the enterprises, submits every example record and verifies every proof', () => {
    const out = execFileSync(process.execPath, [script, '--port', '0', '--exit'], { encoding: 'utf8', timeout: 120_000 });
    expect(out).not.toContain('FAILED');
    const summary = /(\d+) records submitted by (\d+) enterprises; (\d+) inclusion proofs verified/.exec(out);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(39);
    expect(summary![3]).toBe(summary![1]);
    expect(out).toContain('A Huizhou lychee from orchard to supermarket');
    expect(out).toMatch(/Trace of \(01\)\d+.*: \d+ records, verdict verified\./);
    expect(out).toMatch(/consistent with the one signed after the first chain \(size \d+\): true/);
  });
});
