import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderRecordsDoc } from './records-doc.js';

describe('docs/records.md', () => {
  it('shows the current profiles and example chains (run `npm run gen:docs` after changing them)', () => {
    const current = readFileSync(DOC_PATH, 'utf8');
    expect(renderRecordsDoc(current)).toBe(current);
    expect(current).toContain('### 药品（药品制剂、饮片） — `drug`');
    expect(current).toContain('A Huizhou lychee from orchard to supermarket');
  });
});
