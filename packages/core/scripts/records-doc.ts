/**
 * Renders the generated parts of docs/records.md — each category profile as a table, and each example
 * chain step by step — from the profiles and chains themselves, so the docs cannot drift from the code.
 * `npm run gen:docs` rewrites the file; a test fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_PROFILES } from '../src/records/profiles/categories.js';
import { exampleChains } from '../src/records/examples/chains.js';
import type { TraceRecord } from '../src/records/record.js';

export const DOC_PATH = fileURLToPath(new URL('../../../docs/records.md', import.meta.url));

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function renderProfiles(): string {
  return BUILT_IN_PROFILES.map((profile) => {
    const rows = profile.rules.map((rule) => {
      const when = rule.when
        ? Object.entries(rule.when)
            .map(([key, values]) => `${key}: ${(values as string[]).join(', ')}`)
            .join('; ')
        : 'every record';
      const requires = [...(rule.require ?? []).map((p) => `\`${p}\``), ...(rule.check ? [`check \`${rule.check}\``] : [])].join('<br>');
      return `| \`${rule.id}\` | ${cell(when)} | ${requires} | ${cell(rule.description)} |`;
    });
    const kinds = profile.productKinds?.length ? `\nProduct kinds (\`suyuan:productKind\`): ${profile.productKinds.map((k) => `\`${k}\``).join(', ')}.\n` : '';
    return [`### ${profile.titleZh} — \`${profile.category}\``, '', profile.title + '.', kinds, '| rule | applies to | requires | what it asks |', '|---|---|---|---|', ...rows, ''].join('\n');
  }).join('\n');
}

function summary(record: TraceRecord): string {
  const r = record as Record<string, unknown>;
  const party = (r['suyuan:parties'] as { name: string; role: string }[])[0]!;
  const what =
    record.type === 'AggregationEvent'
      ? `${record.action === 'ADD' ? 'packs' : 'unpacks'} ${(record.childEPCs?.length ?? 0) + (record.childQuantityList?.length ?? 0)} into ${record.parentID}`
      : record.type === 'TransformationEvent'
        ? `${(record.inputEPCList?.length ?? 0) + (record.inputQuantityList?.length ?? 0)} input(s) → ${(record.outputEPCList?.length ?? 0) + (record.outputQuantityList?.length ?? 0)} output(s)`
        : `${((record as { epcList?: unknown[] }).epcList ?? []).length + ((record as { quantityList?: unknown[] }).quantityList ?? []).length} object(s)`;
  return `| ${record.eventTime} | \`${String(r['suyuan:activity'])}\` | ${record.type}${'action' in record ? ` ${record.action}` : ''}, \`${String(record.bizStep)}\` | ${cell(party.name)} (${party.role}) | ${cell(what)} |`;
}

export function renderChains(): string {
  return exampleChains()
    .map((chain) =>
      [
        `### ${chain.title} (\`${chain.category}\`)`,
        '',
        '| time | step | EPCIS | responsible party | what |',
        '|---|---|---|---|---|',
        ...chain.records.map(summary),
        '',
        '<details><summary>The first record in full</summary>',
        '',
        '```json',
        JSON.stringify(chain.records[0], null, 2),
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    )
    .join('\n');
}

/** The doc with its generated sections replaced. */
export function renderRecordsDoc(current: string): string {
  const replace = (text: string, name: string, content: string): string => {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/records.md lacks the ${start} … ${end} markers`);
    return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
  };
  return replace(replace(current, 'profiles', renderProfiles()), 'chains', renderChains());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC_PATH, renderRecordsDoc(readFileSync(DOC_PATH, 'utf8')));
  console.log(`wrote ${DOC_PATH}`);
}
