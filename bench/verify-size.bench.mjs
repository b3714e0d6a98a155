// The gzipped size of the `@suyuan/core/verify` subpath bundled alone for a browser (what the widget
// ships), minified with esbuild. Printed beside the whole `@suyuan/core` bundled the same way.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function gzippedSize(entry) {
  const result = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir: new URL('../examples/codes/', import.meta.url).pathname },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const bytes = result.outputFiles[0].contents;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const verify = await gzippedSize('@suyuan/core/verify');
const whole = await gzippedSize('@suyuan/core');
console.log('\nBundle sizes (esbuild, minified, browser)');
console.log(`  @suyuan/core/verify  ${kb(verify.raw).padStart(10)}  gzip ${kb(verify.gzip)}`);
console.log(`  @suyuan/core         ${kb(whole.raw).padStart(10)}  gzip ${kb(whole.gzip)}`);
