import { DeleteCommand, PutCommand, UpdateCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';

/** A remembered answer to a request that carried an `Idempotency-Key`, per person and key, kept for a day. */
export interface IdempotencyRecord {
  status: 'in-progress' | 'done';
  fingerprint: string;
  response?: { statusCode: number; headers?: Record<string, string>; body?: string };
}

const key = (owner: string, idempotencyKey: string) => ({
  pk: `IDEMPOTENCY#${owner}#${idempotencyKey}`,
  sk: '#IDEMPOTENCY',
});
const DAY_SECONDS = 24 * 60 * 60;

/** Claims the key for this request, or returns what an earlier request with the same key left. */
export async function claimIdempotencyKey(
  owner: string,
  idempotencyKey: string,
  fingerprint: string,
  nowMs: number,
): Promise<IdempotencyRecord | 'claimed'> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...key(owner, idempotencyKey),
          type: 'idempotency',
          status: 'in-progress',
          fingerprint,
          ttl: Math.floor(nowMs / 1000) + DAY_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'claimed';
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
  }
  const existing = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: key(owner, idempotencyKey), ConsistentRead: true }),
  );
  if (!existing.Item) return claimIdempotencyKey(owner, idempotencyKey, fingerprint, nowMs);
  return existing.Item as unknown as IdempotencyRecord;
}

export async function completeIdempotencyKey(
  owner: string,
  idempotencyKey: string,
  response: IdempotencyRecord['response'],
): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: key(owner, idempotencyKey),
      UpdateExpression: 'SET #status = :done, #response = :response',
      ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
      ExpressionAttributeValues: { ':done': 'done', ':response': response },
    }),
  );
}

/** Frees the key after a failure, so the client's retry runs the request afresh. */
export async function releaseIdempotencyKey(owner: string, idempotencyKey: string): Promise<void> {
  await dynamo
    .send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: key(owner, idempotencyKey),
        ConditionExpression: '#status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'in-progress' },
      }),
    )
    .catch(() => undefined);
}
