import { existsSync } from 'node:fs';
import { JOBS } from '../../shared/jobs/catalog';

/** Expands a cron hour field (`*`, `a-b`, `a,b`, `*\/n`) to the hours it runs. */
function hours(field: string): number[] {
  if (field === '*') return Array.from({ length: 24 }, (_, h) => h);
  return field.split(',').flatMap((part) => {
    const step = part.match(/^\*\/(\d+)$/);
    if (step) return Array.from({ length: 24 }, (_, h) => h).filter((h) => h % Number(step[1]) === 0);
    const [from, to] = part.split('-').map(Number);
    return to === undefined ? [from!] : Array.from({ length: to - from! + 1 }, (_, i) => from! + i);
  });
}

describe('the job catalog', () => {
  it.each(JOBS.map((j) => [j.name, j]))(
    '%s never runs between 01:00 and 03:00 Connecticut time, and has a handler',
    (name, job) => {
      expect(hours(job.cron.hour).filter((h) => h === 1 || h === 2)).toEqual([]);
      expect(existsSync(`functions/jobs/${name}.ts`)).toBe(true);
    },
  );
});
