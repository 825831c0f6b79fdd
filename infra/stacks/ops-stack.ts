import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CloudWatchDimensionSource, ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/**
 * Shared operations: the alarm topic (encrypted, optional email subscription from `ce:alarmEmail`) and the SES
 * configuration set every email is sent with, publishing sends, deliveries, bounces and complaints to CloudWatch;
 * the account's bounce and complaint rates alarm before SES would pause sending.
 */
export class OpsStack extends Stack {
  readonly alarmTopic: Topic;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: StackProps & { alarmEmail?: string }) {
    super(scope, id, props);
    const key = new Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: 'Encrypts the alarm topic' });
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'CE certification alarms',
      masterKey: key,
      enforceSSL: true,
    });
    key.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    this.configurationSet = new ConfigurationSet(this, 'EmailConfigurationSet', { reputationMetrics: true });
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
