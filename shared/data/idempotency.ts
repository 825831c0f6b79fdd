import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, TABLE_NAME } from './client';

/** A remembered answer to a request that carried an `Idempotency-Key`, per person and key. */
export interface IdempotencyRecord {
  status: 'in-progress' | 'done';
  fingerprint: string;
  /** Epoch seconds after which the record no longer counts; DynamoDB's TTL (`TTL_ATTRIBUTE`) deletes it later. */
  ttl: number;
  response?: { statusCode: number; headers?: Record<string, string>; body?: string };
}

export interface IdempotencyClaim {
  owner: string;
  key: string;
  fingerprint: string;
  /** The claiming request: only it may complete or release the claim. */
  claimedBy: string;
  nowMs: number;
  /** How long the claim holds if its request never completes or releases it (it died). */
  holdSeconds: number;
}

const itemKey = (owner: string, idempotencyKey: string) => ({
  pk: `IDEMPOTENCY#${owner}#${idempotencyKey}`,
  sk: '#IDEMPOTENCY',
});
const DAY_SECONDS = 24 * 60 * 60;
const seconds = (ms: number) => Math.floor(ms / 1000);
const heldBy = (claimedBy: string) => ({
  ConditionExpression: '#status = :inProgress AND claimedBy = :claimedBy',
  values: { ':inProgress': 'in-progress', ':claimedBy': claimedBy },
});

const isConditionFailure = (error: unknown): error is Error & { Item?: Record<string, never> } =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * Claims the key for this request, or returns the record an earlier request left. A record past its `ttl` counts
 * as absent, deleted or not (DynamoDB's TTL can take days): so a claim whose request died — a timeout, a crash —
 * lapses `holdSeconds` after it was made and the key can be used again, and a finished answer is forgotten after
 * a day.
 */
export async function claimIdempotencyKey(claim: IdempotencyClaim): Promise<IdempotencyRecord | 'claimed'> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...itemKey(claim.owner, claim.key),
          type: 'idempotency',
          status: 'in-progress',
          fingerprint: claim.fingerprint,
          claimedBy: claim.claimedBy,
          ttl: seconds(claim.nowMs) + claim.holdSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':now': seconds(claim.nowMs) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'claimed';
  } catch (error) {
    if (!isConditionFailure(error) || !error.Item) throw error;
    return unmarshall(error.Item) as IdempotencyRecord;
  }
}

/** Remembers the answer for a day. Does nothing if the claim had lapsed and another request took the key. */
export async function completeIdempotencyKey(
  claim: Pick<IdempotencyClaim, 'owner' | 'key' | 'claimedBy' | 'nowMs'>,
  response: NonNullable<IdempotencyRecord['response']>,
): Promise<void> {
  const condition = heldBy(claim.claimedBy);
  await dynamo
    .send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: itemKey(claim.owner, claim.key),
        UpdateExpression: 'SET #status = :done, #response = :response, #ttl = :ttl',
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ...condition.values,
          ':done': 'done',
          ':response': response,
          ':ttl': seconds(claim.nowMs) + DAY_SECONDS,
        },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}

/** Frees the key after a failure, so the client's retry runs the request afresh. */
export async function releaseIdempotencyKey(
  claim: Pick<IdempotencyClaim, 'owner' | 'key' | 'claimedBy'>,
): Promise<void> {
  const condition = heldBy(claim.claimedBy);
  await dynamo
    .send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: itemKey(claim.owner, claim.key),
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: condition.values,
      }),
    )
    .catch(() => undefined);
}
