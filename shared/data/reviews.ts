import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import type { TransactItem } from './transactions';

/**
 * A confirmation ADS should look at (a provider's first confirmed member, or an endorsement by a supervisor
 * authorised in the last days), at `REVIEW#<applicationId>`/`#REVIEW`; while open, listed in gsi1 `REVIEWS#open`
 * by when it was flagged.
 */
export interface Review {
  applicationId: string;
  personId: string;
  applicantName: string;
  providerId?: string;
  providerName?: string;
  supervisor: { name: string; email: string };
  /** Why it was flagged: the provider's first confirmed member; a supervisor authorised within the last days. */
  flags: ('first-confirmation' | 'new-supervisor')[];
  flaggedAt: string;
  status: 'open' | 'upheld' | 'overturned';
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
}

const reviewKey = (applicationId: string) => ({ pk: `REVIEW#${applicationId}`, sk: '#REVIEW' });
const OPEN = 'REVIEWS#open';

const reviewItem = (r: Review) => ({
  ...reviewKey(r.applicationId),
  type: 'review',
  ...r,
  ...(r.status === 'open' ? { gsi1pk: OPEN, gsi1sk: `${r.flaggedAt}#${r.applicationId}` } : {}),
});

function fromItem(item: Record<string, unknown>): Review {
  const { pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...review } = item;
  return review as unknown as Review;
}

/** Flagged in the transaction of the endorsement itself (an application is endorsed once). */
export const flagReviewItem = (r: Review): TransactItem => ({ Put: { TableName: TABLE_NAME, Item: reviewItem(r) } });

/** ADS's decision, only on a review still open. */
export const closeReviewItem = (r: Review): TransactItem => ({
  Put: {
    TableName: TABLE_NAME,
    Item: reviewItem(r),
    ConditionExpression: '#status = :open',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':open': 'open' },
  },
});

export async function getReview(applicationId: string): Promise<Review | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: reviewKey(applicationId), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

export async function openReviews(cursor: string | undefined, limit: number) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': OPEN },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: ['gsi1pk', OPEN],
      }),
    }),
  );
  return { reviews: (result.Items ?? []).map(fromItem), cursor: encodeCursor(result.LastEvaluatedKey) };
}

/** A review whose applicant was anonymised: their name and their supervisor's name and email go. */
export const anonymisedReviewItem = (applicationId: string, name: string): TransactItem => ({
  Update: {
    TableName: TABLE_NAME,
    Key: reviewKey(applicationId),
    UpdateExpression: 'SET applicantName = :name, supervisor = :nobody',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':name': name, ':nobody': { name, email: '' } },
  },
});
