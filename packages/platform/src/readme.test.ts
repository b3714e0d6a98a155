/**
 * The README's first example runs as written, against the built package (`npm test` builds first),
 * and prints what it says it prints.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('runs the README example', () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  // Inside the package, so that `@suyuan/platform` and `@suyuan/core` resolve as for a user; run in a temporary directory.
  const file = join(packageDir, `.readme-example-${process.pid}.mjs`);
  const cwd = mkdtempSync(join(tmpdir(), 'suyuan-readme-'));
  writeFileSync(file, example!);
  try {
    const output = execFileSync(process.execPath, [file], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(output.trim()).toBe('accepted');
  } finally {
    rmSync(file, { force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
});
