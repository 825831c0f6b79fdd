import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from './table-design';
import { dynamo, TABLE_NAME } from './client';

/**
 * Records that leave the table at the end of their period carry two marks: DynamoDB's TTL (`ttl`, epoch seconds), so
 * AWS deletes them within days of the end at no cost, and an entry in gsi3 (`RETENTION` / `<end, UTC>#<pk>#<sk>`),
 * so the daily `records-retention` job finds what is due with one paged Query — TTL may lag by days, and DynamoDB
 * Local keeps TTL's attribute but never deletes. No Scan.
 */
const DUE = 'RETENTION';

export const retentionKeys = (endsAt: Date, key: { pk: string; sk: string }) => ({
  [TTL_ATTRIBUTE]: Math.floor(endsAt.getTime() / 1000),
  gsi3pk: DUE,
  gsi3sk: `${endsAt.toISOString()}#${key.pk}#${key.sk}`,
});

/** The keys of records whose period ended by `at`, oldest first, a page at a time. */
export async function* dueRecords(at: Date): AsyncGenerator<{ pk: string; sk: string; gsi3sk: string }[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :due AND gsi3sk <= :end',
        ExpressionAttributeValues: { ':due': DUE, ':end': `${at.toISOString()}#~` },
        ProjectionExpression: 'pk, sk, gsi3sk',
        ExclusiveStartKey: start,
      }),
    );
    yield (page.Items ?? []) as { pk: string; sk: string; gsi3sk: string }[];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Deletes a record whose period ended, unless it changed since (its end moved): then it is not due any more. */
export async function deleteIfStillDue(record: { pk: string; sk: string; gsi3sk: string }): Promise<boolean> {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: { pk: record.pk, sk: record.sk },
        ConditionExpression: 'gsi3sk = :sk',
        ExpressionAttributeValues: { ':sk': record.gsi3sk },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
