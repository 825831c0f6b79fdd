import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';

/** The certifications listed under a provider (its current staff's), in gsi1 `PROVIDER#<id>#CERTIFICATES`. */
export const providerCertificatesPartition = (providerId: string | undefined) => `PROVIDER#${providerId ?? 'NONE'}#CERTIFICATES`;

/**
 * How many of a provider's staff hold a certification active on `today` (YYYY-MM-DD): standing `issued` and not
 * yet at its expiry date. A person holding several stages counts once.
 */
export async function certifiedStaffCount(providerId: string, today: string): Promise<number> {
  const holders = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        FilterExpression: 'standing = :issued AND expiresOn > :today',
        ExpressionAttributeValues: { ':p': providerCertificatesPartition(providerId), ':issued': 'issued', ':today': today },
        ProjectionExpression: 'holderSub',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) holders.add(String(item.holderSub));
    start = page.LastEvaluatedKey;
  } while (start);
  return holders.size;
}

/**
 * Each person's soonest certification expiry (YYYY-MM-DD) among certifications that still stand (issued or
 * suspended, lapsed or not; not revoked or superseded), from their certifications in gsi2.
 */
export async function soonestExpiries(subs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    [...new Set(subs)].map(async (sub) => {
      const result = await dynamo.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :c)',
          FilterExpression: 'standing IN (:issued, :suspended)',
          ExpressionAttributeValues: { ':p': `PERSON#${sub}`, ':c': 'CERTIFICATE#', ':issued': 'issued', ':suspended': 'suspended' },
          ProjectionExpression: 'expiresOn',
        }),
      );
      const dates = (result.Items ?? []).map((i) => String(i.expiresOn)).sort();
      if (dates[0]) out.set(sub, dates[0]);
    }),
  );
  return out;
}
