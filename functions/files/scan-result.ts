import { atOneInstant } from '../../shared/clock';
import { logger } from '../../shared/observability/logger';
import { readableStack } from '../../shared/observability/stack';
import { applyScanResult } from '../../shared/use-cases/course/homework-files';

/** The part of GuardDuty Malware Protection for S3's "Object Scan Result" event this handler reads. */
export interface ScanResultEvent {
  'detail-type'?: string;
  source?: string;
  detail: {
    scanStatus?: string;
    s3ObjectDetails: { bucketName: string; objectKey: string };
    scanResultDetails: { scanResultStatus: string };
  };
}

/**
 * EventBridge delivers each scan result of the homework-files bucket here (asynchronously: a failure is retried by
 * Lambda, then kept in the dead-letter queue, which alarms). Logs only the outcome and the status, never names.
 */
export const handler = async (event: ScanResultEvent) => {
  const { objectKey } = event.detail.s3ObjectDetails;
  const { scanResultStatus } = event.detail.scanResultDetails;
  try {
    const result = await atOneInstant(() => applyScanResult(objectKey, scanResultStatus));
    logger.info('scan result applied', { scanResultStatus, outcome: result.outcome });
    return result;
  } catch (error) {
    logger.error('scan result failed', {
      error: (error as Error)?.name,
      stack: await readableStack((error as Error)?.stack),
    });
    throw error;
  }
};
