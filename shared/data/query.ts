import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './client';

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
