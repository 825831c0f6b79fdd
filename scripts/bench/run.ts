/**
 * `npm run bench` — figures, not pass/fail. Writes bench/results.json and bench/results.md, and prints the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchProposal } from './allocation';
import { benchBundles } from './bundles';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

type Results = {
  at: string;
  node: string;
  bundles: Awaited<ReturnType<typeof benchBundles>>;
  proposal: ReturnType<typeof benchProposal>;
  offers: Awaited<ReturnType<typeof import('./offers').benchOffers>>;
  latency: Awaited<ReturnType<typeof import('./latency').benchLatency>>;
  expiry: Awaited<ReturnType<typeof import('./expiry').benchExpiryList>>;
  jobs?: Awaited<ReturnType<typeof import('./jobs').benchJobs>>;
  /** Later runs of some functions only (`--only`), merged into these results. */
  partialRuns?: { at: string; functions: string[] }[];
};

function markdown(r: Results, samples: number): string {
  const { offers, latency, expiry } = r;
  const lines: string[] = [];
  lines.push(
    `# Bench results`,
    '',
    `Run ${r.at} on Node ${r.node}.`,
    '',
    ...(r.partialRuns ?? []).map(
      (p) => `Partial run ${p.at}: ${p.functions.join(', ')} (bundles and their routes' latency).`,
    ),
    '',
  );
  lines.push(
    '## Lambda bundles and module init',
    '',
    `Init: median of ${samples} fresh Node processes importing the bundle, with the function's deployed environment. Floor: a bundle of only the AWS SDK clients the function uses, built by the same \`bundleFunction\` (\`infra/bundling.ts\`). "bundle" is what a cold start loads (\`index.mjs\` and the files it imports); "on demand" is loaded by \`import()\` on first use only (the source-map reader, the SDK's unused credential providers). "outside": the same processes timed by the bench's clock from start to the line each writes after its import (start-up plus init; the exit not counted), median, over the floor's.`,
    '',
  );
  lines.push(
    '| function | SDK clients | bundle | floor | over floor | on demand (floor) | init | floor init | over floor | outside: over floor |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const b of r.bundles) {
    lines.push(
      `| ${b.fn} | ${b.clients.map((c) => c.replace('@aws-sdk/', '')).join(', ') || '—'} | ${kb(b.bytes)} | ${kb(b.floorBytes)} | ${kb(b.bytes - b.floorBytes)} | ${kb(b.lazyBytes)} (${kb(b.floorLazyBytes)}) | ${ms(b.initMs)} | ${ms(b.floorInitMs)} | ${ms(b.initMs - b.floorInitMs)} | ${ms(b.readyMs - b.floorReadyMs)} |`,
    );
  }
  lines.push(
    '',
    '## Allocation proposal (pure function, 150 providers, 3 regions)',
    '',
    '| applications | median | fastest |',
    '|---|---|---|',
  );
  for (const p of r.proposal)
    lines.push(`| ${p.applications.toLocaleString('en-US')} | ${ms(p.medianMs)} | ${ms(p.minMs)} |`);

  const calls = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  lines.push('', '## Confirming 1,000 offers end to end (local stack, through the gateway)', '');
  lines.push(
    `${offers.applicants.toLocaleString('en-US')} endorsed applications, ${offers.offers} seats. ${offers.httpRequests} HTTP requests by ADS.`,
    '',
  );
  lines.push('| step | time | DynamoDB calls | read units | write units |', '|---|---|---|---|---|');
  lines.push(
    `| compute proposal | ${ms(offers.propose.ms)} | ${calls(offers.propose.calls)} | ${offers.propose.units.read} | ${offers.propose.units.write} |`,
  );
  lines.push(
    `| confirm (offers + waitlist + emails queued) | ${ms(offers.confirm.ms)} | ${offers.confirm.totalCalls}: ${calls(offers.confirm.calls)} | ${offers.confirm.units.read} | ${offers.confirm.units.write} |`,
  );
  lines.push(
    '',
    `Confirm writes the offers in batches (one seat-counter update and up to 30 applications with their emails per transaction); the UpdateItem calls are the outbox claiming and recording each email it sends within the request's 5-second send budget. ${offers.emailsQueued} emails were queued; ${offers.emailsLeftForOutboxJob} were left pending for the \`email-outbox\` job.`,
  );

  lines.push('', '## Latency per route (local stack, load from a separate process)', '');
  lines.push(
    'Handlers run in the local gateway on DynamoDB Local (one machine, 2 cores), measured from another process. The raw GetItem row is the floor: one DynamoDB round trip with no handler. "calls" = DynamoDB calls per request; "units" = read / write capacity units per request, computed from item sizes (see `scripts/bench/ddb-meter.ts`).',
    '',
  );
  lines.push(
    '| route | status | calls | units (read / write) | c=1 p50 / p95 / p99 (ms) | c=1 req/s | c=32 p50 / p95 / p99 (ms) | c=32 req/s |',
    '|---|---|---|---|---|---|---|---|',
  );
  const unitsOf = (name: string) => {
    const u = latency.units?.[name];
    return u ? `${+u.read.toFixed(1)} / ${+u.write.toFixed(1)}` : '—';
  };
  const byName = new Map<string, Record<number, (typeof latency.rows)[number]>>();
  for (const row of latency.rows) byName.set(row.name, { ...byName.get(row.name), [row.concurrency]: row });
  const triple = (r?: { p50: number; p95: number; p99: number }) =>
    r ? `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.p99.toFixed(1)}` : '—';
  for (const [name, by] of byName) {
    lines.push(
      `| ${name} | ${by[1]?.status ?? '—'} | ${latency.calls[name] ?? 1} | ${unitsOf(name)} | ${triple(by[1])} | ${by[1]?.rate.toFixed(0)} | ${triple(by[32])} | ${by[32]?.rate.toFixed(0)} |`,
    );
  }

  if (r.jobs) {
    lines.push('', '## Scheduled jobs: DynamoDB calls and units per run (local stack, after the offers above)', '');
    lines.push(
      "Each job's handler run once in this process, as the scheduler invokes it, on the world the offers bench left (offers open, the waitlist, emails pending).",
      '',
      '| job | run at | time | DynamoDB calls | read units | write units | what it did |',
      '|---|---|---|---|---|---|---|',
    );
    for (const j of r.jobs)
      lines.push(
        `| ${j.job} | ${j.at} | ${ms(j.ms)} | ${j.totalCalls}: ${calls(j.calls) || '—'} | ${j.readUnits} | ${j.writeUnits} | \`${j.did}\` |`,
      );
  }

  lines.push(
    '',
    `## The DDS notice's read: ${expiry.total.toLocaleString('en-US')} certifications, window ${expiry.window}`,
    '',
  );
  lines.push(
    'Read units computed from item sizes (eventually consistent: 0.5 per 4 KB); DynamoDB Local reports none.',
    '',
  );
  lines.push(
    '| read | pages | items examined (ScannedCount) | items in the window | read units | time |',
    '|---|---|---|---|---|---|',
  );
  lines.push(
    `| Query on the expiry index (gsi3) | ${expiry.index.pages} | ${expiry.index.scanned.toLocaleString('en-US')} | ${expiry.index.found.toLocaleString('en-US')} | ${expiry.index.readUnits.toLocaleString('en-US')} | ${ms(expiry.index.ms)} |`,
  );
  lines.push(
    `| Scan of the table | ${expiry.scan.pages} | ${expiry.scan.scanned.toLocaleString('en-US')} | ${expiry.scan.found.toLocaleString('en-US')} | ${expiry.scan.readUnits.toLocaleString('en-US')} | ${ms(expiry.scan.ms)} |`,
  );

  return `${lines.join('\n')}\n`;
}

async function withStack<T>(
  work: (state: import('../local/stack').StackState, m: import('./ddb-meter').Meter) => Promise<T>,
) {
  const { startStack } = await import('../local/stack');
  // The stack sets the handlers' environment; only then may modules that read it at load be imported.
  const stack = await startStack({
    dataDir: mkdtempSync(join(tmpdir(), 'ce-bench-')),
    inMemory: true,
    tableName: 'bench',
  });
  const { dynamo } = await import('../../shared/data/client');
  const { meter } = await import('./ddb-meter');
  const m = meter(dynamo);
  try {
    return await work(stack.state, m);
  } finally {
    m.stop();
    await stack.stop();
  }
}

const seconds = () => Number(process.env.BENCH_SECONDS ?? 2);

async function full(samples: number): Promise<Results> {
  console.log(`Bundles and cold starts (median of ${samples} fresh processes)…`);
  const bundles = await benchBundles(samples);
  console.log('Allocation proposal (pure function)…');
  const proposal = benchProposal();
  return withStack(async (state, m) => {
    console.log('Local stack: confirming 1,000 offers…');
    const offers = await (await import('./offers')).benchOffers(state, m);
    console.log('Local stack: latency per route (from a separate process)…');
    const latency = await (await import('./latency')).benchLatency(state, m, offers.world, seconds());
    console.log('Local stack: DynamoDB calls and units per scheduled job…');
    const jobs = await (await import('./jobs')).benchJobs(m);
    console.log('Local stack: 100,000 certifications, the expiry list vs a Scan…');
    const expiry = await (await import('./expiry')).benchExpiryList();
    return { at: new Date().toISOString(), node: process.version, bundles, proposal, offers, latency, jobs, expiry };
  });
}

/**
 * `--only api-a,api-b`: measures those functions' bundles and their areas' routes, and merges the figures into the
 * latest results (replacing theirs), so a new function is sized without a 7-minute run. The results say so.
 */
async function partial(samples: number, functions: string[]): Promise<Results> {
  const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
  console.log(`Bundles and cold starts of ${functions.join(', ')} (median of ${samples})…`);
  const bundles = await benchBundles(samples, functions);
  const areas = functions.filter((f) => f.startsWith('api-')).map((f) => f.slice('api-'.length));
  const latency = await withStack(async (state, m) => {
    console.log(`Local stack: latency of the ${areas.join(', ')} routes…`);
    const world = { iterationId: 'none', providerId: 'none', applicationId: 'none' };
    return (await import('./latency')).benchLatency(state, m, world, seconds(), areas);
  });
  const names = new Set(latency.rows.map((r) => r.name));
  return {
    ...previous,
    bundles: [...previous.bundles.filter((b) => !functions.includes(b.fn)), ...bundles],
    latency: {
      rows: [...previous.latency.rows.filter((r) => !names.has(r.name)), ...latency.rows],
      calls: { ...previous.latency.calls, ...latency.calls },
      units: { ...previous.latency.units, ...latency.units },
    },
    partialRuns: [...(previous.partialRuns ?? []), { at: new Date().toISOString(), functions }],
  };
}

async function main() {
  const started = Date.now();
  const samples = Number(process.env.BENCH_SAMPLES ?? 21);
  const only = process.argv.indexOf('--only');
  const results = only === -1 ? await full(samples) : await partial(samples, (process.argv[only + 1] ?? '').split(','));
  const text = markdown(results, samples);
  writeFileSync('bench/results.md', text);
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(text);
  console.log(
    `bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s → bench/results.md, bench/results.json`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
