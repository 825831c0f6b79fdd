import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/components';

/** An audit record as stored: `AUDIT#<subjectType>#<subjectId>` / `<at>#<sequence><random>`. */
export interface StoredAudit {
  pk: string;
  sk: string;
  subjectType: string;
  subjectId: string;
  action: string;
  actor: { id: string; roles: string[] };
  at: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Reads this file's table straight, with a client of its own (not the production data modules), so a test of
 * what was stored — audit records above all — does not trust the code that writes it.
 */
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
);

/** One stored item, as it is in the table. */
export async function storedItem(pk: string, sk: string): Promise<Record<string, any> | undefined> {
  const result = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk, sk }, ConsistentRead: true }),
  );
  return result.Item;
}

/** The audit trail of one record, oldest first. */
export async function auditRecords(subjectType: string, subjectId: string): Promise<StoredAudit[]> {
  const items: StoredAudit[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${subjectType}#${subjectId}` },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...((page.Items ?? []) as StoredAudit[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Every audit record in the table (a test-only Scan), to see which ones a single call added. */
export async function allAuditRecords(): Promise<StoredAudit[]> {
  const items: StoredAudit[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: process.env.TABLE_NAME,
        FilterExpression: 'begins_with(pk, :audit)',
        ExpressionAttributeValues: { ':audit': 'AUDIT#' },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...((page.Items ?? []) as StoredAudit[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Every item in this file's table (a test-only Scan), to show a refused call wrote nothing. */
export async function allItems(): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: process.env.TABLE_NAME, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** The audit records `act` added to the table. */
export async function auditRecordsAddedBy<T>(act: () => Promise<T>): Promise<{ result: T; added: StoredAudit[] }> {
  const before = new Set((await allAuditRecords()).map((r) => `${r.pk}|${r.sk}`));
  const result = await act();
  const added = (await allAuditRecords()).filter((r) => !before.has(`${r.pk}|${r.sk}`));
  return { result, added };
}
