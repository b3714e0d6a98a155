import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./trace-chains.mjs', import.meta.url));

describe('the records demo (npm run demo)', () => {
  it('builds every chain without a profile violation, round-trips the hashes and traces the lychee', () => {
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(out).not.toContain('✗');
    for (const title of ['A Huizhou lychee from orchard to supermarket', 'A hazardous chemical from production to destruction', 'Rare-earth separation within its quota, then export']) {
      expect(out).toContain(title);
    }
    expect(out).toContain('event hashes recomputed from it match: true');
    expect(out).toContain('惠州市镇隆荔枝专业合作社');
    expect(out).toMatch(/Where did the pallet go\?[\s\S]*https:\/\/id\.gs1\.org\/414\/6901235/);
  });
});
