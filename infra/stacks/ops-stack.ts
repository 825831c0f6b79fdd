import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/**
 * Shared operations: the key every log group of the app is encrypted with, the alarm topic (encrypted, optional email
 * subscription from `ce:alarmEmail`) and the SES configuration set every email is sent with, publishing sends,
 * deliveries, bounces and complaints to CloudWatch; the account's bounce and complaint rates alarm before SES would
 * pause sending.
 */
export class OpsStack extends Stack {
  readonly alarmTopic: Topic;
  readonly configurationSet: ConfigurationSet;
  /** Encrypts every log group of the app (NIST AU-9(3), SC-28(1)). */
  readonly logsKey: Key;

  constructor(scope: Construct, id: string, props: StackProps & { alarmEmail?: string }) {
    super(scope, id, props);
    this.logsKey = new Key(this, 'LogsKey', {
      enableKeyRotation: true,
      description: 'Encrypts the log groups of the CE certification backend',
    });
    // CloudWatch Logs uses the key itself, and only for log groups of this account and region (the encryption
    // context names the log group). Log group names are generated, so the condition cannot name them one by one.
    this.logsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );

    const topicKey = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the alarm topic',
    });
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'CE certification alarms',
      masterKey: topicKey,
      enforceSSL: true,
    });
    // Without both of these, alarms change state but no notification is ever delivered, and nothing says so.
    // CloudWatch publishes as its service principal: the topic's policy must let it (enforceSSL replaced SNS's default
    // policy), and the key's policy must let it make the data key SNS encrypts the message with.
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsEncryptForTopicsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        // SNS names the topic in the encryption context; the topic's own ARN here would be a circular reference.
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:sns:topicArn': this.formatArn({ service: 'sns', resource: '*' }) },
        },
      }),
    );
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    // TLS required to the receiving mail server: SES does not deliver a message (supervisor links, notices to DDS)
    // over an unencrypted connection; it retries, then reports a failure, which the bounce alarm counts.
    this.configurationSet = new ConfigurationSet(this, 'EmailConfigurationSet', {
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('ToCloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: 'ses:configuration-set',
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: 'ce-certification',
        },
      ]),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
      ],
    });
    const alarm = new SnsAction(this.alarmTopic);
    for (const [metricName, threshold, description] of [
      [
        'Reputation.BounceRate',
        0.05,
        'SES bounce rate above 5% (SES reviews accounts at 5% and may pause sending at 10%)',
      ],
      ['Reputation.ComplaintRate', 0.001, 'SES complaint rate above 0.1% (SES reviews accounts at 0.1%)'],
    ] as const) {
      new Alarm(this, metricName.replace('.', ''), {
        alarmDescription: description,
        metric: new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) }),
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarm);
    }
  }
}
