import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket that receives another bucket's S3 server access logs, kept `days`. A function, not a construct, so the
 * bucket keeps the logical id it has always had in its stack.
 */
export function accessLogBucket(scope: Construct, id: string, days: number, of: string): Bucket {
  const bucket = new Bucket(scope, id, {
    // S3 server access logs can only be written to a bucket encrypted with S3-managed keys.
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    lifecycleRules: [{ expiration: Duration.days(days), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge(
    { id: 'AwsSolutions::AwsSolutions-S1', reason: 'The access-log bucket itself: logging it would loop.' },
    {
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled',
      reason: 'AU-2(b), AU-12(c): the access-log bucket itself; logging it would loop.',
    },
    {
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS',
      reason: 'SC-28: S3 server access logs can only be delivered to a bucket encrypted with S3-managed keys.',
    },
    {
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
      reason: `CP-9, CP-10: access logs of ${of}, not records of the course; kept in-region for the retention.`,
    },
  );
  return bucket;
}
