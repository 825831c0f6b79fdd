import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from '../data/client';
import { retentionKeys } from '../data/retention';
import { TTL_ATTRIBUTE } from '../data/table-design';
import { retentionEnds } from '../domain/retention';

/**
 * Brings records written before the records schedule into it, once, after deploying it: outbox emails whose outcome
 * was final but kept their whole body (link tokens in the clear) lose it and get their end of period; supervisor
 * links get theirs. Emails still waiting are left to the outbox, which drops their body once sent. The items come
 * from an operator's Scan (`scripts/records-backfill.ts`): no function is granted Scan. Idempotent.
 */
export async function backfillRecords(
  pages: AsyncIterable<Record<string, unknown>[]>,
): Promise<{ emails: number; links: number }> {
  const done = { emails: 0, links: 0 };
  for await (const page of pages)
    for (const item of page) {
      if (item.type === 'email' && item.message && ['sent', 'failed', 'unknown'].includes(String(item.status)))
        done.emails += Number(await settleEmail(item));
      else if (item.type === 'link' && item.gsi3pk === undefined) done.links += Number(await markLink(item));
    }
  return done;
}

const key = (item: Record<string, unknown>) => ({ pk: String(item.pk), sk: String(item.sk) });
const refusedAsRead = (error: Error) => {
  if (error.name !== 'ConditionalCheckFailedException') throw error;
  return false;
};

function settleEmail(item: Record<string, unknown>): Promise<boolean> {
  const message = item.message as { to: string[]; cc?: string[]; subject: string };
  const settled = String(item.sentAt ?? item.settledAt ?? item.createdAt);
  const marks = retentionKeys(retentionEnds('email', settled), key(item));
  return dynamo
    .send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key(item),
        UpdateExpression:
          'SET #to = if_not_exists(#to, :to), subject = if_not_exists(subject, :subject), ' +
          `template = if_not_exists(template, :template), ${message.cc ? 'cc = if_not_exists(cc, :cc), ' : ''}` +
          '#ttl = :ttl, gsi3pk = :retention, gsi3sk = :retentionSk REMOVE message, sealedToken',
        ConditionExpression: '#status = :status AND attribute_exists(message)',
        ExpressionAttributeNames: { '#to': 'to', '#status': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':to': message.to,
          ...(message.cc ? { ':cc': message.cc } : {}),
          ':subject': message.subject,
          ':template': String(item.key).split('#')[0],
          ':status': item.status,
          ':ttl': marks[TTL_ATTRIBUTE],
          ':retention': marks.gsi3pk,
          ':retentionSk': marks.gsi3sk,
        },
      }),
    )
    .then(() => true, refusedAsRead);
}

function markLink(item: Record<string, unknown>): Promise<boolean> {
  const marks = retentionKeys(retentionEnds('link', String(item.expiresAt)), key(item));
  return dynamo
    .send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key(item),
        UpdateExpression: 'SET #ttl = :ttl, gsi3pk = :retention, gsi3sk = :retentionSk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi3pk)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':ttl': marks[TTL_ATTRIBUTE],
          ':retention': marks.gsi3pk,
          ':retentionSk': marks.gsi3sk,
        },
      }),
    )
    .then(() => true, refusedAsRead);
}
