/**
 * `npm run job -- <name> [--date YYYY-MM-DD | --at <ISO instant>]` runs a scheduled job's handler against the
 * running local stack, exactly as EventBridge Scheduler would invoke it. It runs at the local gateway's clock (as
 * moved with `PUT /_local/clock`), so a course can be walked through without dating every job; `--date` runs it as
 * of 06:00 that day in Connecticut instead, `--at` at an instant (for this process only).
 * `npm run job -- --list` lists the jobs.
 */
import { now, setLocalClock } from '../shared/clock';
import { atCtTime, parseDate } from '../shared/domain/calendar/time';
import { JOBS, type JobName } from '../shared/jobs/catalog';
import { configureEnvironment } from './local/environment';
import { readState } from './local/stack';

/** The instant the running gateway's clock shows: the clock local users move. */
async function gatewayClock(gatewayUrl: string): Promise<Date> {
  const answer = await fetch(`${gatewayUrl}/_local/clock`).catch(() => undefined);
  if (!answer?.ok) throw new Error(`the local gateway (${gatewayUrl}) does not answer: is npm start running?`);
  return new Date(((await answer.json()) as { now: string }).now);
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes('--list')) {
    for (const job of JOBS) console.log(`${job.name.padEnd(22)} ${job.description}`);
    return;
  }
  const name = args[0] as JobName;
  if (!JOBS.some((j) => j.name === name)) throw new Error(`no job named ${name} (npm run job -- --list)`);
  const date = args[args.indexOf('--date') + 1];
  const at = args[args.indexOf('--at') + 1];
  const state = readState();
  if (args.includes('--date')) {
    if (!date || !parseDate(date).ok) throw new Error('--date takes YYYY-MM-DD');
    setLocalClock(atCtTime(date, 6));
  } else if (args.includes('--at')) setLocalClock(new Date(at!));
  else setLocalClock(await gatewayClock(state.gatewayUrl));
  configureEnvironment(state);
  const { handler } = (await import(`../functions/jobs/${name}`)) as { handler: (e: unknown) => Promise<unknown> };
  console.log(JSON.stringify(await handler({ job: name, scheduledTime: now().toISOString() }), null, 2));
}

main().catch((error) => {
  console.error(`Job failed: ${(error as Error).message}`);
  process.exit(1);
});
