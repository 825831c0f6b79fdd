import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type CfnTrail, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { accessLogBucket } from '../constructs/access-log-bucket';
import { AuditArchive } from '../constructs/audit-archive';
import type { FunctionSettings } from '../constructs/ce-function';
import { ManagedPolicyRole } from '../constructs/managed-policy-role';

export interface AuditStackProps extends StackProps {
  /** The table and the buckets whose every object-level call is recorded (data events). */
  table: ITableV2;
  buckets: IBucket[];
  tableKey: IKey;
  functions: FunctionSettings;
  /** Days the archive keeps each audit record, locked. */
  auditRetentionDays: number;
  /** The credential-signing key and the one role allowed to sign with it. */
  signing: { keyArn: string; signerRoleArn: string };
}

/**
 * What keeps the record of who did what beyond anyone's reach: the audit archive (`AuditArchive`: every audit record
 * copied to an Object Lock bucket) and CloudTrail.
 *
 * CloudTrail for the app (NIST AU-2, AU-12): management events of every region, and data events for the table and
 * the buckets, so every read and write of a record is attributable to a principal. The trail's files are encrypted
 * with a key of their own, validated (digest files), kept for the log retention; its events also go to a CloudWatch
 * log group, where a metric filter alarms on any `kms:Sign` with the credential-signing key by a principal other
 * than the credentials function's role (the key policy denies it; the alarm says someone tried).
 */
export class AuditStack extends Stack {
  readonly trail: Trail;

  readonly archive: AuditArchive;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, props);
    this.archive = new AuditArchive(this, 'AuditArchive', {
      table: props.table,
      tableKey: props.tableKey,
      functions: props.functions,
      retentionDays: props.auditRetentionDays,
    });
    const logs = props.functions.logs;
    const key = new Key(this, 'TrailKey', { enableKeyRotation: true, description: 'Encrypts the CloudTrail trail' });
    const trailArn = this.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: '*' });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudTrailEncryptsThisAccountsTrails',
        principals: [new ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );

    const accessLogs = accessLogBucket(this, 'TrailAccessLogs', logs.retention, 'the trail bucket');
    const bucket = new Bucket(this, 'TrailFiles', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'trail/',
      lifecycleRules: [{ expiration: Duration.days(logs.retention), noncurrentVersionExpiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        'CP-9, CP-10: the trail is also delivered to CloudWatch Logs; a copy in a second region is a cost decision for ADS, like the table backup copy.',
    });

    const logGroup = new LogGroup(this, 'TrailEvents', {
      retention: logs.retention,
      encryptionKey: logs.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new Trail(this, 'Trail', {
      bucket,
      encryptionKey: key,
      enableFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
    });
    // The trail's delivery to CloudWatch Logs through a role of our own, with a managed policy (the construct's own
    // option would make one with an inline policy), allowed to write only to this log group.
    const deliveryRole = new ManagedPolicyRole(this, 'TrailDeliveryRole', {
      assumedBy: new ServicePrincipal('cloudtrail.amazonaws.com'),
    });
    deliveryRole.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}`],
      }),
    );
    const cfnTrail = this.trail.node.defaultChild as CfnTrail;
    cfnTrail.cloudWatchLogsLogGroupArn = logGroup.logGroupArn;
    cfnTrail.cloudWatchLogsRoleArn = deliveryRole.roleArn;
    cfnTrail.node.addDependency(deliveryRole);
    // Advanced selectors: management events, and data events of exactly these resources (basic selectors cannot name a
    // DynamoDB table through CDK). Setting them replaces CloudTrail's default of management events only.
    const data = (type: string, arns: string[]) => ({
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: [type] },
        { Field: 'resources.ARN', StartsWith: arns },
      ],
    });
    cfnTrail.addPropertyOverride('AdvancedEventSelectors', [
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { Name: 'The table', ...data('AWS::DynamoDB::Table', [props.table.tableArn]) },
      {
        Name: 'The buckets',
        ...data(
          'AWS::S3::Object',
          props.buckets.map((b) => `${b.bucketArn}/`),
        ),
      },
    ]);

    const otherSigners = new MetricFilter(this, 'OtherSignersFilter', {
      logGroup,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.eventSource', '=', 'kms.amazonaws.com'),
        FilterPattern.stringValue('$.eventName', '=', 'Sign'),
        FilterPattern.stringValue('$.resources[0].ARN', '=', props.signing.keyArn),
        FilterPattern.stringValue('$.userIdentity.sessionContext.sessionIssuer.arn', '!=', props.signing.signerRoleArn),
      ),
      metricNamespace: 'CeCertification',
      metricName: 'CredentialKeySignByOthers',
      metricValue: '1',
    });
    new Alarm(this, 'OtherSignersAlarm', {
      alarmDescription:
        'A principal other than the credentials function called kms:Sign with the credential-signing key (the key policy denies it)',
      metric: otherSigners.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.functions.alarmTopic));
  }
}
