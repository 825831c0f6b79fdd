/**
 * A stand-in for GuardDuty Malware Protection for S3, for `npm start` only (the tests send recorded scan events
 * themselves). When an object arrives under `homework/` in the local S3 server, it calls the real scan-result handler
 * with GuardDuty's event shape: `THREATS_FOUND` when the object's first MiB holds the EICAR test string (so people
 * can try quarantine), `NO_THREATS_FOUND` otherwise. Like GuardDuty, it may report before the browser records the
 * upload; the API keeps such a verdict and applies it on recording.
 */
import { parseObjectKey } from '../../shared/domain/homework-files';

/** The EICAR anti-virus test file's signature part: harmless, and every scanner reports it as a threat. */
const EICAR = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE';

export function localScanner(bucket: string, log: (line: string) => void = () => undefined) {
  return async (key: string) => {
    if (!parseObjectKey(key)) return;
    try {
      const { readRange } = await import('../../shared/files/object-store');
      const { handler } = await import('../../functions/files/scan-result');
      const head = Buffer.from(await readRange(key, 'bytes=0-1048575')).toString('latin1');
      const scanResultStatus = head.includes(EICAR) ? 'THREATS_FOUND' : 'NO_THREATS_FOUND';
      const result = await handler({
        'detail-type': 'GuardDuty Malware Protection Object Scan Result',
        source: 'aws.guardduty',
        detail: {
          scanStatus: 'COMPLETED',
          s3ObjectDetails: { bucketName: bucket, objectKey: key },
          scanResultDetails: { scanResultStatus },
        },
      });
      log(`local scan ${scanResultStatus}: ${result.outcome}`);
    } catch (error) {
      log(`local scan failed: ${(error as Error).message}`);
    }
  };
}
