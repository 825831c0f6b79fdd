import { now } from '../clock';
import { logger } from '../observability/logger';
import { readableStack } from '../observability/stack';
import type { JobName } from './catalog';

/** What EventBridge Scheduler sends (the schedule's input); `npm run job` sends the same. */
export interface JobEvent {
  job: JobName;
  scheduledTime?: string;
}

/**
 * Wraps a job: one structured log line with its summary (counts only, nothing personal). A job that throws is
 * retried by the scheduler and, when retries are spent, its event lands in the dead-letter queue, which alarms.
 */
export function jobHandler<T extends Record<string, unknown>>(name: JobName, run: (at: Date) => Promise<T>) {
  return async (event: Partial<JobEvent> = {}): Promise<T & { job: JobName; ranAt: string }> => {
    logger.resetKeys();
    logger.appendKeys({ job: name, scheduledTime: event.scheduledTime });
    const at = now();
    const summary = await run(at).catch(async (error: unknown) => {
      // Logged here with a mapped stack; rethrown so that Lambda retries and then dead-letters the event.
      logger.error('job failed', {
        error: (error as Error)?.name,
        stack: await readableStack((error as Error)?.stack),
      });
      throw error;
    });
    logger.info('job finished', { ...summary });
    return { ...summary, job: name, ranAt: at.toISOString() };
  };
}
