import { Annotations, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { AnyPrincipal, Effect, ManagedPolicy, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { QUARANTINE_PREFIX } from '../../shared/domain/homework-files';
import { functionName } from '../concurrency';
import type { DeployConfig } from '../config';
import { accessLogBucket } from '../constructs/access-log-bucket';
import { CeFunction, type FunctionSettings } from '../constructs/ce-function';
import { ManagedPolicyRole } from '../constructs/managed-policy-role';

export interface FilesStackProps extends StackProps {
  table: ITableV2;
  tableKey: IKey;
  functions: FunctionSettings;
  config: DeployConfig;
  alarmTopic: ITopic;
  configurationSet: IConfigurationSet;
  /**
   * The web domain's origin when it is a custom domain (`ce:webDomain`), known before deploying: its browsers post
   * uploads to the bucket. CloudFront's own domain name is only made by the API stack, which depends on this one, so
   * without a custom domain it goes in `ce:allowedOrigins` after the first deploy (a synth warning says so).
   */
  webOrigin?: string;
}

/**
 * Where browsers post homework files: the origin of the pre-signed POST's `url`. `createPresignedPost` with the
 * settings of `shared/files/object-store.ts` (virtual-hosted style, the function's region, no global endpoint) names
 * `https://<bucket>.s3.<region>.amazonaws.com/` — the bucket's regional domain name. The static CSP allows it.
 */
export const filesUploadOrigin = (bucket: IBucket) => `https://${bucket.bucketRegionalDomainName}`;

const HOMEWORK_PREFIX = 'homework/';

/**
 * Homework files: a private bucket encrypted with its own key, TLS only, versioned, kept for the records schedule
 * (`ce:homeworkFileRetentionDays`); GuardDuty Malware Protection for S3 scans each new object under `homework/` and
 * its result (EventBridge) reaches the scan-result function, which clears the file or quarantines it and tells the
 * learner. The API's course function is given the bucket by `grantCourseFunction`.
 */
export class FilesStack extends Stack {
  readonly bucket: Bucket;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: FilesStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retention = Duration.days(config.homeworkFileRetentionDays);
    if (!props.webOrigin)
      Annotations.of(this).addWarningV2(
        'ce:files-cors-web-domain',
        "No custom web domain (ce:webDomain): after the first deploy, add the distribution's https://<id>.cloudfront.net to ce:allowedOrigins so browsers may post homework files to the bucket",
      );

    this.key = new Key(this, 'FilesKey', {
      enableKeyRotation: true,
      description: 'Encrypts the homework files and the scan-result dead-letter queue',
    });
    const accessLogs = accessLogBucket(this, 'FilesAccessLogs', config.homeworkFileRetentionDays, 'the homework files');

    this.bucket = new Bucket(this, 'HomeworkFiles', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'homework-files/',
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          // The browser posts the pre-signed upload form and follows pre-signed download links.
          allowedOrigins: [...new Set([...config.allowedOrigins, ...(props.webOrigin ? [props.webOrigin] : [])])],
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'records-schedule',
          expiration: retention,
          noncurrentVersionExpiration: retention,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'infrequent-access',
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        'CP-9, CP-10: versioning keeps every replaced or deleted file for the records schedule; cross-region replication is a cost decision for ADS, like the table backup copy (ce:backupCopyRegion).',
    });

    // GuardDuty Malware Protection for S3: its own role, as GuardDuty's documentation sets out.
    const scanRole = new ManagedPolicyRole(this, 'MalwareScanRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'Lets GuardDuty Malware Protection scan and tag the homework files',
    });
    const ruleArn = this.formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
    });
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [ruleArn],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({ actions: ['events:DescribeRule', 'events:ListTargetsByRule'], resources: [ruleArn] }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects(`${HOMEWORK_PREFIX}*`)],
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
      }),
    );
    Validations.of(scanRole).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
        reason: 'GuardDuty names the rule it manages with this prefix (its documented policy).',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as never)}.Arn>/${HOMEWORK_PREFIX}*]`,
        reason: 'GuardDuty scans and tags every new object under homework/.',
      },
    );
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
      role: scanRole.roleArn,
      protectedResource: { s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [HOMEWORK_PREFIX] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(scanRole);

    // The scan result, to the function that clears or quarantines the file; failures retried, then dead-lettered.
    const deadLetters = new Queue(this, 'ScanResultDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const fn = new CeFunction(this, 'ScanResult', {
      ...props.functions,
      name: functionName.scanResult,
      entry: 'functions/files/scan-result.ts',
      description: 'Applies a malware scan result to a homework file (clean, or quarantined and the learner told)',
      invocation: {
        type: 'asynchronous',
        deadLetterQueue: deadLetters,
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      },
      environment: {
        SENDER_EMAIL: config.senderEmail,
        ADS_NOTIFY_EMAILS: config.adsNotifyEmails.join(','),
        DDS_NOTICE_RECIPIENTS: config.ddsNoticeRecipients.join(','),
        SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
        FILES_BUCKET: this.bucket.bucketName,
      },
    }).bindTable(
      props.table,
      ['GetItem', 'Query', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
      props.tableKey,
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectTagging', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects(`${HOMEWORK_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:PutObjectTagging'],
        resources: [this.bucket.arnForObjects(`${QUARANTINE_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          this.formatArn({
            service: 'ses',
            resource: 'identity',
            resourceName: config.senderEmail.split('@')[1] ?? config.senderEmail,
          }),
          this.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: props.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': config.senderEmail } },
      }),
    );
    // Lambda puts a failed event in the queue with the function's role: SQS encrypts with that role's key rights.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ScanResultFailuresReachTheDeadLetterQueue',
        principals: [fn.role!],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${this.region}.amazonaws.com` } },
      }),
    );
    Validations.of(fn.role!).acknowledge(
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as never)}.Arn>/${HOMEWORK_PREFIX}*]`,
        reason: 'Any homework file may be the one a scan result names.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as never)}.Arn>/${QUARANTINE_PREFIX}*]`,
        reason: 'Infected files are moved under quarantine/, keeping their key.',
      },
    );
    new Rule(this, 'ScanResults', {
      description: 'GuardDuty malware scan results of the homework-files bucket',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [this.bucket.bucketName] } },
      },
      targets: [
        new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: 3, maxEventAge: Duration.hours(6) }),
      ],
    });
    deadLetters.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        principals: [new ServicePrincipal('events.amazonaws.com')],
        resources: [deadLetters.queueArn],
      }),
    );
    new Alarm(this, 'ScanResultDeadLettersAlarm', {
      alarmDescription: 'A malware scan result could not be applied to its homework file; see the dead-letter queue',
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));

    // Nothing but the scanner and the quarantine mover may read a quarantined object.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects(`${QUARANTINE_PREFIX}*`)],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': [scanRole.roleArn, fn.role!.roleArn] } },
      }),
    );
  }

  /**
   * The course function's access: read, write and delete homework files (it signs the learners' upload forms and the
   * download links with its own role), through the bucket's key and only via S3. A customer-managed policy of this
   * stack, attached to the function's role: the API stack depends on this one, never the other way.
   */
  grantCourseFunction(fn: CeFunction) {
    fn.addEnvironment('FILES_BUCKET', this.bucket.bucketName);
    const policy = new ManagedPolicy(this, 'CourseFunctionFiles', {
      description: 'The course function signs homework-file uploads and downloads',
      statements: [
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [this.bucket.arnForObjects(`${HOMEWORK_PREFIX}*`)],
        }),
        new PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [this.key.keyArn],
          conditions: { StringLike: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
        }),
      ],
    });
    fn.role!.addManagedPolicy(policy);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as never)}.Arn>/${HOMEWORK_PREFIX}*]`,
      reason: "Each learner's files are under homework/; the use case decides whose a request may touch.",
    });
  }
}
