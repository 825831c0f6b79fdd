import { ArnFormat, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface WafStackProps extends StackProps {
  /** Requests one IP address may make in 5 minutes before it is blocked (`ce:wafRateLimit`). */
  rateLimit: number;
  logRetention: RetentionDays;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  metricName,
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
});

const managedRules = (
  priority: number,
  name: string,
  ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
) => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
  visibilityConfig: visibility(name),
});

/**
 * The web domain's AWS WAF web ACL. A web ACL for CloudFront must be created in us-east-1, so this stack lives there
 * whatever the app's region. The distribution (in the app's region) finds the ACL's ARN in an SSM parameter of this
 * stack, read across regions at deploy time: `crossRegionReferences` would need every consuming stack pinned to a
 * region, and the app's stacks are region-agnostic so that `cdk synth` runs offline.
 */
export class WafStack extends Stack {
  /** Where the web ACL's ARN is published, in us-east-1. */
  static readonly WEB_ACL_ARN_PARAMETER = '/ce-certification/web-acl-arn';
  /** CloudFront's web ACLs and their logging exist only in us-east-1. */
  static readonly REGION = 'us-east-1';
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, props);

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'CE certification web domain: per-IP rate limit, AWS managed common and known-bad-input rules',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ce-web'),
      rules: [
        {
          name: 'RatePerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RatePerIp'),
        },
        // Bodies over 8 KB are counted, not blocked: rosters and allocation decisions can be larger; the API checks
        // every body with its schemas, and API Gateway caps payloads.
        managedRules(1, 'AWSManagedRulesCommonRuleSet', [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managedRules(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    // WAF logs must go to a log group named `aws-waf-logs-…`, encrypted here with a key of this region.
    const logsKey = new Key(this, 'WafLogsKey', {
      enableKeyRotation: true,
      description: "Encrypts the CE certification web ACL's logs",
    });
    logsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: 'aws-waf-logs-*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    const logs = new LogGroup(this, 'WafLogs', {
      logGroupName: 'aws-waf-logs-ce-certification',
      retention: props.logRetention,
      encryptionKey: logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Paths and query strings can carry link tokens, and the Authorization header a person's token.
    new CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the trailing `:*` that `logGroupArn` carries.
      logDestinationConfigs: [
        this.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ uriPath: {} }, { queryString: {} }, { singleHeader: { Name: 'authorization' } }],
    });

    new StringParameter(this, 'WebAclArn', {
      parameterName: WafStack.WEB_ACL_ARN_PARAMETER,
      description: "The CE certification web ACL's ARN, read by the distribution's stack in the app's region",
      stringValue: this.webAcl.attrArn,
    });
  }
}
