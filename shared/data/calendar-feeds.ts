import { createHash, randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import type { TransactItem } from './transactions';

/**
 * A person's calendar feed: an unguessable URL (256 random bits) that calendar programs poll without signing in.
 * As with supervisor links, the table keeps only the token's SHA-256 (`FEED#<hash>`), so a leaked table cannot be
 * turned into working feeds; the person's pointer (`PERSON#<sub>`/`CALENDAR_FEED`) names the hash, so a reset
 * deletes the old feed in the same transaction that creates the new one.
 */
export interface CalendarFeed {
  personSub: string;
  createdAt: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const feedKey = (tokenHash: string) => ({ pk: `FEED#${tokenHash}`, sk: '#FEED' });
const pointerKey = (sub: string) => ({ pk: `PERSON#${sub}`, sk: 'CALENDAR_FEED' });

export const newFeedToken = (): string => randomBytes(32).toString('base64url');

export async function getFeed(token: string): Promise<CalendarFeed | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: feedKey(hash(token)) }));
  if (!result.Item) return undefined;
  return { personSub: String(result.Item.personSub), createdAt: String(result.Item.createdAt) };
}

/** The person's current feed (its hash and when it was made), if any. */
export async function getFeedPointer(sub: string): Promise<{ tokenHash: string; createdAt: string } | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: pointerKey(sub), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  return { tokenHash: String(result.Item.tokenHash), createdAt: String(result.Item.createdAt) };
}

/**
 * Replaces the person's feed: the new token's item, the pointer (conditional on the pointer as read, so two
 * concurrent resets cannot both leave a live feed), and the old token's item deleted.
 */
export function replaceFeedItems(
  sub: string,
  token: string | undefined,
  createdAt: string,
  previousHash: string | undefined,
): TransactItem[] {
  const items: TransactItem[] = [];
  if (token) {
    const tokenHash = hash(token);
    items.push(
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { ...feedKey(tokenHash), type: 'calendar-feed', personSub: sub, createdAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { ...pointerKey(sub), type: 'calendar-feed-pointer', tokenHash, createdAt },
          ...(previousHash
            ? { ConditionExpression: 'tokenHash = :old', ExpressionAttributeValues: { ':old': previousHash } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
    );
  } else if (previousHash) {
    items.push({
      Delete: {
        TableName: TABLE_NAME,
        Key: pointerKey(sub),
        ConditionExpression: 'tokenHash = :old',
        ExpressionAttributeValues: { ':old': previousHash },
      },
    });
  }
  if (previousHash) items.push({ Delete: { TableName: TABLE_NAME, Key: feedKey(previousHash) } });
  return items;
}
