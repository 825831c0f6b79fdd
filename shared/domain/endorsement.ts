import type { Application } from './application';

/**
 * Endorsement-link emails after the first one (the applicant asking for the link again, or naming another
 * supervisor): at most `LINK_SENDS_PER_WINDOW` in a window of `LINK_SEND_WINDOW_HOURS` that starts with the first
 * of them. The count lives on the application item and the write that sends one is conditioned on it, so the limit
 * holds across concurrent requests and Lambda containers.
 */
export const LINK_SENDS_PER_WINDOW = 3;
export const LINK_SEND_WINDOW_HOURS = 24;
const WINDOW_MS = LINK_SEND_WINDOW_HOURS * 3600_000;

export type LinkSendAllowance =
  | { ok: true; next: NonNullable<Application['linkSends']>; windowFloor: string }
  | { ok: false; retryAfterSeconds: number };

/**
 * Whether one more link email may go now, and the counter after it. `windowFloor` is the instant (UTC ISO) a stored
 * window must have started at or before to be over: the write's condition re-checks the same rule in DynamoDB.
 */
export function linkSendAllowance(sends: Application['linkSends'], now: Date): LinkSendAllowance {
  const windowFloor = new Date(now.getTime() - WINDOW_MS).toISOString();
  if (!sends || sends.windowStartedAt <= windowFloor)
    return { ok: true, next: { windowStartedAt: now.toISOString(), count: 1 }, windowFloor };
  if (sends.count < LINK_SENDS_PER_WINDOW)
    return { ok: true, next: { windowStartedAt: sends.windowStartedAt, count: sends.count + 1 }, windowFloor };
  const endsAt = Date.parse(sends.windowStartedAt) + WINDOW_MS;
  return { ok: false, retryAfterSeconds: Math.ceil((endsAt - now.getTime()) / 1000) };
}

/** From which statuses the applicant may still change the supervisor or ask for the link again. */
export const SUPERVISOR_CHANGEABLE: readonly Application['status'][] = ['submitted', 'not-endorsed'];
