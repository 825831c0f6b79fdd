import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
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
 * Reads audit records straight from this file's table, with a client of its own (not the production data
 * modules), so a test of the audit trail does not trust the code that writes it.
 */
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
);

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

/** The audit records `act` added to the table. */
export async function auditRecordsAddedBy<T>(act: () => Promise<T>): Promise<{ result: T; added: StoredAudit[] }> {
  const before = new Set((await allAuditRecords()).map((r) => `${r.pk}|${r.sk}`));
  const result = await act();
  const added = (await allAuditRecords()).filter((r) => !before.has(`${r.pk}|${r.sk}`));
  return { result, added };
}
