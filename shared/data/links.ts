import { createHash, randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import type { TransactItem } from './transactions';
import { sortableUtc } from '../domain/calendar/time';
import { retentionEnds } from '../domain/retention';
import { retentionKeys } from './retention';

/**
 * Single-use links sent to supervisors (endorsement, training agreement). The token travels only in the email;
 * the table keeps its SHA-256, so a leaked table cannot be turned into working links.
 */
export type LinkPurpose = 'endorsement' | 'agreement';

export interface Link {
  purpose: LinkPurpose;
  applicationId: string;
  expiresAt: string;
  createdAt: string;
  usedAt?: string;
  /** Replaced by a newer link (another supervisor named, or the link sent again): it no longer works. */
  revokedAt?: string;
}

/** What the table keeps of a token (and an application keeps of its link in force). */
export const linkHash = (token: string) => createHash('sha256').update(token).digest('base64url');
const keyOfHash = (hash: string) => ({ pk: `LINK#${hash}`, sk: '#LINK' });
const linkKey = (token: string) => keyOfHash(linkHash(token));

export const newLinkToken = (): string => randomBytes(32).toString('base64url');

export function createLinkItem(token: string, link: Link): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      // The expiry also in UTC: instants written with Connecticut's offset do not sort as text across the autumn
      // change of clocks, so the condition that refuses an expired link compares the UTC form.
      // Deleted when the records schedule's period after its expiry ends (`shared/data/retention.ts`).
      Item: {
        ...linkKey(token),
        type: 'link',
        ...link,
        expiresAtUtc: sortableUtc(link.expiresAt),
        ...retentionKeys(retentionEnds('link', link.expiresAt), linkKey(token)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getLink(token: string): Promise<Link | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: linkKey(token), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  const { purpose, applicationId, expiresAt, createdAt, usedAt, revokedAt } = result.Item as Link;
  return { purpose, applicationId, expiresAt, createdAt, usedAt, revokedAt };
}

/**
 * Stops a link working, in the transaction that issues its replacement, so that two links are never in force for
 * one application. Kept (not deleted), so that its holder is told it was replaced rather than that it never was.
 */
export function revokeLinkItem(hash: string, at: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: keyOfHash(hash),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

/**
 * Marks the link used, in the transaction that acts on it: a second use (even concurrent) is refused, and so is an
 * expired link. Links created before the UTC expiry was stored are compared on their offset form, as before.
 */
export function useLinkItem(token: string, at: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: linkKey(token),
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND ' +
        '(expiresAtUtc > :atUtc OR (attribute_not_exists(expiresAtUtc) AND expiresAt > :at))',
      ExpressionAttributeValues: { ':at': at, ':atUtc': sortableUtc(at) },
    },
  };
}

/**
 * Uses up the link in force by its hash, in the transaction of the same act done another way (the agency's provider
 * administrator endorsing or co-signing from their page): the emailed link then answers as used. Refused if its
 * holder used it first.
 */
export function useLinkByHashItem(hash: string, at: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: keyOfHash(hash),
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}
