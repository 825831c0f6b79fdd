import type { Area } from './route';

/**
 * How long an API function may run — its Lambda timeout, in seconds. This is the one figure: CDK deploys it, the
 * local gateway enforces it, and an `Idempotency-Key` held by a request lapses a few seconds after it, because by
 * then that request is over one way or another. Routes answer in well under a second; the rest is room for the
 * SDK's retries of DynamoDB and SES.
 */
export const API_TIMEOUT_SECONDS = 10;

/** Confirming an allocation makes every offer in one request: it gets nearly all the HTTP API waits for (30 s). */
const LONGER: Partial<Record<Area, number>> = { allocation: 29 };

export const apiTimeoutSeconds = (area: Area): number => LONGER[area] ?? API_TIMEOUT_SECONDS;
