import type { Area } from '../shared/http/route';
import { API_AREAS } from '../shared/http/routes';
import { JOBS, type JobName } from '../shared/jobs/catalog';
import { STANDARD_CONCURRENCY_QUOTA } from './config';

/** Lambda refuses a reservation that would leave less than this much of the account's quota unreserved. */
export const UNRESERVED_MINIMUM = 100;

/** Function names, as in `ce:reservedConcurrency` and in `bench/results.md`. */
export const functionName = {
  api: (area: Area) => `api-${area}`,
  job: (job: JobName) => `job-${job}`,
  postConfirmation: 'post-confirmation',
  scanResult: 'scan-result',
  auditArchive: 'audit-archive',
} as const;

export const ALL_FUNCTION_NAMES: readonly string[] = [
  ...API_AREAS.map(functionName.api),
  ...JOBS.map((j) => functionName.job(j.name)),
  functionName.postConfirmation,
  functionName.scanResult,
  functionName.auditArchive,
];

export interface ConcurrencyPlan {
  /** Reserved concurrency per function name; undefined when reservations are off. */
  reserved?: Record<string, number>;
  /** Why reservations are off, when they are. */
  offReason?: string;
}

/**
 * Decides whether the reservations of `ce:reservedConcurrency` can be applied in an account with this quota.
 * Reservations keep one runaway area from starving the others (each function keeps its share; none can take more),
 * but Lambda rejects them when less than 100 of the quota would stay unreserved.
 *
 * - They fit (sum + 100 ≤ quota): applied.
 * - They do not, and the quota is below AWS's standard 1,000 (new accounts start as low as 10 and are raised with
 *   use, or on request): off, so the app still deploys, with a warning. Raise the quota and deploy again.
 * - They do not, in an account with the standard quota or more: the configuration is wrong, and synth fails rather
 *   than silently dropping the protection.
 * Every function must have a reservation, and every reservation a function, so a new function is sized on purpose.
 */
export function planReservedConcurrency(
  functionNames: readonly string[],
  accountQuota: number,
  reserved: Record<string, number>,
): ConcurrencyPlan {
  const unsized = functionNames.filter((name) => reserved[name] === undefined);
  const unknown = Object.keys(reserved).filter((name) => !functionNames.includes(name));
  if (unsized.length > 0 || unknown.length > 0)
    throw new Error(
      `ce:reservedConcurrency must list exactly the app's functions: ${[
        unsized.length > 0 && `missing ${unsized.join(', ')}`,
        unknown.length > 0 && `unknown ${unknown.join(', ')}`,
      ]
        .filter(Boolean)
        .join('; ')} (see README, "Reserved concurrency")`,
    );
  const total = Object.values(reserved).reduce((sum, n) => sum + n, 0);
  const available = accountQuota - UNRESERVED_MINIMUM;
  if (total <= available) return { reserved };
  const shortfall = `the reservations total ${total}, and an account quota of ${accountQuota} leaves ${Math.max(available, 0)} to reserve (Lambda keeps ${UNRESERVED_MINIMUM} unreserved)`;
  if (accountQuota < STANDARD_CONCURRENCY_QUOTA)
    return {
      offReason: `Reserved concurrency is off: ${shortfall}. Every function shares the account's pool, so one busy function can starve the others. Ask AWS to raise the Lambda concurrent-executions quota to ${STANDARD_CONCURRENCY_QUOTA}, then deploy again with -c ce:lambdaConcurrencyQuota=<the new quota>.`,
    };
  throw new Error(`ce:reservedConcurrency does not fit: ${shortfall}. Lower the reservations or raise the quota.`);
}

/**
 * How `ce:reservedConcurrency` is sized from `bench/results.json` (Little's law: requests in flight = arrival rate ×
 * time each one takes):
 *
 *   reservation = ⌈ peak requests/s × (cold-start init + slowest route's p99 at concurrency 1) × headroom ⌉
 *
 * - Peak: the API stage's throttle, 100 requests/s. Any one area may receive the whole API's allowed rate (a cohort
 *   applying at once, a scraper on the public routes), so each area is sized to absorb it on its own.
 * - Time: init plus the p99 of the area's slowest benched route, measured one request at a time: a Lambda instance
 *   serves one request at a time, so its service time is the single-request latency, and at worst every request of a
 *   burst lands on a new instance.
 * - Headroom ×3: the bench ran on DynamoDB Local on the same machine (real DynamoDB adds a few milliseconds per call)
 *   and a 1,024 MB function has about 0.6 of a vCPU.
 * Jobs: 2 each (the scheduled run, and a Lambda retry or the next run overlapping it). The sign-up trigger is not
 * behind the API's throttle: 25 confirmations/s (a cohort of 1,000 applicants within 40 seconds) × (init + 200 ms for
 * its one Cognito call, not benched) × 3. A throttled trigger fails the confirmation, so it errs on the generous side.
 */
export const SIZING = {
  apiRequestsPerSecond: 100,
  documentRequestsPerSecond: 10,
  signUpsPerSecond: 25,
  signUpCallMs: 200,
  jobs: 2,
  headroom: 3,
};

/**
 * The peak an API area is sized for. Every area takes the stage throttle, except the certificate PDF's own function:
 * only signed-in holders and ADS ask for documents, one at a time, so it is budgeted 10 requests/s — rendering is
 * the slowest work in the API (a few hundred ms), and a burst past its reservation is throttled (429, retried)
 * rather than taking concurrency from the others. That is why it is a function of its own.
 */
export const peakRequestsPerSecond = (area: string): number =>
  area === 'certificate-pdf' ? SIZING.documentRequestsPerSecond : SIZING.apiRequestsPerSecond;

export const reservationFor = (requestsPerSecond: number, initMs: number, p99Ms: number): number =>
  Math.ceil(((requestsPerSecond * (initMs + p99Ms)) / 1000) * SIZING.headroom);
