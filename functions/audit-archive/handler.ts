import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { archiveAuditRecords } from '../../shared/audit/archive';
import { logger } from '../../shared/observability/logger';

/**
 * The table's stream (audit keys only) → the Object Lock archive. A failed record and those after it are retried
 * (partial batch response; records of one key stay in order), then sent to the dead-letter queue, which alarms.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  logger.resetKeys();
  const { archived, changed, failedFrom } = await archiveAuditRecords(event.Records);
  logger.info('audit archive batch', { records: event.Records.length, archived, changed, failed: Boolean(failedFrom) });
  return { batchItemFailures: failedFrom ? [{ itemIdentifier: failedFrom }] : [] };
};
