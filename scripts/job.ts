/**
 * `npm run job -- <name> [--date YYYY-MM-DD | --at <ISO instant>]` runs a scheduled job's handler against the
 * running local stack, exactly as EventBridge Scheduler would invoke it. `--date` runs it as of 06:00 that day in
 * Connecticut (the clock is set for this process only). `npm run job -- --list` lists the jobs.
 */
import { setLocalClock } from '../shared/clock';
import { atCtTime, parseDate } from '../shared/domain/calendar/time';
import { JOBS, type JobName } from '../shared/jobs/catalog';
import { configureEnvironment } from './local/environment';
import { readState } from './local/stack';

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
  if (args.includes('--date')) {
    if (!date || !parseDate(date).ok) throw new Error('--date takes YYYY-MM-DD');
    setLocalClock(atCtTime(date, 6));
  } else if (args.includes('--at')) setLocalClock(new Date(at!));
  configureEnvironment(readState());
  const { handler } = (await import(`../functions/jobs/${name}`)) as { handler: (e: unknown) => Promise<unknown> };
  console.log(JSON.stringify(await handler({ job: name, scheduledTime: new Date().toISOString() }), null, 2));
}

main().catch((error) => {
  console.error(`Job failed: ${(error as Error).message}`);
  process.exit(1);
});
