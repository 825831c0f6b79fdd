/**
 * DynamoDB calls and capacity units per scheduled job: each job's handler run once, in this process (as the
 * scheduler would invoke it), on the world the offers bench left — 1,000 offers open, the waitlist, emails still
 * pending — at `at`, then on the 1st of the next month for the DDS notice. Counted by the same meter as the routes.
 */
import { performance } from 'node:perf_hooks';
import { setLocalClock } from '../../shared/clock';
import { JOBS } from '../../shared/jobs/catalog';
import type { Meter } from './ddb-meter';

export interface JobFigure {
  job: string;
  at: string;
  ms: number;
  calls: Record<string, number>;
  totalCalls: number;
  readUnits: number;
  writeUnits: number;
  /** What the job reports it did (its summary). */
  did: string;
}

/** When each job runs here: its schedule's hour on the day the offers bench ends, the notice on the 1st. */
const RUN_AT: Record<string, string> = {
  'expiry-reminders': '2027-01-16T06:30:00-05:00',
  'dds-expiry-notice': '2027-02-01T07:00:00-05:00',
};

export async function benchJobs(meter: Meter, at = '2027-01-16T09:15:00-05:00'): Promise<JobFigure[]> {
  const figures: JobFigure[] = [];
  for (const job of JOBS) {
    const runAt = RUN_AT[job.name] ?? at;
    setLocalClock(new Date(runAt));
    const { handler } = (await import(`../../functions/jobs/${job.name}`)) as {
      handler: (event: unknown) => Promise<unknown>;
    };
    meter.reset();
    const started = performance.now();
    const {
      job: _job,
      ranAt: _ranAt,
      ...summary
    } = (await handler({
      job: job.name,
      scheduledTime: new Date(runAt).toISOString(),
    })) as Record<string, unknown>;
    figures.push({
      job: job.name,
      at: runAt,
      ms: performance.now() - started,
      calls: { ...meter.calls },
      totalCalls: meter.total(),
      readUnits: meter.readUnits,
      writeUnits: meter.writeUnits,
      did: JSON.stringify(summary),
    });
  }
  return figures;
}
