// Reads a handful of codes the way a scanner, a phone or a merchant would hand them to Suyuan,
// and explains each one: its scheme, what it says, and what could and could not be verified.
// Run from the repository root with `npm run demo`, or here with `node explain-codes.mjs [code…]`.
import { parseCode, isSuyuanError } from '@suyuan/core';

const SAMPLES = [
  ['A GS1 DataMatrix on a drug pack, as a scanner sends it', ']d201069012345678921727123110B2024A\x1d21SN000123'],
  ['The same product as a GS1 Digital Link QR code', 'https://id.gs1.org/01/06901234567892/10/B2024A/21/SN000123?17=271231'],
  ['A compressed GS1 Digital Link', 'https://id.gs1.org/ARFRJydaKA'],
  ['An EAN-13 typed with a Chinese input method (full-width digits)', '６９０１２３４５６７８９２'],
  ['An EPC URN from an EPCIS event', 'urn:epc:id:sgtin:9521141.012345.4711'],
  ['A 20-digit drug trace code (药品追溯码)', '81234567890123456789'],
  ['A national drug standard code (药品本位码)', '86900001000019'],
  ['A medical device UDI in the MA form', 'MA.156.M0.100086.10300011.LB2024A.M240101.V261231.S0001'],
  ['A pesticide label QR code (农药二维码) wrapped in a trace URL', 'https://nongyao.example.cn/trace?code=12001231001456789012345678901234'],
  ['A veterinary drug code (兽药追溯码)', '202403150012300000012345'],
  ['A crop seed label (种子标签), four lines', '郑单958\n河南秋乐种业科技股份有限公司\nQL2024A0001\nhttps://seed.example.cn/q/QL2024A0001'],
  ['An elevator registration code (电梯注册代码)', '31104401062019050123'],
  ['A fire product identity mark (消防产品身份信息标志)', '12345AB67890CD'],
  ['A hazardous chemical: UN number and CAS number', 'UN 1203'],
  ['', '64-17-5'],
  ['A unified social credit code (统一社会信用代码)', '91350100M000100Y43'],
  ['The same code mistyped (last character)', '91350100M000100Y44'],
  ['An industrial-internet identifier (Handle)', '88.1000.2/mm'],
  ['Something that is no code at all', 'hello, world'],
];

function explain(label, input) {
  const shown = JSON.stringify(input).replaceAll('\\u001d', '<GS>');
  if (label) console.log(`\n${label}\n  input:     ${shown}`);
  else console.log(`  input:     ${shown}`);
  try {
    const code = parseCode(input);
    console.log(`  scheme:    ${code.scheme}  (evidence: ${code.evidence}${code.symbology ? `, symbology ${code.symbology}` : ''})`);
    console.log(`  canonical: ${code.canonical.replaceAll('\n', ' / ')}`);
    if (code.wrappedIn) console.log(`  found in:  the ${code.wrappedIn.location} of ${code.wrappedIn.url}`);
    const fields = code.scheme === 'gs1' ? Object.fromEntries(code.fields.elements.map((e) => [`(${e.ai})`, e.value])) : code.fields;
    for (const [name, value] of Object.entries(fields)) console.log(`    ${name.padEnd(26)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    for (const check of code.checks) console.log(`  check ${check.status.padEnd(11)} ${check.check}${check.ai ? ` on (${check.ai})` : ''}${check.note ? ` — ${check.note}` : ''}`);
    for (const alternative of code.alternatives ?? []) console.log(`  also fits: ${alternative.scheme} (${alternative.evidence})`);
  } catch (error) {
    if (!isSuyuanError(error)) throw error;
    console.log(`  rejected:  ${error.code} — ${error.message}`);
    if (error.details.position !== undefined) console.log(`             at character ${error.details.position}`);
  }
}

const given = process.argv.slice(2);
if (given.length > 0) for (const input of given) explain('', input);
else for (const [label, input] of SAMPLES) explain(label, input);
