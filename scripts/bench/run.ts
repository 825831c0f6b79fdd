/**
 * `npm run bench` — figures, not pass/fail. Writes bench/results.json and bench/results.md, and prints the table.
 */
import { writeFileSync } from 'node:fs';
import { benchBundles } from './bundles';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const started = Date.now();
  const samples = Number(process.env.BENCH_SAMPLES ?? 11);
  console.log(`Bundles and cold starts (median of ${samples} fresh processes)…`);
  const bundles = await benchBundles(samples);
  const lines: string[] = [];
  lines.push(`# Bench results`, '', `Run ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}.`, '');
  lines.push('## Lambda bundles and module init', '', `Init: median of ${samples} fresh Node processes importing the bundle. Floor: a bundle of only the AWS SDK clients the function uses, same toolchain.`, '');
  lines.push('| function | SDK clients | bundle | floor | over floor | init | floor init | over floor |', '|---|---|---|---|---|---|---|---|');
  for (const b of bundles) {
    lines.push(`| ${b.fn} | ${b.clients.map((c) => c.replace('@aws-sdk/', '')).join(', ') || '—'} | ${kb(b.bytes)} | ${kb(b.floorBytes)} | ${kb(b.bytes - b.floorBytes)} | ${ms(b.initMs)} | ${ms(b.floorInitMs)} | ${ms(b.initMs - b.floorInitMs)} |`);
  }
  const markdown = lines.join('\n') + '\n';
  writeFileSync('bench/results.md', markdown);
  writeFileSync('bench/results.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, bundles }, null, 2) + '\n');
  console.log(markdown);
  console.log(`bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s → bench/results.md, bench/results.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
