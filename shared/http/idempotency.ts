import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { now } from '../clock';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../data/idempotency';
import type { Caller } from './caller';
import { BadRequest, HttpProblem, RuleViolation } from './errors';
import type { ApiEvent, ApiResult } from './response';
import type { RouteSpec } from './route';
import { apiTimeoutSeconds } from './timeouts';

interface IdempotencyContext extends Context {
  route: RouteSpec;
  caller?: Caller;
  idempotency?: { owner: string; key: string; claimedBy: string };
  replay?: ApiResult;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** How long past the function's timeout a claim still holds: the request is surely over by then. */
const LAPSE_MARGIN_SECONDS = 5;

/** middy's early timeout answers (503) while the operation may still be running: it is not a failure of it. */
const isEarlyTimeout = (error: Error | null | undefined) =>
  error?.name === 'TimeoutError' && (error.cause as { package?: string } | undefined)?.package === '@middy/core';

/**
 * `Idempotency-Key` on routes that declare it: the first request with a key runs and its answer is remembered for
 * a day; a retry with the same key and the same request gets that answer again and changes nothing; the same key
 * on a different request is refused (422); a retry while the first is still running gets 409 with `Retry-After`.
 *
 * A request holds its key until it completes or fails. One that dies holding it — killed at the Lambda timeout,
 * or answered by middy's early timeout while its operation may still finish — cannot release it, so every claim
 * lapses on its own a few seconds after the function's timeout, and the key can be used again.
 */
export const idempotency = (): MiddlewareObj<ApiEvent, ApiResult, Error, IdempotencyContext> & {
  handles: 'idempotency';
} => ({
  handles: 'idempotency',
  before: async (request) => {
    const { route, caller } = request.context;
    const key = request.event.headers?.['idempotency-key'];
    if (!route.idempotent || key === undefined || !caller) return undefined;
    if (!KEY_PATTERN.test(key)) {
      throw new BadRequest('The Idempotency-Key header is invalid.', [
        { field: 'header.idempotency-key', code: 'invalid_key', message: '8–128 characters: letters, digits, _ . : -' },
      ]);
    }
    const fingerprint = createHash('sha256')
      .update(
        `${request.event.routeKey}\n${JSON.stringify(request.event.pathParameters ?? {})}\n${request.event.body ?? ''}`,
      )
      .digest('base64url');
    const held = { owner: caller.sub, key, claimedBy: request.event.requestContext.requestId };
    const nowMs = now().getTime();
    const claim = await claimIdempotencyKey({
      ...held,
      fingerprint,
      nowMs,
      holdSeconds: apiTimeoutSeconds(route.area) + LAPSE_MARGIN_SECONDS,
    });
    if (claim === 'claimed') {
      request.context.idempotency = held;
      return undefined;
    }
    if (claim.fingerprint !== fingerprint)
      throw new RuleViolation('This Idempotency-Key was already used for a different request.', [
        { field: 'header.idempotency-key', code: 'key_reused', message: 'use a new key for a new request' },
      ]);
    if (claim.status === 'in-progress' || !claim.response) {
      const wait = Math.max(1, claim.ttl - Math.floor(nowMs / 1000));
      throw new HttpProblem(
        409,
        'Conflict',
        'The first request with this Idempotency-Key is still running; retry after Retry-After seconds.',
        {},
        { 'retry-after': String(wait) },
      );
    }
    request.context.replay = {
      ...claim.response,
      headers: { ...claim.response.headers, 'idempotent-replayed': 'true' },
    };
    return undefined;
  },
  after: async (request) => {
    const held = request.context.idempotency;
    if (!held || !request.response) return;
    const { statusCode, headers, body } = request.response;
    await completeIdempotencyKey(
      { ...held, nowMs: now().getTime() },
      { statusCode: statusCode ?? 200, headers: headers as Record<string, string>, body },
    );
  },
  onError: async (request) => {
    const held = request.context.idempotency;
    if (held && !isEarlyTimeout(request.error)) await releaseIdempotencyKey(held);
  },
});
