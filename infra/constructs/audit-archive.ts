import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct } from 'constructs';
import { functionName } from '../concurrency';
import { accessLogBucket } from './access-log-bucket';
import { CeFunction, type FunctionSettings } from './ce-function';

export interface AuditArchiveProps {
  /** The table, with its stream (new and old images). */
  table: ITableV2;
  tableKey: IKey;
  functions: FunctionSettings;
  retentionDays: number;
}

/**
 * Audit records that nobody can change: the table's stream, filtered to `AUDIT#` keys, feeds a function that copies
 * each record to a bucket with S3 Object Lock in compliance mode, so the copy cannot be overwritten or deleted by any
 * principal (the account root included) for `retentionDays`. IAM already denies UpdateItem and DeleteItem on
 * `AUDIT#` keys; a PutItem over one (IAM cannot tell an overwrite from a first write) is kept as a change object and
 * alarms (the function's `AuditRecordsChanged` count).
 */
export class AuditArchive extends Construct {
  readonly bucket: Bucket;
  readonly fn: CeFunction;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = new Key(this, 'Key', { enableKeyRotation: true, description: 'Encrypts the audit archive' });
    const accessLogs = accessLogBucket(this, 'AccessLogs', props.retentionDays, 'the audit archive');
    this.bucket = new Bucket(this, 'Records', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'audit-archive/',
      lifecycleRules: [
        { expiration: Duration.days(props.retentionDays + 1), noncurrentVersionExpiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        'CP-9, CP-10: a second copy of the audit records beside the table and its backups (ce:backupCopyRegion copies those to a second region); replicating the archive as well is a cost decision for ADS.',
    });
    // A batch that could not be archived after its retries (it alarms; the message names the stream records).
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: "It is the dead-letter queue: the event source mapping's on-failure destination for the archiver.",
    });
    new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'Audit records could not be copied to the archive after every retry; see the dead-letter queue',
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.functions.alarmTopic));
    if (!props.table.tableStreamArn) throw new Error('The audit archive reads the table stream: enable it.');

    this.fn = new CeFunction(stack, 'AuditArchiveFunction', {
      ...props.functions,
      name: functionName.auditArchive,
      entry: 'functions/audit-archive/handler.ts',
      description: "Copies audit records from the table's stream to the Object Lock archive",
      invocation: { type: 'stream', source: "the table's stream (DynamoDB event source mapping)" },
      environment: { AUDIT_ARCHIVE_BUCKET: this.bucket.bucketName },
    });
    this.fn.addEventSourceMapping('AuditRecords', {
      eventSourceArn: props.table.tableStreamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      // Records of one key stay in order; a failed record and those after it are retried, then dead-lettered
      // (the stream keeps records 24 hours).
      reportBatchItemFailures: true,
      retryAttempts: 20,
      maxRecordAge: Duration.hours(12),
      onFailure: new SqsDlq(deadLetters),
      filters: [FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('AUDIT#') } } } })],
    });
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [props.table.tableStreamArn],
      }),
    );
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [props.tableKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.amazonaws.com` } },
      }),
    );
    // Writes only: the function cannot read, delete or change the retention of what it archived.
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('*')] }),
    );
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': [`s3.${stack.region}.amazonaws.com`, `sqs.${stack.region}.amazonaws.com`],
          },
        },
      }),
    );
    Validations.of(this.fn.role!).acknowledge(
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
        reason: 'Any audit record of the table is archived under its own key.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'dynamodb:ListStreams takes no resource; the stream actions are limited to the table stream.',
      },
      ...['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((action) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
        reason: "CDK's grant to send a failed batch to the encrypted dead-letter queue, on the archive's own key only.",
      })),
    );
  }
}
