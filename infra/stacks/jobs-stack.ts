import { Duration, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IPrincipal, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { JOBS } from '../../shared/jobs/catalog';
import { functionName } from '../concurrency';
import type { DeployConfig } from '../config';
import { CeFunction, type FunctionSettings, type TableAction } from '../constructs/ce-function';
import { ManagedPolicyRole } from '../constructs/managed-policy-role';

export interface JobsStackProps extends StackProps {
  table: ITableV2;
  tableKey: IKey;
  /** Seals the link tokens of queued emails (see `ApiStack`). */
  linkSealKey: IKey;
  /** Read (users and groups) by the `user-pool-export` job only. */
  userPool: IUserPool;
  functions: FunctionSettings;
  config: DeployConfig;
  alarmTopic: ITopic;
  configurationSet: IConfigurationSet;
  publicBaseUrl: string;
}

const JOB_TABLE_ACTIONS: TableAction[] = [
  'GetItem',
  'Query',
  'BatchGetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'ConditionCheckItem',
];

/**
 * The scheduled jobs of `shared/jobs/catalog.ts`: one function and one EventBridge Scheduler schedule each, in
 * America/New_York. Scheduler invokes a function asynchronously, so its retries and dead-letter queue cover only
 * handing the event to Lambda. A run that fails (throws, times out) is retried by Lambda twice, then Lambda puts the
 * event in the same dead-letter queue (the function's own DLQ rather than an on-failure destination: one queue, one
 * alarm, the message body is the job's input, ready to replay). Emails that could not be delivered (failed after
 * retries, or with an unknown outcome) also alarm.
 */
export class JobsStack extends Stack {
  readonly deadLetters: Queue;
  /** Encrypts the dead-letter queue (the messages name the job and its scheduled time, no personal data). */
  readonly deadLetterKey: Key;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const alarm = new SnsAction(props.alarmTopic);

    this.deadLetterKey = new Key(this, 'JobDeadLettersKey', {
      enableKeyRotation: true,
      description: 'Encrypts the dead-letter queue of the scheduled jobs',
    });
    this.deadLetters = new Queue(this, 'JobDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.deadLetterKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const schedulerRole = new ManagedPolicyRole(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets the job schedules invoke their functions',
    });
    new Alarm(this, 'JobDeadLettersAlarm', {
      alarmDescription:
        'A scheduled job failed after its retries (e.g. the DDS notice could not be sent); see the dead-letter queue',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarm);

    const sesIdentityArn = this.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: config.senderEmail.split('@')[1] ?? config.senderEmail,
    });
    // Who sends to the dead-letter queue: the scheduler (with its execution role) and Lambda (with each job's role).
    const deadLetterSenders: IPrincipal[] = [schedulerRole];
    for (const job of JOBS) {
      const fn = new CeFunction(this, `Job-${job.name}`, {
        ...props.functions,
        name: functionName.job(job.name),
        invocation: {
          type: 'asynchronous',
          deadLetterQueue: this.deadLetters,
          retryAttempts: 2,
          maxEventAge: Duration.hours(2),
        },
        entry: `functions/jobs/${job.name}.ts`,
        description: `Job: ${job.description}`.slice(0, 256),
        timeout: Duration.seconds(job.timeoutSeconds),
        environment: {
          SENDER_EMAIL: config.senderEmail,
          ADS_NOTIFY_EMAILS: config.adsNotifyEmails.join(','),
          DDS_NOTICE_RECIPIENTS: config.ddsNoticeRecipients.join(','),
          SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
          PUBLIC_BASE_URL: props.publicBaseUrl,
        },
      }).bindTable(props.table, JOB_TABLE_ACTIONS, props.tableKey);
      deadLetterSenders.push(fn.role!);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [
            sesIdentityArn,
            this.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: props.configurationSet.configurationSetName,
            }),
          ],
          conditions: { StringEquals: { 'ses:FromAddress': config.senderEmail } },
        }),
      );
      fn.grantLinkSeal(props.linkSealKey);
      if (job.name === 'user-pool-export') {
        fn.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'],
            resources: [props.userPool.userPoolArn],
          }),
        );
      }
      new Schedule(this, `Schedule-${job.name}`, {
        description: job.description.slice(0, 512),
        schedule: ScheduleExpression.cron({ ...job.cron, timeZone: TimeZone.AMERICA_NEW_YORK }),
        target: new LambdaInvoke(fn, {
          role: schedulerRole,
          input: ScheduleTargetInput.fromObject({ job: job.name, scheduledTime: '<aws.scheduler.scheduled-time>' }),
          retryAttempts: 3,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetters,
        }),
      });
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason:
          'The scheduler may invoke any version of this one job function (the grant CDK generates for a schedule target).',
      });
    }

    // SQS encrypts with the sender's own KMS permissions. Granted in the key's policy, to these senders only, and only
    // through SQS: without it, failed runs would vanish instead of reaching the queue that alarms.
    this.deadLetterKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'JobFailuresReachTheDeadLetterQueue',
        principals: deadLetterSenders,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${this.region}.amazonaws.com` } },
      }),
    );

    for (const [name, description] of [
      ['EmailsFailed', 'Emails SES refused after every retry'],
      ['EmailsUnknown', 'Emails whose send timed out after SES may have accepted them: check before resending'],
    ] as const) {
      new Alarm(this, `${name}Alarm`, {
        alarmDescription: description,
        metric: new Metric({
          namespace: 'CeCertification',
          metricName: name,
          dimensionsMap: { service: 'ce-certification' },
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarm);
    }
  }
}
