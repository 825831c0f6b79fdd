import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { now } from '../clock';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../data/idempotency';
import type { Caller } from './caller';
import { BadRequest, Conflict, RuleViolation } from './errors';
import type { ApiEvent, ApiResult } from './response';
import type { RouteSpec } from './route';

interface IdempotencyContext extends Context {
  route: RouteSpec;
  caller?: Caller;
  idempotency?: { owner: string; key: string };
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * `Idempotency-Key` on routes that declare it: the first request with a key runs and its answer is remembered for
 * a day; a retry with the same key and the same request gets that answer again and changes nothing; the same key
 * on a different request is refused (422); a retry while the first is still running gets 409 (retry shortly).
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
    const claim = await claimIdempotencyKey(caller.sub, key, fingerprint, now().getTime());
    if (claim === 'claimed') {
      request.context.idempotency = { owner: caller.sub, key };
      return undefined;
    }
    if (claim.fingerprint !== fingerprint)
      throw new RuleViolation('This Idempotency-Key was already used for a different request.', [
        { field: 'header.idempotency-key', code: 'key_reused', message: 'use a new key for a new request' },
      ]);
    if (claim.status === 'in-progress' || !claim.response)
      throw new Conflict('The first request with this Idempotency-Key is still running; retry shortly.');
    return { ...claim.response, headers: { ...claim.response.headers, 'idempotent-replayed': 'true' } };
  },
  after: async (request) => {
    const held = request.context.idempotency;
    if (!held || !request.response) return;
    const { statusCode, headers, body } = request.response;
    await completeIdempotencyKey(held.owner, held.key, {
      statusCode: statusCode ?? 200,
      headers: headers as Record<string, string>,
      body,
    });
  },
  onError: async (request) => {
    const held = request.context.idempotency;
    if (held) await releaseIdempotencyKey(held.owner, held.key);
  },
});
