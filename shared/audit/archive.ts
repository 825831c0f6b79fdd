import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { auditArchiveConfig } from '../config/audit-archive';
import { logger } from '../observability/logger';
import { count } from '../observability/metrics';

const s3 = new S3Client({
  forcePathStyle: auditArchiveConfig.forcePathStyle,
  maxAttempts: 3,
  requestHandler: { requestTimeout: 5000, connectionTimeout: 1000, throwOnRequestTimeout: true },
});

const AUDIT = 'AUDIT#';

/** The archive's object for an audit record: one per table key, written once. */
export const recordKey = (pk: string, sk: string) => `records/${pk}/${sk}.json`;
/** Where a change to an audit record is kept (the record before and after), one object per stream event. */
export const changeKey = (pk: string, sk: string, eventId: string) => `changes/${pk}/${sk}/${eventId}.json`;

const image = (value: Record<string, StreamValue> | undefined) =>
  value ? unmarshall(value as Record<string, AttributeValue>) : undefined;

async function put(key: string, body: unknown, onceOnly: boolean): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: auditArchiveConfig.bucket,
        Key: key,
        Body: JSON.stringify(body),
        ContentType: 'application/json',
        // A record is archived once: a retried batch finds it there (412) and leaves it as it was.
        ...(onceOnly ? { IfNoneMatch: '*' } : {}),
      }),
    );
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) return;
    throw error;
  }
}

/**
 * Copies audit records from the table's stream into the archive bucket, whose Object Lock (compliance mode) keeps
 * every object for the records period: no role, the account root included, can overwrite or delete it there.
 * The app only ever inserts audit records (a conditional put); an overwrite or a delete in the table is kept as a
 * change object (the record before and after) and counted, which alarms. Other items of the stream are ignored
 * (the event source mapping's filter passes only `AUDIT#` keys). Stops at the first record it cannot archive and
 * returns its sequence number, for Lambda to retry from there (partial batch responses).
 */
export async function archiveAuditRecords(records: DynamoDBRecord[]) {
  let failedFrom: string | undefined;
  let archived = 0;
  let changed = 0;
  for (const record of records) {
    const keys = image(record.dynamodb?.Keys);
    const pk = String(keys?.pk ?? '');
    const sk = String(keys?.sk ?? '');
    if (!pk.startsWith(AUDIT)) continue;
    try {
      if (record.eventName === 'INSERT') {
        await put(recordKey(pk, sk), image(record.dynamodb?.NewImage), true);
        archived++;
      } else {
        await put(
          changeKey(pk, sk, record.eventID ?? String(record.dynamodb?.SequenceNumber)),
          {
            event: record.eventName,
            at: record.dynamodb?.ApproximateCreationDateTime,
            before: image(record.dynamodb?.OldImage),
            after: image(record.dynamodb?.NewImage),
          },
          true,
        );
        changed++;
        logger.error('audit record changed in the table', { event: record.eventName, pk });
      }
    } catch (error) {
      logger.warn('audit record not archived', { error: (error as Error).name });
      failedFrom = record.dynamodb?.SequenceNumber;
      break;
    }
  }
  count('AuditRecordsChanged', changed);
  return { archived, changed, failedFrom };
}
