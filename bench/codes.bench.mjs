// Code-parsing throughput: GS1 element strings, Digital Link URIs and parseCode, each beside a
// baseline of JSON.parse on a string of the same length, measured in the same process.
// Target (issue "reading every code"): at least 500,000 element strings a second on one core.
import { buildDigitalLink, parseCode, parseDigitalLink, parseElementString } from '../packages/core/dist/index.js';
import { rate, report } from './measure.mjs';

const TARGET = 500_000;

function sameLengthJson(samples) {
  return samples.map((s) => JSON.stringify({ v: 'x'.repeat(Math.max(0, s.length - 8)) }));
}

const elementStrings = [
  '01095060001343521727123110B2024A\x1d21SN000123',
  '(01)09506000134352(17)271231(10)B2024A(21)SN000123',
  '^0106901234567892310300125015270630\x1d10LOT-77',
  '00095201234567891235',
  ']d20109506000134352112403011727033110ABC123',
];
const digitalLinks = [
  'https://id.gs1.org/01/09506000134352/10/B2024A/21/SN000123?17=271231',
  'https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225',
  'https://id.gs1.org/414/9520123456788/254/32a%2Fb',
  buildDigitalLink([{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'B2024A' }, { ai: '17', value: '271231' }], { compress: true }),
];
const codes = [...elementStrings, ...digitalLinks, '91350100M000100Y43', '81234567890123456789', 'MA.156.M0.100086.10300011.LB2024A', '６９０１２３４５６７８９２'];

const json = (inputs) => rate((s) => JSON.parse(s), sameLengthJson(inputs));

const esBaseline = json(elementStrings);
const es = rate((s) => parseElementString(s), elementStrings);
const dlBaseline = json(digitalLinks);
const dl = rate((s) => parseDigitalLink(s), digitalLinks);
const codeBaseline = json(codes);
const code = rate((s) => parseCode(s), codes);

report('Code parsing (one core, median of 5 rounds)', [
  { name: 'JSON.parse, element-string length', rate: esBaseline },
  { name: 'parseElementString', rate: es, baseline: esBaseline },
  { name: 'JSON.parse, Digital Link length', rate: dlBaseline },
  { name: 'parseDigitalLink', rate: dl, baseline: dlBaseline },
  { name: 'JSON.parse, mixed-code length', rate: codeBaseline },
  { name: 'parseCode (mixed schemes)', rate: code, baseline: codeBaseline },
]);
console.log(`\n  target: ≥ ${TARGET.toLocaleString('en-US')} element strings/s — ${es >= TARGET ? 'met' : 'NOT met'}`);
