/**
 * The one clock. Every rule that depends on "now" (application windows, deadlines, class starts, expiry) reads it
 * here, so tests and the local stack can walk a whole course through in minutes.
 *
 * Only local code (the local gateway, `npm run job`, tests) may move it. In AWS the setter refuses to run: Lambda
 * always sets `AWS_LAMBDA_FUNCTION_NAME` itself (a reserved variable no deployment setting can change), and no
 * handler or route calls the setter, so no request can reach it either.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

let offsetMs = 0;
let frozenAt: number | undefined;
const requestInstant = new AsyncLocalStorage<number>();

export const now = (): Date => new Date(requestInstant.getStore() ?? frozenAt ?? Date.now() + offsetMs);

/**
 * Runs `work` at one instant: every `now()` it reaches (the use case, the rules, the views) reads the instant it
 * started at. The HTTP edge runs each request's operation this way, so a request stamps, checks and shows one and
 * the same "now"; jobs are handed theirs by their wrapper.
 */
export const atOneInstant = <T>(work: () => Promise<T>): Promise<T> => requestInstant.run(now().getTime(), work);

/**
 * Moves local time so that `now()` returns `to` at this instant; it keeps ticking from there, or stands still
 * with `frozen` (tests of exact edges: a deadline at 23:59:59.999 must not slip past while the request runs).
 */
export function setLocalClock(to: Date, options: { frozen?: boolean } = {}): void {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) throw new Error('The clock cannot be set inside AWS Lambda');
  offsetMs = to.getTime() - Date.now();
  frozenAt = options.frozen ? to.getTime() : undefined;
}

export function resetLocalClock(): void {
  offsetMs = 0;
  frozenAt = undefined;
}
