import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditActor, AuditSubjectType } from '../domain/audit';
import { randomCode } from '../domain/ids';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';

export interface AuditEntry {
  subjectType: AuditSubjectType;
  subjectId: string;
  action: string;
  actor: AuditActor;
  at: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

const auditPk = (type: AuditSubjectType, id: string) => `AUDIT#${type}#${id}`;
/** Keeps the records one process writes in the same millisecond in the order it wrote them. */
let sequence = 0;
const auditSk = (at: string) => `${at}#${String(sequence++ % 1_000_000).padStart(6, '0')}${randomCode(5)}`;

/**
 * An audit record as one more item of the transaction that makes the change, so a change and its record are
 * written together or not at all. Records are append-only: the put refuses to overwrite, no code path updates or
 * deletes one, and in AWS the functions' IAM policies deny UpdateItem/DeleteItem on `AUDIT#` keys.
 */
export function auditPut(entry: AuditEntry) {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        pk: auditPk(entry.subjectType, entry.subjectId),
        sk: auditSk(entry.at),
        type: 'audit',
        ...entry,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function auditTrail(type: AuditSubjectType, id: string, cursor?: string, limit = 50) {
  const pk = auditPk(type, id);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ExclusiveStartKey: decodeCursor(cursor, { attributes: ['pk', 'sk'], partition: ['pk', pk] }),
      Limit: limit,
    }),
  );
  const entries = (result.Items ?? []).map(({ subjectType, subjectId, action, actor, at, reason, before, after }) => ({
    subjectType,
    subjectId,
    action,
    actor,
    at,
    reason,
    before,
    after,
  })) as AuditEntry[];
  return { entries, cursor: encodeCursor(result.LastEvaluatedKey) };
}
