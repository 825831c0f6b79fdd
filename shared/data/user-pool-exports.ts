import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { retentionEnds } from '../domain/retention';
import type { PoolUser } from '../identity/cognito';
import { dynamo, TABLE_NAME } from './client';
import { queryAll } from './query';
import { retentionKeys } from './retention';

/**
 * The user pool exported into the table (`USER_POOL_EXPORT#<date>`: `PART#<n>` of up to 500 users, then `#HEADER`,
 * written last, so an export with a header is whole). AWS Backup does not back up Cognito; in the table the export
 * goes wherever the table goes — point-in-time recovery, the daily backups in the vault, their copy in another
 * region — so a restored table carries the `sub` ↔ email ↔ groups mapping its records hang on.
 */
const PART_SIZE = 500;
const partition = (date: string) => `USER_POOL_EXPORT#${date}`;

export async function putUserPoolExport(date: string, users: PoolUser[], exportedAt: string): Promise<number> {
  const from = new Date(`${date}T00:00:00Z`);
  const marked = (sk: string) => ({
    pk: partition(date),
    sk,
    ...retentionKeys(retentionEnds('userPoolExport', from), { pk: partition(date), sk }),
  });
  const parts = Math.max(1, Math.ceil(users.length / PART_SIZE));
  for (let n = 0; n < parts; n++) {
    const sk = `PART#${String(n).padStart(4, '0')}`;
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...marked(sk), type: 'user-pool-export-part', users: users.slice(n * PART_SIZE, (n + 1) * PART_SIZE) },
      }),
    );
  }
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...marked('#HEADER'), type: 'user-pool-export', date, exportedAt, users: users.length, parts },
    }),
  );
  return parts;
}

/** A whole export (its header and every part), or undefined if that day's is missing or unfinished. */
export async function getUserPoolExport(date: string): Promise<{ exportedAt: string; users: PoolUser[] } | undefined> {
  const header = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: { pk: partition(date), sk: '#HEADER' }, ConsistentRead: true }),
  );
  if (!header.Item) return undefined;
  const parts = await queryAll({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': partition(date), ':s': 'PART#' },
    ConsistentRead: true,
  });
  return { exportedAt: String(header.Item.exportedAt), users: parts.flatMap((p) => p.users as PoolUser[]) };
}
