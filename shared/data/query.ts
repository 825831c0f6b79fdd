import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor } from './cursor';

/** Every item a Query returns, page after page (for bounded partitions: an iteration's, a provider's, a person's). */
export async function queryAll<T = Record<string, unknown>>(
  input: QueryCommandInput,
  map: (item: Record<string, unknown>) => T = (item) => item as T,
): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []).map(map));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The condition that a record still has the version it was read with (optimistic locking); none yet for 0/undefined. */
export function versionCondition(expected: number | undefined) {
  return expected === undefined || expected === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':v': expected },
      };
}

/**
 * Several records by id, one BatchGetItem per 100 keys, retrying what DynamoDB leaves unprocessed; unknown ids are
 * left out of the map. `consistent` for reads that decide a write (as a consistent GetItem would).
 */
export async function getMany<T>(
  ids: readonly string[],
  key: (id: string) => Record<string, unknown>,
  fromItem: (item: Record<string, unknown>) => T,
  idOf: (record: T) => string,
  consistent = false,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, T>();
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(key);
    while (keys && keys.length > 0) {
      const result: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({
          RequestItems: { [TABLE_NAME]: { Keys: keys, ConsistentRead: consistent || undefined } },
        }),
      );
      for (const item of result.Responses?.[TABLE_NAME] ?? []) {
        const record = fromItem(item);
        out.set(idOf(record), record);
      }
      keys = result.UnprocessedKeys?.[TABLE_NAME]?.Keys;
    }
  }
  return out;
}

/**
 * One page of a name index (gsi4): the entries of `partition` whose sort key starts with the normalized `prefix`,
 * in name order. Certifications and people each keep such a partition of name entries.
 */
export const namePrefixPage = (partition: string, prefix: string, cursor: string | undefined, limit: number) =>
  dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :p AND begins_with(gsi4sk, :prefix)',
      ExpressionAttributeValues: { ':p': partition, ':prefix': prefix },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi4pk', 'gsi4sk'],
        partition: ['gsi4pk', partition],
      }),
    }),
  );
