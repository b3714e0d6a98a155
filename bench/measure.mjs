// A tiny benchmark harness: runs each case for a fixed time after a warm-up, several rounds,
// and reports the median rate. Figures are compared with a baseline measured in the same run.

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Operations per second of `fn(input)` over `inputs`, median of `rounds` rounds of `ms` milliseconds. */
export function rate(fn, inputs, { ms = 400, rounds = 5 } = {}) {
  let sink = 0;
  const warm = now();
  for (let i = 0; now() - warm < ms / 2; i++) sink += touch(fn(inputs[i % inputs.length]));
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const start = now();
    let elapsed = 0;
    while (elapsed < ms) {
      for (let k = 0; k < 256; k++) sink += touch(fn(inputs[ops++ % inputs.length]));
      elapsed = now() - start;
    }
    rates.push((ops / elapsed) * 1000);
  }
  if (sink === -1) console.log('');
  return rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)];
}

function touch(value) {
  return value === undefined || value === null ? 0 : 1;
}

export function report(title, rows) {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) {
    const ratio = row.baseline ? `  ${(row.rate / row.baseline).toFixed(2)}× baseline` : '';
    console.log(`  ${row.name.padEnd(width)}  ${Math.round(row.rate).toLocaleString('en-US').padStart(12)} /s${ratio}`);
  }
}
