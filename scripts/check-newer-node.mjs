// Proves the built packages load and work on newer Node.js majors too (ESM import and CJS require),
// using real Node 22 and 24 binaries from the npm registry (`npx node@22`). Part of `npm test`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const example = fileURLToPath(new URL('../examples/codes/', import.meta.url));
const cjs = "const { parseCode } = require('@suyuan/core'); const { gs1CheckDigit } = require('@suyuan/core/gs1'); " +
  "if (parseCode('91350100M000100Y43').scheme !== 'cn-uscc' || gs1CheckDigit('0690123456789') !== 2) process.exit(1); console.log('cjs ok')";

for (const major of [22, 24]) {
  const node = (args) => execFileSync('npx', ['-y', `node@${major}`, ...args], { cwd: example, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const esm = node(['explain-codes.mjs', '7732-18-5']);
  if (!esm.includes('scheme:    cas ')) throw new Error(`Node ${major}: the ESM build did not read a CAS number:\n${esm}`);
  const required = node(['-e', cjs]);
  if (!required.includes('cjs ok')) throw new Error(`Node ${major}: the CJS build failed:\n${required}`);
  console.log(`Node ${major}: ESM and CJS builds work`);
}
